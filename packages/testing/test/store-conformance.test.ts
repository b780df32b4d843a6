import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryStore, type Store } from '@dangwu/runtime';
import { createSqliteStore } from '@dangwu/runtime/sqlite';
import { afterAll } from 'vitest';
import { describeStoreConformance } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-conformance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

describeStoreConformance('memory', () => createMemoryStore());

for (const groupCommit of [true, false]) {
  const paths = new WeakMap<Store, string>();
  const open = (path: string): Store => {
    const store = createSqliteStore({ path, groupCommit });
    paths.set(store, path);
    return store;
  };
  describeStoreConformance(
    `sqlite (group commit ${groupCommit ? 'on' : 'off'})`,
    () => open(join(dir, `s${counter++}.db`)),
    {
      reopen: async (store) => {
        const path = paths.get(store) ?? '';
        await store.close();
        return open(path);
      },
    },
  );
}

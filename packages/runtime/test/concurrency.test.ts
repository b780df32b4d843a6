import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { replay } from './support/replay.js';
import { collect, spawnTs } from './support/run-ts.js';
import { actor, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-concurrency-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const child = fileURLToPath(new URL('./support/concurrency-child.ts', import.meta.url));

describe('concurrent sends from several processes', () => {
  it('loses no update; every refusal has a reason and retries succeed', { timeout: 90_000 }, async () => {
    const path = join(dir, 'c.db');
    const store = createSqliteStore({ path });
    const engine = createEngine({ store, processes: [reviewProcess()], orgs });
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'i1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: actor('branch-1'),
    });
    const PER_CHILD = 75;
    const modes = ['auto', 'pinned', 'auto', 'pinned'];
    const results = await Promise.all(
      modes.map((mode, index) => collect(spawnTs(child, [path, `c${index}`, String(PER_CHILD), mode]))),
    );
    const summaries = results.map(({ lines, stderr }) => {
      expect(stderr).toBe('');
      return JSON.parse(lines.at(-1) ?? '{}') as { ok: number; conflicts: number; refusals: string[] };
    });
    for (const summary of summaries) {
      expect(summary.refusals).toEqual([]);
      expect(summary.ok).toBe(PER_CHILD);
    }
    // Pinned senders did meet conflicts (so the race was real) and got through by retrying.
    expect(summaries[1]?.conflicts ?? 0).toBeGreaterThan(0);
    const total = PER_CHILD * modes.length;
    const view = await engine.get('i1', { actor: actor('root') });
    expect(view.snapshot).toMatchObject({ context: { notes: total } });
    expect(view.version).toBe(total + 1);
    const history = await engine.history('i1', { actor: actor('root') });
    expect(history.map((entry) => entry.seq)).toEqual(Array.from({ length: total + 1 }, (_, index) => index + 1));
    expect(view.snapshot).toEqual(replay(reviewProcess(), history));
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: total + 1 });
    await store.close();
  });
});

// Child of concurrency.test.ts: sends `count` NOTE events to one instance, 8 at a time. In `pinned` mode
// each send carries the version it read and retries itself after a VersionConflictError; in `auto` mode
// the engine retries. Prints one JSON summary line.
import { DangwuError } from '@dangwu/rules';
import { createEngine, VersionConflictError } from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { reviewProcess } from '../fixtures/review-process.js';
import { actor, orgs } from './world.js';

const [path = '', name = '', countArg = '0', mode = 'auto'] = process.argv.slice(2);
const count = Number(countArg);
const store = createSqliteStore({ path });
const engine = createEngine({ store, processes: [reviewProcess()], orgs, maxRetries: 1000 });
const who = actor('branch-1', ['member'], name);
const summary = { ok: 0, conflicts: 0, refusals: [] as string[] };
const event = { type: 'NOTE', occurredOn: '2026-03-02', actor: who, count: 1 };

async function sendOne(index: number): Promise<void> {
  for (;;) {
    try {
      if (mode === 'pinned') {
        const { version } = await engine.get('i1', { actor: who });
        await engine.send({ instanceId: 'i1', event, expectedVersion: version, idempotencyKey: `${name}-${index}` });
      } else {
        await engine.send({ instanceId: 'i1', event, idempotencyKey: `${name}-${index}` });
      }
      summary.ok += 1;
      return;
    } catch (error) {
      if (error instanceof VersionConflictError) {
        summary.conflicts += 1;
        continue;
      }
      summary.refusals.push(error instanceof DangwuError ? error.code : `untyped: ${String(error)}`);
      return;
    }
  }
}

let nextIndex = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (nextIndex < count) await sendOne(nextIndex++);
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);

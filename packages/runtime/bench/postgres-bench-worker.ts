// One engine process of postgres-bench.ts: starts its own instances, waits for the common start instant,
// then `senders` concurrent senders each send `sends` NOTE events to their own instance. Prints one JSON
// line: the number of sends, the elapsed milliseconds and every latency (ms).
import { performance } from 'node:perf_hooks';
import { createEngine, createManualClock, type Store } from '../src/index.js';
import { createPostgresStore } from '../src/postgres.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from '../test/fixtures/review-process.js';
import { actor, MARCH_1, orgs } from '../test/support/world.js';

const [kind = '', target = '', schema = '', name = '', sendersArg = '16', sendsArg = '100', startAtArg = '0'] =
  process.argv.slice(2);
const senders = Number(sendersArg);
const sends = Number(sendsArg);
const store: Store =
  kind === 'postgres'
    ? await createPostgresStore({ connectionString: target, schema, poolSize: senders, nodeId: name })
    : createSqliteStore({ path: target });
const engine = createEngine({ store, processes: [reviewProcess()], orgs, clock: createManualClock(MARCH_1) });
const who = actor('branch-1');
const ids = Array.from({ length: senders }, (_, index) => `${name}-${index}`);
for (const instanceId of ids) {
  await engine.start({
    processId: 'fixture-review',
    instanceId,
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: who,
  });
}
const note = { type: 'NOTE', occurredOn: '2026-03-02', actor: who, count: 1 };
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtArg) - Date.now())));
const latencies: number[] = [];
const t0 = performance.now();
await Promise.all(
  ids.map(async (instanceId) => {
    for (let i = 0; i < sends; i += 1) {
      const start = performance.now();
      await engine.send({ instanceId, event: note });
      latencies.push(performance.now() - start);
    }
  }),
);
const elapsedMs = performance.now() - t0;
await store.close();
process.stdout.write(`${JSON.stringify({ count: latencies.length, elapsedMs, latencies })}\n`);

// Child of postgres-multi-node.test.ts: one engine process on a shared PostgreSQL schema. Sends `count`
// SCHEDULE events (6 at a time) spread over `instances` shared instances, each with a deadline already due
// by the database clock and an idempotency key `<name>-<k>`, acknowledging each commit on stdout; a timer
// loop fires due timers meanwhile. At the end it keeps firing until no timer is due anywhere (including
// timers another node claimed and then died with), then prints `done`.
import { createEngine } from '../../src/index.js';
import { createPostgresStore } from '../../src/postgres.js';
import { reviewProcess } from '../fixtures/review-process.js';
import { actor, orgs } from './world.js';

const [url = '', schema = '', name = '', countArg = '0', instancesArg = '1', leaseArg = '1000'] = process.argv.slice(2);
const count = Number(countArg);
const instances = Number(instancesArg);
/** Timers due after this instant (the far-future deadlines) must never fire. */
const FAR = Date.UTC(2090, 0, 1);

const store = await createPostgresStore({
  connectionString: url,
  schema,
  nodeId: `${name}-${process.pid}`,
  claimLeaseMs: Number(leaseArg),
  poolSize: 6,
});
// Every node reads the database's clock, so they agree on what is due.
const engine = createEngine({ store, processes: [reviewProcess()], orgs, clock: store.clock, maxRetries: 10_000 });
const who = actor('branch-1');
const loop = engine.startTimerLoop({
  intervalMs: 20,
  onError: (error) => process.stderr.write(`timer loop: ${String(error)}\n`),
});
process.stdout.write('ready\n');

let next = 0;
const node = Number(name.replace(/\D/g, '')) || 0;
await Promise.all(
  Array.from({ length: 6 }, async () => {
    while (next < count) {
      const k = next++;
      const instanceId = `m${String((k * 7 + node * 3) % instances).padStart(3, '0')}`;
      const result = await engine.send({
        instanceId,
        idempotencyKey: `${name}-${k}`,
        event: {
          type: 'SCHEDULE',
          occurredOn: '2026-03-01',
          actor: who,
          deadlineId: `${name}k${k}`,
          due: '2026-03-01',
        },
      });
      process.stdout.write(`ack ${name}-${k} ${instanceId} ${result.seq}\n`);
    }
  }),
);
await loop.stop();
for (;;) {
  await engine.runDueTimers();
  const due = await store.nextTimerDue();
  if (due === undefined || due > FAR) break;
  await new Promise((resolve) => setTimeout(resolve, Math.max(10, Math.min(200, due - store.clock.now()))));
}
await store.close();
process.stdout.write('done\n');

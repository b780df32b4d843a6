// Child of crash.test.ts: applies ops [from, total) to one instance, acknowledging each commit on stdout,
// and fires due timers after every op. Re-sent ops carry the same idempotency key, so a restart after
// SIGKILL may safely repeat the op that was committed but not yet acknowledged.
import { addDays } from '@dangwu/rules';
import { createEngine, createManualClock } from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { reviewProcess } from '../fixtures/review-process.js';
import { actor, DAY, MARCH_1, orgs } from './world.js';

const [path = '', fromArg = '0', totalArg = '0'] = process.argv.slice(2);
const from = Number(fromArg);
const total = Number(totalArg);
const clock = createManualClock(MARCH_1);
const engine = createEngine({ store: createSqliteStore({ path }), processes: [reviewProcess()], clock, orgs });
const who = actor('branch-1');
process.stdout.write('ready\n');

if (from === 0) {
  await engine.start({
    processId: 'fixture-review',
    instanceId: 'i1',
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: who,
    idempotencyKey: 'start',
  });
}
// Catch up on timers missed while this process was down.
await engine.runDueTimers(MARCH_1 + Math.floor(from / 4) * DAY + DAY / 2);
for (let op = from; op < total; op += 1) {
  const group = Math.floor(op / 4);
  clock.set(MARCH_1 + group * DAY + DAY / 2);
  const result = await engine.send({
    instanceId: 'i1',
    idempotencyKey: `op-${op}`,
    event: {
      type: 'SCHEDULE',
      occurredOn: '2026-03-01',
      actor: who,
      deadlineId: `d${op}`,
      due: addDays('2026-03-01', group),
    },
  });
  process.stdout.write(`ack ${op} ${result.seq}\n`);
  await engine.runDueTimers();
}
if (from <= total) {
  await engine.runDueTimers(MARCH_1 + 10_000 * DAY);
  process.stdout.write('done\n');
}

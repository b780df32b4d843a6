// Prints the runtime's throughput and latency figures side by side with baselines (not a test).
// Run: pnpm --filter @dangwu/runtime bench [-- --instances 1000000 --sends 2000 --timers 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createActor } from 'xstate';
import { createEngine, createManualClock, type Engine } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewMachine, reviewProcess } from '../test/fixtures/review-process.js';
import { actor, DAY, MARCH_1, orgs } from '../test/support/world.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const SENDS = flag('sends', 2000);
const TIMERS = flag('timers', 100_000);
const INSTANCES = flag('instances', 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'dangwu-bench-'));
const who = actor('branch-1');
const note = { type: 'NOTE', occurredOn: '2026-03-02', actor: who, count: 1 };
const input = { orgId: 'branch-1', openedOn: '2026-03-01' };
let dbCount = 0;

function engineOn(options: { groupCommit: boolean; synchronous: 'FULL' | 'NORMAL'; path?: string }) {
  const path = options.path ?? join(dir, `b${dbCount++}.db`);
  const store = createSqliteStore({ path, groupCommit: options.groupCommit, synchronous: options.synchronous });
  const engine = createEngine({ store, processes: [reviewProcess()], orgs, clock: createManualClock(MARCH_1) });
  return { path, store, engine };
}

async function startMany(engine: Engine, count: number, prefix: string, parallel = 256): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const id = `${prefix}${String(next++).padStart(8, '0')}`;
        await engine.start({ processId: 'fixture-review', instanceId: id, input, actor: who });
      }
    }),
  );
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

async function durableVsBare(): Promise<void> {
  const { engine, store } = engineOn({ groupCommit: false, synchronous: 'FULL' });
  await startMany(engine, 1, 'd', 1);
  const t0 = performance.now();
  for (let i = 0; i < SENDS; i += 1) await engine.send({ instanceId: 'd00000000', event: note });
  const engineRate = SENDS / ((performance.now() - t0) / 1000);
  await store.close();

  const db = new Database(join(dir, `bare${dbCount++}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE i (id TEXT PRIMARY KEY, v INTEGER, record TEXT); CREATE TABLE a (id TEXT, seq INTEGER, entry TEXT, PRIMARY KEY (id, seq))',
  );
  const upsert = db.prepare(
    'INSERT INTO i VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET v = excluded.v, record = excluded.record',
  );
  const append = db.prepare('INSERT INTO a VALUES (?, ?, ?)');
  const step = db.transaction((seq: number) => {
    upsert.run('x', seq, JSON.stringify({ seq, context: { notes: seq } }));
    append.run('x', seq, JSON.stringify({ seq, type: 'NOTE' }));
  });
  const t1 = performance.now();
  for (let i = 0; i < SENDS; i += 1) step(i);
  const bareRate = SENDS / ((performance.now() - t1) / 1000);
  db.close();
  console.log(`1. durable sends, one fsync'd transaction each (synchronous=FULL), ${SENDS} sends`);
  console.log(
    `   engine ${fmt(engineRate)}/s  bare better-sqlite3 ${fmt(bareRate)}/s  ratio ${fmt((engineRate / bareRate) * 100)}% (target ≥ 70%)`,
  );
}

async function groupCommitVsXstate(): Promise<void> {
  const senders = 64;
  const { engine, store } = engineOn({ groupCommit: true, synchronous: 'FULL' });
  await startMany(engine, senders, 'g', senders);
  const latencies: number[] = [];
  const perSender = Math.max(1, Math.ceil(SENDS / senders));
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, sender) => {
      const instanceId = `g${String(sender).padStart(8, '0')}`;
      for (let i = 0; i < perSender; i += 1) {
        const start = performance.now();
        await engine.send({ instanceId, event: note });
        latencies.push(performance.now() - start);
      }
    }),
  );
  const engineRate = (perSender * senders) / ((performance.now() - t0) / 1000);
  await store.close();
  latencies.sort((a, b) => a - b);

  let persisted = JSON.stringify(
    reviewMachine.getPersistedSnapshot(createActor(reviewMachine, { input }).getSnapshot()),
  );
  const loops = perSender * senders;
  const t1 = performance.now();
  for (let i = 0; i < loops; i += 1) {
    const live = createActor(reviewMachine, { snapshot: JSON.parse(persisted) }).start();
    live.send(note as never);
    persisted = JSON.stringify(live.getPersistedSnapshot());
    live.stop();
  }
  const xstateRate = loops / ((performance.now() - t1) / 1000);
  console.log(`2. group commit, ${senders} concurrent senders (synchronous=FULL), ${loops} sends`);
  console.log(
    `   engine ${fmt(engineRate)}/s (p50 ${fmt(percentile(latencies, 0.5))} ms, p99 ${fmt(percentile(latencies, 0.99))} ms)  xstate restore→send→persist in memory ${fmt(xstateRate)}/s  ratio ${fmt((engineRate / xstateRate) * 100)}% (target ≥ 50%, p99 ≤ 5 ms)`,
  );
}

async function timers(): Promise<void> {
  const perInstance = 4;
  const instances = Math.ceil(TIMERS / perInstance);
  const setup = engineOn({ groupCommit: true, synchronous: 'NORMAL' });
  await startMany(setup.engine, instances, 't');
  let next = 0;
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next < instances * perInstance) {
        const n = next++;
        const instanceId = `t${String(Math.floor(n / perInstance)).padStart(8, '0')}`;
        await setup.engine.send({
          instanceId,
          event: {
            type: 'SCHEDULE',
            occurredOn: '2026-03-01',
            actor: who,
            deadlineId: `d${n % perInstance}`,
            due: '2026-03-02',
          },
        });
      }
    }),
  );
  await setup.store.close();
  const run = engineOn({ groupCommit: true, synchronous: 'FULL', path: setup.path });
  const t0 = performance.now();
  const report = await run.engine.runDueTimers(MARCH_1 + 3 * DAY);
  const seconds = (performance.now() - t0) / 1000;
  await run.store.close();
  const db = new Database(setup.path, { readonly: true });
  const fired = db
    .prepare<[], { n: number; uniq: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT instance_id || '/' || json_extract(entry, '$.payload.deadlineId')) AS uniq
     FROM audit WHERE json_extract(entry, '$.kind') = 'timer'`,
    )
    .get();
  db.close();
  console.log(
    `3. due timers fired (synchronous=FULL, group commit): ${instances * perInstance} timers on ${instances} instances`,
  );
  console.log(
    `   ${fmt(report.fired / seconds)}/s (target ≥ 20,000/s); fired ${report.fired}, audit entries ${fired?.n}, distinct ${fired?.uniq} (exactly once: ${fired?.n === instances * perInstance && fired?.uniq === fired?.n})`,
  );
}

async function manyInstances(): Promise<void> {
  const build = engineOn({ groupCommit: true, synchronous: 'NORMAL' });
  const t0 = performance.now();
  await startMany(build.engine, INSTANCES, 'm', 512);
  const buildSeconds = (performance.now() - t0) / 1000;
  await build.store.close();
  (globalThis as { gc?: () => void }).gc?.();
  const run = engineOn({ groupCommit: true, synchronous: 'FULL', path: build.path });
  const reader = actor('root');
  const latencies: number[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const id = `m${String(Math.floor(Math.random() * INSTANCES)).padStart(8, '0')}`;
    const start = performance.now();
    await run.engine.get(id, { actor: reader });
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  const rss = process.memoryUsage().rss / 2 ** 20;
  await run.store.close();
  console.log(
    `4. ${fmt(INSTANCES)} stored instances (built in ${fmt(buildSeconds)} s, ${fmt(INSTANCES / buildSeconds)} starts/s)`,
  );
  console.log(
    `   get p50 ${fmt(percentile(latencies, 0.5) * 1000)} µs, p99 ${fmt(percentile(latencies, 0.99) * 1000)} µs (target ≤ 1 ms); process RSS ${fmt(rss)} MB (target ≤ 200 MB)`,
  );
}

try {
  console.log(`dangwu runtime bench — node ${process.version}, ${new Date().toISOString()}`);
  await durableVsBare();
  await groupCommitVsXstate();
  await timers();
  await manyInstances();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

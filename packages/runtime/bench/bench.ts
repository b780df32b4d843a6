// Prints the runtime's throughput and latency figures side by side with baselines (not a test), for the
// fixture process and for the real member-development, life-meeting and relationship-transfer processes
// (national profile).
// Run: pnpm --filter @dangwu/runtime bench [-- --instances 1000000 --sends 8000 --timers 100000 --warmup 20000 --only 1,2,3,4]
// Engine and baseline run in alternating rounds, so a disk or CPU shared with other work slows both alike
// (XState's loop, target 2's baseline, in a child process of its own: see xstate-child.ts),
// after the same warm-up of each side (20,000 sends or loops), so neither is measured while V8 is still
// compiling it or while the WAL file is still growing to its checkpoint size (until then every commit
// extends the file, and its fsync also writes the file system's journal). With 500, a section run alone
// measured the engine still warming up; with 2,000 (about 940 of the 1,000 WAL pages after section 2's
// warm-up), section 2's p99 was 6.8–7.9 ms and its ratio 48–51 % where 20,000 gave 3.1–4.3 ms and
// 57–60 % (machine I, alternating runs).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createEngine, createManualClock, type Engine } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { actor, DAY, MARCH_1, orgs } from '../test/support/world.js';
import { bareGroupCommit, bareLoop } from './baselines.js';
import { development, fixture, fixtureWho, lifeMeeting, type Workload, workloads } from './workloads.js';
import { startXstateChild, type XstateChild } from './xstate-child.js';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const SENDS = flag('sends', 8000);
const TIMERS = flag('timers', 100_000);
const INSTANCES = flag('instances', 1_000_000);
const onlyIndex = process.argv.indexOf('--only');
const ONLY = new Set(onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : []);
const runs = (section: string): boolean => ONLY.size === 0 || ONLY.has(section);
const ROUNDS = 8;
const WARMUP = flag('warmup', 20_000);
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const pad = (n: number): string => String(n).padStart(8, '0');

const dir = mkdtempSync(join(tmpdir(), 'dangwu-bench-'));
let dbCount = 0;

function engineOn(
  workload: Workload,
  options: { groupCommit: boolean; synchronous: 'FULL' | 'NORMAL'; path?: string },
): { path: string; store: ReturnType<typeof createSqliteStore>; engine: Engine } {
  const path = options.path ?? join(dir, `b${dbCount++}.db`);
  const store = createSqliteStore({ path, groupCommit: options.groupCommit, synchronous: options.synchronous });
  const engine = createEngine({
    store,
    processes: [workload.definition],
    orgs: workload.orgs ?? orgs,
    clock: createManualClock(MARCH_1),
  });
  return { path, store, engine };
}

async function startMany(
  engine: Engine,
  workload: Workload,
  count: number,
  prefix: string,
  parallel = 256,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        const id = `${prefix}${pad(next++)}`;
        await engine.start({
          processId: workload.definition.id,
          instanceId: id,
          input: workload.input(id),
          actor: workload.who,
        });
      }
    }),
  );
}

/**
 * A sender that walks instances through the workload's event stream: `next()` sends one event, starting
 * (untimed) a fresh instance from the pool when the current one's stream is over.
 */
function streamSender(engine: Engine, workload: Workload, pool: string[]) {
  let instanceId = pool.shift();
  let position = 0;
  return {
    async next(): Promise<number> {
      if (workload.event(position) === undefined) {
        instanceId = pool.shift();
        position = 0;
      }
      if (instanceId === undefined) throw new Error('bench: instance pool exhausted');
      const event = workload.event(position);
      position += 1;
      const t = performance.now();
      await engine.send({ instanceId, event });
      return performance.now() - t;
    },
  };
}

/** How many fresh instances `sends` sends over `senders` senders need. */
function poolSize(workload: Workload, sends: number, senders: number): number {
  let length = 0;
  while (workload.event(length) !== undefined && length < 1000) length += 1;
  return length >= 1000 ? senders : senders * (Math.ceil(sends / senders / length) + 1);
}

/**
 * Microseconds per send of one sequential sender on an in-memory database, and per transaction of the
 * bare loop there: the CPU each side spends per event when no disk is involved.
 */
async function withoutDisk(workload: Workload): Promise<{ engine: number; bare: number }> {
  const { engine, store } = engineOn(workload, { groupCommit: false, synchronous: 'FULL', path: ':memory:' });
  const poolCount = poolSize(workload, SENDS + WARMUP, 1);
  await startMany(engine, workload, poolCount, 'm', 1);
  const sender = streamSender(
    engine,
    workload,
    Array.from({ length: poolCount }, (_, i) => `m${pad(i)}`),
  );
  for (let i = 0; i < WARMUP; i += 1) await sender.next();
  const t0 = performance.now();
  for (let i = 0; i < SENDS; i += 1) await sender.next();
  const engineUs = ((performance.now() - t0) * 1000) / SENDS;
  await store.close();
  const bare = bareLoop(':memory:');
  for (let seq = 0; seq < WARMUP; seq += 1) bare.step(seq);
  const t1 = performance.now();
  for (let seq = WARMUP; seq < WARMUP + SENDS; seq += 1) bare.step(seq);
  const bareUs = ((performance.now() - t1) * 1000) / SENDS;
  bare.db.close();
  return { engine: engineUs, bare: bareUs };
}

async function durableVsBare(workload: Workload, xstate: XstateChild): Promise<void> {
  const { engine, store } = engineOn(workload, { groupCommit: false, synchronous: 'FULL' });
  const poolCount = poolSize(workload, SENDS + WARMUP, 1);
  await startMany(engine, workload, poolCount, 'd', 1);
  const sender = streamSender(
    engine,
    workload,
    Array.from({ length: poolCount }, (_, i) => `d${pad(i)}`),
  );

  const keyed = bareLoop(join(dir, `bare${dbCount++}.db`));
  const appendOnly = bareLoop(join(dir, `bare${dbCount++}.db`), 'append-only');
  let seq = 0;
  for (let i = 0; i < WARMUP; i += 1) {
    await sender.next();
    keyed.step(seq);
    appendOnly.step(seq++);
  }
  let engineMs = 0;
  let keyedMs = 0;
  let appendOnlyMs = 0;
  const perRound = Math.ceil(SENDS / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i += 1) await sender.next();
    engineMs += performance.now() - t0;
    const t1 = performance.now();
    for (let i = 0; i < perRound; i += 1) keyed.step(seq + i);
    keyedMs += performance.now() - t1;
    const t2 = performance.now();
    for (let i = 0; i < perRound; i += 1) appendOnly.step(seq + i);
    appendOnlyMs += performance.now() - t2;
    seq += perRound;
  }
  await store.close();
  keyed.db.close();
  appendOnly.db.close();
  const rate = (ms: number): number => (perRound * ROUNDS) / (ms / 1000);
  const [engineRate, bareRate, appendOnlyRate] = [rate(engineMs), rate(keyedMs), rate(appendOnlyMs)];
  console.log(
    `1. ${workload.name}: durable sends, one fsync'd transaction each (synchronous=FULL), ${perRound * ROUNDS} sends`,
  );
  console.log(
    `   engine ${fmt(engineRate)}/s  bare better-sqlite3 ${fmt(bareRate)}/s  ratio ${fmt((engineRate / bareRate) * 100)}% (target ≥ 70%)`,
  );
  console.log(
    `   bare with an append-only audit table (no key but the rowid) ${fmt(appendOnlyRate)}/s  ratio ${fmt((engineRate / appendOnlyRate) * 100)}%`,
  );
  const cpu = await withoutDisk(workload);
  console.log(
    `   per event: engine ${fmt(1e6 / engineRate)} µs, bare ${fmt(1e6 / bareRate)} µs; on in-memory databases (no disk) engine ${fmt(cpu.engine)} µs, bare ${fmt(cpu.bare)} µs`,
  );
  // The bare loop does none of the process's own work, which no runtime can skip: next to it, the same
  // transaction plus XState's own restore→send→persist loop of the workload (its machine's CPU per event).
  await xstate.loops(workload, WARMUP);
  const xstateUs = ((await xstate.loops(workload, SENDS)) * 1000) / SENDS;
  const withProcessUs = 1e6 / bareRate + xstateUs;
  console.log(
    `   with the process's own work: bare transaction plus XState's loop ${fmt(withProcessUs)} µs per event (${fmt(1e6 / withProcessUs)}/s; XState's loop ${fmt(xstateUs)} µs), engine ratio ${fmt((withProcessUs / (1e6 / engineRate)) * 100)}%`,
  );
}

async function groupCommitVsXstate(workload: Workload, xstate: XstateChild, path?: string): Promise<void> {
  const senders = 64;
  const perSender = Math.max(1, Math.ceil(SENDS / senders));
  const { engine, store } = engineOn(workload, { groupCommit: true, synchronous: 'FULL', ...(path ? { path } : {}) });
  const poolCount = poolSize(workload, (perSender + Math.ceil(WARMUP / senders)) * senders, senders);
  await startMany(engine, workload, poolCount, 'g', senders);
  const ids = Array.from({ length: poolCount }, (_, i) => `g${pad(i)}`);
  const perPool = Math.floor(poolCount / senders);
  const streams = Array.from({ length: senders }, (_, s) =>
    streamSender(engine, workload, ids.slice(s * perPool, (s + 1) * perPool)),
  );
  // The same warm-up on both sides: about WARMUP sends over the 64 senders, WARMUP loops of XState.
  await Promise.all(
    streams.map(async (stream) => {
      for (let i = 0; i < Math.ceil(WARMUP / senders); i += 1) await stream.next();
    }),
  );
  await xstate.loops(workload, WARMUP);
  const disk = path === ':memory:' ? undefined : diskAlone(store.path, senders);
  const latencies: number[] = [];
  const diskLatencies: number[] = [];
  let engineMs = 0;
  let xstateMs = 0;
  // Each round's µs per send on either side, printed so a run shows whether either was still warming up.
  const engineRounds: number[] = [];
  const xstateRounds: number[] = [];
  const perRound = Math.max(1, Math.ceil(perSender / ROUNDS));
  for (let round = 0; round < ROUNDS; round += 1) {
    const t0 = performance.now();
    await Promise.all(
      streams.map(async (stream) => {
        for (let i = 0; i < perRound; i += 1) latencies.push(await stream.next());
      }),
    );
    const engineRound = performance.now() - t0;
    engineMs += engineRound;
    engineRounds.push((engineRound * 1000) / (perRound * senders));
    const xstateRound = await xstate.loops(workload, perRound * senders);
    xstateMs += xstateRound;
    xstateRounds.push((xstateRound * 1000) / (perRound * senders));
    // Four times as many commits as the round had sends per sender, so the tail rests on more samples.
    if (disk) for (let i = 0; i < 4 * perRound; i += 1) diskLatencies.push(disk.commit());
  }
  await store.close();
  await disk?.close();
  latencies.sort((a, b) => a - b);
  const total = perRound * senders * ROUNDS;
  const engineRate = total / (engineMs / 1000);
  const xstateRate = total / (xstateMs / 1000);
  console.log(
    path === ':memory:'
      ? '   the same on an in-memory database (no disk, no fsync: the ceiling of the engine on this machine):'
      : `2. ${workload.name}: group commit, ${senders} concurrent senders (synchronous=FULL), ${total} sends`,
  );
  console.log(
    `   engine ${fmt(engineRate)}/s (p50 ${fmt(percentile(latencies, 0.5))} ms, p99 ${fmt(percentile(latencies, 0.99))} ms)  xstate restore→send→persist in memory ${fmt(xstateRate)}/s  ratio ${fmt((engineRate / xstateRate) * 100)}% (target ≥ 50%, p99 ≤ 5 ms)`,
  );
  const rounded = (list: number[]): string => list.map((us) => us.toFixed(0)).join(' ');
  console.log(`   µs per send, round by round: engine ${rounded(engineRounds)}; XState ${rounded(xstateRounds)}`);
  if (diskLatencies.length > 0) {
    diskLatencies.sort((a, b) => a - b);
    console.log(
      `   the disk alone (bare better-sqlite3, ${diskLatencies.length} fsync'd transactions of ${senders} upserts and ${senders} appends of the engine's row sizes, its background checkpoints): commit p50 ${fmt(percentile(diskLatencies, 0.5))} ms, p99 ${fmt(percentile(diskLatencies, 0.99))} ms, max ${fmt(diskLatencies.at(-1) ?? 0)} ms; a send waits for one such commit (or a dearer one: its index pages) besides the CPU of its batch`,
    );
  }
}

/**
 * {@link bareGroupCommit} with rows the size of those the engine wrote to `enginePath` (its newest audit
 * entry and the record of the instance it belongs to: one mid-stream, not a spare one never sent to),
 * warmed up.
 */
function diskAlone(enginePath: string, senders: number): ReturnType<typeof bareGroupCommit> {
  const engineDb = new Database(enginePath, { readonly: true });
  const sizes = engineDb
    .prepare<[], { record: string; entry: string }>(
      'SELECT instances.record, audit.entry FROM audit JOIN instances ON instances.id = audit.instance_id ORDER BY audit.id DESC LIMIT 1',
    )
    .get();
  engineDb.close();
  if (sizes === undefined) throw new Error('bench: the engine wrote no rows to size the bare batch by');
  const disk = bareGroupCommit(join(dir, `disk${dbCount++}.db`), sizes.record, sizes.entry, senders);
  for (let i = 0; i < Math.ceil(WARMUP / senders); i += 1) disk.commit();
  return disk;
}

async function timers(): Promise<void> {
  const perInstance = 4;
  const instances = Math.ceil(TIMERS / perInstance);
  const setup = engineOn(fixture, { groupCommit: true, synchronous: 'NORMAL' });
  await startMany(setup.engine, fixture, instances, 't');
  let next = 0;
  await Promise.all(
    Array.from({ length: 256 }, async () => {
      while (next < instances * perInstance) {
        const n = next++;
        await setup.engine.send({
          instanceId: `t${pad(Math.floor(n / perInstance))}`,
          event: {
            type: 'SCHEDULE',
            occurredOn: '2026-03-01',
            actor: fixtureWho,
            deadlineId: `d${n % perInstance}`,
            due: '2026-03-02',
          },
        });
      }
    }),
  );
  await setup.store.close();
  await fireAndCount(
    fixture,
    setup.path,
    instances * perInstance,
    `${instances * perInstance} timers on ${instances} instances`,
    MARCH_1 + 3 * DAY,
  );

  // Member development: every new case has the 谈话 deadline (DEV-APPLY-TALK-DEADLINE); firing it marks the case
  // overdue.
  await deadlineOnEveryCase(development, 'talk deadlines', Date.UTC(2025, 5, 1));
  // Life meeting: every new case is due to meet by the end of its period (OLM-FREQ, 2025-12-31).
  await deadlineOnEveryCase(lifeMeeting, 'meeting deadlines', Date.UTC(2026, 0, 15));
  // The relationship transfer has none to fire here: under the national profile its deadlines start with
  // a letter issued (REL-ROUTING, REL-LETTER-VALIDITY) or an absence, and the non-transfer period is unset.
}

/**
 * Starts cases of `workload`, each with one deadline due by `at` and no event sent, and fires them. A case's
 * input carries its whole rule profile (about 40 KB), so starting cases is slow: fewer of them.
 */
async function deadlineOnEveryCase(workload: Workload, what: string, at: number): Promise<void> {
  const cases = Math.max(1, Math.ceil(TIMERS / 100));
  const build = engineOn(workload, { groupCommit: true, synchronous: 'NORMAL' });
  await startMany(build.engine, workload, cases, 'c');
  await build.store.close();
  await fireAndCount(workload, build.path, cases, `${cases} ${what} on ${cases} cases`, at);
}

async function fireAndCount(workload: Workload, path: string, expected: number, what: string, at: number) {
  const run = engineOn(workload, { groupCommit: true, synchronous: 'FULL', path });
  const t0 = performance.now();
  const report = await run.engine.runDueTimers(at);
  const seconds = (performance.now() - t0) / 1000;
  await run.store.close();
  const db = new Database(path, { readonly: true });
  const fired = db
    .prepare<[], { n: number; uniq: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT instance_id || '/' || json_extract(entry, '$.payload.deadlineId')) AS uniq
     FROM audit WHERE json_extract(entry, '$.kind') = 'timer'`,
    )
    .get();
  db.close();
  const handled = report.fired + report.ignored;
  console.log(`3. ${workload.name}: due timers fired (synchronous=FULL, group commit): ${what}`);
  console.log(
    `   ${fmt(handled / seconds)}/s (target ≥ 20,000/s); fired ${report.fired}, ignored ${report.ignored}, failed ${report.failed}, audit entries ${fired?.n}, distinct ${fired?.uniq} (exactly once: ${fired?.n === expected && fired?.uniq === fired?.n})`,
  );
}

async function manyInstances(): Promise<void> {
  const build = engineOn(fixture, { groupCommit: true, synchronous: 'NORMAL' });
  const t0 = performance.now();
  await startMany(build.engine, fixture, INSTANCES, 'm', 512);
  const buildSeconds = (performance.now() - t0) / 1000;
  await build.store.close();
  // The reads run in a fresh process, so its RSS is the engine's, not the build's garbage.
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--gets', build.path],
    {
      encoding: 'utf8',
      env: { ...process.env, DANGWU_BENCH_INSTANCES: String(INSTANCES) },
    },
  );
  if (child.status !== 0) throw new Error(`bench: get child failed: ${child.stderr}`);
  const figures = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
    p50: number;
    p99: number;
    rss: number;
    heap: number;
  };
  console.log(
    `4. ${fmt(INSTANCES)} stored instances (built in ${fmt(buildSeconds)} s, ${fmt(INSTANCES / buildSeconds)} starts/s)`,
  );
  console.log(
    `   get p50 ${fmt(figures.p50 * 1000)} µs, p99 ${fmt(figures.p99 * 1000)} µs (target ≤ 1 ms); engine process RSS ${fmt(figures.rss)} MB, heap ${fmt(figures.heap)} MB (target ≤ 200 MB)`,
  );
}

/** The child of {@link manyInstances}: random reads over the stored instances, then its own memory. */
async function getsChild(path: string): Promise<void> {
  const count = Number(process.env.DANGWU_BENCH_INSTANCES);
  const run = engineOn(fixture, { groupCommit: true, synchronous: 'FULL', path });
  const reader = actor('root');
  const latencies: number[] = [];
  for (let i = 0; i < 20_000; i += 1) {
    const id = `m${pad(Math.floor(Math.random() * count))}`;
    const start = performance.now();
    await run.engine.get(id, { actor: reader });
    latencies.push(performance.now() - start);
  }
  latencies.sort((a, b) => a - b);
  const memory = process.memoryUsage();
  await run.store.close();
  process.stdout.write(
    `${JSON.stringify({ p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rss: memory.rss / 2 ** 20, heap: memory.heapUsed / 2 ** 20 })}\n`,
  );
}

const getsIndex = process.argv.indexOf('--gets');
if (getsIndex >= 0) {
  await getsChild(process.argv[getsIndex + 1] ?? '');
} else {
  // Closed however the run ends, so a failed run leaves no child behind.
  let xstate: XstateChild | undefined;
  try {
    const started = performance.now();
    console.log(
      `dangwu runtime bench — node ${process.version}, ${new Date().toISOString()}; --sends ${SENDS} --timers ${TIMERS} --instances ${INSTANCES} --warmup ${WARMUP}`,
    );
    xstate = startXstateChild();
    const machine = await xstate.reference();
    console.log(
      `machine: XState restore→send→persist loop (fixture) ${fmt(machine.xstateLoopsPerSecond)}/s, JSON round trip of a small object ${fmt(machine.jsonRoundTripUs * 1000)} ns`,
    );
    if (runs('1')) for (const workload of workloads) await durableVsBare(workload, xstate);
    if (runs('2')) {
      for (const workload of workloads) {
        await groupCommitVsXstate(workload, xstate);
        await groupCommitVsXstate(workload, xstate, ':memory:');
      }
    }
    if (runs('3')) await timers();
    xstate.close();
    if (runs('4')) await manyInstances();
    console.log(`total ${fmt((performance.now() - started) / 1000)} s`);
  } finally {
    xstate?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

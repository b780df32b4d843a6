// Measures how the engine's own work and its fsync'd commits slow each other down (not a test).
// Commits are captured from a fixture engine on an in-memory database, then replayed into a file store
// with synchronous=FULL: once alone, once with a fresh engine send (on the in-memory database) before
// each commit. The rounds alternate so the disk's mood affects both alike.
// Run: pnpm --filter @dangwu/runtime bench:interference [-- --commits 8000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, createManualClock, type Engine } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import type { CommitRequest, Store } from '../src/store/store.js';
import { reviewProcess } from '../test/fixtures/review-process.js';
import { actor, MARCH_1, orgs } from '../test/support/world.js';

const index = process.argv.indexOf('--commits');
const COMMITS = index >= 0 && Number(process.argv[index + 1]) > 0 ? Number(process.argv[index + 1]) : 8000;
const WARMUP = 2000;
const ROUNDS = 8;
const who = actor('branch-1');
const note = () => ({ type: 'NOTE', occurredOn: '2026-03-02', actor: who, count: 1 });

/** An engine on an in-memory database whose commits, once `recording.on`, are also kept in `recorded`. */
async function recordingEngine(instanceId: string) {
  const memory = createSqliteStore({ path: ':memory:', groupCommit: false });
  const recorded: CommitRequest[] = [];
  const recording = { on: true };
  const store: Store = {
    ...memory,
    commit(request) {
      if (recording.on) recorded.push(request);
      return memory.commit(request);
    },
  };
  const engine = createEngine({ store, processes: [reviewProcess()], orgs, clock: createManualClock(MARCH_1) });
  await engine.start({
    processId: reviewProcess().id,
    instanceId,
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: who,
  });
  return { engine, recorded, recording, close: () => memory.close() };
}

/** Replays `requests` into `store`; returns the microseconds spent in commits and in the whole loop. */
async function replay(store: Store, requests: readonly CommitRequest[], between?: Engine) {
  let inCommits = 0;
  const started = performance.now();
  for (const request of requests) {
    if (between) await between.send({ instanceId: 'between', event: note() });
    const t = performance.now();
    const outcome = await store.commit(request);
    inCommits += performance.now() - t;
    if (!outcome.ok) throw new Error('bench: a replayed commit conflicted');
  }
  return { inCommits: inCommits * 1000, total: (performance.now() - started) * 1000 };
}

const dir = mkdtempSync(join(tmpdir(), 'dangwu-interference-'));
try {
  const source = await recordingEngine('x');
  // Two streams of the same instance history: one replayed alone, one with engine work between commits.
  for (let i = 0; i < WARMUP + COMMITS; i += 1) await source.engine.send({ instanceId: 'x', event: note() });
  source.recording.on = false;
  const history = source.recorded;
  const alone = createSqliteStore({ path: join(dir, 'alone.db'), groupCommit: false, synchronous: 'FULL' });
  const mixed = createSqliteStore({ path: join(dir, 'mixed.db'), groupCommit: false, synchronous: 'FULL' });
  const between = await recordingEngine('between');
  between.recording.on = false;
  await replay(alone, history.slice(0, WARMUP + 1));
  await replay(mixed, history.slice(0, WARMUP + 1), between.engine);
  const perRound = Math.floor(COMMITS / ROUNDS);
  const sums = { alone: { inCommits: 0, total: 0 }, mixed: { inCommits: 0, total: 0 } };
  for (let round = 0; round < ROUNDS; round += 1) {
    const slice = history.slice(WARMUP + 1 + round * perRound, WARMUP + 1 + (round + 1) * perRound);
    const a = await replay(alone, slice);
    const m = await replay(mixed, slice, between.engine);
    sums.alone.inCommits += a.inCommits;
    sums.alone.total += a.total;
    sums.mixed.inCommits += m.inCommits;
    sums.mixed.total += m.total;
  }
  const n = perRound * ROUNDS;
  const fmt = (us: number): string => (us / n).toFixed(1);
  console.log(`${n} replayed fixture commits (synchronous=FULL, one transaction each), µs per commit:`);
  console.log(`  alone:                                commit ${fmt(sums.alone.inCommits)}`);
  console.log(
    `  with an in-memory engine send between: commit ${fmt(sums.mixed.inCommits)}, send ${fmt(sums.mixed.total - sums.mixed.inCommits)}, together ${fmt(sums.mixed.total)}`,
  );
  await Promise.all([alone.close(), mixed.close(), source.close(), between.close()]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

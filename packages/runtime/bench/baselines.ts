// The baselines the engine is measured against: a bare better-sqlite3 loop (target 1) and XState's own
// restore → send → persist loop in memory (target 2); and a reference of the machine's own speed.
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createActor } from 'xstate';
import { createBackgroundCheckpointer } from '../src/store/sqlite-checkpointer.js';
import type { Workload } from './workloads.js';

/** A file database as the engine's store opens it (WAL, an fsync per commit) with the instance table. */
function bareDatabase(path: string, auditTable: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE i (id TEXT PRIMARY KEY, v INTEGER, record TEXT); ${auditTable}`);
  return db;
}

/** Upserts an instance row (id, version, record). */
const UPSERT = 'INSERT INTO i VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET v = excluded.v, record = excluded.record';

/**
 * The physical limit of target 1: one transaction that upserts a row and appends an audit row. `keyed`
 * appends to a table keyed by (instance, seq), the loop target 1 has always been measured against;
 * `append-only` to a table with no key but its rowid, the least an append can write (the engine's audit
 * table has no index by instance either, see sqlite-schema.ts).
 */
export function bareLoop(
  path: string,
  audit: 'keyed' | 'append-only' = 'keyed',
): { db: Database.Database; step: (seq: number) => void } {
  const db = bareDatabase(
    path,
    audit === 'keyed'
      ? 'CREATE TABLE a (id TEXT, seq INTEGER, entry TEXT, PRIMARY KEY (id, seq))'
      : 'CREATE TABLE a (id TEXT, seq INTEGER, entry TEXT)',
  );
  const upsert = db.prepare(UPSERT);
  const append = db.prepare('INSERT INTO a VALUES (?, ?, ?)');
  const step = db.transaction((seq: number) => {
    upsert.run('x', seq, JSON.stringify({ seq, context: { notes: seq } }));
    append.run('x', seq, JSON.stringify({ seq, type: 'NOTE' }));
  });
  return { db, step };
}

/**
 * The disk's own share of target 2's latency: one transaction per batch of `batch` sends that upserts
 * `batch` instance rows and appends `batch` audit rows of the engine's sizes (`recordText`,
 * `entryText`), fsync'd (synchronous=FULL), with the engine's background checkpoints. Every send waits
 * for one such commit. A lower bound: the engine's commits also write its index and listing pages.
 */
export function bareGroupCommit(
  path: string,
  recordText: string,
  entryText: string,
  batch: number,
): { commit: () => number; close: () => Promise<void> } {
  const db = bareDatabase(path, 'CREATE TABLE a (id INTEGER PRIMARY KEY, instance TEXT, entry TEXT)');
  const upsert = db.prepare(UPSERT);
  const append = db.prepare('INSERT INTO a (instance, entry) VALUES (?, ?)');
  const checkpointer = createBackgroundCheckpointer(db, path, 'FULL');
  let commits = 0;
  const write = db.transaction(() => {
    for (let sender = 0; sender < batch; sender += 1) {
      upsert.run(`g${sender}`, commits, recordText);
      append.run(`g${sender}`, entryText);
    }
  });
  return {
    commit(): number {
      const t = performance.now();
      checkpointer.write(() => write.immediate());
      commits += 1;
      return performance.now() - t;
    },
    async close() {
      await checkpointer.close();
      db.close();
    },
  };
}

/** XState's own loop in memory: restore the persisted snapshot from JSON, send, persist to JSON. */
export function xstateLoop(workload: Workload) {
  let persisted = '';
  let position = 0;
  const fresh = (): void => {
    const live = createActor(workload.machine, { input: workload.input('x') as never }).start();
    persisted = JSON.stringify(live.getPersistedSnapshot());
    live.stop();
    position = 0;
  };
  fresh();
  return (): void => {
    let event = workload.event(position);
    if (event === undefined) {
      fresh();
      event = workload.event(position);
    }
    position += 1;
    const live = createActor(workload.machine, { snapshot: JSON.parse(persisted) }).start();
    live.send(event as never);
    persisted = JSON.stringify(live.getPersistedSnapshot());
    live.stop();
  };
}

/**
 * How fast this machine is at the kind of work the engine does, printed first so runs on different
 * machines can be compared: absolute targets (timers per second, latency) move with it, ratios much less.
 * Two machines of the same kind differed fourfold here on one day (docs/guides/runtime-bench-log.md).
 */
export function machineReference(workload: Workload): { xstateLoopsPerSecond: number; jsonRoundTripUs: number } {
  const loop = xstateLoop(workload);
  for (let i = 0; i < 2000; i += 1) loop();
  const loops = 5000;
  const t0 = performance.now();
  for (let i = 0; i < loops; i += 1) loop();
  const xstateLoopsPerSecond = loops / ((performance.now() - t0) / 1000);
  const sample = { status: 'active', value: { open: 'drafting' }, context: { orgId: 'branch-1', notes: 6, fired: [] } };
  const trips = 200_000;
  let sink = 0;
  const t1 = performance.now();
  for (let i = 0; i < trips; i += 1) sink += JSON.parse(JSON.stringify({ ...sample, seq: i })).seq;
  const jsonRoundTripUs = ((performance.now() - t1) * 1000) / trips;
  if (sink < 0) throw new Error('unreachable: keeps the round trips from being optimised away');
  return { xstateLoopsPerSecond, jsonRoundTripUs };
}

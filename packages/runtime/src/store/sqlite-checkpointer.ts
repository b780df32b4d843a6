// Background WAL checkpoints for the SQLite store. SQLite's automatic checkpoint (every 1000 WAL pages)
// runs inside the COMMIT that crosses the threshold, on the thread that commits, and takes several times
// as long as a commit. Here the main connection turns it off and a worker thread with its own connection
// runs `PRAGMA wal_checkpoint(PASSIVE)` instead: a passive checkpoint takes no lock a writer needs, so
// commits go on while it copies pages into the database file. Every commit is still fsync'd into the WAL
// by the main connection, so durability never depends on the worker.
//
// SQLite never shrinks the WAL file; it writes it again from the start only in a transaction that begins
// after a checkpoint has copied every frame. A WAL file that keeps growing makes every fsync dearer, so
// each cycle must end in such a restart at about the size SQLite's own checkpoint would allow. A
// checkpoint that overlaps a commit misses that commit's frames, so the main thread marks its write
// transactions, the worker reports whether a round overlapped one, and the main thread asks for another
// round right after its next commit (when a gap between transactions begins). When only a few frames
// are left, or after a few rounds that all overlapped, the main thread copies the rest itself right
// after a commit (a small fraction of a full checkpoint), which ends the cycle.
// better-sqlite3 does not say how many frames a commit wrote, so the frames per commit are learnt from
// what the checkpoints report, and a WAL file that grows past the threshold starts a round at once.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Runs the WAL checkpoints of one connection. */
export interface Checkpointer {
  /** Runs `transaction`, a write transaction of the main connection, then starts a checkpoint if one is due. */
  write<T>(transaction: () => T): T;
  /** Stops the worker and waits until its connection is closed; never rejects. */
  close(): Promise<void>;
  /**
   * `idle` until the first checkpoint, `running` once the worker is started, `inline` if it failed and
   * SQLite's automatic checkpoints took over, `closed` after {@link Checkpointer.close}.
   */
  status(): 'idle' | 'running' | 'inline' | 'closed';
}

// Cells of the Int32Array shared with the worker (WORKER repeats these numbers).
const REQUESTED = 0; // rounds asked for, by the main thread; the worker waits on this cell
const DONE = 1; // rounds finished, by the worker, once it has filled in the result cells
const STOP = 2; // 1 once the worker must close its connection and end
const WRITING = 3; // 1 while the main connection is in a write transaction
const COMMITS = 4; // write transactions the main connection has finished (wraps around)
const LOG = 5; // result: frames in the WAL when the round began, or -1 if it could not run
const BEFORE = 6; // result: COMMITS when the round began
const RESTARTS = 7; // result: 1 if the round copied every frame and overlapped no transaction
const CELLS = 8;

/** Frames per commit assumed until a checkpoint has measured it (a batch of 64 sends writes about 30). */
const FIRST_GUESS = 32;
/** Rounds of the worker per cycle before the main thread copies what is left itself. */
const ROUNDS = 3;
/** How many commits before the WAL is expected to hold `target` frames a cycle starts. */
const LEAD = 2;
/** At most this many frames left after a round are copied by the main thread at once. */
const INLINE_FRAMES = 64;
/** About how many frames apart the WAL file's size is looked at. */
const STAT_FRAMES = 64;

// The worker, run from a string so no separate file has to be found next to the ESM, CJS or TypeScript
// module; it loads better-sqlite3 from the absolute path the parent resolved. It blocks in Atomics.wait
// between rounds. Any error other than SQLITE_BUSY ends it, and the main connection then goes back to
// SQLite's automatic checkpoints.
const WORKER = `
'use strict';
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const cells = new Int32Array(workerData.cells);
const [REQUESTED, DONE, STOP, WRITING, COMMITS, LOG, BEFORE, RESTARTS] = [0, 1, 2, 3, 4, 5, 6, 7];
const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('synchronous = ' + workerData.synchronous);
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  for (;;) {
    Atomics.wait(cells, REQUESTED, Atomics.load(cells, DONE));
    if (Atomics.load(cells, STOP) === 1) break;
    const round = Atomics.load(cells, REQUESTED);
    const before = Atomics.load(cells, COMMITS);
    const writing = Atomics.load(cells, WRITING);
    let result;
    try {
      result = checkpoint.get();
    } catch (error) {
      if (!String(error && error.code).startsWith('SQLITE_BUSY')) throw error;
    }
    const restarts =
      result !== undefined && result.busy === 0 && result.log === result.checkpointed && writing === 0 &&
      Atomics.load(cells, WRITING) === 0 && Atomics.load(cells, COMMITS) === before;
    Atomics.store(cells, LOG, result === undefined || result.busy !== 0 ? -1 : result.log);
    Atomics.store(cells, BEFORE, before);
    Atomics.store(cells, RESTARTS, restarts ? 1 : 0);
    Atomics.store(cells, DONE, round);
  }
} finally {
  db.close();
}
`;

/** Where better-sqlite3's entry point is, resolved from this module in the ESM, CJS and source builds. */
function driverPath(): string {
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(here).resolve('better-sqlite3');
}

/**
 * Turns off the automatic checkpoints of `db`, a connection in WAL mode to the file `file`, and runs
 * them on a worker thread instead, started at the first checkpoint. If the worker cannot run, the
 * connection goes back to SQLite's own automatic checkpoints.
 */
export function createBackgroundCheckpointer(
  db: Database.Database,
  file: string,
  synchronous: 'FULL' | 'NORMAL',
): Checkpointer {
  const target = Math.max(1, Number(db.pragma('wal_autocheckpoint', { simple: true })) || 1000);
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  const wal = `${file}-wal`;
  // The WAL file once it holds `target` frames (a 32-byte header, then a 24-byte header per frame).
  const limitBytes = 32 + target * (pageSize + 24);
  const cells = new Int32Array(new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT));
  const walSize = (): number => statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
  let walBytes = walSize();
  let commits = 0;
  // The WAL is taken to have started afresh after baseCommits commits.
  let baseCommits = 0;
  let perCommit = FIRST_GUESS;
  // What the last round of this cycle saw.
  let seenAt = 0;
  let seenFrames = 0;
  let requested = 0;
  let sinceStat = 0;
  let rounds = 0; // rounds of the current cycle so far, 0 while none is running
  let worker: Worker | undefined;
  let exited: Promise<void> | undefined;
  let state: 'background' | 'inline' | 'closed' = 'background';

  const inline = (): void => {
    if (state !== 'background') return;
    state = 'inline';
    db.pragma(`wal_autocheckpoint = ${target}`);
  };

  const start = (): Worker | undefined => {
    try {
      const started = new Worker(WORKER, {
        eval: true,
        execArgv: [],
        workerData: { driver: driverPath(), file, synchronous, cells: cells.buffer },
      });
      started.unref();
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      started.on('error', inline);
      started.on('exit', inline);
      return started;
    } catch {
      inline();
      return undefined;
    }
  };

  const request = (): void => {
    worker ??= start();
    if (state !== 'background') return;
    rounds += 1;
    requested = (requested + 1) | 0;
    Atomics.store(cells, REQUESTED, requested);
    Atomics.notify(cells, REQUESTED);
  };

  // A round began with `frames` frames in the WAL (-1: it could not run) after `at` commits; `restarts`
  // if it copied them all between two transactions. Returns whether the WAL starts afresh (or has).
  const learn = (at: number, frames: number, restarts: boolean): boolean => {
    let restarted = restarts;
    if (frames >= 0) {
      if (frames < seenFrames) {
        // Fewer frames than the round before: the WAL restarted with the first transaction after it.
        baseCommits = seenAt;
        restarted = true;
      }
      const made = (at - baseCommits) | 0;
      if (made > 0 && frames > 0) perCommit = frames / made;
      seenAt = at;
      seenFrames = frames;
    }
    if (restarts) baseCommits = at;
    if (restarted) {
      seenAt = baseCommits;
      seenFrames = 0;
      rounds = 0;
      sinceStat = 0;
      walBytes = walSize();
    }
    return restarted;
  };

  // Called right after a write transaction, so none is under way.
  const committed = (): void => {
    // The WAL file only grows when the WAL is fuller than ever before. A stat right after a commit can
    // cost tens of microseconds, so look only once about STAT_FRAMES frames have been written.
    let grew = false;
    sinceStat += 1;
    if (sinceStat * perCommit >= STAT_FRAMES) {
      sinceStat = 0;
      const bytes = walSize();
      grew = bytes > walBytes && bytes > limitBytes;
      walBytes = Math.max(walBytes, bytes);
    }
    if (rounds > 0) {
      if (Atomics.load(cells, DONE) !== requested) return;
      const frames = Atomics.load(cells, LOG);
      const before = Atomics.load(cells, BEFORE);
      const restarts = Atomics.load(cells, RESTARTS) === 1;
      if (learn(before, frames, restarts)) return;
      // The round overlapped a commit. Another round right now, at the start of a gap between two
      // transactions, may copy the rest in time; when only a few frames are left, or after a few
      // rounds, copy them here instead, so the next transaction restarts the WAL.
      if (rounds < ROUNDS && ((commits - before) | 0) * perCommit > INLINE_FRAMES) {
        request();
        return;
      }
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      const done = result !== undefined && result.busy === 0 && result.log === result.checkpointed;
      if (!learn(commits, result?.log ?? -1, done)) rounds = 0;
      return;
    }
    // Start a little early: the commits during the rounds add frames the next round copies.
    if (grew || (((commits - baseCommits) | 0) + LEAD) * perCommit >= target) request();
  };

  db.pragma('wal_autocheckpoint = 0');

  return {
    write(transaction) {
      if (state !== 'background') return transaction();
      Atomics.store(cells, WRITING, 1);
      let result: ReturnType<typeof transaction>;
      try {
        result = transaction();
      } finally {
        // COMMITS changes before WRITING clears, so a round that overlapped this transaction sees either
        // (a transaction that failed counts too: it may have overlapped a round all the same).
        commits = (commits + 1) | 0;
        Atomics.store(cells, COMMITS, commits);
        Atomics.store(cells, WRITING, 0);
      }
      try {
        committed();
      } catch {
        // The transaction's outcome stands; only the checkpoints go back to SQLite.
        inline();
      }
      return result;
    },
    status: () => (state === 'background' ? (worker ? 'running' : 'idle') : state),
    close() {
      if (state !== 'closed') {
        state = 'closed';
        if (worker) {
          // Keep the process alive until the worker has closed its connection.
          worker.ref();
          Atomics.store(cells, STOP, 1);
          Atomics.store(cells, REQUESTED, (requested + 1) | 0);
          Atomics.notify(cells, REQUESTED);
        }
      }
      return exited ?? Promise.resolve();
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  createManualClock,
  createMemoryStore,
  type Engine,
  InstanceNotFoundError,
  type Store,
  StoreFailureError,
} from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { countedDueReads } from './support/counted-due-reads.js';
import { startCase } from './support/two-processes.js';
import { DAY, event, MARCH_1, orgs } from './support/world.js';

// Timer rows the store holds against its instances' records. No API deletes an instance or writes a row
// alone, but a file edited by hand (test data purged with SQL, say) can keep the rows of an instance it
// no longer holds, or a pending row its instance does not list. Such a row is a timer that cannot be
// fired: reported, and tried again at the next run. It used to be skipped and handed out again at once,
// so the run never ended (and, with a store that answers without I/O, never let the event loop turn).
// A row skipped because its deadline moved meanwhile, and then moved back, still fires in the same run.

const dir = mkdtempSync(join(tmpdir(), 'dangwu-orphan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = () => createManualClock(MARCH_1 + 5 * DAY);

/** `store`, failing every read of due rows after the 20th: a run that never ends fails instead of hanging. */
function bounded(store: Store): Store {
  let reads = 0;
  return {
    ...store,
    dueTimers: (now, limit) => {
      reads += 1;
      if (reads > 20) return Promise.reject(new Error('the run reads the same rows again and again'));
      return store.dueTimers(now, limit);
    },
  };
}

/** A file with a due timer on 'gone', whose instance row was then deleted by hand, and a due one on 'kept'. */
async function fileWithOrphanRow(name: string): Promise<string> {
  const path = join(dir, name);
  const store = createSqliteStore({ path });
  const engine = createEngine({ store, processes: [reviewProcess()], clock: clock(), orgs });
  for (const instanceId of ['gone', 'kept']) {
    await startCase(engine, instanceId);
    await engine.send({ instanceId, event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-02' }) });
  }
  await store.close();
  const db = new Database(path);
  db.prepare("DELETE FROM instances WHERE id = 'gone'").run();
  db.close();
  return path;
}

/**
 * Runs a timer loop with an hour's interval on the file at `path` until it reports an error, and 150 ms
 * more (three times the 50 ms a retry for a row the store handed out late would wait): what it reported,
 * and how often it read the due rows.
 */
async function loopOn(path: string): Promise<{ errors: unknown[]; reads: number }> {
  const file = createSqliteStore({ path });
  const { store, reads } = countedDueReads(bounded(file));
  const engine = createEngine({ store, processes: [reviewProcess()], clock: clock(), orgs });
  const errors: unknown[] = [];
  const loop = engine.startTimerLoop({ intervalMs: 3_600_000, onError: (error) => errors.push(error) });
  for (let waited = 0; waited < 5000 && errors.length === 0; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await new Promise((resolve) => setTimeout(resolve, 150));
  await loop.stop();
  await file.close();
  return { errors, reads: reads() };
}

describe('a timer row whose instance the file no longer holds', () => {
  it('fails in runDueTimers, which ends, and the other rows fire', async () => {
    const store = createSqliteStore({ path: await fileWithOrphanRow('run.db') });
    const engine = createEngine({ store: bounded(store), processes: [reviewProcess()], clock: clock(), orgs });
    expect(await engine.runDueTimers()).toEqual({ fired: 1, ignored: 0, skipped: 0, failed: 1 });
    expect((await store.getAudit('kept')).at(-1)).toMatchObject({ kind: 'timer', payload: { deadlineId: 'd' } });
    await store.close();
  });

  it('is reported to the loop once per run, and the loop waits for its interval', async () => {
    const { errors, reads } = await loopOn(await fileWithOrphanRow('loop.db'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(InstanceNotFoundError);
    // One run: the batch, the failing row alone, and the read that finds nothing else due.
    expect(reads).toBeLessThanOrEqual(3);
  });
});

/** A file whose instance 'x' lists deadline 'd' due in 2027, with a pending row due now that it does not list. */
async function fileWithUnlistedRow(name: string): Promise<string> {
  const path = join(dir, name);
  const store = createSqliteStore({ path });
  const engine = createEngine({ store, processes: [reviewProcess()], clock: clock(), orgs });
  await startCase(engine, 'x');
  await engine.send({
    instanceId: 'x',
    event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-02' }),
  });
  const [due] = await store.getTimers('x');
  await engine.send({
    instanceId: 'x',
    event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2027-03-02' }),
  });
  await store.close();
  const db = new Database(path);
  db.prepare('INSERT INTO timers (instance_id, deadline_id, due_at, status, record) VALUES (?, ?, ?, ?, ?)').run(
    'x',
    'ghost',
    due?.dueAt,
    'pending',
    JSON.stringify({ ...due, deadlineId: 'ghost' }),
  );
  db.close();
  return path;
}

describe('a pending timer row its instance does not list', () => {
  it('is skipped, then fails when the store hands it out again, and the run ends', async () => {
    const store = createSqliteStore({ path: await fileWithUnlistedRow('unlisted-run.db') });
    const engine = createEngine({ store: bounded(store), processes: [reviewProcess()], clock: clock(), orgs });
    expect(await engine.runDueTimers()).toEqual({ fired: 0, ignored: 0, skipped: 1, failed: 1 });
    await store.close();
  });

  it('is reported to the loop, which waits for its interval instead of running every 50 ms', async () => {
    const { errors, reads } = await loopOn(await fileWithUnlistedRow('unlisted-loop.db'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StoreFailureError);
    expect((errors[0] as Error).message).toContain(
      'timer ghost of instance x is pending, but its instance does not list it',
    );
    // One run: the batch, the row handed out again, and the read that finds nothing else due.
    expect(reads).toBeLessThanOrEqual(3);
  });
});

describe('a row skipped because its deadline moved meanwhile, moved back during the run', () => {
  it('fires in that run', async () => {
    const inner = createMemoryStore();
    let engine: Engine | undefined;
    const move = (due: string) =>
      engine?.send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due }) });
    let reads = 0;
    const store: Store = {
      ...inner,
      dueTimers: async (now, limit) => {
        reads += 1;
        if (reads > 20) throw new Error('the run reads the same rows again and again');
        const rows = await inner.dueTimers(now, limit);
        // After the run's first read the deadline moves (the row it holds is stale); before its second,
        // it moves back: the same row is pending and due again.
        if (reads === 1) await move('2026-04-30');
        if (reads === 2) {
          await move('2026-03-02');
          return inner.dueTimers(now, limit);
        }
        return rows;
      },
    };
    engine = createEngine({ store, processes: [reviewProcess()], clock: clock(), orgs });
    await startCase(engine, 'i1');
    await move('2026-03-02');
    expect(await engine.runDueTimers()).toEqual({ fired: 1, ignored: 0, skipped: 1, failed: 0 });
    expect(await inner.dueTimers(clock().now(), 10)).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createManualClock, InstanceNotFoundError, type Store } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { countedDueReads } from './support/counted-due-reads.js';
import { startCase } from './support/two-processes.js';
import { DAY, event, MARCH_1, orgs } from './support/world.js';

// No API deletes an instance, but a file edited by hand (test data purged with SQL, say) can keep the
// timer rows of an instance it no longer holds. Such a row is a timer that cannot be fired: reported,
// and tried again at the next run. It used to be skipped and handed out again at once, so the run never
// ended (and, with a store that answers without I/O, never let the event loop turn).

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

describe('a timer row whose instance the file no longer holds', () => {
  it('fails in runDueTimers, which ends, and the other rows fire', async () => {
    const store = createSqliteStore({ path: await fileWithOrphanRow('run.db') });
    const engine = createEngine({ store: bounded(store), processes: [reviewProcess()], clock: clock(), orgs });
    expect(await engine.runDueTimers()).toEqual({ fired: 1, ignored: 0, skipped: 0, failed: 1 });
    expect((await store.getAudit('kept')).at(-1)).toMatchObject({ kind: 'timer', payload: { deadlineId: 'd' } });
    await store.close();
  });

  it('is reported to the loop once per run, and the loop waits for its interval', async () => {
    const file = createSqliteStore({ path: await fileWithOrphanRow('loop.db') });
    const { store, reads } = countedDueReads(bounded(file));
    const engine = createEngine({ store, processes: [reviewProcess()], clock: clock(), orgs });
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({ intervalMs: 3_600_000, onError: (error) => errors.push(error) });
    for (let waited = 0; waited < 5000 && errors.length === 0; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Three times the 50 ms a retry for a row the store handed out late would wait.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(InstanceNotFoundError);
    // One run: the batch, the failing row alone, and the read that finds nothing else due.
    expect(reads()).toBeLessThanOrEqual(3);
    await file.close();
  });
});

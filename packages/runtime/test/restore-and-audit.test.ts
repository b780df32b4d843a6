import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { clampDelay, createEngine, createManualClock, MAX_TIMER_DELAY_MS, restoreSnapshot } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { type ReviewEvent, reviewMachine, reviewProcess } from './fixtures/review-process.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-audit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('snapshot restore', () => {
  const steps = [
    event('SUBMIT', '2026-03-01', { reviewDays: 2 }),
    event('SUSPEND', '2026-03-02'),
    event('RESUME', '2026-03-03'),
  ] as ReviewEvent[];

  it('matches a live actor after persist → JSON → restore between every step; resolveState does not', () => {
    const live = createActor(reviewMachine, { input: { orgId: 'branch-1', openedOn: '2026-03-01' } }).start();
    let [snapshot] = initialTransition(reviewMachine, { orgId: 'branch-1', openedOn: '2026-03-01' });
    let naive = snapshot;
    let naiveError: unknown;
    for (const step of steps) {
      live.send(step);
      const json = JSON.parse(JSON.stringify(reviewMachine.getPersistedSnapshot(snapshot)));
      [snapshot] = transition(reviewMachine, restoreSnapshot(reviewProcess(), json) as typeof snapshot, step);
      const naiveJson = JSON.parse(JSON.stringify(reviewMachine.getPersistedSnapshot(naive)));
      try {
        [naive] = transition(reviewMachine, reviewMachine.resolveState(naiveJson), step);
      } catch (error) {
        naiveError = error;
      }
      expect(snapshot.value).toEqual(live.getSnapshot().value);
      expect(snapshot.context).toEqual(live.getSnapshot().context);
    }
    expect(snapshot.value).toEqual({ open: 'review' });
    // resolveState keeps the persisted history value unrevived ({ id } objects), so RESUME crashes inside XState.
    expect(naive.value).toEqual('suspended');
    expect(naiveError).toBeInstanceOf(TypeError);
    live.stop();
  });
});

describe('timer delays', () => {
  it('never hands Node a delay above 2^31−1 ms', () => {
    expect(clampDelay(2 ** 40)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(Number.NaN)).toBe(MAX_TIMER_DELAY_MS);
    expect(clampDelay(-5)).toBe(0);
    expect(clampDelay(12.2)).toBe(13);
  });

  it('runs a timer loop that fires a deadline a year away without a long timer', async () => {
    const path = join(dir, 'loop.db');
    const clock = createManualClock(MARCH_1);
    const engine = createEngine({ store: createSqliteStore({ path }), processes: [reviewProcess()], clock, orgs });
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'i1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: actor('branch-1'),
    });
    await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'far', due: '2027-03-01' }),
    });
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({ intervalMs: 5, onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await engine.get('i1', { actor: actor('root') })).version).toBe(2);
    clock.set(MARCH_1 + 366 * DAY);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await loop.stop();
    expect(errors).toEqual([]);
    const last = (await engine.history('i1', { actor: actor('root') })).at(-1);
    expect(last).toMatchObject({ kind: 'timer', occurredOn: '2027-03-02' });
  });
});

describe('audit hash chain', () => {
  async function chain(name: string) {
    const path = join(dir, `${name}.db`);
    const engine = createEngine({
      store: createSqliteStore({ path }),
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs,
    });
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'i1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: actor('branch-1'),
    });
    for (let n = 1; n <= 4; n += 1)
      await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: n }) });
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 5 });
    return { engine, db: new Database(path) };
  }

  it('detects a modified entry and names its seq', async () => {
    const { engine, db } = await chain('modified');
    const row = db.prepare<[], { entry: string }>("SELECT entry FROM audit WHERE instance_id = 'i1' AND seq = 3").get();
    const entry = JSON.parse(row?.entry ?? '{}');
    entry.payload.count = 99;
    db.prepare("UPDATE audit SET entry = ? WHERE instance_id = 'i1' AND seq = 3").run(JSON.stringify(entry));
    expect(await engine.verifyHistory('i1')).toEqual({ ok: false, seq: 3, problem: 'modified' });
    db.close();
  });

  it('detects reordered entries', async () => {
    const { engine, db } = await chain('reordered');
    const get = db.prepare<[number], { entry: string }>("SELECT entry FROM audit WHERE instance_id = 'i1' AND seq = ?");
    const two = get.get(2)?.entry ?? '';
    const three = get.get(3)?.entry ?? '';
    const set = db.prepare("UPDATE audit SET entry = ? WHERE instance_id = 'i1' AND seq = ?");
    set.run(three, 2);
    set.run(two, 3);
    expect(await engine.verifyHistory('i1')).toEqual({ ok: false, seq: 2, problem: 'reordered' });
    db.close();
  });

  it('detects a deleted entry in the middle and at the end', async () => {
    const { engine, db } = await chain('deleted');
    db.prepare("DELETE FROM audit WHERE instance_id = 'i1' AND seq = 5").run();
    expect(await engine.verifyHistory('i1')).toEqual({ ok: false, seq: 5, problem: 'deleted' });
    db.prepare("DELETE FROM audit WHERE instance_id = 'i1' AND seq = 2").run();
    expect(await engine.verifyHistory('i1')).toEqual({ ok: false, seq: 2, problem: 'deleted' });
    db.close();
  });

  it('reads every row of an instance when its chain of links does not hold, so a verification sees the rows as stored', async () => {
    const { engine, db } = await chain('links');
    // A link that skips seq 2 and 3: the rows are all still there.
    db.prepare(
      "UPDATE audit SET prev = (SELECT id FROM audit WHERE instance_id = 'i1' AND seq = 1) WHERE instance_id = 'i1' AND seq = 4",
    ).run();
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 5 });
    expect((await engine.history('i1', { actor: actor('root') })).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    // The seq columns of two rows swapped: read in that order, as any reader of the table would.
    db.prepare("UPDATE audit SET seq = 7 - seq WHERE instance_id = 'i1' AND seq IN (3, 4)").run();
    expect(await engine.verifyHistory('i1')).toEqual({ ok: false, seq: 3, problem: 'reordered' });
    db.close();
  });

  it('keeps personal names out: entries hold the ids the host sent', async () => {
    const { engine, db } = await chain('ids');
    const history = await engine.history('i1', { actor: actor('root') });
    expect(history.map((e) => e.actorId)).toEqual([
      'u-branch-1',
      'u-branch-1',
      'u-branch-1',
      'u-branch-1',
      'u-branch-1',
    ]);
    db.close();
  });
});

import { describe, expect, it } from 'vitest';
import { createEngine, createManualClock, createMemoryStore, type Store, UnknownVersionError } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { countedDueReads } from './support/counted-due-reads.js';
import { engineOn, startCase } from './support/two-processes.js';
import { DAY, event, MARCH_1, orgs } from './support/world.js';

// The timer loop when a timer cannot be fired, or the store hands rows out late.

describe('the timer loop with a timer it cannot fire', () => {
  it('reports the failure to onError and tries again after the interval, without spinning', async () => {
    const inner = createMemoryStore();
    const old = engineOn(inner, [reviewProcess('1')]);
    await startCase(old, 'i1', '1');
    await old.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-01' }),
    });
    const { store, reads } = countedDueReads(inner);
    // Version 1 is not registered here: the instance's timer cannot be fired.
    const engine = createEngine({
      store,
      processes: [reviewProcess('2')],
      clock: createManualClock(MARCH_1 + 2 * DAY),
      orgs,
    });
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({ intervalMs: 100, onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await loop.stop();
    // Runs at 0, 100 and 200 ms; each reads the due rows twice (the batch, then the failing row alone).
    expect(reads()).toBeGreaterThanOrEqual(2);
    expect(reads()).toBeLessThanOrEqual(12);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.every((error) => error instanceof UnknownVersionError)).toBe(true);
    expect(await inner.getTimers('i1')).toMatchObject([{ deadlineId: 'd', status: 'pending' }]);
  });
});

describe('the timer loop with a failing timer and a good one due soon after', () => {
  it('wakes for the good one when it falls due, and an onError that throws does not stop it', async () => {
    const store = createMemoryStore();
    const schedule = (due: string) => event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due });
    const [old, current] = [engineOn(store, [reviewProcess('1')]), engineOn(store, [reviewProcess('2')])];
    await startCase(old, 'bad', '1');
    await old.send({ instanceId: 'bad', event: schedule('2026-03-01') });
    await startCase(current, 'good', '2');
    await current.send({ instanceId: 'good', event: schedule('2026-03-02') });
    // 'good' falls due at MARCH_1 + 2 days; the loop starts 100 ms before, with 'bad' long due.
    const clock = createManualClock(MARCH_1 + 2 * DAY - 100);
    const engine = createEngine({ store, processes: [reviewProcess('2')], clock, orgs });
    let told = 0;
    const loop = engine.startTimerLoop({
      intervalMs: 60_000,
      onError: () => {
        told += 1;
        throw new Error('a listener that fails');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 40));
    clock.set(MARCH_1 + 2 * DAY);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await loop.stop();
    // Two runs: at the start ('bad' fails) and when 'good' falls due ('bad' fails again); none in between.
    expect(told).toBe(2);
    expect((await store.getAudit('good')).at(-1)).toMatchObject({ kind: 'timer', decision: 'applied' });
    expect(await store.getTimers('bad')).toMatchObject([{ status: 'pending' }]);
  });
});

describe('the timer loop with a failing timer and a good one on the same instance', () => {
  it('fires the good one and waits for the interval, without a second run for the failing one', async () => {
    const base = reviewProcess();
    // The process cannot handle its deadline 'bad' (its explain throws), and handles 'good'.
    const failingOnBad = {
      ...base,
      explain: (snapshot: never, sent: { type?: string; deadlineId?: string }) => {
        if (sent.type === 'DEADLINE_REACHED' && sent.deadlineId === 'bad') throw new Error('bad cannot be handled');
        return base.explain(snapshot, sent as never);
      },
    } as typeof base;
    const inner = createMemoryStore();
    const { store, reads } = countedDueReads(inner);
    const engine = createEngine({
      store,
      processes: [failingOnBad],
      clock: createManualClock(MARCH_1 + 5 * DAY),
      orgs,
    });
    await startCase(engine, 'x');
    for (const [deadlineId, due] of [
      ['bad', '2026-03-01'],
      ['good', '2026-03-02'],
    ]) {
      await engine.send({ instanceId: 'x', event: event('SCHEDULE', '2026-03-01', { deadlineId, due }) });
    }
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({ intervalMs: 3_600_000, onError: (error) => errors.push(error) });
    const fired = async () => (await inner.getAudit('x')).at(-1)?.kind === 'timer';
    for (let waited = 0; waited < 5000 && !(await fired()); waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Three times the 50 ms a retry for a row the store handed out late would wait.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await loop.stop();
    expect((await inner.getAudit('x')).at(-1)).toMatchObject({ kind: 'timer', payload: { deadlineId: 'good' } });
    // The good row's commit carries the failing row, still pending: that is no row to wake for. One run,
    // which reads the due rows twice (the batch, then past the failing row); it reports the failure once.
    expect({ errors: errors.length, reads: reads() }).toEqual({ errors: 1, reads: 2 });
  });
});

describe('the timer loop with a store whose clock is a little behind', () => {
  for (const withFailing of [false, true]) {
    it(`fires a row the store hands out only a few ms after it fell due${withFailing ? ', a failing timer in the same run' : ''}`, async () => {
      const inner = createMemoryStore();
      const schedule = (due: string) => event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due });
      const current = engineOn(inner, [reviewProcess('2')]);
      await startCase(current, 'good', '2');
      await current.send({ instanceId: 'good', event: schedule('2026-03-02') });
      if (withFailing) {
        const old = engineOn(inner, [reviewProcess('1')]);
        await startCase(old, 'bad', '1');
        await old.send({ instanceId: 'bad', event: schedule('2026-03-01') });
      }
      const clock = createManualClock(MARCH_1 + 2 * DAY);
      // The store sees rows fall due 30 ms after the host does, as a database clock behind the host's would.
      let reads = 0;
      const store: Store = {
        ...inner,
        dueTimers: (now, limit) => {
          reads += 1;
          return inner.dueTimers(Math.min(now, clock.now() - 30), limit);
        },
      };
      const engine = createEngine({ store, processes: [reviewProcess('2')], clock, orgs });
      const loop = engine.startTimerLoop({ intervalMs: 60_000, onError: () => {} });
      await new Promise((resolve) => setTimeout(resolve, 150));
      clock.set(MARCH_1 + 2 * DAY + 40);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await loop.stop();
      expect((await inner.getAudit('good')).at(-1)).toMatchObject({ kind: 'timer', decision: 'applied' });
      // Tried again every 50 ms until the store hands it out, not in a tight loop.
      expect(reads).toBeLessThanOrEqual(20);
    });
  }
});

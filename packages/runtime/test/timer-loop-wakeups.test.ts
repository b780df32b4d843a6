import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, createManualClock, createMemoryStore, type Store, StoreFailureError } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { countedDueReads } from './support/counted-due-reads.js';
import { startCase } from './support/two-processes.js';
import { DAY, event, MARCH_1, orgs } from './support/world.js';

// When the timer loop wakes: for rows the engine's own commits write, after a run that failed as a
// whole, and what stop() waits for.

const schedule = (due: string, deadlineId = 'd') => event('SCHEDULE', '2026-03-05', { deadlineId, due });
const until = async (done: () => Promise<boolean>, ms: number): Promise<boolean> => {
  for (const start = Date.now(); Date.now() - start < ms; ) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return done();
};

/** An engine on `store` whose clock stands at 2026-03-06 (Asia/Shanghai), after the deadlines these tests set. */
const onMarch6 = (store: Store, processes = [reviewProcess()]) =>
  createEngine({ store, processes, clock: createManualClock(MARCH_1 + 5 * DAY), orgs });

afterEach(() => {
  vi.useRealTimers();
});

describe('a timer loop asleep until later', () => {
  it.each([
    ['intervalMs: Infinity', Number.POSITIVE_INFINITY],
    ['an hour', 3_600_000],
  ])('with %s wakes for a row a send of its engine writes that is due sooner', async (_what, intervalMs) => {
    const store = createMemoryStore();
    const engine = onMarch6(store);
    await startCase(engine, 'i1');
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({ intervalMs, onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Due on 2026-03-02, already past on the engine's clock (2026-03-06).
    await engine.send({ instanceId: 'i1', event: schedule('2026-03-02') });
    const fired = await until(async () => (await store.getAudit('i1')).at(-1)?.kind === 'timer', 2000);
    await loop.stop();
    expect(fired).toBe(true);
    expect((await store.getAudit('i1')).at(-1)).toMatchObject({
      kind: 'timer',
      decision: 'applied',
      payload: { deadlineId: 'd', due: '2026-03-02' },
    });
    expect(errors).toEqual([]);
  });

  it('does not wake for a row written by another engine on the store, nor for one due later than it wakes', async () => {
    const store = createMemoryStore();
    const { store: counted, reads } = countedDueReads(store);
    const clock = createManualClock(MARCH_1 + 5 * DAY);
    const looping = createEngine({ store: counted, processes: [reviewProcess()], clock, orgs });
    const other = createEngine({ store, processes: [reviewProcess()], clock, orgs });
    await startCase(other, 'i1');
    await startCase(looping, 'i2');
    const loop = looping.startTimerLoop({ intervalMs: 3_600_000 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const afterFirstRun = reads();
    await other.send({ instanceId: 'i1', event: schedule('2026-03-02') });
    // Due in 2027: the loop's own hour is sooner.
    await looping.send({ instanceId: 'i2', event: schedule('2027-03-02') });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await loop.stop();
    expect(afterFirstRun).toBeGreaterThan(0);
    expect(reads()).toBe(afterFirstRun);
    expect((await store.getTimers('i1')).map((timer) => timer.status)).toEqual(['pending']);
  });
});

describe('a timer loop that knows a failing row', () => {
  /** The fixture, but a deadline named `bad` cannot be explained, so its row fails at every run. */
  const failingOnBad = () => {
    const base = reviewProcess();
    return {
      ...base,
      explain: (snapshot: never, raw: { type?: string; deadlineId?: string }) => {
        if (raw.type === 'DEADLINE_REACHED' && raw.deadlineId === 'bad') throw new Error('bad cannot be handled');
        return base.explain(snapshot, raw);
      },
    } as unknown as ReturnType<typeof reviewProcess>;
  };

  it.each([
    ['another instance', 'other'],
    ['the instance holding the failing row', 'i1'],
  ])('still wakes for a new row on %s', async (_where, instanceId) => {
    const store = createMemoryStore();
    const engine = onMarch6(store, [failingOnBad()]);
    await startCase(engine, 'i1');
    if (instanceId !== 'i1') await startCase(engine, instanceId);
    await engine.send({ instanceId: 'i1', event: schedule('2026-03-01', 'bad') });
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({
      intervalMs: Number.POSITIVE_INFINITY,
      onError: (error) => errors.push(error),
    });
    await until(async () => errors.length > 0, 2000);
    await engine.send({ instanceId, event: schedule('2026-03-02', 'good') });
    const fired = await until(
      async () =>
        (await store.getAudit(instanceId)).some((entry) => entry.kind === 'timer' && entry.decision === 'applied'),
      2000,
    );
    await loop.stop();
    expect(fired).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(1);
  });
});

describe('a timer loop whose clock fails while a commit wakes it', () => {
  it('runs and reports the clock instead of stopping for good', async () => {
    const manual = createManualClock(MARCH_1 + 5 * DAY);
    let failNext = false;
    const clock = {
      now() {
        if (failNext) {
          failNext = false;
          throw new Error('clock source unavailable');
        }
        return manual.now();
      },
    };
    const store = createMemoryStore();
    // The clock fails once, right after the SCHEDULE is durable, when the engine tells its loop of it.
    const hiccuping: Store = {
      ...store,
      commit: async (request) => {
        const outcome = await store.commit(request);
        if (request.audit.some((entry) => entry.eventType === 'SCHEDULE')) failNext = true;
        return outcome;
      },
    };
    const engine = createEngine({ store: hiccuping, processes: [reviewProcess()], clock, orgs });
    await startCase(engine, 'i1');
    const loop = engine.startTimerLoop({ intervalMs: 3_600_000, onError: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await engine.send({ instanceId: 'i1', event: schedule('2026-03-02') });
    expect(failNext).toBe(false);
    const fired = await until(async () => (await store.getAudit('i1')).at(-1)?.kind === 'timer', 2000);
    await loop.stop();
    expect(fired).toBe(true);
  });
});

describe('a timer loop whose run fails as a whole', () => {
  it('runs again within a minute even with intervalMs: Infinity', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore();
    let reads = 0;
    const failingOnce: Store = {
      ...store,
      dueTimers: (now, limit) => {
        reads += 1;
        return reads === 1
          ? Promise.reject(new StoreFailureError('database unreachable'))
          : store.dueTimers(now, limit);
      },
    };
    const engine = createEngine({
      store: failingOnce,
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs,
    });
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({
      intervalMs: Number.POSITIVE_INFINITY,
      onError: (error) => errors.push(error),
    });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(reads).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reads).toBe(2);
    await loop.stop();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StoreFailureError);
  });
});

describe('a timer loop whose store keeps failing while sends go on', () => {
  it('does not ask it again at once for every row a send writes: a row due later waits its time', async () => {
    vi.useFakeTimers();
    const store = createMemoryStore();
    let runs = 0;
    const failing: Store = {
      ...store,
      // It fails after a while, as a store that times out does: sends go on meanwhile.
      dueTimers: async () => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new StoreFailureError('timer index unreadable');
      },
    };
    const engine = createEngine({
      store: failing,
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs,
    });
    await startCase(engine, 'i1');
    const loop = engine.startTimerLoop({ intervalMs: 3_600_000, onError: () => {} });
    for (let step = 0; step < 40; step += 1) {
      // Each send moves the deadline, years away, and wakes the loop while it is failing.
      await engine.send({ instanceId: 'i1', event: schedule(`2031-01-${String(1 + (step % 28)).padStart(2, '0')}`) });
      await vi.advanceTimersByTimeAsync(25);
      await engine.send({ instanceId: 'i1', event: schedule(`2031-02-${String(1 + (step % 28)).padStart(2, '0')}`) });
      await vi.advanceTimersByTimeAsync(25);
    }
    await loop.stop();
    // Two seconds of sends: the first run, and no retry before its minute.
    expect(runs).toBeLessThanOrEqual(2);
  });
});

describe('a run in which one instance’s commit fails with a store failure', () => {
  /** Instances a and b with a due timer each; a's commit fails, b's takes 200 ms. */
  async function twoDueOneFailing() {
    const inner = createMemoryStore();
    const setup = createEngine({ store: inner, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
    for (const id of ['a', 'b']) {
      await startCase(setup, id);
      await setup.send({
        instanceId: id,
        event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-01' }),
      });
    }
    const state = { settledB: false };
    const store: Store = {
      ...inner,
      async commit(request) {
        if (request.instance.id === 'a') throw new StoreFailureError('disk full');
        await new Promise((resolve) => setTimeout(resolve, 200));
        const outcome = await inner.commit(request);
        state.settledB = true;
        return outcome;
      },
    };
    const engine = onMarch6(store);
    return { engine, state };
  }

  it('rejects runDueTimers only once the other instances’ firings have settled', async () => {
    const { engine, state } = await twoDueOneFailing();
    await expect(engine.runDueTimers()).rejects.toThrow('disk full');
    expect(state.settledB).toBe(true);
  });

  it('lets the loop’s stop() resolve only once they have settled', async () => {
    const { engine, state } = await twoDueOneFailing();
    const errors: unknown[] = [];
    const loop = engine.startTimerLoop({ onError: (error) => errors.push(error) });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await loop.stop();
    expect(state.settledB).toBe(true);
    expect(errors.map(String)).toEqual([expect.stringContaining('disk full')]);
  });
});

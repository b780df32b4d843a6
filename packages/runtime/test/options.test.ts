import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createMemoryStore, type EngineOptions, InvalidOptionsError } from '../src/index.js';
import { createPostgresStore } from '../src/postgres.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error `run` throws (or undefined), so a test can look at its issues. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The option paths an InvalidOptionsError names; fails the test for anything else. */
function refusedPaths(error: unknown): string[] {
  expect(error).toBeInstanceOf(InvalidOptionsError);
  const refused = error as InvalidOptionsError;
  expect(refused.code).toBe('INVALID_OPTIONS');
  return refused.issues.map((issue) => issue.path);
}

const review = reviewProcess();
const engineWith = (extra: Record<string, unknown>) => () =>
  createEngine({ store: createMemoryStore(), processes: [review], orgs, ...extra } as EngineOptions);

describe('createEngine options', () => {
  it.each([
    ['snapshotCacheSize', Number.NaN],
    ['snapshotCacheSize', -1],
    ['snapshotCacheSize', 1.5],
    ['snapshotCacheSize', Number.NEGATIVE_INFINITY],
    ['snapshotCacheSize', '10'],
    ['maxRetries', -1],
    ['timerBatchSize', 0],
    ['clock', { now: 5 }],
    ['orgs', {}],
  ])('refuses %s = %s with a typed error naming the option', (name, value) => {
    expect(refusedPaths(thrownBy(engineWith({ [name]: value })))).toEqual([`options.${name}`]);
  });

  it('refuses a misspelt option instead of ignoring it, and says so in Chinese and English', () => {
    const error = thrownBy(engineWith({ snapshotCache: 10 }));
    expect(refusedPaths(error)).toEqual(['options.snapshotCache']);
    expect((error as Error).message).toContain('Invalid options for createEngine');
    expect((error as Error).message).toContain('createEngine 的选项无效');
    expect((error as Error).message).toContain('未知字段 snapshotCache');
  });

  it('refuses a missing store, a store without its methods and an empty process list', () => {
    expect(refusedPaths(thrownBy(() => createEngine({ processes: [review] } as unknown as EngineOptions)))).toEqual([
      'options.store',
    ]);
    const { close: _close, ...withoutClose } = createMemoryStore();
    expect(refusedPaths(thrownBy(engineWith({ store: withoutClose })))).toEqual(['options.store']);
    expect(refusedPaths(thrownBy(engineWith({ processes: [] })))).toEqual(['options.processes']);
    expect(refusedPaths(thrownBy(engineWith({ processes: [{ id: 'x', version: '1' }] })))).toEqual([
      'options.processes.0',
    ]);
    expect(refusedPaths(thrownBy(() => createEngine(undefined as unknown as EngineOptions)))).toEqual(['options']);
  });

  it('refuses two different definitions under one id and version, but not one definition listed twice', () => {
    expect(refusedPaths(thrownBy(engineWith({ processes: [review, reviewProcess()] })))).toEqual([
      'options.processes.1',
    ]);
    expect(thrownBy(engineWith({ processes: [review, review] }))).toBeUndefined();
  });

  it('accepts exactly the safe whole numbers from the least each count allows, and Infinity for the cache (property)', () => {
    const least = { snapshotCacheSize: 0, maxRetries: 0, timerBatchSize: 1 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(least) as (keyof typeof least)[])),
        fc.oneof(
          fc.integer({ min: -5, max: 5000 }),
          fc.double(),
          fc.constantFrom(-(2 ** 53), 2 ** 53, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
          fc.string(),
          fc.constant(null),
        ),
        (name, value) => {
          const valid =
            typeof value === 'number' &&
            ((Number.isSafeInteger(value) && value >= least[name]) ||
              // An unbounded cache is a choice one may make; unbounded retries or batches are not.
              (name === 'snapshotCacheSize' && value === Number.POSITIVE_INFINITY));
          const error = thrownBy(engineWith({ [name]: value }));
          if (valid) expect(error).toBeUndefined();
          else expect(refusedPaths(error)).toEqual([`options.${name}`]);
        },
      ),
    );
  });
});

describe('store and timer loop options', () => {
  it('createSqliteStore refuses an empty path (better-sqlite3 would open a temporary database)', () => {
    expect(refusedPaths(thrownBy(() => createSqliteStore({ path: '' })))).toEqual(['options.path']);
  });

  it.each([
    [{ path: 'x.db', synchronous: "OFF'; DROP TABLE instances; --" }, 'options.synchronous'],
    [{ path: 'x.db', busyTimeoutMs: Number.NaN }, 'options.busyTimeoutMs'],
    [{ path: 'x.db', checkpoint: 'never' }, 'options.checkpoint'],
    [{ path: 'x.db', file: 'y.db' }, 'options.file'],
  ])('createSqliteStore refuses %j before it opens any file', (options, path) => {
    const file = join(dir, 'x.db');
    const given = { ...options, path: file };
    expect(refusedPaths(thrownBy(() => createSqliteStore(given as never)))).toEqual([path]);
    expect(existsSync(file)).toBe(false);
  });

  it('createPostgresStore refuses bad options before it connects', async () => {
    // Port 9 is never a PostgreSQL server: a store that tried to connect would fail with another error.
    const unreachable = 'postgres://nobody@127.0.0.1:9/none';
    for (const [options, path] of [
      [{ poolSize: 0 }, 'options.poolSize'],
      [{ dueClock: 'server' }, 'options.dueClock'],
      [{ claimLeaseMs: Number.NaN }, 'options.claimLeaseMs'],
      [{ nodeId: '' }, 'options.nodeId'],
    ] as const) {
      const refused = await createPostgresStore({ connectionString: unreachable, ...options } as never).catch(
        (caught: unknown) => caught,
      );
      expect(refusedPaths(refused)).toEqual([path]);
    }
  });

  it('startTimerLoop refuses an interval that would spin the loop and an onError that is not a function', async () => {
    const engine = createEngine({ store: createMemoryStore(), processes: [review], orgs });
    // Waits above 0 are taken, Infinity too (clamped: the loop wakes at the next due timer).
    for (const intervalMs of [0.5, 60_000, Number.POSITIVE_INFINITY])
      await engine.startTimerLoop({ intervalMs }).stop();
    for (const intervalMs of [0, -5, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(refusedPaths(thrownBy(() => engine.startTimerLoop({ intervalMs })))).toEqual(['options.intervalMs']);
    }
    expect(refusedPaths(thrownBy(() => engine.startTimerLoop({ onError: 'log' } as never)))).toEqual([
      'options.onError',
    ]);
  });
});

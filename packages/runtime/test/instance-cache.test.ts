import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InstanceCache, type LiveInstance } from '../src/engine/instance-cache.js';
import { createEngine, createManualClock, type Engine, VersionConflictError } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { replay } from './support/replay.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

// Two engines on one file stand for two processes: each caches the live snapshots it committed, and
// must notice when the other one moved an instance on.
function twoEngines(snapshotCacheSize?: number) {
  const path = join(dir, `c${counter++}.db`);
  const clock = createManualClock(MARCH_1);
  const make = (): Engine =>
    createEngine({
      store: createSqliteStore({ path }),
      processes: [reviewProcess()],
      clock,
      orgs,
      ...(snapshotCacheSize === undefined ? {} : { snapshotCacheSize }),
    });
  return { a: make(), b: make(), clock };
}

const committee = actor('branch-1');
const root = actor('root');
const start = (engine: Engine, id = 'i1') =>
  engine.start({
    processId: 'fixture-review',
    instanceId: id,
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: committee,
  });

describe('live snapshot cache', () => {
  it('applies an event on top of another process’s commit instead of a stale cached snapshot', async () => {
    const { a, b } = twoEngines();
    await start(a);
    await a.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    await b.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
    const result = await a.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 4 }) });
    expect(result.instance.version).toBe(4);
    expect(result.instance.snapshot).toMatchObject({ context: { notes: 7 } });
    const history = await a.history('i1', { actor: root });
    expect(result.instance.snapshot).toEqual(replay(reviewProcess(), history));
    expect(await b.verifyHistory('i1')).toEqual({ ok: true, entries: 4 });
  });

  it('decides a refusal on the stored state, not on a stale cached one', async () => {
    const { a, b } = twoEngines();
    await start(a);
    // a caches `drafting`; b submits, so the instance is in review and takes APPROVE.
    await b.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-02', { reviewDays: 5 }) });
    const approved = await a.send({
      instanceId: 'i1',
      event: event('APPROVE', '2026-03-03', { present: 3, total: 3 }),
    });
    expect(approved.instance.state).toEqual(['approved']);
    expect(await a.securityLog()).toEqual([]);
  });

  it('checks a pinned version against the store, and reports the stored version on a conflict', async () => {
    const { a, b } = twoEngines();
    await start(a);
    await b.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    // a's cache says version 1; the store says 2.
    const pinned = await a.send({
      instanceId: 'i1',
      event: event('NOTE', '2026-03-02', { count: 1 }),
      expectedVersion: 2,
    });
    expect(pinned.instance.version).toBe(3);
    await b.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    const stale = a.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }), expectedVersion: 3 });
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ actual: 4 });
  });

  it('fires a timer once when another process rescheduled it after this one cached the instance', async () => {
    const { a, b } = twoEngines();
    await start(a);
    await a.send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-02' }) });
    // b moves the deadline later; a's cached copy still has the old date.
    await b.send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-05' }) });
    expect(await a.runDueTimers(MARCH_1 + 3 * DAY)).toEqual({ fired: 0, ignored: 0, skipped: 0, failed: 0 });
    expect(await a.runDueTimers(MARCH_1 + 6 * DAY)).toEqual({ fired: 1, ignored: 0, skipped: 0, failed: 0 });
    expect(await b.runDueTimers(MARCH_1 + 9 * DAY)).toEqual({ fired: 0, ignored: 0, skipped: 0, failed: 0 });
    const timers = (await a.history('i1', { actor: root })).filter((entry) => entry.kind === 'timer');
    expect(timers.map((entry) => entry.occurredOn)).toEqual(['2026-03-06']);
  });

  it('never fires again a timer another process fired after this one cached the instance', async () => {
    const { a, b } = twoEngines();
    await start(a);
    await a.send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-02' }) });
    await b.runDueTimers(MARCH_1 + 3 * DAY);
    expect(await a.runDueTimers(MARCH_1 + 3 * DAY)).toEqual({ fired: 0, ignored: 0, skipped: 0, failed: 0 });
    expect(await a.verifyHistory('i1')).toEqual({ ok: true, entries: 3 });
    const next = await a.send({ instanceId: 'i1', event: event('NOTE', '2026-03-04', { count: 1 }) });
    expect(next.instance.version).toBe(4);
  });

  it('keeps at most the configured number of instances and still works with the cache off', async () => {
    for (const size of [0, 2]) {
      const { a } = twoEngines(size);
      for (const id of ['x1', 'x2', 'x3', 'x4']) await start(a, id);
      for (const id of ['x1', 'x2', 'x3', 'x4']) {
        const result = await a.send({ instanceId: id, event: event('NOTE', '2026-03-02', { count: 1 }) });
        expect(result.instance.version).toBe(2);
      }
    }
  });

  it('does not let a caller alter the cached state through a returned view', async () => {
    const { a } = twoEngines();
    const started = await start(a);
    (started.instance.state as string[]).push('tampered');
    const next = await a.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    const [, entry] = await a.history('i1', { actor: root });
    expect(entry?.fromState).toEqual(['open', 'open.drafting']);
    expect(next.instance.state).toEqual(['open', 'open.drafting']);
  });
});

describe('InstanceCache', () => {
  const live = (id: string) => ({ head: { id } }) as unknown as LiveInstance;

  it('holds exactly the `capacity` most recently used instances (property, against a list model)', () => {
    fc.assert(
      fc.property(
        fc.nat(12),
        fc.array(
          fc.record({
            // Deletes are rare, so the cache is often full and evicting.
            op: fc.oneof(
              { arbitrary: fc.constantFrom('get', 'set'), weight: 9 },
              { arbitrary: fc.constant('delete'), weight: 1 },
            ),
            id: fc.integer({ min: 0, max: 15 }).map(String),
          }),
          { minLength: 40, maxLength: 200 },
        ),
        (capacity, ops) => {
          const cache = new InstanceCache(capacity);
          // Ids held, least recently used first.
          let model: string[] = [];
          const use = (id: string) => {
            model = [...model.filter((other) => other !== id), id].slice(-capacity || model.length + 1);
            if (capacity === 0) model = [];
          };
          for (const { op, id } of ops) {
            if (op === 'set') {
              cache.set(live(id));
              use(id);
            } else if (op === 'delete') {
              cache.delete(id);
              model = model.filter((other) => other !== id);
            } else {
              const found = cache.get(id);
              expect(found?.head.id).toBe(model.includes(id) ? id : undefined);
              if (found) use(id);
            }
            expect(cache.size).toBe(model.length);
          }
        },
      ),
    );
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { assign } from 'xstate';
import {
  type CommitNotice,
  createEngine,
  createManualClock,
  createMemoryStore,
  EventNotAcceptedError,
  type JsonValue,
  type Store,
  StoreFailureError,
  VersionConflictError,
} from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

// The sample in docs/guides/runtime.md ("Reacting to commits") is the region `on-commit` below.

const dir = mkdtempSync(join(tmpdir(), 'dangwu-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const committee = actor('branch-1');

/** An engine whose onCommit notices are kept, in the order they came. */
function listening(store: Store = createMemoryStore(), version = '1') {
  const notices: CommitNotice[] = [];
  const clock = createManualClock(MARCH_1);
  const engine = createEngine({
    store,
    processes: [reviewProcess(version)],
    clock,
    orgs,
    onCommit: (notice) => notices.push(notice),
  });
  return { engine, notices, clock, store };
}

const summary = (notices: readonly CommitNotice[]) =>
  notices.map((notice) => ({
    id: notice.instance.id,
    version: notice.instance.version,
    entries: notice.entries.map((entry) => `${entry.seq}:${entry.kind}:${entry.eventType}`),
  }));

const open = (engine: ReturnType<typeof listening>['engine'], instanceId = 'i1') =>
  engine.start({
    processId: 'fixture-review',
    instanceId,
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: committee,
  });

describe('onCommit', () => {
  it('hears each durable commit once, with the instance after it and the entries it added', async () => {
    const { engine, notices } = listening(createSqliteStore({ path: join(dir, 'a.db') }));
    const started = await open(engine);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.instance).toEqual(started.instance);
    const sent = await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd1', due: '2026-03-02' }),
      idempotencyKey: 'k1',
    });
    expect(notices[1]?.instance).toEqual(sent.instance);
    // The notice's entries are the ones the history holds.
    expect(notices[1]?.entries).toEqual((await engine.history('i1', { actor: committee })).slice(1));
    // Not accepted, a stale pinned version, a replay of an idempotent request: nothing committed, nothing heard.
    await expect(engine.send({ instanceId: 'i1', event: event('RESUME', '2026-03-02') })).rejects.toBeInstanceOf(
      EventNotAcceptedError,
    );
    await expect(
      engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }), expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const replayed = await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd1', due: '2026-03-02' }),
      idempotencyKey: 'k1',
    });
    expect(replayed.replayed).toBe(true);
    expect(notices).toHaveLength(2);
    // The timer firing is a commit of its own, with one entry per deadline fired.
    expect((await engine.runDueTimers(MARCH_1 + 3 * DAY)).fired).toBe(1);
    expect(summary(notices)).toEqual([
      { id: 'i1', version: 1, entries: ['1:start:START'] },
      { id: 'i1', version: 2, entries: ['2:event:SCHEDULE'] },
      { id: 'i1', version: 3, entries: ['3:timer:DEADLINE_REACHED'] },
    ]);
  });

  it('hears a migration, and nothing of a dry run', async () => {
    const store = createMemoryStore();
    const first = listening(store);
    await open(first.engine);
    const { engine, notices } = listening(store, '2');
    const transform = (snapshot: JsonValue) => snapshot;
    await engine.migrate({ processId: 'fixture-review', from: '1', to: '2', transform, dryRun: true });
    expect(notices).toEqual([]);
    await engine.migrate({ processId: 'fixture-review', from: '1', to: '2', transform });
    expect(summary(notices)).toEqual([{ id: 'i1', version: 2, entries: ['2:migration:MIGRATE'] }]);
    expect(notices[0]?.instance.processVersion).toBe('2');
  });

  it('keeps a commit whose listener throws, reports the failure and goes on', async () => {
    const store = createMemoryStore();
    const engine = createEngine({
      store,
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs,
      onCommit: () => {
        throw new Error('listener down');
      },
    });
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await open(engine as never);
      const sent = await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
      expect(sent.instance.version).toBe(2);
      expect(report).toHaveBeenCalledTimes(2);
      expect(String(report.mock.calls[0]?.[0])).toContain('onCommit listener failed');
      expect(report.mock.calls[0]?.[1]).toEqual(new Error('listener down'));
    } finally {
      report.mockRestore();
    }
    expect((await engine.get('i1', { actor: committee })).version).toBe(2);
  });

  it('hears, in a conflict between two engines, only the commit that won', async () => {
    const path = join(dir, 'race.db');
    const a = listening(createSqliteStore({ path }));
    const b = listening(createSqliteStore({ path }));
    await open(a.engine);
    // a keeps version 1 in its cache while b moves the instance to version 2: a's next commit conflicts,
    // and a retries on version 2.
    await b.engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    await a.engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
    expect(summary(a.notices)).toEqual([
      { id: 'i1', version: 1, entries: ['1:start:START'] },
      { id: 'i1', version: 3, entries: ['3:event:NOTE'] },
    ]);
    expect(summary(b.notices)).toEqual([{ id: 'i1', version: 2, entries: ['2:event:NOTE'] }]);
    expect((await a.engine.history('i1', { actor: committee })).map((entry) => entry.seq)).toEqual([1, 2, 3]);
  });

  it("lets a host queue a notice for each deadline missed (the guide's sample)", async () => {
    const store = createMemoryStore();
    const processes = [reviewProcess()];
    // #region on-commit
    const overdue: { instanceId: string; deadlineId: string; missedOn: string }[] = [];
    const engine = createEngine({
      store,
      processes,
      orgs,
      clock: createManualClock(MARCH_1),
      onCommit: ({ instance, entries }) => {
        for (const entry of entries) {
          // A timer the state still took (not `ignored`) is a deadline missed; its entry records the
          // DEADLINE_REACHED event, dated the day after the deadline's date.
          if (entry.kind !== 'timer' || entry.decision !== 'applied') continue;
          const { deadlineId } = entry.payload as { deadlineId: string };
          overdue.push({ instanceId: instance.id, deadlineId, missedOn: entry.occurredOn }); // to your own queue
        }
      },
    });
    // #endregion on-commit
    await open(engine);
    await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'review', due: '2026-03-02' }),
    });
    expect(overdue).toEqual([]);
    await engine.runDueTimers(MARCH_1 + 3 * DAY);
    expect(overdue).toEqual([{ instanceId: 'i1', deadlineId: 'review', missedOn: '2026-03-03' }]);
  });

  it('is called once the commit is in the store, with one entry per timer the commit fired', async () => {
    const store = createMemoryStore();
    const seen: string[] = [];
    const engine = createEngine({
      store,
      processes: [reviewProcess()],
      orgs,
      clock: createManualClock(MARCH_1),
      // The store already holds what the notice tells of.
      onCommit: ({ instance }) =>
        seen.push(`${instance.version}:${store.dump().includes(`"version":${instance.version},`)}`),
    });
    await open(engine);
    for (const deadlineId of ['d1', 'd2', 'd3']) {
      await engine.send({
        instanceId: 'i1',
        event: event('SCHEDULE', '2026-03-01', { deadlineId, due: '2026-03-02' }),
      });
    }
    const notices: CommitNotice[] = [];
    const timers = createEngine({
      store,
      processes: [reviewProcess()],
      orgs,
      onCommit: (notice) => notices.push(notice),
    });
    expect((await timers.runDueTimers(MARCH_1 + 3 * DAY)).fired).toBe(3);
    expect(seen).toEqual(['1:true', '2:true', '3:true', '4:true']);
    expect(summary(notices)).toEqual([
      {
        id: 'i1',
        version: 7,
        entries: ['5:timer:DEADLINE_REACHED', '6:timer:DEADLINE_REACHED', '7:timer:DEADLINE_REACHED'],
      },
    ]);
  });

  it('says nothing of a migration the store refuses or fails', async () => {
    const store = createMemoryStore();
    await open(listening(store).engine);
    const transform = (snapshot: JsonValue) => snapshot;
    for (const commit of [
      async () => ({ ok: false as const, conflict: 'version' as const, actualVersion: 9 }),
      async () => {
        throw new StoreFailureError('disk full');
      },
    ]) {
      const { engine, notices } = listening({ ...store, commit }, '2');
      await engine.migrate({ processId: 'fixture-review', from: '1', to: '2', transform }).catch(() => undefined);
      expect(notices).toEqual([]);
    }
  });

  it('gives the listener its own copy: what it changes does not reach the caller', async () => {
    const engine = createEngine({
      store: createMemoryStore(),
      processes: [reviewProcess()],
      orgs,
      clock: createManualClock(MARCH_1),
      onCommit: ({ instance }) => {
        (instance.state as string[]).push('changed');
        (instance.snapshot as { context: { notes: number } }).context.notes = 999;
      },
    });
    await open(engine);
    const sent = await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
    expect(sent.instance.state).toEqual(['open', 'open.drafting']);
    expect(sent.instance.snapshot).toMatchObject({ context: { notes: 2 } });
  });

  it("gives the listener its own entries: a payload it changes does not reach a case that keeps the event's parts", async () => {
    // The fixture, keeping the actor of the first dated step in its context (as a case may keep an event's parts).
    const base = reviewProcess();
    const machine = base.machine.provide({
      actions: {
        recordDate: assign(({ context, event: sent }) => ({
          lastOccurredOn: sent.occurredOn,
          firstActor: (context as { firstActor?: unknown }).firstActor ?? sent.actor,
        })) as never,
      },
    });
    const engine = createEngine({
      store: createMemoryStore(),
      processes: [{ ...base, machine } as typeof base],
      orgs,
      clock: createManualClock(MARCH_1),
      onCommit: ({ entries }) => {
        for (const entry of entries) {
          const payload = entry.payload as { actor?: { id: string } };
          if (payload.actor) payload.actor.id = 'changed by the listener';
          (entry as { eventType: string }).eventType = 'CHANGED';
        }
      },
    });
    await open(engine);
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    const sent = await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-03', { count: 1 }) });
    expect(sent.instance.snapshot).toMatchObject({ context: { firstActor: { id: committee.id } } });
    const history = await engine.history('i1', { actor: actor('root') });
    expect(history.map((entry) => entry.eventType)).toEqual(['START', 'NOTE', 'NOTE']);
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 3 });
  });

  it('reports an async listener that rejects, and one whose error cannot even be printed, without failing the commit', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      // console.error itself fails on an error whose inspection throws.
      if (args.some((arg) => typeof arg === 'object' && arg !== null && 'unprintable' in arg)) throw new Error('boom');
    });
    try {
      const listeners = [
        async () => {
          throw new Error('async listener down');
        },
        () => {
          throw { unprintable: true };
        },
      ];
      for (const onCommit of listeners) {
        const engine = createEngine({
          store: createMemoryStore(),
          processes: [reviewProcess()],
          orgs,
          clock: createManualClock(MARCH_1),
          onCommit,
        });
        await open(engine);
        const sent = await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
        expect(sent.instance.version).toBe(2);
      }
      // The rejection is reported once the promise settles.
      await new Promise((resolve) => setImmediate(resolve));
      expect(report.mock.calls.map((call) => String(call[1]))).toContain('Error: async listener down');
    } finally {
      report.mockRestore();
    }
  });

  it('tells, over random operations of two engines on one file, each history entry exactly once and in order (property)', async () => {
    const operation = fc.record({
      engine: fc.constantFrom(0, 1),
      instance: fc.constantFrom('i1', 'i2'),
      kind: fc.constantFrom('note', 'schedule', 'bad', 'retry', 'timers'),
      key: fc.constantFrom('k1', 'k2', 'k3'),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 10, maxLength: 40 }), async (operations) => {
        const path = join(dir, `property-${run++}.db`);
        const clock = createManualClock(MARCH_1);
        const heard = new Map<string, number[]>();
        const engines = [0, 1].map(() =>
          createEngine({
            store: createSqliteStore({ path }),
            processes: [reviewProcess()],
            clock,
            orgs,
            onCommit: ({ instance, entries }) => {
              const seqs = heard.get(instance.id) ?? [];
              seqs.push(...entries.map((entry) => entry.seq));
              heard.set(instance.id, seqs);
            },
          }),
        );
        for (const id of ['i1', 'i2']) await open(engines[0] as never, id);
        let day = 0;
        // Sends of both engines run concurrently in pairs, so version conflicts and retries happen.
        for (let index = 0; index < operations.length; index += 2) {
          await Promise.all(
            operations.slice(index, index + 2).map(async ({ engine: which, instance, kind, key }) => {
              const engine = engines[which] as (typeof engines)[number];
              day += 1;
              const on = new Date(MARCH_1 + day * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
              const attempt =
                kind === 'timers'
                  ? engine.runDueTimers(MARCH_1 + (day + 2) * DAY)
                  : engine.send({
                      instanceId: instance,
                      event:
                        kind === 'schedule'
                          ? event('SCHEDULE', '2026-03-01', { deadlineId: `d${day % 3}`, due: on })
                          : kind === 'bad'
                            ? event('RESUME', on)
                            : event('NOTE', '2026-03-02', { count: 1 }),
                      ...(kind === 'retry' ? { idempotencyKey: `${instance}-${key}` } : {}),
                    });
              await attempt.catch(() => undefined);
            }),
          );
        }
        for (const id of ['i1', 'i2']) {
          const history = await engines[0]?.history(id, { actor: committee });
          expect(heard.get(id)).toEqual(history?.map((entry) => entry.seq));
        }
      }),
      { numRuns: 15 },
    );
  });
});

import { InvalidPayloadError } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { assign } from 'xstate';
import * as z from 'zod';
import {
  createEngine,
  createManualClock,
  createMemoryStore,
  type Engine,
  ForbiddenError,
  IdempotencyKeyReusedError,
  ProcessFailureError,
  type Store,
  StoreFailureError,
  UnknownVersionError,
  VersionConflictError,
} from '../src/index.js';
import { reviewEventSchema, reviewMachine, reviewProcess } from './fixtures/review-process.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

// Two engines on one store stand for two processes: each has its own instance cache and lock.

const input = { orgId: 'branch-1', openedOn: '2026-03-01' };
type Definition = ReturnType<typeof reviewProcess>;
const engineOn = (store: Store, processes: readonly Definition[] = [reviewProcess()]): Engine =>
  createEngine({ store, processes, clock: createManualClock(MARCH_1), orgs });
const startCase = (engine: Engine, instanceId: string, version?: string) =>
  engine.start({
    processId: 'fixture-review',
    instanceId,
    input,
    actor: actor('branch-1'),
    ...(version ? { version } : {}),
  });
const note = (occurredOn: string) => event('NOTE', occurredOn, { count: 1 });

/** The fixture with its `addNotes` action throwing while the case's last step is dated `poisoned`. */
function throwingNotes(poisoned: string): Definition {
  const machine = reviewMachine.provide({
    actions: {
      addNotes: assign({
        notes: ({ context, event: sent }) => {
          if (context.lastOccurredOn === poisoned) throw new Error(`addNotes fails after ${poisoned}`);
          return context.notes + (sent.type === 'NOTE' ? sent.count : 0);
        },
      }),
    },
  });
  return { ...reviewProcess(), machine } as Definition;
}

describe('an instance cached by one process and moved on by another', () => {
  it('takes an event its stored process version accepts though the cached version did not', async () => {
    // Version 2 also takes EXTRA, which version 1's schema refuses.
    const extra = z.object({ type: z.literal('EXTRA'), occurredOn: z.string(), actor: z.unknown() }).strict();
    const second = reviewProcess('2');
    const withExtra = {
      ...second,
      eventSchema: z.union([reviewEventSchema, extra]),
      explain: (snapshot: never, raw: unknown) =>
        (raw as { type?: unknown }).type === 'EXTRA'
          ? {
              verdict: 'allowed',
              eventType: 'EXTRA',
              checks: [],
              failures: [],
              warnings: [],
              message: { zh: '可以', en: 'ok' },
            }
          : second.explain(snapshot, raw),
    } as unknown as Definition;
    const store = createMemoryStore();
    const [a, b] = [engineOn(store, [reviewProcess('1'), withExtra]), engineOn(store, [reviewProcess('1'), withExtra])];
    await startCase(a, 'i1', '1');
    expect(await b.migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (s) => s })).toMatchObject({
      migrated: 1,
    });
    const sent = await a.send({ instanceId: 'i1', event: event('EXTRA', '2026-03-02') });
    expect(sent.instance).toMatchObject({ processVersion: '2', version: 3 });
    // The first engine still refuses what version 2 refuses, on the stored state.
    await expect(a.send({ instanceId: 'i1', event: event('OTHER', '2026-03-02') })).rejects.toBeInstanceOf(
      InvalidPayloadError,
    );
  });

  it('applies an event whose action threw only on the cached state', async () => {
    const definition = throwingNotes('2026-03-05');
    const store = createMemoryStore();
    const [a, b] = [engineOn(store, [definition]), engineOn(store, [definition])];
    await startCase(a, 'i1');
    await a.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-05', { reviewDays: 9 }) });
    await b.send({ instanceId: 'i1', event: event('REJECT', '2026-03-06', { reasonCode: 'r' }) });
    const sent = await a.send({ instanceId: 'i1', event: note('2026-03-07') });
    expect(sent.instance.version).toBe(4);
    expect((await a.get('i1', { actor: actor('root') })).snapshot).toMatchObject({ context: { notes: 1 } });
  });

  it('fires a timer whose action threw only on the cached state', async () => {
    const base = throwingNotes('never');
    const machine = reviewMachine.provide({
      actions: {
        fire: assign({
          fired: ({ context, event: sent }) => {
            if (context.orgId === 'branch-1') throw new Error('fire fails in branch-1');
            return sent.type === 'DEADLINE_REACHED'
              ? [...context.fired, { deadlineId: sent.deadlineId, occurredOn: sent.occurredOn }]
              : context.fired;
          },
          deadlines: ({ context, event: sent }) =>
            sent.type === 'DEADLINE_REACHED'
              ? context.deadlines.filter((d) => d.id !== sent.deadlineId)
              : context.deadlines,
        }),
      },
    });
    const definition = { ...base, machine } as Definition;
    const store = createMemoryStore();
    const [a, b] = [engineOn(store, [definition]), engineOn(store, [definition])];
    await startCase(a, 'i1');
    await a.send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-01' }) });
    await b.send({ instanceId: 'i1', event: event('TRANSFER', '2026-03-01', { toOrgId: 'branch-2' }) });
    expect(await a.runDueTimers(MARCH_1 + 2 * DAY)).toMatchObject({ fired: 1, failed: 0 });
  });
});

describe('errors on a cached instance that are not rerun', () => {
  it('a commit the store wrote before failing: the failure stands, the event is not applied twice', async () => {
    const inner = createMemoryStore();
    // Writes a NOTE's commit, then fails as a connection lost after COMMIT would.
    const store: Store = {
      ...inner,
      commit: async (request) => {
        const outcome = await inner.commit(request);
        if (request.audit[0]?.eventType === 'NOTE') throw new StoreFailureError('commit failed after writing');
        return outcome;
      },
    };
    const engine = engineOn(store);
    await startCase(engine, 'i1');
    for (const request of [
      { instanceId: 'i1', event: note('2026-03-02') },
      { instanceId: 'i1', event: note('2026-03-03'), expectedVersion: 2 },
    ]) {
      await expect(engine.send(request)).rejects.toBeInstanceOf(StoreFailureError);
    }
    expect((await inner.getAudit('i1')).map((entry) => entry.eventType)).toEqual(['START', 'NOTE', 'NOTE']);
  });

  it('a refusal made on a confirmed state is logged once, though another process commits meanwhile', async () => {
    const inner = createMemoryStore();
    let other: Engine | undefined;
    // Another process commits while the refusal is being logged.
    const store: Store = {
      ...inner,
      appendSecurity: async (entry) => {
        const moving = other;
        other = undefined;
        await moving?.send({ instanceId: 'i1', event: note('2026-03-02') });
        return inner.appendSecurity(entry);
      },
    };
    const a = engineOn(store);
    await startCase(a, 'i1');
    other = engineOn(store);
    const foreign = event('NOTE', '2026-03-03', { count: 1 }, actor('branch-3'));
    await expect(a.send({ instanceId: 'i1', event: foreign })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await inner.securityLog()).toHaveLength(1);
    expect((await inner.getInstance('i1'))?.version).toBe(2);
  });
});

describe('a machine that throws', () => {
  it('is reported as a ProcessFailureError carrying the cause, and nothing is written', async () => {
    const store = createMemoryStore();
    const engine = engineOn(store, [throwingNotes('2026-03-02')]);
    await startCase(engine, 'i1');
    await engine.send({ instanceId: 'i1', event: note('2026-03-02') });
    const error = await engine.send({ instanceId: 'i1', event: note('2026-03-03') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcessFailureError);
    expect((error as ProcessFailureError).cause).toEqual(new Error('addNotes fails after 2026-03-02'));
    expect((await store.getInstance('i1'))?.version).toBe(2);
    expect(await store.getAudit('i1')).toHaveLength(2);
  });

  it('in a guard, also when explaining', async () => {
    const machine = reviewMachine.provide({
      guards: {
        quorumMet: () => {
          throw new Error('guard fails');
        },
      },
    });
    const base = reviewProcess();
    // As every @dangwu/machines process does, the explanation asks the machine (`snapshot.can`).
    const definition = {
      ...base,
      machine,
      explain: (snapshot: Parameters<Definition['explain']>[0], raw: unknown) => {
        snapshot.can(raw as never);
        return base.explain(snapshot, raw);
      },
    } as Definition;
    const engine = engineOn(createMemoryStore(), [definition]);
    await startCase(engine, 'i1');
    await engine.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-02', { reviewDays: 9 }) });
    const approve = event('APPROVE', '2026-03-03', { present: 3, total: 4 });
    await expect(engine.send({ instanceId: 'i1', event: approve })).rejects.toBeInstanceOf(ProcessFailureError);
    await expect(engine.explain('i1', approve, { actor: actor('branch-1') })).rejects.toBeInstanceOf(
      ProcessFailureError,
    );
  });
});

describe('idempotent requests racing', () => {
  it('a start without an instance id, sent again, answers with the first result', async () => {
    const engine = engineOn(createMemoryStore());
    const request = { processId: 'fixture-review', input, actor: actor('branch-1'), idempotencyKey: 'start-1' };
    const first = await engine.start(request);
    expect(await engine.start(request)).toEqual({ ...first, replayed: true });
    expect(await engine.list({ actor: actor('root') })).toHaveLength(1);
  });

  it('the same start from two processes at once: one applies it, the other replays it', async () => {
    const store = createMemoryStore();
    const request = {
      processId: 'fixture-review',
      instanceId: 'i1',
      input,
      actor: actor('branch-1'),
      idempotencyKey: 'start-i1',
    };
    const results = await Promise.all([engineOn(store).start(request), engineOn(store).start(request)]);
    expect(results.map((result) => result.replayed).sort()).toEqual([false, true]);
  });

  it('the same pinned send from two processes at once: one applies it, the other replays it', async () => {
    const store = createMemoryStore();
    const [a, b] = [engineOn(store), engineOn(store)];
    await startCase(a, 'i1');
    const request = { instanceId: 'i1', event: note('2026-03-02'), expectedVersion: 1, idempotencyKey: 'k' };
    const results = await Promise.all([a.send(request), b.send(request)]);
    expect(results.map((result) => result.replayed).sort()).toEqual([false, true]);
    expect(await store.getAudit('i1')).toHaveLength(2);
  });

  it('a pinned send whose key another request took meanwhile is told so, not that its version was wrong', async () => {
    const store = createMemoryStore();
    const [a, b] = [engineOn(store), engineOn(store)];
    await startCase(a, 'i1');
    await startCase(a, 'i2');
    const send = (engine: Engine, instanceId: string) =>
      engine.send({ instanceId, event: note('2026-03-02'), expectedVersion: 1, idempotencyKey: 'k' });
    const results = await Promise.allSettled([send(a, 'i1'), send(b, 'i2')]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('a version conflict found at commit names the version the caller expected', async () => {
    const store = createMemoryStore();
    const [a, b] = [engineOn(store), engineOn(store)];
    await startCase(a, 'i1');
    await a.send({ instanceId: 'i1', event: note('2026-03-02') });
    await b.send({ instanceId: 'i1', event: note('2026-03-03') });
    const error = await a
      .send({ instanceId: 'i1', event: note('2026-03-04'), expectedVersion: 2 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expected: 2, actual: 3 });
  });
});

describe('the timer loop with a timer it cannot fire', () => {
  it('reports the failure to onError and tries again after the interval, without spinning', async () => {
    const inner = createMemoryStore();
    const old = engineOn(inner, [reviewProcess('1')]);
    await startCase(old, 'i1', '1');
    await old.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd', due: '2026-03-01' }),
    });
    let reads = 0;
    const store: Store = {
      ...inner,
      dueTimers: (now, limit) => {
        reads += 1;
        return inner.dueTimers(now, limit);
      },
    };
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
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(12);
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

describe('a migration racing sends', () => {
  it('migrates an instance another process moved on after the listing, from its stored state', async () => {
    const inner = createMemoryStore();
    const sender = engineOn(inner, [reviewProcess('1')]);
    await startCase(sender, 'i1', '1');
    // Another process sends to i1 between the migration's listing and its work on i1.
    const store: Store = {
      ...inner,
      listInstances: async (query) => {
        const listed = await inner.listInstances(query);
        await sender.send({ instanceId: 'i1', event: note('2026-03-02') });
        return listed;
      },
    };
    const migrating = engineOn(store, [reviewProcess('1'), reviewProcess('2')]);
    const report = await migrating.migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (s) => s });
    expect(report).toMatchObject({ migrated: 1, failed: 0, items: [{ instanceId: 'i1' }] });
    expect(report.items).toHaveLength(1);
    expect((await inner.getAudit('i1')).map((entry) => entry.eventType)).toEqual(['START', 'NOTE', 'MIGRATE']);
  });

  it('does not migrate again an instance another process migrated after the listing', async () => {
    const inner = createMemoryStore();
    const both = [reviewProcess('1'), reviewProcess('2')];
    await startCase(engineOn(inner, [reviewProcess('1')]), 'i1', '1');
    const other = engineOn(inner, both);
    const store: Store = {
      ...inner,
      listInstances: async (query) => {
        const listed = await inner.listInstances(query);
        await other.migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (s) => s });
        return listed;
      },
    };
    const report = await engineOn(store, both).migrate({
      processId: 'fixture-review',
      from: '1',
      to: '2',
      transform: (s) => s,
    });
    expect(report).toMatchObject({ migrated: 0, failed: 1 });
    expect((await inner.getAudit('i1')).map((entry) => entry.eventType)).toEqual(['START', 'MIGRATE']);
  });

  it('reports an instance whose commit lost to another process once, as failed', async () => {
    const inner = createMemoryStore();
    await startCase(engineOn(inner, [reviewProcess('1')]), 'i1', '1');
    const store: Store = {
      ...inner,
      commit: async (request) =>
        request.audit[0]?.eventType === 'MIGRATE'
          ? { ok: false, conflict: 'version', actualVersion: 9 }
          : inner.commit(request),
    };
    const report = await engineOn(store, [reviewProcess('1'), reviewProcess('2')]).migrate({
      processId: 'fixture-review',
      from: '1',
      to: '2',
      transform: (s) => s,
    });
    expect(report).toMatchObject({ migrated: 0, failed: 1 });
    expect(report.items).toHaveLength(1);
    expect(report.items[0]?.error).toContain('9');
  });
});

describe('listing after the host moved an organisation', () => {
  it('follows the live tree: no short page while rows remain, nothing from outside the asked subtree', async () => {
    const tree: Record<string, string | undefined> = {
      'general-1': 'root',
      'general-2': 'root',
      'branch-1': 'general-1',
      'branch-2': 'general-1',
    };
    const engine = createEngine({
      store: createMemoryStore(),
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs: { parentOf: (orgId) => tree[orgId] },
    });
    for (const [id, orgId] of [
      ['a1', 'branch-1'],
      ['a2', 'branch-1'],
      ['a3', 'branch-1'],
      ['b1', 'branch-2'],
    ] as const) {
      await engine.start({
        processId: 'fixture-review',
        instanceId: id,
        input: { ...input, orgId },
        actor: actor(orgId),
      });
    }
    tree['branch-1'] = 'general-2';
    const ids = async (query: { orgId?: string; limit?: number }, who = actor('general-1')) =>
      (await engine.list({ actor: who, ...query })).map((view) => view.id);
    expect(await ids({ limit: 2 })).toEqual(['b1']);
    expect(await ids({ orgId: 'general-1' }, actor('root'))).toEqual(['b1']);
    expect(await ids({ limit: 1 }, actor('root'))).toEqual(['a1']);
    expect(await ids({}, actor('root'))).toEqual(['a1', 'a2', 'a3', 'b1']);
  });

  it('reads past many dropped rows in whole batches, not one row at a time', async () => {
    const tree: Record<string, string | undefined> = {
      'branch-1': 'general-1',
      'branch-2': 'general-1',
      'general-1': 'root',
    };
    const inner = createMemoryStore();
    let reads = 0;
    const store: Store = {
      ...inner,
      listInstances: (query) => {
        reads += 1;
        return inner.listInstances(query);
      },
    };
    const engine = createEngine({
      store,
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs: { parentOf: (orgId) => tree[orgId] },
    });
    const open = (id: string, orgId: string) =>
      engine.start({ processId: 'fixture-review', instanceId: id, input: { ...input, orgId }, actor: actor(orgId) });
    for (let n = 0; n < 3; n += 1) await open(`a${n}`, 'branch-2');
    for (let n = 0; n < 250; n += 1) await open(`m${String(n).padStart(3, '0')}`, 'branch-1');
    await open('z', 'branch-2');
    tree['branch-1'] = 'root';
    const page = await engine.list({ actor: actor('general-1'), limit: 4 });
    expect(page.map((view) => view.id)).toEqual(['a0', 'a1', 'a2', 'z']);
    expect(reads).toBeLessThanOrEqual(4);
  });
});

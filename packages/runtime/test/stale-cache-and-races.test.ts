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
  MigrationInterruptedError,
  ProcessFailureError,
  type Store,
  StoreFailureError,
  VersionConflictError,
} from '../src/index.js';
import { reviewEventSchema, reviewMachine, reviewProcess } from './fixtures/review-process.js';
import { type Definition, engineOn, input, note, startCase, throwingNotes } from './support/two-processes.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

// Two engines on one store stand for two processes: each has its own instance cache and lock.

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

  it.each([
    ['a plain Error', () => new Error('connection reset')],
    ['a typed error of another kind', () => new InvalidPayloadError('event', [])],
  ])(
    'a host store that throws %s after writing: a StoreFailureError that stands, never a second application',
    async (_what, thrown) => {
      const inner = createMemoryStore();
      const store: Store = {
        ...inner,
        commit: async (request) => {
          const outcome = await inner.commit(request);
          if (request.audit[0]?.eventType !== 'START') throw thrown();
          return outcome;
        },
      };
      const engine = engineOn(store);
      await startCase(engine, 'i1');
      const error = await engine.send({ instanceId: 'i1', event: note('2026-03-02') }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreFailureError);
      expect((await inner.getAudit('i1')).map((entry) => entry.eventType)).toEqual(['START', 'NOTE']);
      // A migration through such a store stops with MigrationInterruptedError, as on the built-in stores.
      const report = await engineOn(store, [reviewProcess('1'), reviewProcess('2')])
        .migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (snapshot) => snapshot })
        .catch((e: unknown) => e);
      expect(report).toBeInstanceOf(MigrationInterruptedError);
    },
  );

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

describe('a send that loses every race', () => {
  it('gives up after maxRetries + 1 attempts with VersionConflictError saying so, not that it expected none', async () => {
    const inner = createMemoryStore();
    const setup = engineOn(inner);
    await startCase(setup, 'i1');
    let attempts = 0;
    // Another writer always commits first: every commit of this engine meets a newer version.
    const store: Store = {
      ...inner,
      commit: async () => {
        attempts += 1;
        return { ok: false, conflict: 'version', actualVersion: 1 + attempts };
      },
    };
    const engine = createEngine({
      store,
      processes: [reviewProcess()],
      clock: createManualClock(MARCH_1),
      orgs,
      maxRetries: 2,
    });
    const error = await engine.send({ instanceId: 'i1', event: note('2026-03-02') }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ attempts: 3, expected: null, actual: 4 });
    expect(String(error)).toContain('other writers won all 3 attempts');
    expect(attempts).toBe(3);
    // A pinned send names the version it pinned.
    const pinned = await engine
      .send({ instanceId: 'i1', event: note('2026-03-02'), expectedVersion: 1 })
      .catch((thrown: unknown) => thrown);
    expect(pinned).toMatchObject({ expected: 1, attempts: undefined });
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

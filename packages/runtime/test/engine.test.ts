import { runInNewContext } from 'node:vm';
import { DangwuError, InvalidPayloadError } from '@dangwu/rules';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  createManualClock,
  type Engine,
  EventNotAcceptedError,
  EventRefusedError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InstanceNotFoundError,
  type ManualClock,
  type Store,
  UnknownVersionError,
  VersionConflictError,
} from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

const stores = storesUnderTest('engine');

describe.each(stores)('engine on %s store', (_name, makeStore) => {
  let store: Store;
  let clock: ManualClock;
  let engine: Engine;
  const committee = actor('branch-1');

  beforeEach(() => {
    store = makeStore();
    clock = createManualClock(MARCH_1);
    engine = createEngine({ store, processes: [reviewProcess()], clock, orgs });
  });

  const open = (id = 'i1', orgId = 'branch-1') =>
    engine.start({
      processId: 'fixture-review',
      instanceId: id,
      input: { orgId, openedOn: '2026-03-01', rules: { profileId: 'national', version: '2014' } },
      actor: actor(orgId),
    });

  it('starts an instance pinned to its process and rule profile versions', async () => {
    const { instance, seq } = await open();
    expect(seq).toBe(1);
    expect(instance).toMatchObject({
      processId: 'fixture-review',
      processVersion: '1',
      rulesProfileId: 'national',
      rulesProfileVersion: '2014',
      orgId: 'branch-1',
      state: ['open', 'open.drafting'],
      version: 1,
    });
    expect(await engine.get('i1', { actor: committee })).toEqual(instance);
  });

  it('validates the start input and names the field', async () => {
    const error = await engine
      .start({ processId: 'fixture-review', input: { orgId: 'branch-1', openedOn: '2026-02-30' }, actor: committee })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect((error as InvalidPayloadError).issues[0]?.path).toBe('input.openedOn');
    await expect(engine.start({ processId: 'nope', input: {}, actor: committee })).rejects.toBeInstanceOf(
      UnknownVersionError,
    );
  });

  it('applies an event, records warnings by rule id and keeps the history', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-02', { reviewDays: 5 }) });
    const result = await engine.send({
      instanceId: 'i1',
      event: event('APPROVE', '2026-03-03', { present: 4, total: 5 }),
    });
    expect(result.instance.state).toEqual(['approved']);
    expect(result.instance.status).toBe('done');
    expect(result.warnings.map((w) => w.ruleId)).toEqual(['FIX-FULL-ATTENDANCE']);
    const history = await engine.history('i1', { actor: committee });
    expect(history.map((e) => [e.seq, e.eventType, e.occurredOn])).toEqual([
      [1, 'START', '2026-03-01'],
      [2, 'SUBMIT', '2026-03-02'],
      [3, 'APPROVE', '2026-03-03'],
    ]);
    expect(history[2]?.warnings).toEqual(['FIX-FULL-ATTENDANCE']);
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 3 });
  });

  it('returns views that are plain data to JSON, spread and structuredClone, the snapshot included', async () => {
    await open();
    const { instance } = await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
    const read = await engine.get('i1', { actor: committee });
    for (const view of [instance, read]) {
      expect(Object.keys(view)).toContain('snapshot');
      expect(view.snapshot).toMatchObject({ context: { notes: 2 } });
      expect(JSON.parse(JSON.stringify(view))).toEqual({ ...view });
      expect(structuredClone(view)).toEqual({ ...view });
    }
    expect({ ...instance, updatedAt: '' }).toEqual({ ...read, updatedAt: '' });
  });

  it('refuses a malformed event with a typed error naming the field, changing nothing', async () => {
    await open();
    const error = await engine
      .send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-02', { reviewDays: 'five' }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect((error as InvalidPayloadError).issues.map((issue) => issue.path)).toContain('event.reviewDays');
    expect((await engine.get('i1', { actor: committee })).version).toBe(1);
  });

  it('refuses an event the state does not take, with an explanation', async () => {
    await open();
    const error = await engine
      .send({ instanceId: 'i1', event: event('APPROVE', '2026-03-02', { present: 5, total: 5 }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventNotAcceptedError);
    expect((error as EventNotAcceptedError).explanation.verdict).toBe('not-accepted');
  });

  it('refuses an event whose blocking checks fail and carries the failures', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-02', { reviewDays: 5 }) });
    const error = await engine
      .send({
        instanceId: 'i1',
        event: event('APPROVE', '2026-03-03', { present: 2, total: 5 }, actor('branch-1', ['member'])),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventRefusedError);
    expect((error as EventRefusedError).failures.map((f) => f.ruleId).sort()).toEqual(['FIX-QUORUM', 'FIX-ROLE']);
    expect((error as EventRefusedError).code).toBe('EVENT_REFUSED');
    expect((await engine.get('i1', { actor: committee })).state).toEqual(['open', 'open.review']);
  });

  it('lets organisations above act, refuses others and logs the refused attempt', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }, actor('general-1')) });
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }, actor('root')) });
    const before = await engine.get('i1', { actor: committee });
    for (const outsider of [actor('branch-2'), actor('general-2'), actor('branch-3')]) {
      await expect(
        engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }, outsider) }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(engine.get('i1', { actor: outsider })).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(
      engine.send({
        instanceId: 'i1',
        event: event('NOTE', '2026-03-02', { count: 1 }, actor('branch-1', ['system'])),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await engine.get('i1', { actor: committee })).toEqual(before);
    const log = await engine.securityLog();
    expect(log).toHaveLength(7);
    expect(log[0]).toMatchObject({ actorOrgId: 'branch-2', action: 'send', instanceId: 'i1', eventType: 'NOTE' });
    expect(log[1]).toMatchObject({ actorOrgId: 'branch-2', action: 'read' });
  });

  it('refuses and logs an outsider before validating its event, so a malformed one cannot probe unseen', async () => {
    await open();
    const before = await engine.get('i1', { actor: committee });
    await expect(
      engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 0 }, actor('branch-3')) }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await engine.securityLog()).toMatchObject([
      { actorOrgId: 'branch-3', action: 'send', instanceId: 'i1', eventType: 'NOTE' },
    ]);
    // So is an outsider whose actor itself is malformed (an extra key, a role no one holds).
    for (const claimed of [
      { ...actor('branch-3'), badge: 'x' },
      { ...actor('branch-2'), roles: ['emperor'] },
    ]) {
      await expect(
        engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }, claimed as never) }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    // And an outsider whose actor id is unreadable, or an event whose actor's organisation is: such an
    // event cannot show it comes from inside the subtree, and a validation error would list the process's events.
    for (const claimed of [
      { ...actor('branch-3'), id: '' },
      { ...actor('branch-3'), id: 42 },
      { ...actor('branch-3'), id: 'x'.repeat(129) },
      { ...committee, orgId: '' },
      { ...committee, orgId: undefined },
      'branch-1',
    ]) {
      await expect(
        engine.send({ instanceId: 'i1', event: { type: 'X', occurredOn: '2026-03-02', actor: claimed } }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(
      engine.send({ instanceId: 'i1', event: { type: 'NOTE', occurredOn: '2026-03-02', count: 1 } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const entries = await engine.securityLog();
    expect(entries.map((entry) => [entry.actorId, entry.actorOrgId])).toEqual([
      ['u-branch-3', 'branch-3'],
      ['u-branch-3', 'branch-3'],
      ['u-branch-2', 'branch-2'],
      ...Array.from({ length: 3 }, () => ['', 'branch-3']),
      ...Array.from({ length: 4 }, () => ['', '']),
    ]);
    expect(entries.slice(3).map((entry) => entry.eventType)).toEqual([...Array.from({ length: 6 }, () => 'X'), 'NOTE']);
    expect(entries.every((entry) => entry.instanceId === 'i1' && entry.targetOrgId === 'branch-1')).toBe(true);
    // From inside the subtree the same event is simply malformed.
    await expect(
      engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 0 }) }),
    ).rejects.toBeInstanceOf(InvalidPayloadError);
    await expect(
      engine.send({
        instanceId: 'i1',
        event: event('NOTE', '2026-03-02', { count: 1 }, { ...committee, badge: 'x' } as never),
      }),
    ).rejects.toBeInstanceOf(InvalidPayloadError);
    expect(await engine.securityLog()).toHaveLength(10);
    // An insider's actor is read whatever object holds it: an instance of the host's own class, an
    // object from another realm. Zod accepts them, and so does the check before it.
    class Who {
      constructor(
        readonly id: string,
        readonly roles: string[],
        readonly orgId: string,
      ) {}
    }
    const foreign = runInNewContext(`({ id: 'u-branch-1', roles: ['branch-committee'], orgId: 'branch-1' })`);
    for (const insider of [new Who('u-branch-1', ['branch-committee'], 'branch-1'), foreign]) {
      await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }, insider) });
    }
    expect(await engine.securityLog()).toHaveLength(10);
    expect((await engine.get('i1', { actor: committee })).version).toBe(before.version + 2);
  });

  it('fails with VersionConflictError when the expected version is stale', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }), expectedVersion: 1 });
    const error = await engine
      .send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }), expectedVersion: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ expected: 1, actual: 2 });
  });

  it('applies a retried request once and returns the original result', async () => {
    await open();
    const request = { instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 3 }), idempotencyKey: 'req-1' };
    const first = await engine.send(request);
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    const again = await engine.send(request);
    expect(again).toEqual({ ...first, replayed: true });
    expect((await engine.history('i1', { actor: committee })).filter((e) => e.eventType === 'NOTE')).toHaveLength(2);
    await expect(engine.send({ ...request, event: event('NOTE', '2026-03-02', { count: 4 }) })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-03', { count: 1 }), idempotencyKey: 'req-2' }),
      ),
    );
    expect(new Set(concurrent.map((result) => result.seq)).size).toBe(1);
    expect((await engine.history('i1', { actor: committee })).filter((e) => e.eventType === 'NOTE')).toHaveLength(3);
  });

  it('lists by organisation subtree, process, state and overdue', async () => {
    await open('a', 'branch-1');
    await open('b', 'branch-2');
    await open('c', 'branch-3');
    await engine.send({ instanceId: 'b', event: event('SUBMIT', '2026-03-01', { reviewDays: 3 }, actor('branch-2')) });
    const ids = async (query: Partial<Parameters<Engine['list']>[0]> & { actor: ReturnType<typeof actor> }) =>
      (await engine.list(query)).map((view) => view.id);
    expect(await ids({ actor: actor('root') })).toEqual(['a', 'b', 'c']);
    expect(await ids({ actor: actor('general-1') })).toEqual(['a', 'b']);
    expect(await ids({ actor: actor('root'), orgId: 'general-2' })).toEqual(['c']);
    expect(await ids({ actor: actor('branch-1') })).toEqual(['a']);
    expect(await ids({ actor: actor('root'), state: 'open.review' })).toEqual(['b']);
    expect(await ids({ actor: actor('root'), processId: 'other' })).toEqual([]);
    expect(await ids({ actor: actor('root'), overdue: true })).toEqual([]);
    clock.set(MARCH_1 + 4 * DAY); // 2026-03-05: the review was due by 03-04
    expect(await ids({ actor: actor('root'), overdue: true })).toEqual(['b']);
    await expect(engine.list({ actor: actor('branch-1'), orgId: 'general-1' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('fires a deadline once, when the day after it begins, with that day as occurredOn', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-01', { reviewDays: 3 }) });
    expect(await engine.runDueTimers(MARCH_1 + 4 * DAY - 1)).toEqual({ fired: 0, ignored: 0, skipped: 0, failed: 0 });
    expect(await engine.runDueTimers(MARCH_1 + 4 * DAY)).toEqual({ fired: 1, ignored: 0, skipped: 0, failed: 0 });
    expect(await engine.runDueTimers(MARCH_1 + 40 * DAY)).toEqual({ fired: 0, ignored: 0, skipped: 0, failed: 0 });
    const history = await engine.history('i1', { actor: committee });
    expect(history.at(-1)).toMatchObject({
      kind: 'timer',
      eventType: 'DEADLINE_REACHED',
      occurredOn: '2026-03-05',
      actorId: 'system',
      payload: { deadlineId: 'review', due: '2026-03-04' },
    });
  });

  it('reschedules a deadline whose date changed and cancels one that disappeared', async () => {
    await open();
    await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'x', due: '2026-03-02' }),
    });
    await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'y', due: '2026-03-02' }),
    });
    await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'x', due: '2026-03-10' }),
    });
    await engine.send({ instanceId: 'i1', event: event('CANCEL', '2026-03-01', { deadlineId: 'y' }) });
    expect(await engine.runDueTimers(MARCH_1 + 5 * DAY)).toMatchObject({ fired: 0 });
    expect(await engine.runDueTimers(MARCH_1 + 10 * DAY)).toMatchObject({ fired: 1 });
    const fired = (await engine.history('i1', { actor: committee })).filter((e) => e.kind === 'timer');
    expect(fired.map((e) => e.occurredOn)).toEqual(['2026-03-11']);
  });

  const schedule = (ids: string[]) =>
    ids.reduce(
      (previous, deadlineId) =>
        previous.then(() =>
          engine.send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId, due: '2026-03-02' }) }),
        ),
      Promise.resolve({} as unknown),
    );

  it('fires the due deadlines of one instance in one commit, one chained audit entry each', async () => {
    const batches: number[] = [];
    engine = createEngine({
      store: {
        ...store,
        commit: (request) => {
          batches.push(request.audit.length);
          return store.commit(request);
        },
      },
      processes: [reviewProcess()],
      clock,
      orgs,
    });
    await open();
    await schedule(['a', 'b', 'c']);
    batches.length = 0;
    expect(await engine.runDueTimers(MARCH_1 + 3 * DAY)).toEqual({ fired: 3, ignored: 0, skipped: 0, failed: 0 });
    expect(batches).toEqual([3]);
    const history = await engine.history('i1', { actor: committee });
    expect(history.slice(-3).map((entry) => [entry.seq, entry.version, entry.payload])).toEqual(
      ['a', 'b', 'c'].map((deadlineId, index) => [5 + index, 5 + index, expect.objectContaining({ deadlineId })]),
    );
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 7 });
    expect((await engine.get('i1', { actor: committee })).version).toBe(7);
    expect(await engine.runDueTimers(MARCH_1 + 30 * DAY)).toMatchObject({ fired: 0, skipped: 0 });
  });

  it('isolates a deadline whose firing fails: the others of its instance still fire', async () => {
    const definition = reviewProcess();
    engine = createEngine({
      store,
      processes: [
        {
          ...definition,
          explain: (snapshot, raw) => {
            const { type, deadlineId } = raw as { type: string; deadlineId?: string };
            if (type === 'DEADLINE_REACHED' && deadlineId === 'b') throw new Error('explain failed');
            return definition.explain(snapshot, raw);
          },
        },
      ],
      clock,
      orgs,
    });
    await open();
    await schedule(['a', 'b', 'c']);
    expect(await engine.runDueTimers(MARCH_1 + 3 * DAY)).toEqual({ fired: 2, ignored: 0, skipped: 0, failed: 1 });
    const fired = (await engine.history('i1', { actor: committee })).filter((entry) => entry.kind === 'timer');
    expect(fired.map((entry) => (entry.payload as { deadlineId: string }).deadlineId)).toEqual(['a', 'c']);
    expect(await engine.verifyHistory('i1')).toMatchObject({ ok: true });
  });

  it('records a timer the state no longer takes as ignored, and never re-arms it', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-01', { reviewDays: 1 }) });
    // The fixture explains DEADLINE_REACHED as allowed while suspended; make the state refuse via approval first.
    await engine.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'late', due: '2026-03-01' }),
    });
    await engine.send({ instanceId: 'i1', event: event('APPROVE', '2026-03-01', { present: 3, total: 3 }) });
    // 'late' stays listed in the final state's context, but a final state takes no events.
    const report = await engine.runDueTimers(MARCH_1 + 3 * DAY);
    expect(report).toEqual({ fired: 0, ignored: 1, skipped: 0, failed: 0 });
    expect(await engine.runDueTimers(MARCH_1 + 30 * DAY)).toMatchObject({ ignored: 0, fired: 0 });
  });

  it('restores snapshots with their history so resumed states match a live actor', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-01', { reviewDays: 9 }) });
    await engine.send({ instanceId: 'i1', event: event('SUSPEND', '2026-03-02') });
    const resumed = await engine.send({ instanceId: 'i1', event: event('RESUME', '2026-03-03') });
    expect(resumed.instance.state).toEqual(['open', 'open.review']);
  });

  it('fails to load an instance pinned to an unregistered version and migrates it explicitly', async () => {
    await open();
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 2 }) });
    const v2 = createEngine({ store, processes: [reviewProcess('2')], clock, orgs });
    await expect(v2.get('i1', { actor: committee })).rejects.toBeInstanceOf(UnknownVersionError);
    await expect(
      v2.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) }),
    ).rejects.toBeInstanceOf(UnknownVersionError);
    const transform = (snapshot: import('../src/index.js').JsonValue) => {
      const copy = structuredClone(snapshot) as { context: { notes: number } };
      copy.context.notes *= 10;
      return copy;
    };
    const dry = await v2.migrate({ processId: 'fixture-review', from: '1', to: '2', transform, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, migrated: 0, failed: 0, items: [{ instanceId: 'i1', changed: true }] });
    await expect(v2.get('i1', { actor: committee })).rejects.toBeInstanceOf(UnknownVersionError);
    const done = await v2.migrate({ processId: 'fixture-review', from: '1', to: '2', transform });
    expect(done).toMatchObject({ dryRun: false, migrated: 1 });
    const view = await v2.get('i1', { actor: committee });
    expect(view.processVersion).toBe('2');
    expect(view.snapshot).toMatchObject({ context: { notes: 20 } });
    expect((await v2.history('i1', { actor: committee })).at(-1)).toMatchObject({
      kind: 'migration',
      payload: { from: '1', to: '2' },
    });
    expect(await v2.verifyHistory('i1')).toEqual({ ok: true, entries: 3 });
  });

  it('throws only typed errors for unknown instances and malformed requests', async () => {
    await expect(engine.get('missing', { actor: committee })).rejects.toBeInstanceOf(InstanceNotFoundError);
    for (const request of [null, 1, {}, { instanceId: 5 }, { instanceId: 'i1', event: {}, expectedVersion: 0 }]) {
      await expect(engine.send(request as never)).rejects.toBeInstanceOf(DangwuError);
    }
  });

  it('refuses ids and keys with a lone surrogate, which a UTF-8 store would merge with another', async () => {
    await open();
    const note = event('NOTE', '2026-03-02', { count: 1 });
    const refusedPath = async (attempt: Promise<unknown>) => {
      const error = await attempt.catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidPayloadError);
      return (error as InvalidPayloadError).issues.map((issue) => issue.path);
    };
    expect(await refusedPath(engine.send({ instanceId: 'i\ud800', event: note }))).toEqual(['instanceId']);
    expect(await refusedPath(engine.send({ instanceId: 'i1', event: note, idempotencyKey: 'k\udc00' }))).toEqual([
      'idempotencyKey',
    ]);
    expect(
      await refusedPath(
        engine.start({
          processId: 'fixture-review',
          instanceId: '\udc00x',
          input: { orgId: 'branch-1', openedOn: '2026-03-01' },
          actor: committee,
        }),
      ),
    ).toEqual(['instanceId']);
    // A well-formed pair is an ordinary character.
    await engine.send({ instanceId: 'i1', event: note, idempotencyKey: 'k\ud83d\ude00' });
    expect((await engine.get('i1', { actor: committee })).version).toBe(2);
  });
});

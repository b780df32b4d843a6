import type {
  AuditEntry,
  CommitRequest,
  IdempotencyRecord,
  InstanceRecord,
  SecurityEntry,
  Store,
  TimerRecord,
} from '@dangwu/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** Options of {@link describeStoreConformance}. */
export interface StoreConformanceOptions {
  /**
   * Closes the store and opens it again on the same data, to check durability. Omit for stores that
   * do not outlive their object (the in-memory store).
   * @default undefined (the durability test is not declared)
   */
  readonly reopen?: (store: Store) => Promise<Store> | Store;
}

const HASH = 'a'.repeat(64);

function instance(id: string, version: number, overrides: Partial<InstanceRecord> = {}): InstanceRecord {
  return {
    schemaVersion: 1,
    id,
    processId: 'p',
    processVersion: '1',
    rulesProfileId: null,
    rulesProfileVersion: null,
    orgId: 'branch-1',
    orgPath: ['root', 'branch-1'],
    statePaths: ['open', 'open.drafting'],
    status: 'active',
    version,
    snapshot: { value: { open: 'drafting' }, context: { n: version, nested: [1, 'two', null, true] } },
    deadlines: [],
    firedDeadlines: [],
    earliestDue: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    auditHead: { seq: version, hash: HASH },
    ...overrides,
  };
}

function entry(instanceId: string, seq: number): AuditEntry {
  return {
    schemaVersion: 1,
    instanceId,
    seq,
    kind: seq === 1 ? 'start' : 'event',
    recordedAt: '2026-01-01T00:00:00.000Z',
    occurredOn: '2026-01-01',
    eventType: seq === 1 ? 'START' : 'NOTE',
    actorId: 'u1',
    actorRoles: ['member'],
    actorOrgId: 'branch-1',
    decision: 'applied',
    warnings: [],
    payload: { seq },
    processVersion: '1',
    version: seq,
    fromState: [],
    toState: ['open'],
    prevHash: HASH,
    hash: HASH,
  };
}

function timer(
  instanceId: string,
  deadlineId: string,
  dueAt: number,
  status: TimerRecord['status'] = 'pending',
): TimerRecord {
  return {
    schemaVersion: 1,
    instanceId,
    deadlineId,
    ruleId: 'R-1',
    due: '2026-01-01',
    dueAt,
    status,
    firedSeq: status === 'fired' ? 1 : null,
  };
}

/** The idempotency record a commit of `record` under `key` stores. */
function idempotency(record: InstanceRecord, key: string): IdempotencyRecord {
  return {
    schemaVersion: 1,
    key,
    instanceId: record.id,
    fingerprint: HASH,
    seq: record.version,
    result: { ok: true },
  };
}

function request(record: InstanceRecord, timers: TimerRecord[] = [], key?: string): CommitRequest {
  return {
    instance: record,
    expectedVersion: record.version === 1 ? null : record.version - 1,
    audit: [entry(record.id, record.version)],
    timers,
    ...(key === undefined ? {} : { idempotency: idempotency(record, key) }),
  };
}

/** Everything the store holds of one instance, and the records of the given idempotency keys. */
async function held(store: Store, instanceId: string, keys: readonly string[]) {
  return {
    instance: await store.getInstance(instanceId),
    audit: await store.getAudit(instanceId),
    timers: await store.getTimers(instanceId),
    keys: await Promise.all(keys.map((key) => store.getIdempotency(key))),
  };
}

function security(actorId: string): SecurityEntry {
  return {
    schemaVersion: 1,
    recordedAt: '2026-01-01T00:00:00.000Z',
    actorId,
    actorOrgId: 'other',
    action: 'send',
    instanceId: 'i1',
    targetOrgId: 'branch-1',
    eventType: 'NOTE',
    reason: 'outside subtree',
  };
}

/**
 * Declares the conformance suite every {@link Store} implementation must pass (a vitest `describe`
 * block): atomic commits with version and idempotency checks, timer replacement and due queries,
 * instance queries, the audit order, the security log, and races between concurrent commits.
 */
export function describeStoreConformance(
  name: string,
  createStore: () => Promise<Store> | Store,
  options: StoreConformanceOptions = {},
): void {
  describe(`store conformance: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await createStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates an instance and returns it unchanged', async () => {
      const record = instance('i1', 1);
      expect(await store.commit(request(record))).toEqual({ ok: true });
      expect(await store.getInstance('i1')).toEqual(record);
      expect(await store.getAudit('i1')).toEqual([entry('i1', 1)]);
      expect(await store.getInstance('missing')).toBeUndefined();
    });

    it('refuses to create an instance that exists, writing nothing', async () => {
      await store.commit(request(instance('i1', 1), [timer('i1', 'a', 7)], 'k1'));
      const outcome = await store.commit(request(instance('i1', 1, { orgId: 'x' }), [timer('i1', 'd', 5)], 'k2'));
      expect(outcome).toMatchObject({ ok: false, conflict: 'version', actualVersion: 1 });
      expect(await held(store, 'i1', ['k1', 'k2'])).toEqual({
        instance: instance('i1', 1),
        audit: [entry('i1', 1)],
        timers: [timer('i1', 'a', 7)],
        keys: [idempotency(instance('i1', 1), 'k1'), undefined],
      });
    });

    it('updates only at the expected version', async () => {
      await store.commit(request(instance('i1', 1), [], 'k1'));
      expect(await store.commit(request(instance('i1', 2), [timer('i1', 'a', 7)]))).toEqual({ ok: true });
      const stored = {
        instance: instance('i1', 2),
        audit: [entry('i1', 1), entry('i1', 2)],
        timers: [timer('i1', 'a', 7)],
        keys: [idempotency(instance('i1', 1), 'k1'), undefined],
      };
      expect(await held(store, 'i1', ['k1', 'k2'])).toEqual(stored);
      // A stale request carrying another record, other timers and a new key: none of it is written.
      const stale = await store.commit({
        ...request(instance('i1', 2, { orgId: 'stale' }), [timer('i1', 'b', 9)], 'k2'),
        expectedVersion: 1,
      });
      expect(stale).toMatchObject({ ok: false, conflict: 'version', actualVersion: 2 });
      expect(await held(store, 'i1', ['k1', 'k2'])).toEqual(stored);
      const missing = await store.commit({
        ...request(instance('nope', 2), [timer('nope', 'a', 1)], 'k3'),
        expectedVersion: 1,
      });
      expect(missing).toMatchObject({ ok: false, conflict: 'version' });
      expect(await held(store, 'nope', ['k3'])).toEqual({
        instance: undefined,
        audit: [],
        timers: [],
        keys: [undefined],
      });
      expect(await held(store, 'i1', ['k1', 'k2'])).toEqual(stored);
    });

    it('appends every entry of a several-entry commit in order, or none of them on a conflict', async () => {
      await store.commit(request(instance('i1', 1)));
      const batch = (expectedVersion: number): CommitRequest => ({
        instance: instance('i1', expectedVersion + 3),
        expectedVersion,
        audit: [2, 3, 4].map((seq) => entry('i1', expectedVersion + seq - 1)),
        timers: [],
      });
      expect(await store.commit(batch(1))).toEqual({ ok: true });
      const stored = await held(store, 'i1', []);
      expect(stored).toEqual({
        instance: instance('i1', 4),
        audit: [1, 2, 3, 4].map((seq) => entry('i1', seq)),
        timers: [],
        keys: [],
      });
      // The same batch again, now stale, with another record and timers: none of it is written.
      const stale = { ...batch(1), instance: instance('i1', 4, { orgId: 'stale' }), timers: [timer('i1', 'b', 9)] };
      expect(await store.commit(stale)).toMatchObject({ ok: false, conflict: 'version', actualVersion: 4 });
      expect(await held(store, 'i1', [])).toEqual(stored);
    });

    it('replaces the timer set of an instance on every commit', async () => {
      await store.commit(request(instance('i1', 1), [timer('i1', 'a', 300), timer('i1', 'b', 100)]));
      expect((await store.getTimers('i1')).map((t) => t.deadlineId)).toEqual(['b', 'a']);
      await store.commit(request(instance('i1', 2), [timer('i1', 'c', 200), timer('i1', 'b', 100, 'fired')]));
      expect(await store.getTimers('i1')).toEqual([timer('i1', 'b', 100, 'fired'), timer('i1', 'c', 200)]);
    });

    it('keeps the stored timer rows when a commit says its timer set is unchanged', async () => {
      const timers = [timer('i1', 'a', 300), timer('i1', 'b', 100, 'fired')];
      await store.commit(request(instance('i1', 1), timers));
      expect(await store.commit({ ...request(instance('i1', 2), timers), timersUnchanged: true })).toEqual({
        ok: true,
      });
      expect(await store.getTimers('i1')).toEqual([timer('i1', 'b', 100, 'fired'), timer('i1', 'a', 300)]);
      expect((await store.dueTimers(1000, 10)).map((t) => t.deadlineId)).toEqual(['a']);
    });

    it('lists due pending timers in due order with a limit, and the next due instant', async () => {
      await store.commit(request(instance('i1', 1), [timer('i1', 'a', 300), timer('i1', 'f', 50, 'fired')]));
      await store.commit(request(instance('i2', 1), [timer('i2', 'a', 100), timer('i2', 'b', 900)]));
      expect((await store.dueTimers(300, 10)).map((t) => `${t.instanceId}/${t.deadlineId}`)).toEqual(['i2/a', 'i1/a']);
      expect(await store.dueTimers(300, 1)).toEqual([timer('i2', 'a', 100)]);
      expect(await store.dueTimers(99, 10)).toEqual([]);
      expect(await store.nextTimerDue()).toBe(100);
      // After an instant: the earliest pending timer due strictly after it (fired ones never count).
      expect(await store.nextTimerDue(100)).toBe(300);
      expect(await store.nextTimerDue(40)).toBe(100);
      expect(await store.nextTimerDue(899.5)).toBe(900);
      expect(await store.nextTimerDue(900)).toBeUndefined();
    });

    it('reports no next timer when none is pending', async () => {
      expect(await store.nextTimerDue()).toBeUndefined();
      await store.commit(request(instance('i1', 1), [timer('i1', 'a', 5, 'fired')]));
      expect(await store.nextTimerDue()).toBeUndefined();
    });

    it('stores an idempotency record with the commit and refuses a second use of the key', async () => {
      await store.commit(request(instance('i1', 1), [], 'k1'));
      const first = idempotency(instance('i1', 1), 'k1');
      expect(await store.getIdempotency('k1')).toEqual(first);
      const again = await store.commit(request(instance('i1', 2), [timer('i1', 'a', 1)], 'k1'));
      expect(again).toEqual({ ok: false, conflict: 'idempotency' });
      expect(await held(store, 'i1', ['k1', 'k2'])).toEqual({
        instance: instance('i1', 1),
        audit: [entry('i1', 1)],
        timers: [],
        keys: [first, undefined],
      });
      // Creating another instance with the used key is refused too, and creates nothing.
      const other = await store.commit(request(instance('i2', 1), [timer('i2', 'a', 1)], 'k1'));
      expect(other).toEqual({ ok: false, conflict: 'idempotency' });
      expect(await held(store, 'i2', ['k1'])).toEqual({ instance: undefined, audit: [], timers: [], keys: [first] });
      expect((await store.listInstances({})).map((record) => record.id)).toEqual(['i1']);
    });

    it('filters instances by organisation subtree, process, version, state and due date', async () => {
      await store.commit(request(instance('a', 1)));
      await store.commit(
        request(
          instance('b', 1, {
            orgId: 'branch-2',
            orgPath: ['root', 'general', 'branch-2'],
            processVersion: '2',
            statePaths: ['done'],
            earliestDue: '2026-03-01',
          }),
        ),
      );
      await store.commit(request(instance('c', 1, { processId: 'q', earliestDue: '2026-01-15' })));
      const ids = async (query: Parameters<Store['listInstances']>[0]) =>
        (await store.listInstances(query)).map((record) => record.id);
      expect(await ids({})).toEqual(['a', 'b', 'c']);
      expect(await ids({ withinOrg: 'root' })).toEqual(['a', 'b', 'c']);
      expect(await ids({ withinOrg: 'general' })).toEqual(['b']);
      expect(await ids({ withinOrg: 'branch' })).toEqual([]);
      expect(await ids({ processId: 'p' })).toEqual(['a', 'b']);
      expect(await ids({ processId: 'p', processVersion: '2' })).toEqual(['b']);
      expect(await ids({ state: 'open' })).toEqual(['a', 'c']);
      expect(await ids({ state: 'open.drafting' })).toEqual(['a', 'c']);
      expect(await ids({ state: 'drafting' })).toEqual([]);
      expect(await ids({ dueBefore: '2026-03-01' })).toEqual(['c']);
      expect(await ids({ dueBefore: '2026-03-02' })).toEqual(['b', 'c']);
      expect(await ids({ afterId: 'a', limit: 1 })).toEqual(['b']);
    });

    it('keeps list filters in step with updates (organisation and state changes)', async () => {
      await store.commit(request(instance('a', 1)));
      await store.commit(request(instance('a', 2, { orgId: 'x', orgPath: ['x'], statePaths: ['closed'] })));
      expect(await store.listInstances({ withinOrg: 'root' })).toEqual([]);
      expect((await store.listInstances({ withinOrg: 'x', state: 'closed' })).map((r) => r.id)).toEqual(['a']);
      expect(await store.listInstances({ state: 'open' })).toEqual([]);
    });

    it('lists an instance under exactly the organisations and states of its latest commit', async () => {
      // Lists that keep some members, reorder them, empty out, and (steps 3 and 4) two that read alike
      // when their members are joined by `|`, with nothing else changing.
      const steps = [
        { orgPath: ['root', 'branch-1'], statePaths: ['open', 'open.drafting'] },
        { orgPath: ['root', 'general', 'branch-2'], statePaths: ['open', 'open.review'] },
        { orgPath: ['root', 'a|b'], statePaths: ['open.review', 'open'] },
        { orgPath: ['root', 'a', 'b'], statePaths: ['open.review', 'open'] },
        { orgPath: ['root', 'a', 'b'], statePaths: [] },
        { orgPath: ['x'], statePaths: ['closed'] },
        { orgPath: ['root', 'a|b'], statePaths: ['open', 'open.drafting'] },
      ];
      const everyOrg = [...new Set(steps.flatMap((step) => step.orgPath))];
      const everyState = [...new Set(steps.flatMap((step) => step.statePaths))];
      const ids = async (query: Parameters<Store['listInstances']>[0]) =>
        (await store.listInstances(query)).map((record) => record.id);
      for (const [index, step] of steps.entries()) {
        await store.commit(request(instance('a', index + 1, { orgId: step.orgPath.at(-1) ?? 'x', ...step })));
        for (const org of everyOrg) {
          expect(await ids({ withinOrg: org }), `step ${index + 1}, organisation ${org}`).toEqual(
            step.orgPath.includes(org) ? ['a'] : [],
          );
        }
        for (const state of everyState) {
          expect(await ids({ state }), `step ${index + 1}, state ${state}`).toEqual(
            step.statePaths.includes(state) ? ['a'] : [],
          );
        }
      }
    });

    it('keeps the process and due-date filters in step with updates', async () => {
      const ids = async (query: Parameters<Store['listInstances']>[0]) =>
        (await store.listInstances(query)).map((record) => record.id);
      await store.commit(request(instance('a', 1)));
      expect(await ids({ dueBefore: '2099-01-01' })).toEqual([]);
      await store.commit(request(instance('a', 2, { earliestDue: '2026-02-01' })));
      expect(await ids({ dueBefore: '2026-03-01' })).toEqual(['a']);
      await store.commit(request(instance('a', 3, { earliestDue: '2026-04-01' })));
      expect(await ids({ dueBefore: '2026-03-01' })).toEqual([]);
      expect(await ids({ dueBefore: '2026-04-02' })).toEqual(['a']);
      await store.commit(request(instance('a', 4, { processVersion: '2', earliestDue: '2026-04-01' })));
      expect(await ids({ processId: 'p', processVersion: '1' })).toEqual([]);
      expect(await ids({ processId: 'p', processVersion: '2' })).toEqual(['a']);
      await store.commit(request(instance('a', 5, { processId: 'q', processVersion: '2', earliestDue: null })));
      expect(await ids({ processId: 'p' })).toEqual([]);
      expect(await ids({ processId: 'q' })).toEqual(['a']);
      expect(await ids({ dueBefore: '2099-01-01' })).toEqual([]);
    });

    it('orders ids by code point, as UTF-8 bytes sort, in lists, pages and due timers', async () => {
      // Code point order; UTF-16 code units would put the emoji and the CJK extension character (U+10000 and
      // above) before the full-width forms (U+FF01, U+FF41).
      const ordered = ['Z9', 'a1', '支部-1', '！bang', 'ａwide', '😀smile', '𠀀ext'];
      for (const id of [...ordered].reverse()) await store.commit(request(instance(id, 1), [timer(id, 'd', 100)]));
      const ids = async (query: Parameters<Store['listInstances']>[0]) =>
        (await store.listInstances(query)).map((record) => record.id);
      expect(await ids({})).toEqual(ordered);
      expect(await ids({ afterId: '！bang' })).toEqual(['ａwide', '😀smile', '𠀀ext']);
      expect(await ids({ afterId: 'ａwide', limit: 1 })).toEqual(['😀smile']);
      expect((await store.dueTimers(100, 10)).map((row) => row.instanceId)).toEqual(ordered);
    });

    it('appends to the security log and returns the most recent entries oldest first', async () => {
      for (const actor of ['u1', 'u2', 'u3']) await store.appendSecurity(security(actor));
      expect(await store.securityLog()).toEqual([security('u1'), security('u2'), security('u3')]);
      expect(await store.securityLog(2)).toEqual([security('u2'), security('u3')]);
    });

    it('lets exactly one of several concurrent commits at the same version win', async () => {
      await store.commit(request(instance('i1', 1)));
      const contender = (index: number) => instance('i1', 2, { orgId: `o${index}` });
      const keys = Array.from({ length: 8 }, (_, index) => `r${index}`);
      const outcomes = await Promise.all(
        keys.map((key, index) => store.commit(request(contender(index), [timer('i1', `t${index}`, index)], key))),
      );
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      for (const outcome of outcomes) {
        if (!outcome.ok) expect(outcome).toMatchObject({ conflict: 'version', actualVersion: 2 });
      }
      // What is stored is the winner's record, timers and key, with nothing of any loser's.
      const winner = outcomes.findIndex((outcome) => outcome.ok);
      expect(await held(store, 'i1', keys)).toEqual({
        instance: contender(winner),
        audit: [entry('i1', 1), entry('i1', 2)],
        timers: [timer('i1', `t${winner}`, winner)],
        keys: keys.map((key, index) => (index === winner ? idempotency(contender(winner), key) : undefined)),
      });
    });

    it('commits concurrent requests for different instances independently', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, index) => store.commit(request(instance(`i${index}`, 1), [], `k${index % 10}`))),
      );
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(10);
      expect(await store.listInstances({})).toHaveLength(10);
      // Each key was sent twice (instances i<n> and i<n+10>): one won it, and its key record stays the winner's.
      for (let index = 0; index < 10; index += 1) {
        const [won, lost] = outcomes[index]?.ok ? [index, index + 10] : [index + 10, index];
        expect(outcomes[won], `k${index}`).toEqual({ ok: true });
        expect(outcomes[lost], `k${index}`).toEqual({ ok: false, conflict: 'idempotency' });
        expect(await store.getIdempotency(`k${index}`)).toEqual(idempotency(instance(`i${won}`, 1), `k${index}`));
        expect(await store.getInstance(`i${won}`)).toEqual(instance(`i${won}`, 1));
        expect(await store.getInstance(`i${lost}`)).toBeUndefined();
      }
    });

    if (options.reopen) {
      const reopen = options.reopen;
      it('keeps every committed record across a reopen', async () => {
        await store.commit(request(instance('i1', 1), [timer('i1', 'a', 7)], 'k1'));
        await store.appendSecurity(security('u1'));
        store = await reopen(store);
        expect(await store.getInstance('i1')).toEqual(instance('i1', 1));
        expect(await store.getAudit('i1')).toEqual([entry('i1', 1)]);
        expect(await store.getTimers('i1')).toEqual([timer('i1', 'a', 7)]);
        expect(await store.getIdempotency('k1')).toEqual(idempotency(instance('i1', 1), 'k1'));
        expect(await store.securityLog()).toEqual([security('u1')]);
      });
    }
  });
}

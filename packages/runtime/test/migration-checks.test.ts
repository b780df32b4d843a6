import { memberDevelopmentProcess, type ProcessDefinition } from '@dangwu/machines';
import { addDays, type LocalDate } from '@dangwu/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, createActor, createMachine } from 'xstate';
import { firstSnapshot, nextSnapshot } from '../src/engine/machine-step.js';
import { restoreMigratedSnapshot } from '../src/engine/migrated-snapshot.js';
import { persistSnapshot } from '../src/engine/snapshot-io.js';
import {
  createEngine,
  createManualClock,
  InvalidMigratedSnapshotError,
  type JsonValue,
  MigrationInterruptedError,
  type MigrationReport,
  type Store,
  StoreFailureError,
} from '../src/index.js';
import { reviewMachine, reviewProcess } from './fixtures/review-process.js';
import { by, openedDevelopmentCase } from './support/development-case.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { engineOn, startCase } from './support/two-processes.js';
import { actor, event, MARCH_1 } from './support/world.js';

// What migrate refuses to write (a snapshot the target version cannot hold) and what it reports when
// the store fails part-way. The sample in docs/guides/runtime.md ("Moving instances to a new version")
// is the region `migrate` below.

const stores = storesUnderTest('migration');

type Snapshot = { status: string; value: JsonValue; context: Record<string, JsonValue> | null; error?: unknown };
const both = [reviewProcess('1'), reviewProcess('2')];
const committee = actor('branch-1');

const withoutOrg = (context: Snapshot['context']) => {
  const { orgId: _dropped, ...rest } = context ?? {};
  return rest;
};
/** `s` with `copies` deadlines under `id` (a week apart from `due`). */
const withDeadline = (s: Snapshot, due: string, id: string | number = 'd1', copies = 1): Snapshot => {
  const deadline = {
    id,
    ruleId: 'FIXTURE-REVIEW',
    due,
    raises: { type: 'DEADLINE_REACHED', deadlineId: 'd1' },
    text: { zh: '审查期限', en: 'review deadline' },
    provisional: false,
  };
  const deadlines = Array.from({ length: copies }, (_, index) =>
    index === 0 ? deadline : { ...deadline, due: addDays(due as LocalDate, 7 * index) },
  );
  return { ...s, context: { ...s.context, deadlines } };
};

describe.each(stores)('migrate on the %s store', (_name, makeStore) => {
  async function migrateOne(change: (snapshot: Snapshot) => Snapshot, approved = false) {
    const store = makeStore();
    await startCase(engineOn(store, [reviewProcess('1')]), 'i1', '1');
    if (approved) {
      const v1 = engineOn(store, [reviewProcess('1')]);
      await v1.send({ instanceId: 'i1', event: event('SUBMIT', '2026-03-02', { reviewDays: 9 }) });
      await v1.send({ instanceId: 'i1', event: event('APPROVE', '2026-03-03', { present: 3, total: 3 }) });
    }
    const before = JSON.stringify(await store.getInstance('i1'));
    const auditBefore = (await store.getAudit('i1')).length;
    const engine = engineOn(store, both);
    const report = await engine.migrate({
      processId: 'fixture-review',
      from: '1',
      to: '2',
      transform: (snapshot) => change(structuredClone(snapshot) as unknown as Snapshot) as unknown as JsonValue,
    });
    return { store, engine, report, before, auditBefore };
  }

  it.each([
    ['done outside a final state', (s: Snapshot) => ({ ...s, status: 'done' }), false, 'snapshot.status'],
    ['active in a final state', (s: Snapshot) => ({ ...s, value: 'approved' }), false, 'snapshot.status'],
    ['active after a final state was reached', (s: Snapshot) => ({ ...s, status: 'active' }), true, 'snapshot.status'],
    ['in error', (s: Snapshot) => ({ ...s, status: 'error', error: 'x' }), false, 'snapshot.status'],
    ['stopped', (s: Snapshot) => ({ ...s, status: 'stopped' }), false, 'snapshot.status'],
    ['in a state the version lacks', (s: Snapshot) => ({ ...s, value: 'nowhere' }), false, 'snapshot'],
    ['without a context', (s: Snapshot) => ({ ...s, context: null }), false, 'snapshot.context'],
    ['without an organisation', (s: Snapshot) => ({ ...s, context: withoutOrg(s.context) }), false, 'record.orgId'],
    [
      'with an empty organisation',
      (s: Snapshot) => ({ ...s, context: { ...s.context, orgId: '' } }),
      false,
      'record.orgId',
    ],
    ['with a deadline dated soon', (s: Snapshot) => withDeadline(s, 'soon'), false, 'record.deadlines.0.due'],
    ['with a deadline on 31 February', (s: Snapshot) => withDeadline(s, '2026-02-31'), false, 'record.deadlines.0.due'],
    [
      'with a deadline on the last date',
      (s: Snapshot) => withDeadline(s, '9999-12-31'),
      false,
      'record.deadlines.0.due',
    ],
    [
      'with one deadline id listed twice',
      (s: Snapshot) => withDeadline(s, '2026-04-01', 'd1', 2),
      false,
      'record.deadlines.1.id',
    ],
    [
      'with a deadline whose id is a number',
      (s: Snapshot) => withDeadline(s, '2026-04-01', 42),
      false,
      'record.deadlines.0.id',
    ],
    [
      'holding a lone surrogate',
      (s: Snapshot) => ({ ...s, context: { ...s.context, memo: 'x\udc00' } }),
      false,
      'snapshot.context.memo',
    ],
    [
      // PostgreSQL's text columns, where the organisation id lands, cannot hold U+0000.
      'moving it to an organisation id holding U+0000',
      (s: Snapshot) => ({ ...s, context: { ...s.context, orgId: 'branch\u00001' } }),
      false,
      'snapshot.context.orgId',
    ],
  ] as const)('refuses a snapshot %s, naming the field, and writes nothing', async (_what, change, approved, field) => {
    const { store, engine, report, before, auditBefore } = await migrateOne(change, approved);
    expect(report).toMatchObject({ migrated: 0, failed: 1, items: [{ instanceId: 'i1', toState: [] }] });
    const error = report.items[0]?.error ?? '';
    expect(error).toContain('Invalid migrated snapshot for instance i1');
    expect(error).toContain('迁移后的快照无效');
    expect(error).toContain(`— ${field}: `);
    expect(JSON.stringify(await store.getInstance('i1'))).toBe(before);
    expect(await store.getAudit('i1')).toHaveLength(auditBefore);
    expect(await engine.get('i1', { actor: committee })).toMatchObject({
      processVersion: '1',
      status: approved ? 'done' : 'active',
    });
  });

  it('migrates a consistent snapshot, final or not, keeping its status', async () => {
    const open = await migrateOne((s) => s);
    expect(open.report).toMatchObject({ migrated: 1, failed: 0 });
    expect(await open.engine.get('i1', { actor: committee })).toMatchObject({ status: 'active', processVersion: '2' });
    // An organisation id of any length the host's tree holds (ids the engine takes are capped at 200).
    const longOrg = await migrateOne((s) => ({
      ...s,
      context: { ...s.context, orgId: `branch-1-${'x'.repeat(230)}` },
    }));
    expect(longOrg.report).toMatchObject({ migrated: 1, failed: 0 });
    expect((await longOrg.store.getInstance('i1'))?.orgId).toHaveLength(239);
    const dated = await migrateOne((s) => withDeadline(s, '2026-04-01'));
    expect(dated.report).toMatchObject({ migrated: 1, failed: 0, items: [{ deadlinesAfter: ['d1@2026-04-01'] }] });
    expect(await dated.store.getTimers('i1')).toMatchObject([{ deadlineId: 'd1', status: 'pending' }]);
    const closed = await migrateOne((s) => s, true);
    expect(closed.report).toMatchObject({ migrated: 1, failed: 0 });
    expect(await closed.engine.get('i1', { actor: committee })).toMatchObject({
      status: 'done',
      state: ['approved'],
      processVersion: '2',
    });
  });

  it('reports what it did when the store fails part-way, and a second run does the rest', async () => {
    const inner = makeStore();
    const starter = engineOn(inner, [reviewProcess('1')]);
    for (const id of ['a', 'b', 'c']) await startCase(starter, id, '1');
    let commits = 0;
    const failing: Store = {
      ...inner,
      commit: async (request) => {
        commits += 1;
        if (commits === 2) throw new StoreFailureError('disk full');
        return inner.commit(request);
      },
    };
    const options = { processId: 'fixture-review', from: '1', to: '2', transform: (s: JsonValue) => s };
    const thrown = await engineOn(failing, both)
      .migrate(options)
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(MigrationInterruptedError);
    expect(thrown).toBeInstanceOf(StoreFailureError);
    expect((thrown as Error).message).toContain('migration stopped after 1 instance(s)');
    expect((thrown as MigrationInterruptedError).cause).toBeInstanceOf(StoreFailureError);
    expect((thrown as MigrationInterruptedError).report).toMatchObject({
      dryRun: false,
      migrated: 1,
      failed: 0,
      items: [{ instanceId: 'a' }],
    });
    expect((thrown as MigrationInterruptedError).report.items).toHaveLength(1);
    const engine = engineOn(failing, both);
    commits = 0;
    // #region migrate
    const preview = await engine.migrate({ ...options, dryRun: true }); // writes nothing
    const refused = preview.items.filter((item) => item.error !== undefined); // each names the field
    let report: MigrationReport;
    try {
      report = await engine.migrate(options);
    } catch (error) {
      // The store failed part-way: the instances the report lists as migrated are committed,
      // and running the same migration again moves the rest.
      if (!(error instanceof MigrationInterruptedError)) throw error;
      report = error.report;
    }
    // #endregion migrate
    expect(refused).toEqual([]);
    expect(preview).toMatchObject({ dryRun: true, migrated: 0, failed: 0 });
    expect(preview.items.map((item) => item.instanceId)).toEqual(['b', 'c']);
    expect(report).toMatchObject({ dryRun: false, migrated: 1, failed: 0, items: [{ instanceId: 'b' }] });
    expect(report.items).toHaveLength(1);
    const rest = await engineOn(inner, both).migrate(options);
    expect(rest).toMatchObject({ migrated: 1, failed: 0, items: [{ instanceId: 'c' }] });
    for (const id of ['a', 'b', 'c']) expect((await inner.getInstance(id))?.processVersion).toBe('2');
  });

  it("passes on the host's organisation tree failing, not as the transform's fault", async () => {
    const store = makeStore();
    await startCase(engineOn(store, [reviewProcess('1')]), 'i1', '1');
    const cut = createEngine({
      store,
      processes: both,
      clock: createManualClock(MARCH_1),
      orgs: {
        parentOf: () => {
          throw new Error('org directory unreachable');
        },
      },
    });
    const report = await cut.migrate({
      processId: 'fixture-review',
      from: '1',
      to: '2',
      transform: (s: JsonValue) => s,
    });
    expect(report).toMatchObject({
      migrated: 0,
      failed: 1,
      items: [{ instanceId: 'i1', error: 'org directory unreachable' }],
    });
    expect((await store.getInstance('i1'))?.processVersion).toBe('1');
    // A context without an organisation is the transform's fault before the tree is asked about it.
    const orgless = await cut.migrate({
      processId: 'fixture-review',
      from: '1',
      to: '2',
      transform: (s: JsonValue) =>
        ({ ...(s as Snapshot), context: withoutOrg((s as Snapshot).context) }) as unknown as JsonValue,
    });
    expect(orgless.items[0]?.error).toContain('— record.orgId: ');
  });

  it('reports what it did when reading an instance again fails part-way', async () => {
    const inner = makeStore();
    const starter = engineOn(inner, [reviewProcess('1')]);
    for (const id of ['a', 'b']) await startCase(starter, id, '1');
    const failing: Store = {
      ...inner,
      getInstance: async (id) => {
        if (id === 'b') throw new StoreFailureError('connection lost');
        return inner.getInstance(id);
      },
    };
    const thrown = await engineOn(failing, both)
      .migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (s: JsonValue) => s })
      .catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(MigrationInterruptedError);
    expect((thrown as MigrationInterruptedError).report).toMatchObject({ migrated: 1, items: [{ instanceId: 'a' }] });
    expect((await inner.getInstance('a'))?.processVersion).toBe('2');
    expect((await inner.getInstance('b'))?.processVersion).toBe('1');
  });
});

describe('the migrated snapshot check', () => {
  const flipped = (persisted: JsonValue): JsonValue => {
    const copy = structuredClone(persisted) as unknown as Snapshot;
    return { ...copy, status: copy.status === 'done' ? 'active' : 'done' } as unknown as JsonValue;
  };
  const refusal = (definition: ProcessDefinition, persisted: JsonValue) => {
    try {
      restoreMigratedSnapshot(definition, 'x', persisted);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidMigratedSnapshotError);
      return (error as InvalidMigratedSnapshotError).issues.map((issue) => issue.path);
    }
  };

  it('agrees with XState on every snapshot the fixture reaches, and refuses each with its status flipped', () => {
    const definition = reviewProcess();
    const who = actor('branch-1');
    const events = [
      event('SUBMIT', '2026-03-02', { reviewDays: 9 }),
      event('APPROVE', '2026-03-03', { present: 3, total: 3 }),
      event('APPROVE', '2026-03-03', { present: 1, total: 3 }),
      event('REJECT', '2026-03-03', { reasonCode: 'x' }),
      event('NOTE', '2026-03-02', { count: 1 }),
      event('SUSPEND', '2026-03-02'),
      event('RESUME', '2026-03-03'),
    ];
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: events.length - 1 }), { maxLength: 12 }), (picks) => {
        let snapshot: AnyMachineSnapshot = firstSnapshot(reviewMachine, { orgId: who.orgId, openedOn: '2026-03-01' });
        for (const pick of picks) snapshot = nextSnapshot(reviewMachine, snapshot, events[pick] as never);
        const persisted = persistSnapshot(definition, snapshot);
        expect(refusal(definition, persisted)).toBeUndefined();
        expect(refusal(definition, flipped(persisted))).toEqual(['snapshot.status']);
        seen.add(snapshot.status);
      }),
    );
    // The walks reached a final state as well as open ones.
    expect([...seen].sort()).toEqual(['active', 'done']);
  });

  it('judges a parallel root done only when every region rests in a final state', () => {
    const machine = createMachine({
      type: 'parallel',
      states: {
        a: { initial: 'go', states: { go: { on: { A: 'end' } }, end: { type: 'final' } } },
        b: { initial: 'go', states: { go: { on: { B: 'end' } }, end: { type: 'final' } } },
      },
    });
    const definition = { version: '2', machine } as unknown as ProcessDefinition;
    const persisted = (value: JsonValue, status: string) =>
      ({ status, value, context: {}, historyValue: {}, children: {} }) as unknown as JsonValue;
    expect(refusal(definition, persisted({ a: 'end', b: 'go' }, 'active'))).toBeUndefined();
    expect(refusal(definition, persisted({ a: 'end', b: 'go' }, 'done'))).toEqual(['snapshot.status']);
    expect(refusal(definition, persisted({ a: 'end', b: 'end' }, 'done'))).toBeUndefined();
    expect(refusal(definition, persisted({ a: 'end', b: 'end' }, 'active'))).toEqual(['snapshot.status']);
  });

  it('takes a final state placed directly in a parallel region as final, as XState does', () => {
    const machine = createMachine({
      type: 'parallel',
      states: {
        a: { type: 'final' },
        b: { initial: 'go', states: { go: { on: { B: 'end' } }, end: { type: 'final' } } },
        c: { type: 'parallel', states: { x: { type: 'final' }, y: { type: 'final' } } },
      },
    });
    const definition = { version: '2', machine } as unknown as ProcessDefinition;
    const actor = createActor(machine).start();
    const opened = actor.getPersistedSnapshot() as unknown as JsonValue;
    actor.send({ type: 'B' });
    const ended = actor.getPersistedSnapshot() as unknown as JsonValue;
    expect([(opened as Snapshot).status, (ended as Snapshot).status]).toEqual(['active', 'done']);
    expect((ended as Snapshot).value).toEqual({ a: {}, b: 'end', c: { x: {}, y: {} } });
    for (const persisted of [opened, ended]) {
      expect(refusal(definition, persisted)).toBeUndefined();
      expect(refusal(definition, flipped(persisted))).toEqual(['snapshot.status']);
    }
  });

  it('judges a member-development case, whose root is parallel, as XState does', () => {
    const { machine } = memberDevelopmentProcess;
    const opened = openedDevelopmentCase();
    const withdrawn = nextSnapshot(machine, opened, {
      type: 'WITHDRAW',
      occurredOn: '2025-03-05',
      actor: by('applicant'),
      reason: 'PERSONAL',
    } as never);
    expect([opened.status, withdrawn.status]).toEqual(['active', 'done']);
    for (const snapshot of [opened, withdrawn]) {
      const persisted = persistSnapshot(memberDevelopmentProcess, snapshot);
      expect(refusal(memberDevelopmentProcess, persisted)).toBeUndefined();
      expect(refusal(memberDevelopmentProcess, flipped(persisted))).toEqual(['snapshot.status']);
    }
  });
});

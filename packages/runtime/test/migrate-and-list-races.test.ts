import { describe, expect, it } from 'vitest';
import { createEngine, createManualClock, createMemoryStore, type Store } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { engineOn, input, note, startCase } from './support/two-processes.js';
import { actor, MARCH_1 } from './support/world.js';

// migrate and list while other processes send or the host's organisation tree changes.

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

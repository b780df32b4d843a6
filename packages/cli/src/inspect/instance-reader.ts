import type { Actor, Explanation, OverdueRecord } from '@dangwu/machines';
import { type LocalDate, shanghaiDateOf } from '@dangwu/rules';
import {
  type Clock,
  createEngine,
  type Engine,
  type InstanceRecord,
  type InstanceView,
  type Store,
  type StoredDeadline,
} from '@dangwu/runtime';
import { processRegistry } from '../process-registry.js';

/** One instance as the inspect page shows it. */
export interface InspectedInstance {
  /** The engine's view of the instance. */
  readonly view: InstanceView;
  /** Pending deadlines, earliest first, each marked overdue when its date is before today. */
  readonly deadlines: readonly (StoredDeadline & { readonly overdue: boolean })[];
  /** Deadlines the timers already marked as missed (the case ledger's `overdue`). */
  readonly overdue: readonly OverdueRecord[];
}

/** Reads instances from a store through an engine, as an inspector that may see every organisation. */
export interface InstanceReader {
  /** Today in Asia/Shanghai by the reader's clock. */
  today(): LocalDate;
  /** Every instance, ordered by id. */
  list(): Promise<InstanceView[]>;
  /** One instance with its deadlines, or undefined when the store has no such instance. */
  inspect(instanceId: string): Promise<InspectedInstance | undefined>;
  /** Why `event` would or would not be accepted by the instance now (nothing is written). */
  explain(instanceId: string, event: unknown): Promise<Explanation>;
}

/** A reader over `store` with the CLI's processes; organisations come from the stored instances' paths. */
export function createInstanceReader(store: Store, clock: Clock): InstanceReader {
  const parents = new Map<string, string>();
  const engine: Engine = createEngine({
    store,
    processes: processRegistry,
    clock,
    orgs: { parentOf: (orgId) => parents.get(orgId) },
  });
  // The inspector reads as the root of each instance's stored organisation path.
  const readerOf = (record: InstanceRecord): Actor => {
    record.orgPath.forEach((orgId, index) => {
      const parent = record.orgPath[index - 1];
      if (parent !== undefined) parents.set(orgId, parent);
    });
    return { id: 'dangwu-inspect', roles: ['base-committee'], orgId: record.orgPath[0] ?? record.orgId };
  };
  const readerFor = async (instanceId: string): Promise<Actor | undefined> => {
    const record = await store.getInstance(instanceId);
    return record ? readerOf(record) : undefined;
  };
  const today = (): LocalDate => shanghaiDateOf(clock.now());
  return {
    today,
    async list() {
      const views: InstanceView[] = [];
      for (const record of await store.listInstances({}))
        views.push(await engine.get(record.id, { actor: readerOf(record) }));
      return views;
    },
    async inspect(instanceId) {
      const actor = await readerFor(instanceId);
      if (!actor) return undefined;
      const view = await engine.get(instanceId, { actor });
      const now = today();
      const context = (view.snapshot as { context?: { overdue?: OverdueRecord[] } } | null)?.context;
      return {
        view,
        deadlines: [...view.deadlines]
          .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
          .map((deadline) => ({ ...deadline, overdue: deadline.due < now })),
        overdue: context?.overdue ?? [],
      };
    },
    async explain(instanceId, event) {
      const actor = await readerFor(instanceId);
      if (!actor) throw new Error(`未知实例 ${instanceId} / unknown instance ${instanceId}`);
      return engine.explain(instanceId, event, { actor });
    },
  };
}

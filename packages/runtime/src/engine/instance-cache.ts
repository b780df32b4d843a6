import type { ProcessDefinition } from '@dangwu/machines';
import type { AnyMachineSnapshot } from 'xstate';
import type { InstanceRecord } from '../records/instance-record.js';

/** What the engine needs of an instance's last commit to build the next one. */
export interface InstanceHead {
  readonly id: string;
  readonly processId: string;
  readonly processVersion: string;
  readonly orgId: string;
  readonly version: number;
  readonly statePaths: readonly string[];
  readonly deadlines: readonly { readonly id: string; readonly ruleId: string; readonly due: string }[];
  readonly firedDeadlines: InstanceRecord['firedDeadlines'];
  readonly createdAt: string;
  readonly auditHead: { readonly seq: number; readonly hash: string };
}

/** A live instance: its head and its machine snapshot as the engine last committed or restored it. */
export interface LiveInstance {
  readonly head: InstanceHead;
  readonly definition: ProcessDefinition;
  readonly snapshot: AnyMachineSnapshot;
}

/** A private copy of the head of `record` (callers get the record; the cache must not share its arrays). */
export function headOf(record: InstanceRecord): InstanceHead {
  return {
    id: record.id,
    processId: record.processId,
    processVersion: record.processVersion,
    orgId: record.orgId,
    version: record.version,
    statePaths: [...record.statePaths],
    deadlines: record.deadlines.map((deadline) => ({ id: deadline.id, ruleId: deadline.ruleId, due: deadline.due })),
    firedDeadlines: record.firedDeadlines.map((mark) => ({ id: mark.id, due: mark.due, seq: mark.seq })),
    createdAt: record.createdAt,
    auditHead: { seq: record.auditHead.seq, hash: record.auditHead.hash },
  };
}

/**
 * The latest live snapshot of recently used instances, least recently used dropped first, so a send to
 * a busy instance skips reading, validating and restoring its snapshot. An entry is only a guess: every
 * commit still carries its version, so a commit by another process makes the guess fail and the engine
 * reads the store again. Idle instances cost disk, not memory: at most `capacity` entries are kept.
 */
export class InstanceCache {
  readonly #entries = new Map<string, LiveInstance>();
  readonly #capacity: number;
  // The most recently used id: using it again needs no move (a hot instance is sent to over and over).
  #newest: string | undefined;

  constructor(capacity: number) {
    this.#capacity = Math.max(0, Math.floor(capacity));
  }

  /** The entry of `instanceId`, marked as most recently used. */
  get(instanceId: string): LiveInstance | undefined {
    const entry = this.#entries.get(instanceId);
    if (entry === undefined || instanceId === this.#newest) return entry;
    this.#entries.delete(instanceId);
    this.#entries.set(instanceId, entry);
    this.#newest = instanceId;
    return entry;
  }

  /** Keeps `entry` as the latest state of its instance. */
  set(entry: LiveInstance): void {
    if (this.#capacity === 0) return;
    const id = entry.head.id;
    if (id !== this.#newest) this.#entries.delete(id);
    this.#entries.set(id, entry);
    this.#newest = id;
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** Forgets `instanceId`. */
  delete(instanceId: string): void {
    this.#entries.delete(instanceId);
    if (instanceId === this.#newest) this.#newest = undefined;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#entries.size;
  }
}

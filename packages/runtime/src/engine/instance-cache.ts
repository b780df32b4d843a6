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
 * The latest live snapshot of recently used instances, so a send to a busy instance skips reading,
 * validating and restoring its snapshot. An entry is only a guess: every commit still carries its
 * version, so a commit by another process makes the guess fail and the engine reads the store again.
 * Idle instances cost disk, not memory: at most `capacity` entries are kept, in two generations (an
 * approximate least-recently-used order): hits in the newer one move nothing, and when it is full the
 * older generation, whatever was not used since, is dropped whole.
 */
export class InstanceCache {
  #recent = new Map<string, LiveInstance>();
  #older = new Map<string, LiveInstance>();
  readonly #generation: number;

  constructor(capacity: number) {
    const kept = Math.max(0, Math.floor(capacity));
    // Two generations of ceil(capacity / 2): the newer one rotates on reaching it, so at most `capacity` are held.
    this.#generation = kept === 0 ? 0 : Math.ceil(kept / 2);
  }

  /** The entry of `instanceId`; one from the older generation moves to the newer one. */
  get(instanceId: string): LiveInstance | undefined {
    const recent = this.#recent.get(instanceId);
    if (recent !== undefined) return recent;
    const older = this.#older.get(instanceId);
    if (older !== undefined) this.set(older);
    return older;
  }

  /** Keeps `entry` as the latest state of its instance. */
  set(entry: LiveInstance): void {
    if (this.#generation === 0) return;
    this.#older.delete(entry.head.id);
    this.#recent.set(entry.head.id, entry);
    if (this.#recent.size >= this.#generation) {
      this.#older = this.#recent;
      this.#recent = new Map();
    }
  }

  /** Forgets `instanceId`. */
  delete(instanceId: string): void {
    this.#recent.delete(instanceId);
    this.#older.delete(instanceId);
  }

  /** Number of entries held. */
  get size(): number {
    return this.#recent.size + this.#older.size;
  }
}

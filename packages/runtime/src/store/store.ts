import type { AuditEntry } from '../records/audit-entry.js';
import type { IdempotencyRecord } from '../records/idempotency-record.js';
import type { InstanceRecord } from '../records/instance-record.js';
import type { SecurityEntry } from '../records/security-entry.js';
import type { TimerRecord } from '../records/timer-record.js';

/**
 * Everything one accepted event (or one batch of an instance's due timers) writes, applied atomically by
 * {@link Store.commit}. The engine's instance record (frozen at its top level) and audit entries remember
 * their JSON text, which a store may write as it is: a store or a wrapper must not change them, nor the
 * arrays and objects in them (copy one to change it).
 */
export interface CommitRequest {
  /** The instance after the events (its `version` is `expectedVersion` plus one per audit entry, counting from 0 for a new instance). */
  readonly instance: InstanceRecord;
  /** Version the stored instance must have; `null` when the instance must not exist yet. */
  readonly expectedVersion: number | null;
  /**
   * The audit entries to append, one per event, in `seq` order following the stored head: one for a
   * send, several when the due timers of an instance fire together.
   */
  readonly audit: readonly AuditEntry[];
  /** The complete timer set of the instance after the event; replaces every stored row of it. */
  readonly timers: readonly TimerRecord[];
  /**
   * True when `timers` is exactly the set stored with `expectedVersion` (the event changed no deadline),
   * so a store may leave the timer rows as they are once the version check has passed.
   */
  readonly timersUnchanged?: boolean;
  /** Stored when the request carried an idempotency key; the key must not exist yet. */
  readonly idempotency?: IdempotencyRecord;
}

/** Result of {@link Store.commit}: applied, or rejected without writing anything. */
export type CommitOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** `version`: the instance is missing or at another version (or exists when creating); `idempotency`: the key exists. */
      readonly conflict: 'version' | 'idempotency';
      /** Version found, when the instance exists. */
      readonly actualVersion?: number;
    };

/** Filter of {@link Store.listInstances}; every given property must match. */
export interface InstanceQuery {
  /** Only instances whose organisation path contains this organisation (its subtree). */
  readonly withinOrg?: string;
  /** Only instances of this process. */
  readonly processId?: string;
  /** Only instances pinned to this machine version. */
  readonly processVersion?: string;
  /** Only instances with this state path (e.g. `open` or `open.review`). */
  readonly state?: string;
  /** Only instances with a deadline due strictly before this date (`YYYY-MM-DD`). */
  readonly dueBefore?: string;
  /** Only instances whose id sorts after this one (keyset pagination). */
  readonly afterId?: string;
  /** At most this many, ordered by id. @default unlimited */
  readonly limit?: number;
}

/**
 * Durable storage of instances, audit entries, timers, idempotency records and the security log. All
 * writes of one event go through {@link Store.commit}. Implementations must pass `describeStoreConformance`
 * from `@dangwu/testing`.
 */
export interface Store {
  /** Applies the request atomically if the version and idempotency checks pass; otherwise writes nothing. */
  commit(request: CommitRequest): Promise<CommitOutcome>;
  /** The instance, or undefined. */
  getInstance(instanceId: string): Promise<InstanceRecord | undefined>;
  /** Instances matching the query, ordered by id. */
  listInstances(query: InstanceQuery): Promise<InstanceRecord[]>;
  /** Every audit entry of the instance, in `seq` order. */
  getAudit(instanceId: string): Promise<AuditEntry[]>;
  /** The timer rows of the instance, ordered by `dueAt` then `deadlineId`. */
  getTimers(instanceId: string): Promise<TimerRecord[]>;
  /** Pending timers with `dueAt <= nowMs`, earliest first, at most `limit`. */
  dueTimers(nowMs: number, limit: number): Promise<TimerRecord[]>;
  /**
   * The earliest `dueAt` of any pending timer (of those due after `after`, when given: the timer loop
   * passes the instant of a run whose failed timers it retries later), or undefined.
   */
  nextTimerDue(after?: number): Promise<number | undefined>;
  /** The idempotency record of `key`, or undefined. */
  getIdempotency(key: string): Promise<IdempotencyRecord | undefined>;
  /** Appends a refused attempt to the security log (outside any instance transaction). */
  appendSecurity(entry: SecurityEntry): Promise<void>;
  /** Security-log entries, oldest first. */
  securityLog(limit?: number): Promise<SecurityEntry[]>;
  /** Releases resources; the store is unusable afterwards. */
  close(): Promise<void>;
}

import type { Actor, CheckResult, Explanation, ProcessDefinition } from '@dangwu/machines';
import type { LocalDate } from '@dangwu/rules';
import type { HistoryVerification } from '../audit/audit-chain.js';
import type { AuditEntry } from '../records/audit-entry.js';
import type { JsonValue } from '../records/canonical-json.js';
import type { InstanceRecord, StoredDeadline } from '../records/instance-record.js';
import type { SecurityEntry } from '../records/security-entry.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { OrgDirectory } from './org-scope.js';

/** Options of `createEngine`. */
export interface EngineOptions {
  /** Where instances, audit entries, timers and idempotency records live. */
  readonly store: Store;
  /** Every process definition (and machine version) this engine may load. */
  readonly processes: readonly ProcessDefinition[];
  /** Source of "now" for timers, `recordedAt` and the overdue query. @default the system clock */
  readonly clock?: Clock;
  /** The host's organisation tree; decides who may read or act on which instance. @default every organisation is a root */
  readonly orgs?: OrgDirectory;
  /**
   * How many times a send without `expectedVersion` re-reads and retries after a version conflict; then it
   * fails with `VersionConflictError` whose `attempts` says how many were made. @default 50
   */
  readonly maxRetries?: number;
  /** How many due timers `runDueTimers` claims from the store per round. @default 512 */
  readonly timerBatchSize?: number;
  /**
   * How many instances keep their latest live snapshot in memory, least recently used dropped first, so
   * that a send to a recently used instance skips reading and restoring it (the commit's version check
   * still catches changes by other processes). A refused or failed call drops its instance (the process's
   * code may have changed the cached snapshot in place). 0 reads every instance from the store; `Infinity` keeps
   * every instance used (memory grows with them).
   * @default 1000
   */
  readonly snapshotCacheSize?: number;
  /**
   * Called after every commit the store has made durable (a start, an applied event, the timers fired on
   * one instance, a migration), in commit order per instance and before the call that made it resolves,
   * with the instance as it now is and the audit entries the commit added. Refusals, conflicts and
   * replayed idempotent requests commit nothing and call nothing. Meant for notifications and read
   * models: keep it quick (queue slow work), and do not rely on it alone for anything that must happen,
   * as a process that dies between the commit and the call never makes it; the audit history is the
   * durable record. A listener that throws, or returns a promise that rejects, is reported on
   * `console.error`; the commit stands (an async listener is not awaited). The notice is the listener's
   * own copy.
   */
  readonly onCommit?: (notice: CommitNotice) => void;
}

/** What `onCommit` hears of one durable commit. */
export interface CommitNotice {
  /** The instance after the commit. */
  readonly instance: InstanceView;
  /** The audit entries the commit added, in seq order (one per step: a start, an event, each timer fired). */
  readonly entries: readonly AuditEntry[];
}

/** A request to start an instance. */
export interface StartRequest {
  /** Id of a registered process. */
  readonly processId: string;
  /** Machine version to pin the instance to. @default the last registered version of the process */
  readonly version?: string;
  /** The machine's input (validated with the process's `inputSchema`). */
  readonly input: unknown;
  /** Who starts it; must belong to the instance's organisation or one above it. */
  readonly actor: Actor;
  /** Opaque id for the new instance. @default a random UUID */
  readonly instanceId?: string;
  /** Date the start happened (Asia/Shanghai). @default today by the engine's clock */
  readonly occurredOn?: LocalDate;
  /** Makes a retried start apply once; a retry returns the original result. */
  readonly idempotencyKey?: string;
}

/** A request to send an event to an instance. */
export interface SendRequest {
  /** The instance. */
  readonly instanceId: string;
  /** The event (validated with the process's `eventSchema`); its `actor` is the one acting. */
  readonly event: unknown;
  /** Fail with `VersionConflictError` unless the instance is at this version; without it, conflicts are retried. */
  readonly expectedVersion?: number;
  /** Makes a retried send apply once; a retry returns the original result. */
  readonly idempotencyKey?: string;
}

/** An instance as the engine shows it. */
export interface InstanceView {
  /** Instance id. */
  readonly id: string;
  /** Process id. */
  readonly processId: string;
  /** Machine version the instance is pinned to. */
  readonly processVersion: string;
  /** Rule profile id from the snapshot context, or null. */
  readonly rulesProfileId: string | null;
  /** Rule profile version from the snapshot context, or null. */
  readonly rulesProfileVersion: string | null;
  /** Owning organisation. */
  readonly orgId: string;
  /** State paths, e.g. `['open', 'open.review']`. */
  readonly state: readonly string[];
  /** XState status. */
  readonly status: InstanceRecord['status'];
  /** Optimistic-concurrency version (1 after the start). */
  readonly version: number;
  /** Pending deadlines. */
  readonly deadlines: readonly StoredDeadline[];
  /** The persisted snapshot (JSON). */
  readonly snapshot: JsonValue;
  /** ISO instant of creation. */
  readonly createdAt: string;
  /** ISO instant of the last change. */
  readonly updatedAt: string;
}

/** What a start or send returns (and what an idempotent retry returns again). */
export interface SendResult {
  /** The instance after the event. */
  readonly instance: InstanceView;
  /** Audit sequence number of the event. */
  readonly seq: number;
  /** Non-blocking checks that failed (recorded in the audit entry by rule id). */
  readonly warnings: readonly CheckResult[];
  /** True when this is the stored result of an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}

/** Options of reads: who is reading. */
export interface ReadOptions {
  /** The reader; must belong to the instance's organisation or one above it. */
  readonly actor: Actor;
}

/** Filter of `engine.list`. */
export interface ListQuery extends ReadOptions {
  /** Organisation whose subtree to list; must lie within the actor's. @default the actor's organisation */
  readonly orgId?: string;
  /** Only this process. */
  readonly processId?: string;
  /** Only instances in this state path (e.g. `open.review`). */
  readonly state?: string;
  /** Only instances with a deadline due before today (Asia/Shanghai, by the engine's clock). */
  readonly overdue?: boolean;
  /** Page after this instance id. */
  readonly afterId?: string;
  /** Page size. @default 100 */
  readonly limit?: number;
}

/** Outcome of one `runDueTimers` call. */
export interface TimerRunReport {
  /** Timers whose event the machine took. */
  readonly fired: number;
  /** Timers recorded as fired although the state no longer took the event. */
  readonly ignored: number;
  /** Timers found already fired or rescheduled by another worker. */
  readonly skipped: number;
  /** Timers that could not be fired (e.g. unknown machine version); retried on the next run. */
  readonly failed: number;
}

/** Options of `engine.startTimerLoop`. */
export interface TimerLoopOptions {
  /**
   * Longest wait between two checks for due timers, in milliseconds, above 0 (clamped to 2^31−1;
   * `Infinity` waits only for the next due timer). A commit of this engine that writes a timer row due
   * sooner wakes the loop then; rows other processes write are seen at the next check. After a check
   * that fails as a whole (the store unreachable) the loop checks again within a minute. @default 60000
   */
  readonly intervalMs?: number;
  /** Called with any error of a run; the loop keeps going. @default writes to console.error */
  readonly onError?: (error: unknown) => void;
}

/** A running timer loop. */
export interface TimerLoop {
  /**
   * Stops the loop and waits for a run in progress to finish (every firing it started settles). Stop it
   * before closing the store: a loop left running on a closed store reports an error at each check.
   */
  stop(): Promise<void>;
}

/** Options of `engine.migrate`. */
export interface MigrationOptions {
  /** Process id. */
  readonly processId: string;
  /** Machine version to move instances from (need not be registered any more). */
  readonly from: string;
  /** Machine version to move them to (must be registered). */
  readonly to: string;
  /** Maps a persisted snapshot of `from` to one of `to`; pure. */
  readonly transform: (snapshot: JsonValue, instance: InstanceRecord) => JsonValue;
  /** Report what would change without writing. @default false */
  readonly dryRun?: boolean;
}

/** What a migration did (or, in a dry run, would do) to one instance. */
export interface MigrationItem {
  /** Instance id. */
  readonly instanceId: string;
  /** State paths before. */
  readonly fromState: readonly string[];
  /** State paths after (empty when it failed). */
  readonly toState: readonly string[];
  /** Deadline ids and dates before. */
  readonly deadlinesBefore: readonly string[];
  /** Deadline ids and dates after. */
  readonly deadlinesAfter: readonly string[];
  /** Whether the persisted snapshot changes. */
  readonly changed: boolean;
  /** Why the instance could not be migrated, when it could not. */
  readonly error?: string;
}

/** Result of `engine.migrate`. */
export interface MigrationReport {
  /** Whether nothing was written. */
  readonly dryRun: boolean;
  /** One item per instance pinned to `from`. */
  readonly items: readonly MigrationItem[];
  /** Instances written (0 in a dry run). */
  readonly migrated: number;
  /** Instances that failed to transform or restore. */
  readonly failed: number;
}

/** The durable engine. */
export interface Engine {
  /** Starts an instance; writes it, its start audit entry and its timers in one transaction. */
  start(request: StartRequest): Promise<SendResult>;
  /** Validates, authorises, explains and applies an event in one transaction. */
  send(request: SendRequest): Promise<SendResult>;
  /** One instance, if the actor may read it. */
  get(instanceId: string, options: ReadOptions): Promise<InstanceView>;
  /** Instances within the actor's organisation subtree matching the filter, ordered by id. */
  list(query: ListQuery): Promise<InstanceView[]>;
  /** The instance's audit entries in order. */
  history(instanceId: string, options: ReadOptions): Promise<AuditEntry[]>;
  /** Checks the instance's audit hash chain; reports the first broken seq. */
  verifyHistory(instanceId: string): Promise<HistoryVerification>;
  /** Why the event would or would not be accepted now (nothing is written). */
  explain(instanceId: string, event: unknown, options: ReadOptions): Promise<Explanation>;
  /**
   * Fires every timer due at `now` (default: the clock's now), each exactly once. `now` is epoch
   * milliseconds within a Date's range (±8.64e15) or a valid Date; anything else is `InvalidPayloadError`.
   */
  runDueTimers(now?: number | Date): Promise<TimerRunReport>;
  /** Fires due timers now and then whenever one falls due (or every `intervalMs`). */
  startTimerLoop(options?: TimerLoopOptions): TimerLoop;
  /** Moves instances from one machine version to another, explicitly. */
  migrate(options: MigrationOptions): Promise<MigrationReport>;
  /** The most recent refused attempts (forbidden reads and acts). */
  securityLog(limit?: number): Promise<SecurityEntry[]>;
}

// The public surface of @dangwu/runtime. The SQLite store lives in the `@dangwu/runtime/sqlite` subpath.

export type { HistoryVerification } from './audit/audit-chain.js';
export { GENESIS_HASH, hashEntry, verifyChain } from './audit/audit-chain.js';
export type { Clock, ManualClock } from './engine/clock.js';
export { createManualClock, systemClock } from './engine/clock.js';
export { createEngine } from './engine/create-engine.js';
export type {
  CommitNotice,
  Engine,
  EngineOptions,
  InstanceView,
  ListQuery,
  MigrationItem,
  MigrationOptions,
  MigrationReport,
  ReadOptions,
  SendRequest,
  SendResult,
  StartRequest,
  TimerLoop,
  TimerLoopOptions,
  TimerRunReport,
} from './engine/engine-types.js';
export type { OrgDirectory } from './engine/org-scope.js';
export { flatOrgs, isWithinOrg, orgPathOf } from './engine/org-scope.js';
export type { DeadlineDateProblem } from './engine/snapshot-io.js';
export {
  DeadlineDateError,
  DuplicateDeadlineError,
  fireInstantOf,
  OrganisationIdError,
  restoreSnapshot,
} from './engine/snapshot-io.js';
export { clampDelay, MAX_TIMER_DELAY_MS } from './engine/timer-delay.js';
export {
  EventNotAcceptedError,
  EventRefusedError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InstanceNotFoundError,
  InvalidMigratedSnapshotError,
  InvalidOptionsError,
  MigrationInterruptedError,
  ProcessFailureError,
  StoreFailureError,
  UnknownVersionError,
  VersionConflictError,
} from './errors/runtime-errors.js';
export type { AuditEntry } from './records/audit-entry.js';
export { auditEntrySchema } from './records/audit-entry.js';
export type { JsonValue } from './records/canonical-json.js';
export { canonicalJson, jsonDataOf } from './records/canonical-json.js';
export type { IdempotencyRecord } from './records/idempotency-record.js';
export { idempotencyRecordSchema } from './records/idempotency-record.js';
export type { InstanceRecord, StoredDeadline } from './records/instance-record.js';
export { instanceRecordSchema, storedDeadlineSchema } from './records/instance-record.js';
export type { SecurityEntry } from './records/security-entry.js';
export { securityEntrySchema } from './records/security-entry.js';
export type { TimerRecord } from './records/timer-record.js';
export { timerRecordSchema } from './records/timer-record.js';
export type { MemoryStore } from './store/memory-store.js';
export { createMemoryStore } from './store/memory-store.js';
export type { CommitOutcome, CommitRequest, InstanceQuery, Store } from './store/store.js';

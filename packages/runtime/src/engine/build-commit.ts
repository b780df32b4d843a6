import type { ProcessDefinition } from '@dangwu/machines';
import type { AnyMachineSnapshot } from 'xstate';
import { GENESIS_HASH, sealSortedEntry } from '../audit/audit-chain.js';
import type { AuditEntry } from '../records/audit-entry.js';
import type { InstanceRecord } from '../records/instance-record.js';
import { withLazyMember } from '../records/json-text.js';
import type { TimerRecord } from '../records/timer-record.js';
import type { InstanceHead } from './instance-cache.js';
import { inProcess } from './machine-step.js';
import { type OrgDirectory, orgPathOf } from './org-scope.js';
import {
  checkedOrgId,
  keepFired,
  persistedSnapshotText,
  rulesProfileOf,
  statePathsOf,
  storeDeadlines,
  timersOf,
} from './snapshot-io.js';

/** What the engine knows of one act before it is sealed: the audit fields that are not derived. */
export type EntryDraft = Pick<
  AuditEntry,
  'kind' | 'occurredOn' | 'eventType' | 'actorId' | 'actorRoles' | 'actorOrgId' | 'decision' | 'warnings' | 'payload'
>;

/** One act of a commit: the snapshot after it, its audit fields, and the deadline it fired, if any. */
export interface CommitStep {
  readonly snapshot: AnyMachineSnapshot;
  readonly entry: EntryDraft;
  readonly fired?: { readonly id: string; readonly due: string };
}

/** Everything one commit writes: the record after the last step, one sealed entry per step, the timers. */
export interface BuiltCommit {
  readonly record: InstanceRecord;
  readonly audit: readonly AuditEntry[];
  readonly timers: TimerRecord[];
  /** The timer rows are those of the previous version (same deadlines, same fired marks). */
  readonly timersUnchanged: boolean;
}

/** The engine's commit builder: the record, sealed audit entries and timers after `steps`, stamped now. */
export type CommitBuilder = (
  definition: ProcessDefinition,
  previous: InstanceHead | undefined,
  instanceId: string,
  steps: readonly CommitStep[],
) => BuiltCommit;

/** Whether `record` has the deadlines and fired marks of `previous`, so its timer rows are the stored ones. */
function sameTimerSet(previous: InstanceHead, record: InstanceRecord): boolean {
  const before = previous.deadlines;
  const after = record.deadlines;
  const firedBefore = previous.firedDeadlines;
  const firedAfter = record.firedDeadlines;
  return (
    before.length === after.length &&
    before.every(
      (deadline, index) =>
        deadline.id === after[index]?.id &&
        deadline.due === after[index]?.due &&
        deadline.ruleId === after[index]?.ruleId,
    ) &&
    firedBefore.length === firedAfter.length &&
    firedBefore.every(
      (mark, index) =>
        mark.id === firedAfter[index]?.id && mark.due === firedAfter[index]?.due && mark.seq === firedAfter[index]?.seq,
    )
  );
}

/**
 * Builds the record after `steps`, their chained audit entries (consecutive seq and version, each
 * `prevHash` the entry before) and the timer rows; nothing is written. `steps` must not be empty.
 */
export function buildCommit(args: {
  readonly definition: ProcessDefinition;
  readonly previous: InstanceHead | undefined;
  readonly instanceId: string;
  readonly steps: readonly CommitStep[];
  readonly orgs: OrgDirectory;
  /** The instant written as `recordedAt` / `updatedAt` (ISO 8601). */
  readonly at: string;
}): BuiltCommit {
  const { definition, previous, instanceId, at } = args;
  let seq = previous?.auditHead.seq ?? 0;
  let version = previous?.version ?? 0;
  let prevHash = previous?.auditHead.hash ?? GENESIS_HASH;
  let statePaths = previous ? [...previous.statePaths] : [];
  const fired = [...(previous?.firedDeadlines ?? [])];
  const audit: AuditEntry[] = [];
  let snapshot: AnyMachineSnapshot | undefined;
  for (const step of args.steps) {
    seq += 1;
    version += 1;
    snapshot = step.snapshot;
    const fromState = statePaths;
    statePaths = statePathsOf(snapshot.value);
    if (step.fired) fired.push({ id: step.fired.id, due: step.fired.due, seq });
    const { entry } = step;
    // Members in sorted order: with a canonical payload, the entry's JSON text is its canonical text.
    const sealed = sealSortedEntry({
      actorId: entry.actorId,
      actorOrgId: entry.actorOrgId,
      actorRoles: entry.actorRoles,
      decision: entry.decision,
      eventType: entry.eventType,
      fromState,
      instanceId,
      kind: entry.kind,
      occurredOn: entry.occurredOn,
      payload: entry.payload,
      prevHash,
      processVersion: definition.version,
      recordedAt: at,
      schemaVersion: 1,
      seq,
      toState: statePaths,
      version,
      warnings: entry.warnings,
    });
    audit.push(sealed);
    prevHash = sealed.hash;
  }
  if (snapshot === undefined) throw new RangeError('buildCommit: a commit needs at least one step');
  const last = snapshot;
  // What the process's own functions and data throw here (a deadline dated 2026-02-31, a context JSON
  // cannot hold) is its failure; the host's organisation tree, read below, answers for itself.
  const eventType = args.steps.at(-1)?.entry.eventType ?? 'COMMIT';
  const deadlines = inProcess(instanceId, eventType, () => storeDeadlines(definition.deadlines(last)));
  const orgId = inProcess(instanceId, eventType, () => checkedOrgId(definition.organisationOf(last)));
  const profile = rulesProfileOf(snapshot);
  const dues = deadlines.map((deadline) => deadline.due).sort();
  const snapshotText = inProcess(instanceId, eventType, () => persistedSnapshotText(definition, last));
  const fields: Omit<InstanceRecord, 'snapshot'> = {
    schemaVersion: 1,
    id: instanceId,
    processId: definition.id,
    processVersion: definition.version,
    rulesProfileId: profile.id,
    rulesProfileVersion: profile.version,
    orgId,
    orgPath: orgPathOf(args.orgs, orgId),
    statePaths,
    status: snapshot.status,
    version,
    deadlines,
    firedDeadlines: keepFired(fired, deadlines),
    earliestDue: dues[0] ?? null,
    createdAt: previous?.createdAt ?? at,
    updatedAt: at,
    auditHead: { seq, hash: prevHash },
  };
  // The snapshot stays JSON text until someone reads it: a store writes the record's text as it is.
  const record: InstanceRecord = withLazyMember(fields, 'snapshot', snapshotText);
  return {
    record,
    audit,
    timers: timersOf(record),
    timersUnchanged: previous !== undefined && sameTimerSet(previous, record),
  };
}

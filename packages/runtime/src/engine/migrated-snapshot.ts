import type { ProcessDefinition } from '@dangwu/machines';
import { type Issue, issuesFromZod } from '@dangwu/rules';
import type { AnyMachineSnapshot, AnyStateNode, StateValue } from 'xstate';
import { InvalidMigratedSnapshotError, ProcessFailureError } from '../errors/runtime-errors.js';
import type { JsonValue } from '../records/canonical-json.js';
import { type InstanceRecord, instanceRecordSchema } from '../records/instance-record.js';
import { unstorableTextMessage } from '../records/storable-text.js';
import { unstorableTextPath } from './engine-requests.js';
import { DeadlineDateError, DuplicateDeadlineError, OrganisationIdError, restoreSnapshot } from './snapshot-io.js';

/**
 * Whether `value` rests in a final state of `node`: a compound node's active child is final, a parallel
 * node's regions all rest in one. XState marks a machine `done` exactly when its root does.
 */
function restsInFinal(node: AnyStateNode, value: StateValue): boolean {
  // A final state directly in a parallel region: XState gives it the value {}.
  if (node.type === 'final') return true;
  if (node.type === 'parallel') {
    if (typeof value !== 'object') return false;
    return Object.values(node.states).every((region) => {
      const inner = value[region.key];
      return inner !== undefined && restsInFinal(region, inner);
    });
  }
  const key = typeof value === 'string' ? value : Object.keys(value)[0];
  return key !== undefined && node.states[key]?.type === 'final';
}

const issue = (path: string, en: string, zh: string): Issue => ({ path, message: { zh, en } });

/**
 * The snapshot a migration's transform returned, restored on the target version, or
 * {@link InvalidMigratedSnapshotError} naming the field when that version cannot hold it: a state it does
 * not have, a status other than `active` or `done`, or a status that contradicts the state (`done` outside
 * a final state, `active` in one). Either would leave an instance that no event can move as it should.
 */
export function restoreMigratedSnapshot(
  target: ProcessDefinition,
  instanceId: string,
  transformed: JsonValue,
): AnyMachineSnapshot {
  const unstorable = unstorableTextPath(transformed, 'snapshot');
  if (unstorable !== undefined) {
    throw new InvalidMigratedSnapshotError(instanceId, [
      issue(unstorable, unstorableTextMessage.en, unstorableTextMessage.zh),
    ]);
  }
  let snapshot: AnyMachineSnapshot;
  try {
    snapshot = restoreSnapshot(target, transformed);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidMigratedSnapshotError(
      instanceId,
      [
        issue(
          'snapshot',
          `version ${target.version} cannot restore it: ${reason}`,
          `版本 ${target.version} 无法恢复该快照：${reason}`,
        ),
      ],
      error,
    );
  }
  const status: unknown = snapshot.status;
  if (status !== 'active' && status !== 'done') {
    throw new InvalidMigratedSnapshotError(instanceId, [
      issue(
        'snapshot.status',
        `must be active or done, not ${String(status)}`,
        `只能是 active 或 done，不能是 ${String(status)}`,
      ),
    ]);
  }
  const final = restsInFinal(target.machine.root, snapshot.value);
  if ((status === 'done') !== final) {
    throw new InvalidMigratedSnapshotError(instanceId, [
      final
        ? issue('snapshot.status', 'is active in a final state (must be done)', '处于终态时应为 done，而不是 active')
        : issue(
            'snapshot.status',
            'is done outside a final state (must be active)',
            '未处于终态时应为 active，而不是 done',
          ),
    ]);
  }
  return snapshot;
}

/**
 * {@link InvalidMigratedSnapshotError} when the record built from a migrated snapshot is not one the
 * stores can read back (building it already refused a missing organisation id and impossible deadline
 * dates): the stores would refuse it at commit, stopping the whole migration, or keep an instance nobody
 * can read or act on.
 */
export function checkMigratedRecord(instanceId: string, record: InstanceRecord): void {
  const parsed = instanceRecordSchema.safeParse(record);
  const issues = parsed.success ? [] : issuesFromZod(parsed.error, 'record');
  if (issues.length > 0) throw new InvalidMigratedSnapshotError(instanceId, issues);
}

/**
 * Runs `build`, which reads the migrated context through the process's own functions (its deadlines, its
 * organisation): what they fail on is the transform's fault, reported as {@link InvalidMigratedSnapshotError}
 * naming the field. Anything else (the host's organisation tree, the store) passes on as it is.
 */
export function contextChecked<T>(instanceId: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof ProcessFailureError)) throw error;
    const cause = error.cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    const found =
      cause instanceof OrganisationIdError
        ? issue('record.orgId', 'the process gives no usable organisation id', '流程未给出可用的组织 id')
        : cause instanceof DeadlineDateError
          ? issue(
              `record.deadlines.${cause.index}.due`,
              cause.problem === 'not-a-date'
                ? `deadline ${cause.deadlineId} is due on ${String(cause.due)}, not a calendar date`
                : `deadline ${cause.deadlineId} is due on ${String(cause.due)}, the last date: its timer could not fire`,
              cause.problem === 'not-a-date'
                ? `期限 ${cause.deadlineId} 的日期 ${String(cause.due)} 不是有效的日历日期`
                : `期限 ${cause.deadlineId} 的日期 ${String(cause.due)} 是最后一个日期，其定时器无法触发`,
            )
          : cause instanceof DuplicateDeadlineError
            ? issue(
                `record.deadlines.${cause.index}.id`,
                `deadline ${cause.deadlineId} is listed twice`,
                `期限 ${cause.deadlineId} 被重复列出`,
              )
            : issue(
                'snapshot.context',
                `the process cannot build an instance record from it: ${reason}`,
                `流程无法据此生成实例记录：${reason}`,
              );
    throw new InvalidMigratedSnapshotError(instanceId, [found], cause);
  }
}

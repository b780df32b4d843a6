import type { CheckResult, Explanation } from '@dangwu/machines';
import { DangwuError, type Issue } from '@dangwu/rules';
import type { MigrationReport } from '../engine/engine-types.js';

/** The event is well formed but the instance's current state takes no such event; nothing changed. */
export class EventNotAcceptedError extends DangwuError {
  /** The process's explanation of the verdict. */
  readonly explanation: Explanation;

  constructor(instanceId: string, explanation: Explanation) {
    super(
      'EVENT_NOT_ACCEPTED',
      {
        zh: `实例 ${instanceId} 当前状态不接受事件 ${explanation.eventType}`,
        en: `Instance ${instanceId} does not accept ${explanation.eventType} in its current state`,
      },
      [{ path: 'type', message: explanation.message }],
    );
    this.explanation = explanation;
  }
}

/** A blocking check failed; `failures` names each rule. Nothing changed. */
export class EventRefusedError extends DangwuError {
  /** Blocking checks that failed. */
  readonly failures: readonly CheckResult[];
  /** The process's full explanation. */
  readonly explanation: Explanation;

  constructor(instanceId: string, explanation: Explanation) {
    super(
      'EVENT_REFUSED',
      {
        zh: `实例 ${instanceId} 拒绝事件 ${explanation.eventType}`,
        en: `Instance ${instanceId} refused ${explanation.eventType}`,
      },
      explanation.failures.map((failure) => ({
        path: failure.check,
        ruleId: failure.ruleId,
        message: failure.message,
      })),
    );
    this.failures = explanation.failures;
    this.explanation = explanation;
  }
}

/** The actor may not read or act on the instance (outside its organisation subtree, or a reserved role). */
export class ForbiddenError extends DangwuError {
  /** Id of the actor refused. */
  readonly actorId: string;

  constructor(actorId: string, reason: { zh: string; en: string }) {
    super('FORBIDDEN', { zh: `无权操作：${reason.zh}`, en: `Forbidden: ${reason.en}` });
    this.actorId = actorId;
  }
}

/** No instance with this id is visible. */
export class InstanceNotFoundError extends DangwuError {
  constructor(instanceId: string) {
    super('NOT_FOUND', { zh: `流程实例 ${instanceId} 不存在`, en: `Process instance ${instanceId} not found` });
  }
}

/** The instance changed since the caller read it (optimistic concurrency); re-read and retry. */
export class VersionConflictError extends DangwuError {
  /** The version the caller expected (null: expected the instance not to exist, or pinned none). */
  readonly expected: number | null;
  /** The version found, when known. */
  readonly actual: number | undefined;
  /** For a request that pinned no version: how many times the engine tried before other writers won every race. */
  readonly attempts: number | undefined;

  constructor(instanceId: string, expected: number | null, actual?: number, attempts?: number) {
    super(
      'VERSION_CONFLICT',
      attempts === undefined
        ? {
            zh: `实例 ${instanceId} 版本冲突：期望 ${expected ?? '不存在'}，实际 ${actual ?? '已变化'}`,
            en: `Version conflict on instance ${instanceId}: expected ${expected ?? 'none'}, found ${actual ?? 'a newer one'}`,
          }
        : {
            zh: `实例 ${instanceId} 版本冲突：尝试 ${attempts} 次，每次都被其他写入抢先（实际 ${actual ?? '已变化'}）`,
            en: `Version conflict on instance ${instanceId}: other writers won all ${attempts} attempts (found ${actual ?? 'a newer one'})`,
          },
    );
    this.expected = expected;
    this.actual = actual;
    this.attempts = attempts;
  }
}

/** The instance is pinned to a process id or machine version this engine does not have registered. */
export class UnknownVersionError extends DangwuError {
  constructor(processId: string, version?: string) {
    super(
      'UNKNOWN_VERSION',
      version === undefined
        ? { zh: `未注册流程 ${processId}`, en: `Process ${processId} is not registered` }
        : {
            zh: `未注册流程 ${processId} 的版本 ${version}`,
            en: `Process ${processId} version ${version} is not registered`,
          },
    );
  }
}

/** An idempotency key was reused for a different request. */
export class IdempotencyKeyReusedError extends DangwuError {
  constructor(key: string) {
    const issue: Issue = {
      path: 'idempotencyKey',
      message: { zh: '幂等键已用于另一请求', en: 'idempotency key already used for a different request' },
    };
    super('INVALID_EVENT', { zh: `幂等键 ${key} 被重复使用`, en: `Idempotency key ${key} reused` }, [issue]);
  }
}

/** The store failed or returned a record that fails its schema. */
export class StoreFailureError extends DangwuError {
  constructor(what: string, cause?: unknown) {
    super('STORE_FAILURE', { zh: `存储失败：${what}`, en: `Store failure: ${what}` });
    if (cause !== undefined) this.cause = cause;
  }
}

/** The machine itself raised an error while processing an allowed event; nothing was written. */
export class ProcessFailureError extends DangwuError {
  constructor(instanceId: string, eventType: string, cause?: unknown) {
    super('EVENT_REFUSED', {
      zh: `实例 ${instanceId} 处理事件 ${eventType} 时流程出错`,
      en: `Process error in instance ${instanceId} while handling ${eventType}`,
    });
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * A migration's transform gave a snapshot the target version cannot hold; that instance was not migrated.
 * The issues name the field (`snapshot`, `snapshot.status`, `snapshot.context`).
 */
export class InvalidMigratedSnapshotError extends DangwuError {
  constructor(instanceId: string, issues: readonly Issue[], cause?: unknown) {
    super(
      'INVALID_INPUT',
      { zh: `实例 ${instanceId} 迁移后的快照无效`, en: `Invalid migrated snapshot for instance ${instanceId}` },
      issues,
    );
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * The store failed during `migrate`. `report` says what was done before: the instances it lists as
 * migrated are committed; running the migration again picks up the rest.
 */
export class MigrationInterruptedError extends StoreFailureError {
  constructor(
    readonly report: MigrationReport,
    cause: unknown,
  ) {
    super(`migration stopped after ${report.migrated} instance(s)`, cause);
  }
}

/** Options given to a factory (`createEngine`, a store, the timer loop) that it cannot work with; nothing was opened or started. */
export class InvalidOptionsError extends DangwuError {
  constructor(factory: string, issues: readonly Issue[]) {
    super('INVALID_OPTIONS', { zh: `${factory} 的选项无效`, en: `Invalid options for ${factory}` }, issues);
  }
}

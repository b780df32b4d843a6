import type { Actor, CheckResult, Explanation } from '@dangwu/machines';
import { isWithinOrg, type OrgDirectory } from './org-scope.js';
import { SYSTEM_ROLE } from './system-role.js';

/**
 * The runtime's own checks of who may act on an instance, as `send` applies them (ForbiddenError), in
 * the form `explain` reports a check: the system role is the runtime's alone (RUNTIME-SYSTEM-ROLE), and an
 * actor acts on instances of its organisation and those below it (RUNTIME-ORG-SCOPE). Only failures.
 */
export function actorScopeFailures(
  orgs: OrgDirectory,
  actor: Actor,
  instanceOrgId: string,
  /** The organisation the unparsed event's actor names (send checks it first), null when none can be read. */
  claimedOrgId: string | null = actor.orgId,
): CheckResult[] {
  const failures: CheckResult[] = [];
  if (actor.roles.includes(SYSTEM_ROLE)) {
    failures.push({
      check: 'systemRoleReserved',
      ruleId: 'RUNTIME-SYSTEM-ROLE',
      ok: false,
      severity: 'block',
      message: { zh: '系统角色仅供运行时使用', en: 'The system role is reserved for the runtime' },
    });
  }
  const outside =
    orgScopeFailure(orgs, claimedOrgId, instanceOrgId) ?? orgScopeFailure(orgs, actor.orgId, instanceOrgId);
  if (outside !== undefined) failures.push(outside);
  return failures;
}

/**
 * The check that the organisation `orgId` (null: none could be read) may act on instances of
 * `instanceOrgId`, failed; undefined when it may (RUNTIME-ORG-SCOPE). `send` refuses an event whose actor
 * claims such an organisation before it validates the event.
 */
export function orgScopeFailure(
  orgs: OrgDirectory,
  orgId: string | null,
  instanceOrgId: string,
): CheckResult | undefined {
  if (orgId !== null && isWithinOrg(orgs, orgId, instanceOrgId)) return undefined;
  return {
    check: 'actorWithinOrganisation',
    ruleId: 'RUNTIME-ORG-SCOPE',
    ok: false,
    severity: 'block',
    message:
      orgId === null
        ? { zh: '事件未指明可识别的操作人组织', en: 'The event names no actor whose organisation can be read' }
        : {
            zh: `组织 ${orgId} 不能操作组织 ${instanceOrgId} 的实例`,
            en: `Organisation ${orgId} may not act on instances of organisation ${instanceOrgId}`,
          },
  };
}

/** An event refused for the runtime's `failures` before the process is asked (as `send` refuses it). */
export function scopeRefusal(eventType: string, failures: readonly [CheckResult, ...CheckResult[]]): Explanation {
  return {
    verdict: 'refused',
    eventType,
    checks: failures,
    failures,
    warnings: [],
    message: refusalMessage(failures[0]),
  };
}

const refusalMessage = (first: CheckResult): Explanation['message'] => ({
  zh: `不能办理：${first.message.zh} [${first.ruleId}]`,
  en: `Refused: ${first.message.en} [${first.ruleId}]`,
});

/**
 * `explanation` with the runtime's failures added, as `send` refuses the event for them before it asks
 * the process: an event the process would allow or refuse is refused, first for the runtime's reason,
 * its own checks after; one the process would not accept or calls invalid is refused for the runtime's
 * reasons alone.
 */
export function withActorScope(explanation: Explanation, failures: readonly CheckResult[]): Explanation {
  const [first, ...rest] = failures;
  if (first === undefined) return explanation;
  if (explanation.verdict !== 'allowed' && explanation.verdict !== 'refused') {
    return scopeRefusal(explanation.eventType, [first, ...rest]);
  }
  return {
    ...explanation,
    verdict: 'refused',
    checks: [...failures, ...explanation.checks],
    failures: [...failures, ...explanation.failures],
    message: refusalMessage(first),
  };
}

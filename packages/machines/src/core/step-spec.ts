import type { Bilingual, LocalDate } from '@dangwu/rules';
import type { Actor, Role } from './actor.js';
import type { WaiverRecord, WarningRecord } from './case-records.js';
import type { CheckResult } from './explanation.js';

/** What a check found: pass or fail, why, and for a time rule the first date it will pass. */
export interface CheckOutcome {
  /** Whether the rule is met. */
  readonly ok: boolean;
  /** What was found, in both languages. */
  readonly message: Bilingual;
  /** For a failing time rule: the first date on which it will pass. */
  readonly earliest?: LocalDate;
}

/** A named guard check citing one rule. It returns null when the rule does not apply under the profile. */
export interface Check<TInput> {
  /** Name shown in explanations, e.g. `activistMinTraining`. */
  readonly name: string;
  /** The catalogue rule id. */
  readonly ruleId: string;
  /** `block` refuses the event when failing; `warn` records a warning and lets it through. */
  readonly severity: 'block' | 'warn';
  /** Whether an explicit waiver of `ruleId` lifts it (特殊情况). */
  readonly waivable?: boolean;
  /** Evaluates the rule. */
  evaluate(input: TInput): CheckOutcome | null;
}

/** The minimum every check input carries: the event with its actor, and the waivers on record. */
export interface CheckInputBase {
  /** The event being checked. */
  readonly event: { readonly type: string; readonly actor: Actor; readonly occurredOn: LocalDate };
  /** Waivers granted on the case. */
  readonly waivers: readonly WaiverRecord[];
}

/**
 * Why no check input could be built for an event that parses: e.g. no rule version is in force on
 * its date. Guards refuse it and `explainEvent` reports `refusal` as the blocking failure.
 */
export interface InputRefusal {
  /** The failing check, with its rule id and bilingual message. */
  readonly refusal: CheckResult;
}

/** Builds the check input from context and an event: null when the event does not parse. */
export type ToCheckInput<TContext, TInput extends CheckInputBase> = (
  context: TContext,
  event: unknown,
) => TInput | InputRefusal | null;

/** Whether `input` is a check input (neither null nor a refusal). */
export function isCheckInput<TInput extends CheckInputBase>(input: TInput | InputRefusal | null): input is TInput {
  return input !== null && !('refusal' in input);
}

/** One guarded transition: the event, the roles allowed (with the rule naming them) and its checks. */
export interface StepSpec<TInput extends CheckInputBase> {
  /** The event type the transition takes. */
  readonly eventType: string;
  /** Roles allowed to cause it. */
  readonly roles: readonly Role[];
  /** The rule that names who acts here. */
  readonly roleRuleId: string;
  /** Rule checks. */
  readonly checks: readonly Check<TInput>[];
  /** Picks between transitions on the same event (e.g. a vote passed or not); a routing condition, not a rule. */
  readonly when?: (input: TInput) => boolean;
}

const ROLE_TEXT: Partial<Record<Role, string>> = {
  applicant: '申请人',
  'branch-secretary': '党支部书记',
  'org-commissioner': '组织委员',
  'branch-committee': '支部委员会',
  'branch-assembly': '支部党员大会',
  'base-committee': '基层党委',
  'higher-committee': '上级党委',
  'org-dept': '组织部门',
  introducer: '入党介绍人',
  system: '系统',
};

function roleCheck(spec: StepSpec<CheckInputBase>, actor: Actor): CheckResult {
  const ok = actor.roles.some((role) => spec.roles.includes(role));
  const allowed = spec.roles.map((role) => ROLE_TEXT[role] ?? role).join('、');
  return {
    check: 'allowedRoles',
    ruleId: spec.roleRuleId,
    ok,
    severity: 'block',
    message: ok
      ? { zh: `执行人具备办理资格（${allowed}）`, en: `The actor may do this (${spec.roles.join(', ')})` }
      : {
          zh: `该步骤只能由${allowed}办理，执行人角色为 ${actor.roles.join('、')}`,
          en: `Only ${spec.roles.join(', ')} may do this; the actor acted as ${actor.roles.join(', ')}`,
        },
  };
}

/** Runs the role check and every rule check of `spec`; waivable failures with a waiver on record pass. */
export function runStep<TInput extends CheckInputBase>(spec: StepSpec<TInput>, input: TInput): CheckResult[] {
  const results: CheckResult[] = [roleCheck(spec as unknown as StepSpec<CheckInputBase>, input.event.actor)];
  for (const check of spec.checks) {
    const outcome = check.evaluate(input);
    if (outcome === null) continue;
    const waiver =
      !outcome.ok && check.waivable ? input.waivers.find((candidate) => candidate.ruleId === check.ruleId) : undefined;
    results.push({
      check: check.name,
      ruleId: check.ruleId,
      ok: outcome.ok || waiver !== undefined,
      severity: check.severity,
      message: outcome.message,
      ...(outcome.earliest && !outcome.ok ? { earliest: outcome.earliest } : {}),
      ...(waiver ? { waivedBy: waiver.id } : {}),
    });
  }
  return results;
}

/** The failing checks that refuse an event. */
export function blockingFailures(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((result) => !result.ok && result.severity === 'block');
}

/** The failing checks that only warn. */
export function warningFailures(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((result) => !result.ok && result.severity === 'warn');
}

/** Whether `spec` lets the event through: right type, routing condition true, no blocking failure. */
export function stepAllows<TInput extends CheckInputBase>(spec: StepSpec<TInput>, input: TInput): boolean {
  if (input.event.type !== spec.eventType) return false;
  if (spec.when && !spec.when(input)) return false;
  return blockingFailures(runStep(spec, input)).length === 0;
}

/**
 * XState guard implementations for a table of steps: each guard name maps to a step spec, and the
 * guard passes exactly when the spec allows the event. `explain` reads the same table, so the
 * explanation and the machine can never disagree.
 */
export function guardsFor<TContext, TInput extends CheckInputBase, TName extends string>(
  specs: Record<TName, StepSpec<TInput>>,
  toInput: ToCheckInput<TContext, TInput>,
): Record<TName, (args: { context: TContext; event: unknown }) => boolean> {
  const guards = {} as Record<TName, (args: { context: TContext; event: unknown }) => boolean>;
  for (const name of Object.keys(specs) as TName[]) {
    const spec = specs[name];
    guards[name] = ({ context, event }) => {
      const input = toInput(context, event);
      return isCheckInput(input) && stepAllows(spec, input);
    };
  }
  return guards;
}

/**
 * The warnings a step records: its `warn` checks that fail, run on the check input built from the
 * case as it was before the step, exactly as the guard saw it.
 */
export function stepWarnings<TInput extends CheckInputBase>(
  spec: StepSpec<TInput>,
  input: TInput | InputRefusal | null,
): WarningRecord[] {
  if (!isCheckInput(input)) return [];
  const { type: eventType, occurredOn: on } = input.event;
  return warningFailures(runStep(spec, input)).map(({ ruleId, message }) => ({ eventType, ruleId, on, message }));
}

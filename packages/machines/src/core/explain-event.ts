import { type Issue, issuesFromZod } from '@dangwu/rules';
import type { AnyMachineSnapshot } from 'xstate';
import type * as z from 'zod';
import type { CheckResult, Explanation } from './explanation.js';
import {
  blockingFailures,
  type CheckInputBase,
  isCheckInput,
  runStep,
  type StepSpec,
  type ToCheckInput,
  warningFailures,
} from './step-spec.js';

/** What `explainEvent` needs to know about one process. */
export interface ExplainOptions<TContext, TInput extends CheckInputBase> {
  /** Schema of every event of the process. */
  readonly eventSchema: z.ZodType;
  /** The step table the machine's guards are built from. */
  readonly steps: Readonly<Record<string, StepSpec<TInput>>>;
  /** Builds the check input from context and a parsed event (null: not accepted; a refusal: refused). */
  readonly toInput: ToCheckInput<TContext, TInput>;
  /** For events that come later in the process: the rule that orders them (e.g. FILL_FORM after 预审, EC-10). */
  readonly orderRules?: Readonly<Record<string, { readonly ruleId: string; readonly zh: string; readonly en: string }>>;
}

function guardName(guard: unknown): string | undefined {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string')
    return guard.type;
  return undefined;
}

function dedupe(results: readonly CheckResult[]): CheckResult[] {
  const seen = new Map<string, CheckResult>();
  for (const result of results) {
    const key = `${result.check}|${result.ruleId}|${result.message.en}`;
    if (!seen.has(key)) seen.set(key, result);
  }
  return [...seen.values()];
}

function stateText(snapshot: AnyMachineSnapshot): string {
  return JSON.stringify(snapshot.value);
}

/** The explanation of an event whose payload is malformed: one blocking check per issue found in it. */
export function invalidExplanation(eventType: string, issues: readonly Issue[]): Explanation {
  const checks: CheckResult[] = issues.map((issue) => ({
    check: `payload:${issue.path || 'type'}`,
    ruleId: issue.ruleId ?? 'PAYLOAD',
    ok: false,
    severity: 'block',
    message: issue.message,
  }));
  return {
    verdict: 'invalid',
    eventType,
    checks,
    failures: checks,
    warnings: [],
    message: { zh: `事件 ${eventType} 的内容无效`, en: `The ${eventType} event payload is invalid` },
  };
}

/**
 * Why `event` is or is not allowed in `snapshot`: validates the payload, finds the transitions the
 * active states offer for its type, and runs their step specs. A state that takes no such event is
 * reported as `not-accepted`, never silently ignored.
 */
export function explainEvent<TContext, TInput extends CheckInputBase>(
  snapshot: AnyMachineSnapshot,
  event: unknown,
  options: ExplainOptions<TContext, TInput>,
): Explanation {
  const eventType =
    typeof event === 'object' && event !== null && 'type' in event && typeof event.type === 'string' ? event.type : '?';
  const parsed = options.eventSchema.safeParse(event);
  if (!parsed.success) return invalidExplanation(eventType, issuesFromZod(parsed.error));
  if (snapshot.status !== 'active') {
    return notAccepted(eventType, snapshot, options, { zh: '流程已结束', en: 'The process has ended' });
  }
  const candidates = snapshot._nodes.flatMap((node) => node.on[eventType] ?? []);
  const specs = candidates
    .map((transition) => guardName(transition.guard))
    .map((name) => (name ? options.steps[name] : undefined))
    .filter((spec): spec is StepSpec<TInput> => spec !== undefined);
  if (candidates.length === 0) return notAccepted(eventType, snapshot, options);

  const input = options.toInput(snapshot.context as TContext, parsed.data);
  if (input === null) return notAccepted(eventType, snapshot, options);
  if (!isCheckInput(input)) return refused(eventType, [input.refusal], [input.refusal]);
  const applicable = specs.filter((spec) => !spec.when || spec.when(input));
  const results = applicable.map((spec) => runStep(spec, input));
  const passing = results.find((checks) => blockingFailures(checks).length === 0);
  if (passing && snapshot.can(parsed.data as never)) {
    const warnings = warningFailures(passing);
    return {
      verdict: 'allowed',
      eventType,
      checks: passing,
      failures: [],
      warnings,
      message:
        warnings.length > 0
          ? { zh: `可以办理，但有 ${warnings.length} 项提醒`, en: `Allowed, with ${warnings.length} warning(s)` }
          : { zh: '可以办理', en: 'Allowed' },
    };
  }
  const all = dedupe(results.flat());
  const failures = blockingFailures(all);
  if (failures.length === 0) {
    // Our checks pass but the machine refuses: a host replaced a guard with `machine.provide()`.
    const custom: CheckResult = {
      check: 'customGuard',
      ruleId: 'LOCAL-RULE',
      ok: false,
      severity: 'block',
      message: { zh: '本地自定义规则不允许此操作', en: 'A local rule supplied by the host refuses this event' },
    };
    return refused(eventType, [...all, custom], [custom]);
  }
  return refused(eventType, all, failures);
}

function refused(eventType: string, checks: readonly CheckResult[], failures: readonly CheckResult[]): Explanation {
  const first = failures[0];
  const earliest = failures
    .map((failure) => failure.earliest)
    .filter((date) => date !== undefined)
    .sort()
    .at(-1);
  // Add the earliest date unless the message already says it in those words.
  const suffix = {
    zh: earliest && !first?.message.zh.includes(`最早 ${earliest}`) ? `，最早 ${earliest}` : '',
    en: earliest && !first?.message.en.includes(`earliest ${earliest}`) ? `; earliest ${earliest}` : '',
  };
  return {
    verdict: 'refused',
    eventType,
    checks,
    failures,
    warnings: warningFailures(checks),
    message: {
      zh: `不能办理：${first?.message.zh ?? ''} [${first?.ruleId ?? ''}]${suffix.zh}`,
      en: `Refused: ${first?.message.en ?? ''} [${first?.ruleId ?? ''}]${suffix.en}`,
    },
  };
}

function notAccepted<TContext, TInput extends CheckInputBase>(
  eventType: string,
  snapshot: AnyMachineSnapshot,
  options: ExplainOptions<TContext, TInput>,
  reason?: { zh: string; en: string },
): Explanation {
  const order = options.orderRules?.[eventType];
  const checks: CheckResult[] = order
    ? [
        {
          check: 'stepOrder',
          ruleId: order.ruleId,
          ok: false,
          severity: 'block',
          message: { zh: order.zh, en: order.en },
        },
      ]
    : [];
  const where = stateText(snapshot);
  return {
    verdict: 'not-accepted',
    eventType,
    checks,
    failures: checks,
    warnings: [],
    message: {
      zh: `当前状态 ${where} 不接受事件 ${eventType}${reason ? `：${reason.zh}` : ''}${order ? `：${order.zh}` : ''}`,
      en: `The current state ${where} does not accept ${eventType}${reason ? `: ${reason.en}` : ''}${order ? `: ${order.en}` : ''}`,
    },
  };
}

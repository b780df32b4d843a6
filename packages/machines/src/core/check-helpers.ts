import { addDays, type LocalDate } from '@dangwu/rules';
import type { CaseLedger } from './case-records.js';
import type { Check, CheckInputBase, CheckOutcome } from './step-spec.js';

/** How a profile enforces a soft rule: refuse the event, record a warning, or not check it at all. */
export type Enforcement = 'reject' | 'warn' | 'allow';

/** A passing check outcome with its zh-CN and English text. */
export const pass = (zh: string, en: string): CheckOutcome => ({ ok: true, message: { zh, en } });

/** A failing check outcome; for a time rule, `earliest` is the first date on which it will pass. */
export const fail = (zh: string, en: string, earliest?: LocalDate): CheckOutcome =>
  earliest ? { ok: false, message: { zh, en }, earliest } : { ok: false, message: { zh, en } };

/** The checked event narrowed to one of `types`, or null when it is another event. */
export function payload<TEvent extends { readonly type: string }, T extends TEvent['type']>(
  input: { readonly event: TEvent },
  ...types: readonly T[]
): Extract<TEvent, { type: T }> | null {
  return (types as readonly string[]).includes(input.event.type) ? (input.event as Extract<TEvent, { type: T }>) : null;
}

/** Events no chronology applies to: a correction rewrites a past date, a deadline event is dated by the host. */
const undatedSteps: readonly string[] = ['CORRECT', 'DEADLINE_REACHED'];

/**
 * CASE-CHRONOLOGY: a step is not dated before the steps already recorded. `latest` reads the latest
 * recorded date of the case (null: nothing recorded yet, the check does not apply).
 */
export function chronologyCheck<TInput extends CheckInputBase>(
  latest: (input: TInput) => LocalDate | null,
): Check<TInput> {
  return {
    name: 'chronology',
    ruleId: 'CASE-CHRONOLOGY',
    severity: 'block',
    evaluate: (input) => {
      const { event } = input;
      if (undatedSteps.includes(event.type)) return null;
      const last = latest(input);
      if (last === null) return null;
      return event.occurredOn >= last
        ? pass('日期不早于已记录的步骤', 'Dated on or after the recorded steps')
        : fail(
            `${event.occurredOn} 早于已记录的步骤日期 ${last}`,
            `${event.occurredOn} is before the last recorded step (${last})`,
            last,
          );
    },
  };
}

/**
 * CASE-DEADLINE: the deadline named by DEADLINE_REACHED is pending, not yet marked overdue, and its
 * day has passed (the event is dated on or after the day after `due`).
 */
export function deadlineDueCheck<TInput extends CheckInputBase & { readonly context: CaseLedger }>(): Check<TInput> {
  return {
    name: 'deadlineDue',
    ruleId: 'CASE-DEADLINE',
    severity: 'block',
    evaluate: ({ context, event }) => {
      if (event.type !== 'DEADLINE_REACHED' || !('deadlineId' in event)) return null;
      const deadlineId = String(event.deadlineId);
      const deadline = context.deadlines.find((candidate) => candidate.id === deadlineId);
      if (!deadline) return fail(`没有待办期限 ${deadlineId}`, `No pending deadline ${deadlineId}`);
      if (context.overdue.some((entry) => entry.deadlineId === deadline.id)) {
        return fail(`期限 ${deadline.id} 已标记为逾期`, `Deadline ${deadline.id} is already marked overdue`);
      }
      const lateFrom = addDays(deadline.due, 1);
      return event.occurredOn >= lateFrom
        ? pass(`期限 ${deadline.due} 已过`, `Deadline ${deadline.due} has passed`)
        : fail(`期限 ${deadline.due} 尚未届满`, `Deadline ${deadline.due} has not passed yet`, lateFrom);
    },
  };
}

/** What {@link enforcementCheck} builds a check from. */
export interface EnforcementCheckSpec<TInput> {
  /** Name shown in explanations. */
  readonly name: string;
  /** The catalogue rule id. */
  readonly ruleId: string;
  /** `block` applies where the profile says `reject`, `warn` where it says `warn`. */
  readonly severity: 'block' | 'warn';
  /** The profile's setting for the rule, in force on the event's date. */
  readonly setting: (input: TInput) => Enforcement;
  /** Evaluates the rule; null when it does not concern the event. */
  readonly evaluate: (input: TInput) => CheckOutcome | null;
}

/**
 * A soft rule the profile enforces as `reject`, `warn` or `allow`: declare it once per severity; the
 * `block` check runs only under `reject`, the `warn` check only under `warn`, neither under `allow`.
 */
export function enforcementCheck<TInput>(spec: EnforcementCheckSpec<TInput>): Check<TInput> {
  const applies: Enforcement = spec.severity === 'block' ? 'reject' : 'warn';
  return {
    name: spec.name,
    ruleId: spec.ruleId,
    severity: spec.severity,
    evaluate: (input) => (spec.setting(input) === applies ? spec.evaluate(input) : null),
  };
}

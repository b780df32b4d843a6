// The input every life-meeting check reads, and the helpers the checks share.
import type { Bilingual, LocalDate } from '@dangwu/rules';
import { type CaseCheckInput, checkInputBuilder } from '../core/check-input.js';
import { type RulesInForce, rulesOn } from '../core/rules-context.js';
import type { Check, CheckOutcome } from '../core/step-spec.js';
import type { LifeMeetingContext, ProblemRecord } from './life-meeting.context.js';
import { type LifeMeetingEvent, lifeMeetingEventSchema } from './life-meeting.schema.js';

/** What every life-meeting check reads: the case, the event and the rules in force on the event's date. */
export type LifeMeetingCheckInput = CaseCheckInput<LifeMeetingContext, LifeMeetingEvent, 'common' | 'lifeMeeting'>;

/**
 * The rules in force on `date` for the case's own dates (period, due date, planned date); a date
 * before the profile's first version reads the first version. Events dated so are refused by the
 * check-input builder, so nothing is recorded under it.
 */
export function rulesAt(context: LifeMeetingContext, date: LocalDate): RulesInForce<'common' | 'lifeMeeting'> {
  const first = context.rules.versions[0]?.effectiveFrom;
  return rulesOn(context.rules, first !== undefined && date < first ? first : date);
}

/**
 * Builds the check input, or null for a payload that does not parse (guards then refuse); an event
 * dated before the profile's first version gets a `rulesInForce` refusal.
 */
export const toLifeMeetingInput = checkInputBuilder(
  lifeMeetingEventSchema,
  (context: LifeMeetingContext) => context.rules,
);

/** A check of a life-meeting step. */
export type LmCheck = Check<LifeMeetingCheckInput>;

/** A check outcome; `earliest` only on a failure. */
export const outcome = (ok: boolean, message: Bilingual, earliest?: LocalDate): CheckOutcome =>
  earliest && !ok ? { ok, message, earliest } : { ok, message };

/** Problems raised at the meeting and not yet handled. */
export function openProblems(context: LifeMeetingContext): ProblemRecord[] {
  return context.problems.filter((problem) => problem.handled === null);
}

/** The latest upper notice, the one the meeting is checked against. */
export const lastUpperNotice = (context: LifeMeetingContext) => context.upperNotices.at(-1) ?? null;

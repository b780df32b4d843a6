import { DangwuError, type ProfileProjection, type RuleValues } from '@dangwu/rules';
import type * as z from 'zod';
import type { WaiverRecord } from './case-records.js';
import { type RulesInForce, rulesOn } from './rules-context.js';
import type { CheckInputBase, InputRefusal } from './step-spec.js';

/** What a process's checks read: the case, the parsed event and the rules in force on the event's date (EC-43). */
export interface CaseCheckInput<TContext, TEvent extends CheckInputBase['event'], K extends keyof RuleValues>
  extends CheckInputBase {
  /** The case. */
  readonly context: TContext;
  /** The parsed event. */
  readonly event: TEvent;
  /** Rules in force on `event.occurredOn` (EC-43). */
  readonly rules: RulesInForce<K>;
}

/**
 * The check-input builder of a process: parses the event with `schema` (null when it does not parse,
 * so guards refuse and `explainEvent` answers not-accepted) and picks the rules in force on its date
 * from the projection `rulesOf` reads. Guards must never throw, so an event dated before the
 * profile's first version gets an {@link InputRefusal}: a failing `rulesInForce` check carrying the
 * bilingual text of the rules' error and the first version's date as the earliest.
 */
export function checkInputBuilder<
  TContext extends { readonly waivers: readonly WaiverRecord[] },
  TEvent extends CheckInputBase['event'],
  K extends keyof RuleValues,
>(
  schema: z.ZodType<TEvent>,
  rulesOf: (context: TContext) => ProfileProjection<K | 'common'>,
): (context: TContext, event: unknown) => CaseCheckInput<TContext, TEvent, K | 'common'> | InputRefusal | null {
  return (context, event) => {
    const parsed = schema.safeParse(event);
    if (!parsed.success) return null;
    const projection = rulesOf(context);
    let rules: RulesInForce<K | 'common'>;
    try {
      rules = rulesOn(projection, parsed.data.occurredOn);
    } catch (error) {
      if (!(error instanceof DangwuError) || error.code !== 'UNKNOWN_VERSION') throw error;
      const first = projection.versions[0]?.effectiveFrom;
      return {
        refusal: {
          check: 'rulesInForce',
          ruleId: 'CASE-CHRONOLOGY',
          ok: false,
          severity: 'block',
          message: error.text,
          ...(first !== undefined ? { earliest: first } : {}),
        },
      };
    }
    return { context, event: parsed.data, rules, waivers: context.waivers };
  };
}

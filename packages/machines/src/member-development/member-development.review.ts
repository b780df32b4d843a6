import { type Bilingual, describeDuration, type LocalDate, minimumPeriodMetOn } from '@dangwu/rules';
import { rulesOn } from '../core/rules-context.js';
import type { DevelopmentContext } from './member-development.context.js';
import { type DevelopmentStep, developmentSteps } from './member-development.schema.js';

/** A recorded step that does not satisfy a rule given the other recorded dates. */
export interface ReviewFinding {
  /** The rule. */
  readonly ruleId: string;
  /** The step concerned. */
  readonly step: DevelopmentStep;
  /** What was found. */
  readonly message: Bilingual;
}

function minimumGap(
  context: DevelopmentContext,
  from: DevelopmentStep,
  to: DevelopmentStep,
  ruleId: string,
  pick: (
    values: ReturnType<typeof rulesOn<'development'>>['values'],
  ) => Parameters<typeof minimumPeriodMetOn>[1] | null,
): ReviewFinding | null {
  const start = context.steps[from]?.on;
  const end = context.steps[to]?.on;
  if (!start || !end) return null;
  const rules = rulesOn(context.rules, end);
  const length = pick(rules.values);
  if (!length) return null;
  const metOn = minimumPeriodMetOn(start, length, rules.dates).date;
  if (end >= metOn) return null;
  const text = describeDuration(length);
  return {
    ruleId,
    step: to,
    message: {
      zh: `${to}（${end}）距 ${from}（${start}）不足${text.zh}，最早应为 ${metOn}`,
      en: `${to} (${end}) is less than ${text.en} after ${from} (${start}); earliest ${metOn}`,
    },
  };
}

/**
 * Re-checks every recorded date of a case against the time rules and their order: used after a
 * correction and to validate an import against the rules in force on the historical dates.
 */
export function reviewDevelopmentCase(context: DevelopmentContext): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  let previous: { step: DevelopmentStep; on: LocalDate } | null = null;
  for (const step of developmentSteps) {
    const record = context.steps[step];
    if (!record) continue;
    if (previous && record.on < previous.on) {
      findings.push({
        ruleId: 'CASE-CHRONOLOGY',
        step,
        message: {
          zh: `${step}（${record.on}）早于前一步骤 ${previous.step}（${previous.on}）`,
          en: `${step} (${record.on}) is before the previous step ${previous.step} (${previous.on})`,
        },
      });
    }
    previous = { step, on: record.on };
  }
  const gaps = [
    minimumGap(
      context,
      'applied',
      'activist',
      'DEV-APPLY-TO-ACTIVIST-MIN',
      (values) => values.development.applyToActivistMin,
    ),
    minimumGap(
      context,
      'activist',
      'targetProposed',
      'DEV-ACTIVIST-MIN-TRAINING',
      (values) => values.development.activistMinTraining,
    ),
  ];
  for (const gap of gaps) if (gap) findings.push(gap);
  return findings;
}

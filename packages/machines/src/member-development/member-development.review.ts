import {
  type Bilingual,
  type CalendarDuration,
  calendarFor,
  describeDuration,
  type HolidayYear,
  type LocalDate,
  minimumPeriodMetOn,
  type RuleValues,
  versionOn,
} from '@dangwu/rules';
import type { DevelopmentContext } from './member-development.context.js';
import { type DevelopmentStep, developmentSteps } from './member-development.step-names.js';

/** A recorded step that does not satisfy a rule given the other recorded dates. */
export interface ReviewFinding {
  /** The rule. */
  readonly ruleId: string;
  /** The step concerned. */
  readonly step: DevelopmentStep;
  /** What was found. */
  readonly message: Bilingual;
}

/** What the review needs of a profile: a full profile or the projection a case carries. */
export interface ReviewRules {
  /** Profile id. */
  readonly id: string;
  /** Versions sorted by date, with at least the common and development sections. */
  readonly versions: readonly {
    readonly id: string;
    readonly effectiveFrom: LocalDate;
    readonly values: Pick<RuleValues, 'common' | 'development'>;
  }[];
  /** Calendar years added by the host. */
  readonly calendarYears: readonly HolidayYear[];
}

/** The date of each recorded step of a development case. */
export type StepDates = Partial<Record<DevelopmentStep, LocalDate>>;

function minimumGap(
  rules: ReviewRules,
  dates: StepDates,
  from: DevelopmentStep,
  to: DevelopmentStep,
  ruleId: string,
  pick: (values: Pick<RuleValues, 'development'>) => CalendarDuration | null,
): ReviewFinding | null {
  const start = dates[from];
  const end = dates[to];
  const first = rules.versions[0]?.effectiveFrom;
  if (!start || !end || first === undefined || end < first) return null;
  const values = versionOn(rules, end).values;
  const length = pick(values);
  if (!length) return null;
  const options = { calendar: calendarFor(rules.calendarYears), leapDayPolicy: values.common.leapDayPolicy };
  const metOn = minimumPeriodMetOn(start, length, options).date;
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
 * Checks a case's step dates against the time rules in force on each date and against their order:
 * used to validate an import (members already in the process when a platform adopts dangwu) and,
 * after a correction, to flag later steps that no longer hold.
 */
export function reviewStepDates(rules: ReviewRules, dates: StepDates): ReviewFinding[] {
  const findings: ReviewFinding[] = [];
  let previous: { step: DevelopmentStep; on: LocalDate } | null = null;
  for (const step of developmentSteps) {
    const on = dates[step];
    if (!on) continue;
    if (previous && on < previous.on) {
      findings.push({
        ruleId: 'CASE-CHRONOLOGY',
        step,
        message: {
          zh: `${step}（${on}）早于前一步骤 ${previous.step}（${previous.on}）`,
          en: `${step} (${on}) is before the previous step ${previous.step} (${previous.on})`,
        },
      });
    }
    previous = { step, on };
  }
  const gaps = [
    minimumGap(
      rules,
      dates,
      'applied',
      'activist',
      'DEV-APPLY-TO-ACTIVIST-MIN',
      (values) => values.development.applyToActivistMin,
    ),
    minimumGap(
      rules,
      dates,
      'activist',
      'targetProposed',
      'DEV-ACTIVIST-MIN-TRAINING',
      (values) => values.development.activistMinTraining,
    ),
  ];
  for (const gap of gaps) if (gap) findings.push(gap);
  return findings;
}

/** Re-checks every recorded date of a case (after a correction). */
export function reviewDevelopmentCase(context: DevelopmentContext): ReviewFinding[] {
  const dates: StepDates = {};
  for (const step of developmentSteps) {
    const record = context.steps[step];
    if (record) dates[step] = record.on;
  }
  return reviewStepDates(context.rules, dates);
}

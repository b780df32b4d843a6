import * as z from 'zod';

/** The units party rules are written in: 年, 个月, 天 (calendar days) and 工作日 (working days). */
export type DurationUnit = 'years' | 'months' | 'days' | 'workingDays';

/** A rule's length of time, kept in the unit the rule states so "一年" never becomes 365 days. */
export interface CalendarDuration {
  /** How many units; a whole number, zero or more. */
  readonly amount: number;
  /** The unit the rule is written in. */
  readonly unit: DurationUnit;
}

/** Zod schema of a {@link CalendarDuration}: a whole, non-negative amount of one unit. */
export const calendarDurationSchema = z
  .object({
    amount: z.number().int().min(0, { error: '时长不能为负 / a duration cannot be negative' }),
    unit: z.enum(['years', 'months', 'days', 'workingDays']),
  })
  .strict();

/** `amount` calendar years (年). */
export function years(amount: number): CalendarDuration {
  return { amount, unit: 'years' };
}

/** `amount` calendar months (个月). */
export function months(amount: number): CalendarDuration {
  return { amount, unit: 'months' };
}

/** `amount` calendar days (天). */
export function days(amount: number): CalendarDuration {
  return { amount, unit: 'days' };
}

/** `amount` working days (工作日) under the State Council holiday calendar. */
export function workingDays(amount: number): CalendarDuration {
  return { amount, unit: 'workingDays' };
}

const UNIT_TEXT: Record<DurationUnit, { zh: string; en: (n: number) => string }> = {
  years: { zh: '年', en: (n) => (n === 1 ? 'year' : 'years') },
  months: { zh: '个月', en: (n) => (n === 1 ? 'month' : 'months') },
  days: { zh: '天', en: (n) => (n === 1 ? 'day' : 'days') },
  workingDays: { zh: '个工作日', en: (n) => (n === 1 ? 'working day' : 'working days') },
};

/** A duration written out for people, e.g. `{ zh: '5个工作日', en: '5 working days' }`. */
export function describeDuration(duration: CalendarDuration): { zh: string; en: string } {
  const text = UNIT_TEXT[duration.unit];
  return { zh: `${duration.amount}${text.zh}`, en: `${duration.amount} ${text.en(duration.amount)}` };
}

/** Rough length in days, only for comparing two durations of different units (min ≤ max checks). */
export function approximateDays(duration: CalendarDuration): number {
  switch (duration.unit) {
    case 'years':
      return duration.amount * 365.2425;
    case 'months':
      return duration.amount * 30.436875;
    case 'workingDays':
      return duration.amount * 1.4;
    case 'days':
      return duration.amount;
  }
}

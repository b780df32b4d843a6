import { addDays, addMonths, type LeapDayPolicy, type LocalDate } from '@dangwu/rules';

/** A date-only ISO-8601 duration (`P1Y2M3W4D`), kept in its units so a month stays a calendar month. */
export interface IsoDateDuration {
  /** Calendar years (`Y`). */
  readonly years: number;
  /** Calendar months (`M` before any `T`). */
  readonly months: number;
  /** Weeks (`W`), seven calendar days each. */
  readonly weeks: number;
  /** Calendar days (`D`). */
  readonly days: number;
}

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/**
 * Parses a date-only ISO-8601 duration such as `P3M`, `P10D`, `P1Y6M` or `P2W`. Time parts (`PT1H`),
 * signs, fractions and the empty `P` are refused with a bilingual `RangeError`.
 */
export function parseIsoDuration(text: string): IsoDateDuration {
  const match = DURATION.exec(text);
  if (!match || text === 'P') {
    throw new RangeError(
      `不是日期型 ISO-8601 时长（如 P3M、P10D、P1Y2M）：${JSON.stringify(text)} / ` +
        `not a date-only ISO-8601 duration (e.g. P3M, P10D, P1Y2M): ${JSON.stringify(text)}`,
    );
  }
  const [, years, months, weeks, days] = match;
  return { years: Number(years ?? 0), months: Number(months ?? 0), weeks: Number(weeks ?? 0), days: Number(days ?? 0) };
}

/**
 * `date` plus `duration`: years and months first as calendar months (clamped to the month's end, so
 * 31 January + P1M is the last day of February), then weeks and days.
 */
export function addIsoDuration(
  date: LocalDate,
  duration: IsoDateDuration | string,
  leapDayPolicy: LeapDayPolicy = 'feb28',
): LocalDate {
  const parsed = typeof duration === 'string' ? parseIsoDuration(duration) : duration;
  const months = parsed.years * 12 + parsed.months;
  const moved = months === 0 ? date : addMonths(date, months, leapDayPolicy);
  return addDays(moved, parsed.weeks * 7 + parsed.days);
}

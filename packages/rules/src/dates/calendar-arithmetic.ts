import { addDays, dateFromParts, dateParts, isLeapYear, type LocalDate } from './local-date.js';

/**
 * Where an anniversary of 29 February falls in a year without one (catalogue EC-02, EC-24).
 * - `feb28`: the month-end rule, 28 February (民法典 第二百零二条 by analogy; the default).
 * - `mar1`: the day after, 1 March.
 */
export type LeapDayPolicy = 'feb28' | 'mar1';

/**
 * `date` plus `count` calendar months. "N个月内" deadlines land on the same day N months later,
 * clamped to the month's end (31 Jan + 1 month → 28 or 29 Feb), per catalogue §13.1.
 */
export function addMonths(date: LocalDate, count: number, leapDayPolicy: LeapDayPolicy = 'feb28'): LocalDate {
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + count;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (month === 2 && day === 29 && targetMonth === 2 && !isLeapYear(targetYear) && leapDayPolicy === 'mar1') {
    return dateFromParts(targetYear, 3, 1);
  }
  return dateFromParts(targetYear, targetMonth, day);
}

/**
 * `date` plus `count` calendar years, with one policy for 29 February used for ages and
 * anniversaries alike (EC-02, EC-24): a probation begun on 2024-02-29 ends on 2025-02-28 under
 * `feb28` and on 2025-03-01 under `mar1`.
 */
export function addYears(date: LocalDate, count: number, leapDayPolicy: LeapDayPolicy = 'feb28'): LocalDate {
  return addMonths(date, count * 12, leapDayPolicy);
}

/**
 * Full years of age on `on` for someone born on `birthDate`: the birthday itself counts, and a
 * 29 February birthday is reached on the date `leapDayPolicy` names (EC-01, EC-02).
 */
export function ageOn(birthDate: LocalDate, on: LocalDate, leapDayPolicy: LeapDayPolicy = 'feb28'): number {
  const born = dateParts(birthDate);
  const today = dateParts(on);
  let age = today.year - born.year;
  if (age > 0 && addYears(birthDate, age, leapDayPolicy) > on) age -= 1;
  return Math.max(age, 0);
}

/** The last day of the month `date` is in. */
export function endOfMonth(date: LocalDate): LocalDate {
  const { year, month } = dateParts(date);
  return dateFromParts(year, month, 31);
}

/** The day before `date`. */
export function previousDay(date: LocalDate): LocalDate {
  return addDays(date, -1);
}

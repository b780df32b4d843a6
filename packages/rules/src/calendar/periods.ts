import type { CalendarDuration } from '../dates/duration.js';
import { addDays, type LocalDate } from '../dates/local-date.js';
import { addDuration, type DatedResult, type DurationOptions } from './add-duration.js';

/**
 * First date on which a minimum period counted from `anchor` is satisfied. "一年以上" includes the
 * value itself, so a year from 2025-03-10 is met on 2026-03-10 (EC-04, §13.1 "以上" inclusive).
 */
export function minimumPeriodMetOn(
  anchor: LocalDate,
  duration: CalendarDuration,
  options: DurationOptions,
): DatedResult {
  return addDuration(anchor, duration, options);
}

/**
 * First date after a notice or waiting period has fully run: the period's days start the day after
 * `anchor` (the day of posting is not counted, §13.1), so the next step may happen the day after its
 * last day. A 5-working-day notice posted on a Monday without holidays ends the next Monday and the
 * next step may happen on the Tuesday.
 */
export function periodElapsedOn(anchor: LocalDate, duration: CalendarDuration, options: DurationOptions): DatedResult {
  const end = addDuration(anchor, duration, options);
  return { date: addDays(end.date, 1), provisional: end.provisional };
}

/**
 * Last day of a "N个月内 / N天内" deadline counted from `anchor`: the same day N units later,
 * clamped to month end, inclusive (§13.1). The act is late from the following day.
 */
export function deadlineFrom(anchor: LocalDate, duration: CalendarDuration, options: DurationOptions): DatedResult {
  return addDuration(anchor, duration, options);
}

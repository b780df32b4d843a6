import { addMonths, addYears, type LeapDayPolicy } from '../dates/calendar-arithmetic.js';
import type { CalendarDuration } from '../dates/duration.js';
import { addDays, type LocalDate } from '../dates/local-date.js';
import type { HolidayCalendar } from './holiday-calendar.js';
import { addWorkingDays } from './working-days.js';

/** How {@link addDuration} counts: the working-day calendar and the 29 February policy. */
export interface DurationOptions {
  /** Calendar for `workingDays` durations. */
  calendar: HolidayCalendar;
  /** Where an anniversary of 29 February falls in a common year (EC-24); `feb28` when omitted. */
  leapDayPolicy?: LeapDayPolicy;
}

/** A date computed from a rule's duration, and whether it rests on an unpublished holiday year. */
export interface DatedResult {
  /** The date reached. */
  date: LocalDate;
  /** True only for working-day durations that touch a year without a published notice (EC-23). */
  provisional: boolean;
}

/**
 * `date` plus `duration`, counted in the unit the rule states: calendar years and months (clamped to
 * month end), calendar days, or working days after `date` (the start day is not counted). Negative
 * amounts count backwards.
 */
export function addDuration(date: LocalDate, duration: CalendarDuration, options: DurationOptions): DatedResult {
  const { amount } = duration;
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Duration amount must be a whole number: ${amount}`);
  const policy = options.leapDayPolicy ?? 'feb28';
  switch (duration.unit) {
    case 'years':
      return { date: addYears(date, amount, policy), provisional: false };
    case 'months':
      return { date: addMonths(date, amount, policy), provisional: false };
    case 'days':
      return { date: addDays(date, amount), provisional: false };
    case 'workingDays':
      return addWorkingDays(options.calendar, date, amount);
  }
}

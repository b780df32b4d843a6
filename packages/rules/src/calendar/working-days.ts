import { fromEpochDay, isLocalDate, type LocalDate, toEpochDay } from '../dates/local-date.js';
import type { HolidayCalendar } from './holiday-calendar.js';

/** A date found by working-day arithmetic, and whether it rests on an unpublished year (EC-23). */
export interface WorkingDayResult {
  /** The date reached. */
  date: LocalDate;
  /** True when any day examined lies in a year the calendar has no published notice for. */
  provisional: boolean;
}

function assertDate(value: LocalDate, name: string): void {
  if (!isLocalDate(value))
    throw new RangeError(`${name} is not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

/** Whether `date` is a working day: an ordinary weekday or a 调休 weekend workday (EC-22). */
export function isWorkingDay(calendar: HolidayCalendar, date: LocalDate): boolean {
  const kind = calendar.dayKind(date);
  return kind === 'workday' || kind === 'makeup-workday';
}

/** Remembers the published flag per year, so a day walk asks the calendar once a year, not once a day. */
function publishedTracker(calendar: HolidayCalendar): (date: LocalDate) => boolean {
  const seen = new Map<number, boolean>();
  return (date) => {
    const year = Number(date.slice(0, 4));
    let published = seen.get(year);
    if (published === undefined) {
      published = calendar.isPublished(year);
      seen.set(year, published);
    }
    return published;
  };
}

/**
 * The `count`-th working day after `start`; the start day itself is never counted ("不少于五个工作日",
 * catalogue §13.1). A count of 0 returns `start`; a negative count walks back to the `-count`-th
 * working day before it.
 */
export function addWorkingDays(calendar: HolidayCalendar, start: LocalDate, count: number): WorkingDayResult {
  assertDate(start, 'start');
  if (!Number.isSafeInteger(count)) throw new RangeError(`count must be a whole number: ${count}`);
  const isPublished = publishedTracker(calendar);
  const step = count < 0 ? -1 : 1;
  let remaining = Math.abs(count);
  let epochDay = toEpochDay(start);
  let date = start;
  let provisional = false;
  while (remaining > 0) {
    epochDay += step;
    date = fromEpochDay(epochDay);
    if (!isPublished(date)) provisional = true;
    if (isWorkingDay(calendar, date)) remaining -= 1;
  }
  return { date, provisional };
}

/**
 * Working days in the range after `fromExclusive` up to and including `toInclusive`, so
 * `countWorkingDays(c, d, addWorkingDays(c, d, n).date).count === n`. Zero when `toInclusive` is not
 * after `fromExclusive`.
 */
export function countWorkingDays(
  calendar: HolidayCalendar,
  fromExclusive: LocalDate,
  toInclusive: LocalDate,
): {
  /** How many working days the range holds. */
  count: number;
  /** True when any day in the range lies in a year without a published notice. */
  provisional: boolean;
} {
  assertDate(fromExclusive, 'fromExclusive');
  assertDate(toInclusive, 'toInclusive');
  const isPublished = publishedTracker(calendar);
  const last = toEpochDay(toInclusive);
  let count = 0;
  let provisional = false;
  for (let epochDay = toEpochDay(fromExclusive) + 1; epochDay <= last; epochDay += 1) {
    const date = fromEpochDay(epochDay);
    if (!isPublished(date)) provisional = true;
    if (isWorkingDay(calendar, date)) count += 1;
  }
  return { count, provisional };
}

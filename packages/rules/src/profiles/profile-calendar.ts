import type { HolidayYear } from '../calendar/holiday-calendar.js';
import { createHolidayCalendar, type HolidayCalendar } from '../calendar/holiday-calendar.js';
import { stateCouncilHolidays } from '../calendar/state-council-holidays.js';

const cache = new WeakMap<readonly HolidayYear[], HolidayCalendar>();

/**
 * The working-day calendar for a profile's extra years: the State Council data with the host's own
 * years laid on top (EC-22, EC-23). Cached per array, since guards ask for it on every event.
 */
export function calendarFor(extraYears: readonly HolidayYear[]): HolidayCalendar {
  if (extraYears.length === 0) return stateCouncilHolidays.calendar;
  const cached = cache.get(extraYears);
  if (cached) return cached;
  const calendar = createHolidayCalendar({ id: 'custom', years: [...stateCouncilHolidays.years, ...extraYears] });
  cache.set(extraYears, calendar);
  return calendar;
}

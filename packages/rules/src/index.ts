export type { LocalDate } from './dates/local-date.js';
export {
  isLeapYear,
  daysInMonth,
  isLocalDate,
  localDate,
  dateParts,
  dateFromParts,
  toEpochDay,
  fromEpochDay,
  isoWeekday,
  addDays,
  daysBetween,
  compareDates,
  maxDate,
  minDate,
  shanghaiDateOf,
  shanghaiStartOf,
} from './dates/local-date.js';
export type { LeapDayPolicy } from './dates/calendar-arithmetic.js';
export { addMonths, addYears, ageOn, endOfMonth, previousDay } from './dates/calendar-arithmetic.js';
export type { CalendarDuration, DurationUnit } from './dates/duration.js';
export {
  calendarDurationSchema,
  years,
  months,
  days,
  workingDays,
  describeDuration,
  approximateDays,
} from './dates/duration.js';
export type { HolidayYear, HolidayCalendar, DayKind } from './calendar/holiday-calendar.js';
export { createHolidayCalendar, holidayYearSchema } from './calendar/holiday-calendar.js';
export { stateCouncilHolidays } from './calendar/state-council-holidays.js';
export type { WorkingDayResult } from './calendar/working-days.js';
export { addWorkingDays, countWorkingDays, isWorkingDay } from './calendar/working-days.js';
export type { DurationOptions, DatedResult } from './calendar/add-duration.js';
export { addDuration } from './calendar/add-duration.js';
export type { Bilingual } from './errors/bilingual.js';
export type { Issue, DangwuErrorCode } from './errors/dangwu-error.js';
export { DangwuError, RuleValidationError, InvalidPayloadError } from './errors/dangwu-error.js';
export { issuesFromZod } from './errors/zod-issues.js';

/**
 * A calendar date in Asia/Shanghai, written `YYYY-MM-DD`. Party rules count in dates, not instants,
 * so every rule, event and deadline in dangwu carries one of these (catalogue EC-44).
 */
export type LocalDate = `${number}-${number}-${number}`;

const DAYS_PER_400_YEARS = 146_097;

/** Whether `year` has a 29 February in the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `value` is a real `YYYY-MM-DD` date (rejects 2025-02-29, 2026-13-01 and the like). */
export function isLocalDate(value: unknown): value is LocalDate {
  // Read digit by digit: every event's date is checked on the engine's hot path, and a regex match
  // allocates its result array.
  if (typeof value !== 'string' || value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  let year = 0;
  let month = 0;
  let day = 0;
  for (let index = 0; index < 10; index += 1) {
    if (index === 4 || index === 7) continue;
    const digit = value.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return false;
    if (index < 4) year = year * 10 + digit;
    else if (index < 7) month = month * 10 + digit;
    else day = day * 10 + digit;
  }
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses and checks a `YYYY-MM-DD` string; throws a `RangeError` for anything else. */
export function localDate(value: string): LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return value;
}

/** The year, month (1–12) and day of a date. */
export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The first and last dates a {@link LocalDate} can write (a four-digit year). */
export const FIRST_LOCAL_DATE = '0001-01-01' as LocalDate;
export const LAST_LOCAL_DATE = '9999-12-31' as LocalDate;

/**
 * Builds a date from parts, clamping the day to the month's last day (31 Jan + 1 month → 28/29 Feb).
 * A year outside 1–9999 throws a `RangeError`: it has no `YYYY-MM-DD` form, and a longer string would
 * be read back as another date.
 */
export function dateFromParts(year: number, month: number, day: number): LocalDate {
  if (!(year >= 1 && year <= 9999)) {
    throw new RangeError(`Date outside ${FIRST_LOCAL_DATE}…${LAST_LOCAL_DATE}: year ${year}`);
  }
  const clamped = Math.min(day, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}` as LocalDate;
}

/** Days since 1970-01-01 (negative before it). Integer arithmetic only (Howard Hinnant's algorithm). */
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - 719_468;
}

/** The date `epochDay` days after 1970-01-01. */
export function fromEpochDay(epochDay: number): LocalDate {
  const z = epochDay + 719_468;
  const era = Math.floor(z / DAYS_PER_400_YEARS);
  const dayOfEra = z - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return dateFromParts(year, month, day);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Negative, zero or positive as `a` is before, on or after `b`. ISO strings sort as dates. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two dates. */
export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The Asia/Shanghai calendar date of an instant. China has kept UTC+8 without daylight saving since
 * 1991, which covers every date these rules govern, so a fixed offset is exact and needs no tz data.
 */
export function shanghaiDateOf(instant: Date | number): LocalDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return fromEpochDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / 86_400_000));
}

/** The instant at which `date` begins in Asia/Shanghai (00:00 UTC+8), in epoch milliseconds. */
export function shanghaiStartOf(date: LocalDate): number {
  return toEpochDay(date) * 86_400_000 - SHANGHAI_OFFSET_MS;
}

import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateFromParts,
  daysBetween,
  FIRST_LOCAL_DATE,
  fromEpochDay,
  isLocalDate,
  isoWeekday,
  LAST_LOCAL_DATE,
  localDate,
  shanghaiDateOf,
  shanghaiStartOf,
  toEpochDay,
} from './local-date.js';

describe('epoch days', () => {
  it('maps known dates to their day numbers and back', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    expect(toEpochDay('2000-03-01')).toBe(11_017);
    expect(toEpochDay('2026-05-11')).toBe(20_584);
    expect(fromEpochDay(20_584)).toBe('2026-05-11');
    expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
  });

  it('crosses month, leap-day and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });

  it('reach 0001-01-01 and 9999-12-31 and throw a RangeError past them, never a date of five digits', () => {
    expect(addDays('9999-12-30', 1)).toBe(LAST_LOCAL_DATE);
    expect(addDays('0001-01-02', -1)).toBe(FIRST_LOCAL_DATE);
    expect(() => addDays(LAST_LOCAL_DATE, 1)).toThrow(RangeError);
    expect(() => addDays(FIRST_LOCAL_DATE, -1)).toThrow(RangeError);
    expect(() => fromEpochDay(toEpochDay(LAST_LOCAL_DATE) + 1)).toThrow(/year 10000/);
    expect(() => dateFromParts(0, 1, 1)).toThrow(RangeError);
    expect(() => shanghaiDateOf(Date.UTC(10_000, 0, 1))).toThrow(RangeError);
  });

  it('round-trips every day number from 0001-01-01 to 9999-12-31 (property)', () => {
    const [first, last] = [toEpochDay(FIRST_LOCAL_DATE), toEpochDay(LAST_LOCAL_DATE)];
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        const date = fromEpochDay(day);
        expect(isLocalDate(date)).toBe(true);
        expect(toEpochDay(date)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isoWeekday', () => {
  it('knows the weekday of fixed dates', () => {
    expect(isoWeekday('2026-05-11')).toBe(1); // Monday
    expect(isoWeekday('1970-01-01')).toBe(4); // Thursday
    expect(isoWeekday('2025-01-26')).toBe(7); // Sunday (a 调休 workday, EC-22)
    expect(isoWeekday('2025-02-08')).toBe(6); // Saturday
    expect(isoWeekday('1969-12-28')).toBe(7); // before the epoch
  });
});

describe('isLocalDate', () => {
  it('accepts real dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-1-1')).toBe(false);
    expect(isLocalDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(isLocalDate(20_260_101)).toBe(false);
  });

  it('agrees with a pattern-and-calendar reference on any text shaped like a date (property)', () => {
    const reference = (value: string): boolean => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return false;
      const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const last = new Date(Date.UTC(2000, month, 0)).getUTCDate();
      const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
      return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 ? (leap ? 29 : 28) : last);
    };
    // Mostly near-misses: ten characters from digits, dashes and a few others, or a real-looking date.
    const character = fc.constantFrom(...'0123456789-/ x٣'.split(''));
    const text = fc.oneof(
      fc.array(character, { minLength: 9, maxLength: 11 }).map((chars) => chars.join('')),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(
          ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
      fc.string(),
    );
    fc.assert(
      fc.property(text, (value) => {
        expect(isLocalDate(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('localDate throws a RangeError for bad text', () => {
    expect(() => localDate('2026-1-1')).toThrow(RangeError);
    expect(localDate('2026-01-01')).toBe('2026-01-01');
  });
});

describe('Asia/Shanghai dates (EC-44)', () => {
  it('changes day at 16:00 UTC', () => {
    expect(shanghaiDateOf(new Date('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
    expect(shanghaiDateOf(new Date('2026-03-09T15:59:59.999Z'))).toBe('2026-03-09');
    expect(shanghaiDateOf(Date.parse('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('shanghaiStartOf is the first instant of that date', () => {
    const start = shanghaiStartOf('2026-03-10');
    expect(new Date(start).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(shanghaiDateOf(start)).toBe('2026-03-10');
    expect(shanghaiDateOf(start - 1)).toBe('2026-03-09');
  });
});

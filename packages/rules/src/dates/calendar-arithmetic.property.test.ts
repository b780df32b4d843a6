import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, addYears } from './calendar-arithmetic.js';
import { addDays, dateParts, fromEpochDay, isLocalDate, type LocalDate, toEpochDay } from './local-date.js';

const FIRST = toEpochDay('1900-01-01');
const LAST = toEpochDay('2100-12-31');

const epochDay = fc.integer({ min: FIRST, max: LAST });
const date = epochDay.map(fromEpochDay);
const offset = fc.integer({ min: -1200, max: 1200 });

/** Month number counted from year 0, for comparing where a date landed. */
function monthIndex(value: LocalDate): number {
  const { year, month } = dateParts(value);
  return year * 12 + month - 1;
}

describe('LocalDate properties', () => {
  it('epoch days round-trip for every day in 1900–2100', () => {
    fc.assert(
      fc.property(epochDay, (day) => {
        const value = fromEpochDay(day);
        expect(isLocalDate(value)).toBe(true);
        expect(toEpochDay(value)).toBe(day);
      }),
    );
  });

  it('consecutive epoch days are consecutive dates', () => {
    fc.assert(
      fc.property(epochDay, (day) => {
        expect(fromEpochDay(day) < fromEpochDay(day + 1)).toBe(true);
      }),
    );
  });

  it('addDays(addDays(d, n), -n) = d', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -100_000, max: 100_000 }), (value, n) => {
        expect(addDays(addDays(value, n), -n)).toBe(value);
      }),
    );
  });
});

describe('addMonths and addYears properties (catalogue §13.1)', () => {
  it('addMonths is monotonic: d1 ≤ d2 ⇒ addMonths(d1, n) ≤ addMonths(d2, n)', () => {
    fc.assert(
      fc.property(date, date, offset, (a, b, n) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        expect(addMonths(d1, n) <= addMonths(d2, n)).toBe(true);
      }),
    );
  });

  it('addMonths(d, n) for n ≥ 0 is never earlier than d and lands n months on', () => {
    fc.assert(
      fc.property(date, fc.nat({ max: 1200 }), (value, n) => {
        const result = addMonths(value, n);
        expect(result >= value).toBe(true);
        expect(monthIndex(result)).toBe(monthIndex(value) + n);
        expect(isLocalDate(result)).toBe(true);
      }),
    );
  });

  it('addMonths keeps the day, or clamps it to the month end', () => {
    fc.assert(
      fc.property(date, offset, (value, n) => {
        const before = dateParts(value);
        const after = dateParts(addMonths(value, n));
        if (after.day !== before.day) {
          expect(after.day).toBeLessThan(before.day);
          expect(isLocalDate(addDays(addMonths(value, n), 1))).toBe(true);
          expect(dateParts(addDays(addMonths(value, n), 1)).day).toBe(1);
        }
      }),
    );
  });

  it('addYears(d, 1) round-trips with addYears(…, -1) except from 29 February', () => {
    fc.assert(
      fc.property(
        date.filter((value) => !value.endsWith('-02-29')),
        fc.constantFrom('feb28' as const, 'mar1' as const),
        (value, policy) => {
          expect(addYears(addYears(value, 1, policy), -1, policy)).toBe(value);
        },
      ),
    );
  });
});

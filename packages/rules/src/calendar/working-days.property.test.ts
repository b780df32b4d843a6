import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay } from '../dates/local-date.js';
import { stateCouncilHolidays } from './state-council-holidays.js';
import { addWorkingDays, countWorkingDays } from './working-days.js';

const calendar = stateCouncilHolidays.calendar;
const FIRST = toEpochDay('2024-01-01');
const LAST = toEpochDay('2026-12-31');

const day = fc.integer({ min: FIRST, max: LAST });
// Start early enough that 60 working days still end inside 2026, so nothing here is provisional.
const start = fc.integer({ min: FIRST, max: LAST - 100 }).map(fromEpochDay);

describe('working days over the published years (EC-22)', () => {
  it('countWorkingDays equals a naive day-by-day count using dayKind', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        let naive = 0;
        for (let epochDay = from + 1; epochDay <= to; epochDay += 1) {
          const kind = calendar.dayKind(fromEpochDay(epochDay));
          if (kind === 'workday' || kind === 'makeup-workday') naive += 1;
        }
        expect(countWorkingDays(calendar, fromEpochDay(from), fromEpochDay(to))).toEqual({
          count: naive,
          provisional: false,
        });
        // The reversed range is empty.
        expect(countWorkingDays(calendar, fromEpochDay(to), fromEpochDay(from)).count).toBe(0);
      }),
    );
  });

  it('countWorkingDays(start, addWorkingDays(start, n)) = n, and the result is a working day', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const result = addWorkingDays(calendar, from, n);
        expect(result.provisional).toBe(false);
        expect(result.date > from).toBe(true);
        expect(countWorkingDays(calendar, from, result.date).count).toBe(n);
        expect(['workday', 'makeup-workday']).toContain(calendar.dayKind(result.date));
      }),
    );
  });

  it('walking back n working days is undone by walking forward n', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const later = addWorkingDays(calendar, from, 40).date;
        const back = addWorkingDays(calendar, later, -n).date;
        expect(back < later).toBe(true);
        expect(addWorkingDays(calendar, back, n).date).toBe(later);
      }),
    );
  });

  it('addWorkingDays is monotonic in n', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: -30, max: 60 }), fc.integer({ min: -30, max: 60 }), (from, m, n) => {
        const [low, high] = m <= n ? [m, n] : [n, m];
        const a = addWorkingDays(calendar, from, low).date;
        const b = addWorkingDays(calendar, from, high).date;
        if (low === high) expect(a).toBe(b);
        else expect(a < b).toBe(true);
      }),
    );
  });
});

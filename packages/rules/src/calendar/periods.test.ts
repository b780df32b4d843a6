import { describe, expect, it } from 'vitest';
import { days, months, workingDays, years } from '../dates/duration.js';
import type { DurationOptions } from './add-duration.js';
import { deadlineFrom, minimumPeriodMetOn, periodElapsedOn } from './periods.js';
import { stateCouncilHolidays } from './state-council-holidays.js';
import { countWorkingDays, isWorkingDay } from './working-days.js';

const calendar = stateCouncilHolidays.calendar;
const options: DurationOptions = { calendar };

describe('minimumPeriodMetOn (§13.1 "以上" is inclusive)', () => {
  it('EC-04 one year as an activist from 2025-03-10 is met on 2026-03-10 [DEV-ACTIVIST-MIN-TRAINING]', () => {
    expect(minimumPeriodMetOn('2025-03-10', years(1), options)).toEqual({ date: '2026-03-10', provisional: false });
  });

  it('EC-03 the document’s year of observation from 2024-02-29 is met on 2025-02-28 (month-end rule) [DEV-APPLY-TO-ACTIVIST-MIN]', () => {
    expect(minimumPeriodMetOn('2024-02-29', years(1), options).date).toBe('2025-02-28');
    expect(minimumPeriodMetOn('2024-02-29', years(1), { calendar, leapDayPolicy: 'mar1' }).date).toBe('2025-03-01');
  });
});

describe('periodElapsedOn (§13.1: the day of posting is not counted)', () => {
  it('DEV-POSTVOTE-NOTICE a 3-calendar-day notice after a vote on 2026-06-30 has run by 2026-07-04', () => {
    // Days 07-01, 07-02 and 07-03 are the notice; the next step may happen on 07-04.
    expect(periodElapsedOn('2026-06-30', days(3), options)).toEqual({ date: '2026-07-04', provisional: false });
  });

  it('EC-22 a 5-working-day notice posted on 2026-04-30 across 劳动节 2026 has run by 2026-05-12 [DEV-TARGET-NOTICE-DAYS]', () => {
    // Worked by hand from 国办发明电〔2025〕7号: 05-01 (Fri) to 05-05 (Tue) are days off, 05-09 (Sat) is a
    // 调休 working day. The posting day 04-30 (Thu) is not counted.
    //   05-01 Fri  holiday        –
    //   05-02 Sat  holiday        –
    //   05-03 Sun  holiday        –
    //   05-04 Mon  holiday        –
    //   05-05 Tue  holiday        –
    //   05-06 Wed  working day    1
    //   05-07 Thu  working day    2
    //   05-08 Fri  working day    3
    //   05-09 Sat  调休 workday    4
    //   05-10 Sun  weekend        –
    //   05-11 Mon  working day    5  ← last day of the notice
    // So the notice ends on 05-11 and the next step may happen on 05-12 (Tue). Without the holiday
    // the same notice would have ended on 05-07, and without the 调休 Saturday on 05-12.
    expect(isWorkingDay(calendar, '2026-05-09')).toBe(true);
    expect(deadlineFrom('2026-04-30', workingDays(5), options)).toEqual({ date: '2026-05-11', provisional: false });
    expect(periodElapsedOn('2026-04-30', workingDays(5), options)).toEqual({ date: '2026-05-12', provisional: false });
    expect(countWorkingDays(calendar, '2026-04-30', '2026-05-11').count).toBe(5);
  });

  it('EC-23 a working-day notice in a year without a published calendar is provisional', () => {
    const result = periodElapsedOn('2030-06-03', workingDays(5), options);
    expect(result.provisional).toBe(true);
  });

  it('EC-22 a working-day notice that only touches published years is not provisional', () => {
    expect(periodElapsedOn('2026-12-21', workingDays(5), options).provisional).toBe(false);
  });
});

describe('deadlineFrom (§13.1 "N个月内", clamped to month end, inclusive)', () => {
  it('§13.1 one month from 2026-01-31 ends on 2026-02-28 [DEV-APPLY-TALK-DEADLINE]', () => {
    expect(deadlineFrom('2026-01-31', months(1), options)).toEqual({ date: '2026-02-28', provisional: false });
  });

  it('EC-24 one month from 2024-01-31 ends on 2024-02-29 in a leap year [DEV-APPLY-TALK-DEADLINE]', () => {
    expect(deadlineFrom('2024-01-31', months(1), options).date).toBe('2024-02-29');
  });

  it('EC-20 the 3-month approval deadline from 2026-05-20 is 2026-08-20 [DEV-APPROVAL-DEADLINE]', () => {
    expect(deadlineFrom('2026-05-20', months(3), options).date).toBe('2026-08-20');
  });

  it('EC-24 one year of probation from 2024-02-29 ends on 2025-02-28 by default [PROB-LENGTH]', () => {
    expect(deadlineFrom('2024-02-29', years(1), options).date).toBe('2025-02-28');
  });
});

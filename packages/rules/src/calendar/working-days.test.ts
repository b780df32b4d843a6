import { describe, expect, it } from 'vitest';
import { months, workingDays, years } from '../dates/duration.js';
import { RuleValidationError } from '../errors/dangwu-error.js';
import { addDuration } from './add-duration.js';
import { createHolidayCalendar, type HolidayYear } from './holiday-calendar.js';
import { stateCouncilHolidays } from './state-council-holidays.js';
import { addWorkingDays, countWorkingDays, isWorkingDay } from './working-days.js';

const calendar = stateCouncilHolidays.calendar;

describe('State Council calendar (EC-22)', () => {
  it('2025 春节: the 调休 Sunday 01-26 and Saturday 02-08 are working days', () => {
    expect(calendar.dayKind('2025-01-26')).toBe('makeup-workday');
    expect(calendar.dayKind('2025-02-08')).toBe('makeup-workday');
    expect(isWorkingDay(calendar, '2025-01-26')).toBe(true);
    expect(isWorkingDay(calendar, '2025-02-08')).toBe(true);
  });

  it('2025 春节: 01-28 to 02-04 are all days off', () => {
    for (const date of [
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
      '2025-02-03',
      '2025-02-04',
    ] as const) {
      expect(calendar.dayKind(date)).toBe('holiday');
      expect(isWorkingDay(calendar, date)).toBe(false);
    }
    expect(calendar.dayKind('2025-01-27')).toBe('workday');
    expect(calendar.dayKind('2025-02-05')).toBe('workday');
  });

  it('2026 春节: Saturdays 02-14 and 02-28 are working days, 02-16 is not', () => {
    expect(isWorkingDay(calendar, '2026-02-14')).toBe(true);
    expect(isWorkingDay(calendar, '2026-02-28')).toBe(true);
    expect(calendar.dayKind('2026-02-16')).toBe('holiday');
    expect(isWorkingDay(calendar, '2026-02-16')).toBe(false);
    // An ordinary Saturday in between stays a weekend day.
    expect(calendar.dayKind('2026-03-07')).toBe('weekend');
  });

  it('EC-22: half-day holidays (3月8日, 5月4日) do not change the count', () => {
    expect(calendar.dayKind('2026-03-09')).toBe('workday');
    expect(calendar.dayKind('2026-05-04')).toBe('holiday'); // inside the 劳动节 block, not for 青年节
    expect(calendar.dayKind('2025-05-06')).toBe('workday');
  });

  it('covers each published year with its notice', () => {
    expect(calendar.publishedYears()).toEqual([2024, 2025, 2026]);
    expect(stateCouncilHolidays.years.map((year) => year.notice)).toEqual([
      '国办发明电〔2023〕7号',
      '国办发明电〔2024〕12号',
      '国办发明电〔2025〕7号',
    ]);
  });
});

describe('addWorkingDays (catalogue §13.1 "不少于五个工作日")', () => {
  it('EC-22: a 5-working-day notice posted Thu 2026-02-12 runs to Thu 2026-02-26', () => {
    // 02-12 posting day, not counted. 02-13 Fri = 1, 02-14 Sat 调休 workday = 2,
    // 02-15..02-23 春节 off, 02-24 Tue = 3, 02-25 Wed = 4, 02-26 Thu = 5.
    expect(addWorkingDays(calendar, '2026-02-12', 5)).toEqual({ date: '2026-02-26', provisional: false });
  });

  it('EC-22: a 5-working-day notice posted Fri 2025-09-26 crosses 国庆 and ends Fri 2025-10-10', () => {
    // 09-27 Sat off, 09-28 Sun 调休 workday = 1, 09-29 Mon = 2, 09-30 Tue = 3,
    // 10-01..10-08 国庆+中秋 off, 10-09 Thu = 4, 10-10 Fri = 5.
    expect(addWorkingDays(calendar, '2025-09-26', 5)).toEqual({ date: '2025-10-10', provisional: false });
    expect(countWorkingDays(calendar, '2025-09-26', '2025-10-10')).toEqual({ count: 5, provisional: false });
    // Without the holiday data the naive Mon–Fri answer would be 2025-10-03.
    expect(countWorkingDays(calendar, '2025-09-26', '2025-10-03').count).toBe(3);
  });

  it('never counts the start day, even when it is a working day', () => {
    expect(addWorkingDays(calendar, '2026-03-09', 1).date).toBe('2026-03-10');
    expect(addWorkingDays(calendar, '2026-03-13', 1).date).toBe('2026-03-16'); // Fri → Mon
  });

  it('returns the start for a count of 0 and walks back for negative counts', () => {
    expect(addWorkingDays(calendar, '2026-02-21', 0)).toEqual({ date: '2026-02-21', provisional: false });
    // Back from 2026-02-24: 02-15..02-23 off, 02-14 Sat 调休 = 1, 02-13 Fri = 2.
    expect(addWorkingDays(calendar, '2026-02-24', -2).date).toBe('2026-02-13');
  });

  it('rejects a fractional count or a malformed start', () => {
    expect(() => addWorkingDays(calendar, '2026-02-12', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2026-2-12', 1)).toThrow(RangeError);
  });
});

describe('countWorkingDays', () => {
  it('is 0 when the end is not after the start', () => {
    expect(countWorkingDays(calendar, '2026-03-10', '2026-03-10')).toEqual({ count: 0, provisional: false });
    expect(countWorkingDays(calendar, '2026-03-10', '2026-03-01')).toEqual({ count: 0, provisional: false });
  });

  it('counts 248 working days in 2026', () => {
    // 261 weekdays; the 33 days off include 14 weekend days, so 19 weekdays are lost; 6 调休 days are added.
    expect(countWorkingDays(calendar, '2025-12-31', '2026-12-31')).toEqual({ count: 248, provisional: false });
  });
});

describe('unpublished years are provisional (EC-23)', () => {
  it('a 2027 computation is flagged provisional and a 2026 one is not', () => {
    expect(calendar.isPublished(2026)).toBe(true);
    expect(calendar.isPublished(2027)).toBe(false);
    expect(addWorkingDays(calendar, '2026-03-02', 5)).toEqual({ date: '2026-03-09', provisional: false });
    expect(addWorkingDays(calendar, '2027-03-01', 5)).toEqual({ date: '2027-03-08', provisional: true });
  });

  it('a walk that crosses into 2027 becomes provisional', () => {
    // 12-29 Tue = 1, 12-30 Wed = 2, 12-31 Thu = 3, 2027-01-01 Fri 元旦 off, 01-04 Mon = 4, 01-05 Tue = 5.
    expect(addWorkingDays(calendar, '2026-12-28', 5)).toEqual({ date: '2027-01-05', provisional: true });
    expect(countWorkingDays(calendar, '2026-12-01', '2026-12-31').provisional).toBe(false);
    expect(countWorkingDays(calendar, '2026-12-01', '2027-01-01').provisional).toBe(true);
  });

  it('assumes Mon–Fri plus the 办法 statutory days, with no 调休', () => {
    // 春节 2027: 除夕 Fri 02-05, 初一–初三 Sat 02-06 to Mon 02-08.
    expect(calendar.dayKind('2027-02-05')).toBe('holiday');
    expect(calendar.dayKind('2027-02-08')).toBe('holiday');
    expect(calendar.dayKind('2027-02-09')).toBe('workday');
    expect(calendar.dayKind('2027-05-02')).toBe('holiday');
    expect(calendar.dayKind('2027-10-04')).toBe('workday');
    // 2031 has no data at all: only the fixed-date days (元旦, 5-1/5-2, 10-1..10-3) are off.
    expect(calendar.dayKind('2031-10-03')).toBe('holiday');
    expect(calendar.dayKind('2031-10-06')).toBe('workday');
    expect(calendar.dayKind('2031-10-04')).toBe('weekend');
  });

  it('addDuration carries the flag for working days only', () => {
    expect(addDuration('2027-03-01', workingDays(5), { calendar })).toEqual({ date: '2027-03-08', provisional: true });
    expect(addDuration('2027-03-01', months(1), { calendar })).toEqual({ date: '2027-04-01', provisional: false });
    expect(addDuration('2024-02-29', years(1), { calendar, leapDayPolicy: 'mar1' })).toEqual({
      date: '2025-03-01',
      provisional: false,
    });
  });
});

describe('user-injected calendars', () => {
  // A company that keeps 2026-02-23 as a working day and adds no other change.
  const mine2026: HolidayYear = {
    year: 2026,
    notice: '本单位 2026 年放假安排',
    holidays: stateCouncilHolidays.years
      .filter((year) => year.year === 2026)
      .flatMap((year) => year.holidays.filter((date) => date !== '2026-02-23')),
    makeUpWorkdays: ['2026-02-14', '2026-02-28'],
  };

  it('a later entry for the same year overrides ours', () => {
    const mine = createHolidayCalendar({ id: 'mine', years: [...stateCouncilHolidays.years, mine2026] });
    expect(mine.id).toBe('mine');
    expect(mine.dayKind('2026-02-23')).toBe('workday');
    expect(calendar.dayKind('2026-02-23')).toBe('holiday');
    // 2026-05-09 was a 调休 Saturday in the State Council data, but not in ours.
    expect(mine.dayKind('2026-05-09')).toBe('weekend');
    // Other years still come from the State Council data.
    expect(mine.dayKind('2025-01-26')).toBe('makeup-workday');
    expect(mine.publishedYears()).toEqual([2024, 2025, 2026]);
    // 5 working days from 02-12: 02-13, 02-14, 02-23, 02-24, 02-25.
    expect(addWorkingDays(mine, '2026-02-12', 5).date).toBe('2026-02-25');
  });

  it('an injected 2027 year makes 2027 published', () => {
    const year2027: HolidayYear = { year: 2027, notice: 'test', holidays: ['2027-03-02'], makeUpWorkdays: [] };
    const mine = createHolidayCalendar({ id: 'mine', years: [...stateCouncilHolidays.years, year2027] });
    expect(mine.isPublished(2027)).toBe(true);
    expect(addWorkingDays(mine, '2027-03-01', 5)).toEqual({ date: '2027-03-09', provisional: false });
  });

  it('rejects an impossible date with a RuleValidationError naming the path', () => {
    const bad = { year: 2026, notice: 'x', holidays: ['2026-01-01', '2026-02-30'], makeUpWorkdays: [] };
    const build = () =>
      createHolidayCalendar({ id: 'mine', years: [...stateCouncilHolidays.years, bad] as HolidayYear[] });
    expect(build).toThrow(RuleValidationError);
    try {
      build();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleValidationError);
      if (!(error instanceof RuleValidationError)) return;
      expect(error.code).toBe('INVALID_RULES');
      expect(error.issues.map((issue) => issue.path)).toEqual(['years.3.holidays.1']);
      expect(error.issues[0]?.message.zh).toContain('YYYY-MM-DD');
      expect(error.issues[0]?.message.en).toContain('real YYYY-MM-DD date');
    }
  });

  it('rejects dates outside the year, weekday 调休 days and unknown keys', () => {
    const issuesOf = (year: unknown): string[] => {
      try {
        createHolidayCalendar({ id: 'mine', years: [year as HolidayYear] });
      } catch (error) {
        if (error instanceof RuleValidationError) return error.issues.map((issue) => issue.path);
        throw error;
      }
      return [];
    };
    expect(issuesOf({ year: 2026, notice: 'x', holidays: ['2025-12-31'], makeUpWorkdays: [] })).toEqual([
      'years.0.holidays.0',
    ]);
    // 2026-02-16 is a Monday.
    expect(issuesOf({ year: 2026, notice: 'x', holidays: [], makeUpWorkdays: ['2026-02-14', '2026-02-16'] })).toEqual([
      'years.0.makeUpWorkdays.1',
    ]);
    expect(issuesOf({ year: 2026, notice: 'x', holidays: [], makeUpWorkdays: [], extra: true })).toEqual([
      'years.0.extra',
    ]);
    expect(issuesOf({ year: 2026, notice: '', holidays: [], makeUpWorkdays: [] })).toEqual(['years.0.notice']);
  });
});

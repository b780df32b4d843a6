import { addDays, dateFromParts, type LocalDate } from '../dates/local-date.js';
import { createHolidayCalendar, type HolidayCalendar, type HolidayYear } from './holiday-calendar.js';

/** Every date from `first` to `last`, both included. */
function span(first: LocalDate, last: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

// Published arrangements, transcribed from the notices and checked against the Xinhua/People's Daily
// reprints. Blocks that start in December of the year before (e.g. 2023-12-30/31) are left out.
const published: readonly HolidayYear[] = [
  {
    year: 2024,
    notice: '国办发明电〔2023〕7号',
    holidays: [
      '2024-01-01',
      ...span('2024-02-10', '2024-02-17'),
      ...span('2024-04-04', '2024-04-06'),
      ...span('2024-05-01', '2024-05-05'),
      ...span('2024-06-08', '2024-06-10'),
      ...span('2024-09-15', '2024-09-17'),
      ...span('2024-10-01', '2024-10-07'),
    ],
    makeUpWorkdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  {
    year: 2025,
    notice: '国办发明电〔2024〕12号',
    holidays: [
      '2025-01-01',
      ...span('2025-01-28', '2025-02-04'),
      ...span('2025-04-04', '2025-04-06'),
      ...span('2025-05-01', '2025-05-05'),
      ...span('2025-05-31', '2025-06-02'),
      ...span('2025-10-01', '2025-10-08'),
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notice: '国办发明电〔2025〕7号',
    holidays: [
      ...span('2026-01-01', '2026-01-03'),
      ...span('2026-02-15', '2026-02-23'),
      ...span('2026-04-04', '2026-04-06'),
      ...span('2026-05-01', '2026-05-05'),
      ...span('2026-06-19', '2026-06-21'),
      ...span('2026-09-25', '2026-09-27'),
      ...span('2026-10-01', '2026-10-07'),
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

const PROVISIONAL_NOTICE = '暂定：全国年节及纪念日放假办法（2024年修订）法定假日，未含调休';

/**
 * The 13 statutory days of the 2024 办法 for a year with no notice yet. The lunar dates (除夕 and
 * 正月初一–初三, 端午, 中秋) and 清明 were checked against the Hong Kong Observatory-derived lunar
 * table and an astronomical new-moon/solar-term computation; 春节 2027 and 2030 fall within minutes
 * of a midnight new moon, where ICU's Chinese calendar is a day off, so do not "fix" them from Intl.
 */
function provisionalYear(
  year: number,
  lunar: { chuxi: LocalDate; qingming: LocalDate; duanwu: LocalDate; zhongqiu: LocalDate },
): HolidayYear {
  return {
    year,
    notice: PROVISIONAL_NOTICE,
    holidays: [
      dateFromParts(year, 1, 1),
      ...span(lunar.chuxi, addDays(lunar.chuxi, 3)),
      lunar.qingming,
      dateFromParts(year, 5, 1),
      dateFromParts(year, 5, 2),
      lunar.duanwu,
      lunar.zhongqiu,
      ...span(dateFromParts(year, 10, 1), dateFromParts(year, 10, 3)),
    ],
    makeUpWorkdays: [],
  };
}

const provisional: readonly HolidayYear[] = [
  provisionalYear(2027, { chuxi: '2027-02-05', qingming: '2027-04-05', duanwu: '2027-06-09', zhongqiu: '2027-09-15' }),
  // 中秋 2028 is 10-03, a 国庆 day already.
  provisionalYear(2028, { chuxi: '2028-01-25', qingming: '2028-04-04', duanwu: '2028-05-28', zhongqiu: '2028-10-03' }),
  provisionalYear(2029, { chuxi: '2029-02-12', qingming: '2029-04-04', duanwu: '2029-06-16', zhongqiu: '2029-09-22' }),
  provisionalYear(2030, { chuxi: '2030-02-02', qingming: '2030-04-05', duanwu: '2030-06-05', zhongqiu: '2030-09-12' }),
];

/**
 * The State Council holiday calendar (id `state-council`): published years 2024–2026, provisional
 * statutory days for 2027–2030, and Mon–Fri plus the fixed-date statutory days after that (EC-22,
 * EC-23). `years` and `provisional` are the data, for building a calendar with your own years on top.
 */
export const stateCouncilHolidays: {
  /** The ready-made calendar. */
  readonly calendar: HolidayCalendar;
  /** The published years, one entry per notice. */
  readonly years: readonly HolidayYear[];
  /** Statutory days only (no 调休) for years whose notice is not out yet. */
  readonly provisional: readonly HolidayYear[];
} = {
  calendar: createHolidayCalendar({ id: 'state-council', years: published, provisional }),
  years: published,
  provisional,
};

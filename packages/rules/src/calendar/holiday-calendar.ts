import * as z from 'zod';
import { dateFromParts, isLocalDate, isoWeekday, type LocalDate } from '../dates/local-date.js';
import { RuleValidationError } from '../errors/dangwu-error.js';
import { issuesFromZod } from '../errors/zod-issues.js';

/** One year of the State Council holiday arrangement (国务院办公厅关于某年部分节假日安排的通知). */
export interface HolidayYear {
  /** The Gregorian year the arrangement covers. */
  year: number;
  /** The notice it comes from, e.g. `国办发明电〔2024〕12号`, or a note saying the data is provisional. */
  notice: string;
  /** Every statutory day off in `year`, including the weekend days inside each holiday block. */
  holidays: LocalDate[];
  /** 调休 weekend days in `year` that are working days. */
  makeUpWorkdays: LocalDate[];
}

/** What a date is for working-day arithmetic (catalogue EC-22). */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

/** A working-day calendar: published State Council years plus a provisional rule for the others (EC-23). */
export interface HolidayCalendar {
  /** Which calendar this is (`state-council` for ours), so results can record what they were computed with. */
  readonly id: string;
  /** The kind of `date`: a 调休 workday, a statutory day off, or an ordinary weekday or weekend day. */
  dayKind(date: LocalDate): DayKind;
  /** Whether `year` comes from a published notice; if not, its day kinds are provisional. */
  isPublished(year: number): boolean;
  /** The published years, in ascending order. */
  publishedYears(): readonly number[];
}

const localDateSchema = z.custom<LocalDate>((value) => isLocalDate(value), {
  error: '日期须为真实存在的 YYYY-MM-DD 日期 / must be a real YYYY-MM-DD date',
});

function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Zod schema of a {@link HolidayYear}: real dates, all inside `year`, 调休 workdays on a weekend, and
 * no day both off and on.
 */
export const holidayYearSchema: z.ZodType<HolidayYear> = z
  .object({
    year: z.number().int().min(1).max(9999),
    notice: z.string().min(1, { error: '须注明来源通知 / name the notice the data comes from' }),
    holidays: z.array(localDateSchema),
    makeUpWorkdays: z.array(localDateSchema),
  })
  .strict()
  .superRefine((value, ctx) => {
    const off = new Set(value.holidays);
    const check = (key: 'holidays' | 'makeUpWorkdays') => {
      value[key].forEach((date, index) => {
        if (yearOf(date) !== value.year) {
          ctx.addIssue({
            code: 'custom',
            path: [key, index],
            message: `${date} 不在 ${value.year} 年内 / ${date} is not in ${value.year}`,
          });
        }
      });
    };
    check('holidays');
    check('makeUpWorkdays');
    value.makeUpWorkdays.forEach((date, index) => {
      // A weekday "make-up workday" is a working day anyway, so it can only be a typo.
      if (isoWeekday(date) < 6) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', index],
          message: `调休上班日 ${date} 不是周六或周日 / make-up workday ${date} is not a Saturday or Sunday`,
        });
      }
      if (off.has(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', index],
          message: `${date} 同时列为放假日和上班日 / ${date} is listed both as a day off and as a workday`,
        });
      }
    });
  });

const optionsSchema = z
  .object({
    id: z.string().min(1, { error: '日历须有标识 / a calendar needs an id' }),
    years: z.array(holidayYearSchema),
    provisional: z.array(holidayYearSchema).optional(),
  })
  .strict();

type SpecialDays = ReadonlyMap<LocalDate, 'holiday' | 'makeup-workday'>;

function specialDays(year: Pick<HolidayYear, 'holidays' | 'makeUpWorkdays'>): SpecialDays {
  const table = new Map<LocalDate, 'holiday' | 'makeup-workday'>();
  for (const date of year.holidays) table.set(date, 'holiday');
  for (const date of year.makeUpWorkdays) table.set(date, 'makeup-workday');
  return table;
}

/**
 * The statutory days of 全国年节及纪念日放假办法 (2024 revision) that fall on fixed Gregorian dates:
 * 元旦, 劳动节 and 国庆节. The lunar ones (除夕, 春节, 清明, 端午, 中秋) need `provisional` data.
 */
function fixedStatutoryDays(year: number): LocalDate[] {
  const days = [1, 5, 10].map((month) => dateFromParts(year, month, 1));
  days.push(dateFromParts(year, 10, 2), dateFromParts(year, 10, 3));
  // 5月2日 became a statutory day with the 2024 revision, in force from 2025-01-01.
  if (year >= 2025) days.push(dateFromParts(year, 5, 2));
  return days;
}

/**
 * Builds a {@link HolidayCalendar}. Later `years` entries replace earlier ones for the same year, so
 * `[...stateCouncilHolidays.years, mine]` overrides our data. A year absent from `years` is
 * provisional (EC-23): Mon–Fri are workdays except its `provisional` holidays, or, without those,
 * the fixed-date statutory days. Throws {@link RuleValidationError} naming the path of bad data.
 */
export function createHolidayCalendar(options: {
  id: string;
  years: readonly HolidayYear[];
  provisional?: readonly HolidayYear[];
}): HolidayCalendar {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new RuleValidationError(issuesFromZod(parsed.error));

  const published = new Map<number, SpecialDays>();
  for (const year of parsed.data.years) published.set(year.year, specialDays(year));
  const provisional = new Map<number, SpecialDays>();
  for (const year of parsed.data.provisional ?? []) provisional.set(year.year, specialDays(year));
  // Years with no data at all are derived on first use and kept.
  const derived = new Map<number, SpecialDays>();

  const tableFor = (year: number): SpecialDays => {
    const known = published.get(year) ?? provisional.get(year) ?? derived.get(year);
    if (known) return known;
    const table = specialDays({ holidays: fixedStatutoryDays(year), makeUpWorkdays: [] });
    derived.set(year, table);
    return table;
  };

  const years = Object.freeze([...published.keys()].sort((a, b) => a - b));

  return Object.freeze({
    id: parsed.data.id,
    dayKind(date: LocalDate): DayKind {
      const special = tableFor(yearOf(date)).get(date);
      if (special) return special;
      return isoWeekday(date) >= 6 ? 'weekend' : 'workday';
    },
    isPublished(year: number): boolean {
      return published.has(year);
    },
    publishedYears(): readonly number[] {
      return years;
    },
  });
}

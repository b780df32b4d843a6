import { type Bilingual, dateFromParts, dateParts, type LocalDate } from '@dangwu/rules';

/** The calendar buckets a life meeting can be due in (OLM-FREQ): half-years (document) or years (national). */
export type LifeMeetingBucket = 'half-year' | 'year';

/** One period a life meeting is due in: a calendar half-year or year, never a rolling window (EC-40). */
export interface MeetingPeriod {
  /** Calendar year. */
  readonly year: number;
  /** 1 or 2 for a half-year bucket; null for an annual one. */
  readonly half: 1 | 2 | null;
  /** Stable label, e.g. `2026-H1` or `2026`. */
  readonly label: string;
  /** First day of the period. */
  readonly start: LocalDate;
  /** Last day of the period: the day the meeting is due by unless a postponement was consented. */
  readonly end: LocalDate;
  /** Name of the period in both languages. */
  readonly name: Bilingual;
}

/** The period of `year` (and `half`, for a half-year bucket) with its first and last day. */
export function meetingPeriod(year: number, half: 1 | 2 | null): MeetingPeriod {
  if (half === null) {
    return {
      year,
      half,
      label: `${year}`,
      start: dateFromParts(year, 1, 1),
      end: dateFromParts(year, 12, 31),
      name: { zh: `${year}年度`, en: `the year ${year}` },
    };
  }
  return {
    year,
    half,
    label: `${year}-H${half}`,
    start: dateFromParts(year, half === 1 ? 1 : 7, 1),
    end: dateFromParts(year, half === 1 ? 6 : 12, 31),
    name: {
      zh: `${year}年${half === 1 ? '上' : '下'}半年`,
      en: `the ${half === 1 ? 'first' : 'second'} half of ${year}`,
    },
  };
}

/** The bucket a date falls in: 2026-06-30 is in `2026-H1`, 2026-07-01 in `2026-H2` (EC-40). */
export function periodOf(date: LocalDate, bucket: LifeMeetingBucket): MeetingPeriod {
  const { year, month } = dateParts(date);
  return meetingPeriod(year, bucket === 'year' ? null : month <= 6 ? 1 : 2);
}

/** The calendar quarter (1–4) of a date, for the "normally in Q4" rule (OLM-FREQ). */
export function quarterOf(date: LocalDate): number {
  return Math.ceil(dateParts(date).month / 3);
}

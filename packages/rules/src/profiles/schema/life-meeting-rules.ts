import * as z from 'zod';
import { ratioSchema } from '../../votes/ratio.js';
import { frequencySchema, optionalDuration } from './common.js';

/** Rules of the 民主生活会 / 组织生活会, catalogue §5 (OLM-*). */
export const lifeMeetingRulesSchema = z
  .object({
    /** OLM-KIND: what the branch meeting is called and whether leadership teams hold a separate one. */
    kind: z.enum(['branch-democratic-life-meeting', 'organisational-life-meeting']),
    /** OLM-FREQ. */
    frequency: frequencySchema,
    /** OLM-FREQ: the quarter it is normally held in (null: spread over the period, e.g. mid-year and year-end). */
    usualQuarter: z.number().int().min(1).max(4).nullable(),
    /** OLM-RESCHEDULE: a postponement needs the higher organisation's consent. */
    rescheduleNeedsConsent: z.boolean(),
    /** OLM-PRENOTICE-UPPER: date and topic reported to the higher organisation at least this long before. */
    preNoticeUpper: optionalDuration,
    /** OLM-ATTENDANCE: attendance needed (null: no numeric rule). */
    attendance: ratioSchema.nullable(),
    /** OLM-ATTENDANCE: absentees hand in a written statement that is read out. */
    absenteeWrittenStatement: z.boolean(),
    /** Catalogue §16 B7: the number of 突出问题 the meeting takes up (null: not fixed). */
    focusProblems: z
      .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
      .strict()
      .nullable(),
    /** OLM-RECTIFY-DEADLINE: rectification measures after the meeting (null: no fixed limit). */
    rectifyWithin: optionalDuration,
    /** OLM-REPORT-UPPER: written report to the higher organisation (null: "及时", no number). */
    reportUpperWithin: optionalDuration,
    /** OLM-ESCALATE: problems raised but not handled make the chair accountable. */
    chairAccountable: z.boolean(),
  })
  .strict();

/** Life-meeting rules (catalogue §5), inferred from {@link lifeMeetingRulesSchema}. */
export type LifeMeetingRules = z.infer<typeof lifeMeetingRulesSchema>;

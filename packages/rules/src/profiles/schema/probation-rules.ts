import * as z from 'zod';
import { approximateDays, calendarDurationSchema } from '../../dates/duration.js';
import { voteRulesSchema } from '../../votes/vote-rules.js';
import { optionalDuration } from './common.js';

/** Rules of 预备党员教育考察和转正, catalogue §3 (PROB-*). */
export const probationRulesSchema = z
  .object({
    /** PROB-LENGTH: the probation year. */
    length: calendarDurationSchema,
    /** PROB-REPORT-FREQ: reports by the probationary member (null: no fixed frequency). */
    reportEvery: optionalDuration,
    /** PROB-EXTENSION: one extension of at least `min` and at most `max`. */
    extension: z
      .object({
        min: calendarDurationSchema,
        max: calendarDurationSchema,
        maxCount: z.number().int().min(0).max(3),
      })
      .strict()
      .refine((extension) => approximateDays(extension.min) <= approximateDays(extension.max), {
        error:
          '延长期下限不能大于上限 [PROB-EXTENSION] / the minimum extension cannot exceed the maximum [PROB-EXTENSION]',
        path: ['min'],
      }),
    /** PROB-APPROVAL-DEADLINE: approval of the conversion after the branch resolution. */
    approvalWithin: calendarDurationSchema,
    /** PROB-DISCUSS-TIMING: the receiving branch may postpone the vote for a transferred member (null: no). */
    transferPostponeMax: optionalDuration,
    /** PROB-CONVERSION-NOTICE: a public notice before the conversion vote (null: none). */
    conversionNotice: optionalDuration,
    /** EC-42: who gives the 党小组 opinion when no 党小组 exists. */
    groupOpinionBy: z.enum(['party-group', 'branch-committee']),
    /** PROB-VOTE-RULES: the same quorum and majority as admission. */
    vote: voteRulesSchema,
  })
  .strict();

/** Rules of probation and conversion (catalogue §3), inferred from {@link probationRulesSchema}. */
export type ProbationRules = z.infer<typeof probationRulesSchema>;

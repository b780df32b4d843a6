import * as z from 'zod';
import { calendarDurationSchema } from '../../dates/duration.js';
import { ratioSchema } from '../../votes/ratio.js';
import { countRangeSchema } from './common.js';

/** Rules of intra-party elections and branch set-up, catalogue §10 (ELEC-*). */
export const electionRulesSchema = z
  .object({
    /** ELEC-BRANCH-MIN: full members needed to form a branch (EC-18). */
    branchMinFullMembers: z.number().int().min(1),
    /** ELEC-BRANCH-MIN: units a joint branch may cover at most. */
    jointBranchMaxUnits: z.number().int().min(1),
    /** ELEC-BRANCH-MIN: members a branch generally has at most. */
    branchMaxMembers: z.number().int().min(1),
    /** ELEC-COMMITTEE-THRESHOLD: full members needed for a branch committee. */
    committeeThreshold: z.number().int().min(1),
    /** ELEC-COMMITTEE-THRESHOLD: committee size, usual range. */
    committeeSize: countRangeSchema,
    /** ELEC-COMMITTEE-THRESHOLD: committee size, generally not above. */
    committeeSizeMax: z.number().int().min(1),
    /** ELEC-TERM: ordinary branch committees. */
    term: calendarDurationSchema,
    /** ELEC-TERM: village and community branch committees. */
    villageCommunityTerm: calendarDurationSchema,
    /** ELEC-TERM-SHIFT: postponing or advancing an election, at most. */
    termShiftMax: calendarDurationSchema,
    /** ELEC-REP-CONGRESS: members from which a 党员代表大会 may be held. */
    representativeCongressFrom: z.number().int().min(1),
    /** ELEC-DIFF-RATIO: extra candidates as a share of seats, rounded up (差额). */
    differentialRatio: ratioSchema,
    /** ELEC-QUORUM: voters present out of those due (EC-36). */
    quorum: ratioSchema,
    /** ELEC-WIN-THRESHOLD: votes a candidate needs. */
    winThreshold: ratioSchema,
    /** ELEC-WIN-THRESHOLD: the denominator, those present (1990) or those due (2020). */
    winBase: z.enum(['present', 'due']),
    /** ELEC-BALLOT: proxy votes for absentees (EC-39). */
    proxyVoting: z.boolean(),
  })
  .strict()
  .refine((rules) => rules.committeeSize.max <= rules.committeeSizeMax, {
    error:
      '支委会人数上限超出一般上限 [ELEC-COMMITTEE-THRESHOLD] / committee size exceeds its general maximum [ELEC-COMMITTEE-THRESHOLD]',
    path: ['committeeSize', 'max'],
  });

/** Election rules (catalogue §10), inferred from {@link electionRulesSchema}. */
export type ElectionRules = z.infer<typeof electionRulesSchema>;

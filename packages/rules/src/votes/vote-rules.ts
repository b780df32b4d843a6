import * as z from 'zod';
import { type Ratio, ratioSchema } from './ratio.js';

/** How a branch meeting votes: 无记名投票 (secret ballot) or 举手 (show of hands). */
export type VoteMethod = 'secret-ballot' | 'show-of-hands';

/** The numeric rules of a branch members' meeting vote on admission or conversion (DEV-VOTE-*). */
export interface VoteRules {
  /** Voting members present needed for the meeting to vote, out of those due (DEV-VOTE-QUORUM). */
  readonly quorum: Ratio;
  /** Votes in favour needed, out of `passBase` (DEV-VOTE-PASS). */
  readonly pass: Ratio;
  /** The denominator of the pass rule: those due to attend (national) or those present (EC-14). */
  readonly passBase: 'due' | 'present';
  /** Whether written opinions handed in by absent voters count as votes (DEV-VOTE-PASS). */
  readonly writtenOpinionsCount: boolean;
  /** Methods the profile accepts (DEV-VOTE-METHOD). */
  readonly methods: readonly VoteMethod[];
  /** Whether each person must be discussed and voted on alone (DEV-VOTE-ONE-BY-ONE). */
  readonly oneByOne: boolean;
}

/** Zod schema of {@link VoteRules}; a pass threshold below one half is impossible and rejected. */
export const voteRulesSchema = z
  .object({
    quorum: ratioSchema,
    pass: ratioSchema.refine((ratio: Ratio) => ratio.numerator * 2 >= ratio.denominator, {
      error: '通过门槛不能低于半数 / a pass threshold cannot be below one half',
    }),
    passBase: z.enum(['due', 'present']),
    writtenOpinionsCount: z.boolean(),
    methods: z
      .array(z.enum(['secret-ballot', 'show-of-hands']))
      .min(1, { error: '至少允许一种表决方式 / allow at least one voting method' }),
    oneByOne: z.boolean(),
  })
  .strict();

/**
 * Who is excluded from "应到会有表决权的党员" (EC-15). 预备党员 and members under 留党察看 never vote;
 * the rest is policy, recorded with the vote so an audit can see which rule was applied.
 */
export interface DueVoterPolicy {
  /** Members whose rights are suspended (留置, arrest; 2020 选举条例 第五条) are not counted as due. */
  readonly excludeSuspended: boolean;
  /** Extra categories a branch may exclude with upper approval (older practice, S31). */
  readonly approvedExclusions: readonly (
    | 'mental-incapacity'
    | 'abroad-over-6-months'
    | 'detained-or-imprisoned'
    | 'bedridden'
    | 'away-over-6-months-not-transferred'
  )[];
}

/** Zod schema of {@link DueVoterPolicy}. */
export const dueVoterPolicySchema = z
  .object({
    excludeSuspended: z.boolean(),
    approvedExclusions: z.array(
      z.enum([
        'mental-incapacity',
        'abroad-over-6-months',
        'detained-or-imprisoned',
        'bedridden',
        'away-over-6-months-not-transferred',
      ]),
    ),
  })
  .strict();

import * as z from 'zod';

/** The counts of one vote as the secretary records them; names never appear, only numbers. */
export interface VoteCount {
  /** Voting members due to attend (应到会有表决权的党员). */
  readonly due: number;
  /** Voting members actually present (实到). */
  readonly present: number;
  /** Votes in favour cast at the meeting. */
  readonly for: number;
  /** Votes against cast at the meeting. */
  readonly against: number;
  /** Abstentions at the meeting. */
  readonly abstain: number;
  /** Written opinions in favour from voters who could not attend. */
  readonly writtenFor: number;
  /** Written opinions against from voters who could not attend. */
  readonly writtenAgainst: number;
}

const count = (zh: string, en: string) =>
  z
    .number({ error: `${zh}必须是数字 / ${en} must be a number` })
    .int({ error: `${zh}必须是整数 / ${en} must be a whole number` })
    .min(0, { error: `${zh}不能为负 / ${en} cannot be negative` });

/** Zod schema of a {@link VoteCount}, with the arithmetic that any real meeting satisfies. */
export const voteCountSchema = z
  .object({
    due: count('应到人数', 'due').max(100_000),
    present: count('实到人数', 'present'),
    for: count('赞成票', 'for'),
    against: count('反对票', 'against'),
    abstain: count('弃权票', 'abstain'),
    writtenFor: count('书面赞成意见', 'writtenFor').default(0),
    writtenAgainst: count('书面反对意见', 'writtenAgainst').default(0),
  })
  .strict()
  .superRefine((vote, context) => {
    if (vote.present > vote.due) {
      context.addIssue({
        code: 'custom',
        path: ['present'],
        message: '实到人数不能超过应到人数 / present cannot exceed due',
      });
    }
    if (vote.for + vote.against + vote.abstain > vote.present) {
      context.addIssue({
        code: 'custom',
        path: ['for'],
        message: '赞成、反对、弃权之和不能超过实到人数 / for + against + abstain cannot exceed present',
      });
    }
    if (vote.present <= vote.due && vote.writtenFor + vote.writtenAgainst > vote.due - vote.present) {
      context.addIssue({
        code: 'custom',
        path: ['writtenFor'],
        message: '书面意见只能来自未到会的党员 / written opinions can only come from absent voters',
      });
    }
  });

import * as z from 'zod';
import { calendarDurationSchema } from '../../dates/duration.js';
import { optionalDuration } from './common.js';

/** Rules of 自行脱党, the 警示卡 and unqualified members, catalogue §8 (WDR-*). */
export const withdrawalRulesSchema = z
  .object({
    /** WDR-SELF-WITHDRAWAL: consecutive months without org life, dues or assigned work (EC-31). */
    consecutiveAbsence: calendarDurationSchema,
    /** WDR-WARNING-CARD: the correction period a card sets (null: the profile gives none; the host must). */
    warningCardCorrection: optionalDuration,
    /** WDR-SELF-WITHDRAWAL: removal needs a branch assembly decision and higher approval. */
    removalNeedsApproval: z.literal(true),
    /** WDR-DUTY-PUBLICITY: periodic posting of members' duty records (document only). */
    dutyPublicity: z.boolean(),
  })
  .strict();

/** Withdrawal rules (catalogue §8), inferred from {@link withdrawalRulesSchema}. */
export type WithdrawalRules = z.infer<typeof withdrawalRulesSchema>;

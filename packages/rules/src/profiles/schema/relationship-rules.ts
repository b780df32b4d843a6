import * as z from 'zod';
import { calendarDurationSchema } from '../../dates/duration.js';
import { enforcementSchema, optionalDuration } from './common.js';

/** Rules of 组织关系 transfer, temporary absence and mobile members, catalogue §7 (REL-*). */
export const relationshipRulesSchema = z
  .object({
    /** REL-LETTER-VALIDITY: how long an introduction letter stays valid. */
    letterValidity: calendarDurationSchema,
    /** REL-LETTER-VALIDITY, EC-29: an expired letter is refused, or only warned about ("一般"). */
    expiredLetter: enforcementSchema,
    /** REL-LETTER-CARRIER: channels the profile accepts. */
    channels: z.array(z.enum(['paper', 'online'])).min(1),
    /** REL-ROUTING: between general branches through the organisation department. */
    crossGeneralBranchVia: z.enum(['org-dept', 'direct']),
    /** REL-ROUTING: within one general branch, direct but filed with the organisation department. */
    withinGeneralBranchFiling: z.boolean(),
    /** REL-TEMP-ABSENCE: away up to this long (inclusive, "以内"): no transfer. */
    temporaryNoTransferUpTo: calendarDurationSchema,
    /** REL-TEMP-ABSENCE: away more than this ("超过"): a formal transfer. */
    formalTransferAfter: calendarDurationSchema,
    /** Escalation when the receiving side does not act (a common complaint; not in the sources). */
    receivingActWithin: calendarDurationSchema,
    /** REL-NONTRANSFER-6M: not transferring for more than this flags self-withdrawal (null: not a trigger). */
    nonTransferFlagAfter: optionalDuration,
    /** REL-ABROAD: membership generally suspended after this long abroad (null: no rule). */
    abroadSuspendAfter: optionalDuration,
  })
  .strict();

/** Relationship-transfer rules (catalogue §7), inferred from {@link relationshipRulesSchema}. */
export type RelationshipRules = z.infer<typeof relationshipRulesSchema>;

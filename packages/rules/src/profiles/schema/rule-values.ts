import * as z from 'zod';
import { dueVoterPolicySchema } from '../../votes/vote-rules.js';
import { developmentRulesSchema } from './development-rules.js';
import { duesRulesSchema } from './dues-rules.js';
import { electionRulesSchema } from './election-rules.js';
import { lifeMeetingRulesSchema } from './life-meeting-rules.js';
import { meetingRulesSchema } from './meeting-rules.js';
import { otherRulesSchema } from './other-rules.js';
import { probationRulesSchema } from './probation-rules.js';
import { relationshipRulesSchema } from './relationship-rules.js';
import { withdrawalRulesSchema } from './withdrawal-rules.js';

/** Conventions every process shares: the 29 February policy (EC-02, EC-24) and who is due to vote (EC-15). */
export const commonRulesSchema = z
  .object({
    /** EC-02, EC-24: where a 29 February anniversary falls in other years; used for ages and anniversaries alike. */
    leapDayPolicy: z.enum(['feb28', 'mar1']),
    /** EC-15: who counts as due to attend with a vote. */
    dueVoters: dueVoterPolicySchema,
  })
  .strict();

/** Every numeric and optional-step rule of the catalogue (§2–§11), one section per process family. */
export const ruleValuesSchema = z
  .object({
    common: commonRulesSchema,
    development: developmentRulesSchema,
    probation: probationRulesSchema,
    meetings: meetingRulesSchema,
    lifeMeeting: lifeMeetingRulesSchema,
    relationship: relationshipRulesSchema,
    withdrawal: withdrawalRulesSchema,
    dues: duesRulesSchema,
    elections: electionRulesSchema,
    other: otherRulesSchema,
  })
  .strict();

/** The values of one rule version, inferred from {@link ruleValuesSchema}. */
export type RuleValues = z.infer<typeof ruleValuesSchema>;

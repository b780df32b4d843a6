import * as z from 'zod';
import { calendarDurationSchema } from '../../dates/duration.js';
import { frequencySchema, optionalDuration } from './common.js';

/** Rules of education, openness, care, talks, contact with the masses and deliberation, catalogue §6 and §11. */
export const otherRulesSchema = z
  .object({
    /** EVAL-FREQ: democratic appraisal of members. */
    appraisal: frequencySchema,
    /** EVAL-FORM: the appraisal form is signed by secretary and member, one copy each. */
    appraisalFormTwoCopies: z.boolean(),
    /** EDU-MEMBER-HOURS: concentrated learning per member and year, in class hours (1 day = 8 hours). */
    memberStudyHoursPerYear: z.number().int().min(0),
    /** EDU-SECRETARY-TRAINING: concentrated training of branch secretaries every so often. */
    secretaryTrainingEvery: calendarDurationSchema,
    /** EDU-SECRETARY-TRAINING: new secretaries trained within (null: no rule). */
    newSecretaryTrainingWithin: optionalDuration,
    /** OPEN-FREQ: reporting to members (null: no fixed frequency). */
    disclosure: frequencySchema.nullable(),
    /** TALK-5-MUST: talks at least so often (national ≥ 1/yr). */
    talks: frequencySchema.nullable(),
    /** CONTACT-MASSES: each member talks with their contact at least so often (null: no rule). */
    massContact: frequencySchema.nullable(),
    /** DECIDE-MAJOR-MATTER: a party vote followed by a staff assembly vote. */
    majorMatterStaffVote: z.boolean(),
    /** CARE-HOLIDAY-VISITS: visits on 七一 and 春节. */
    holidayVisits: z.boolean(),
  })
  .strict();

/** Rules of §6 and §11, inferred from {@link otherRulesSchema}. */
export type OtherRules = z.infer<typeof otherRulesSchema>;

import { addYears, ageOn, organisationKindSchema, ruleProfileSchema, versionOn, voteCountSchema } from '@dangwu/rules';
import * as z from 'zod';
import { actorSchema } from '../core/actor.js';
import { reviewStepDates } from './member-development.review.js';
import { developmentImportPoints, developmentSteps } from './member-development.step-names.js';

export type { DevelopmentImportPoint, DevelopmentStep } from './member-development.step-names.js';
export { developmentImportPoints, developmentSteps } from './member-development.step-names.js';

import {
  deadlineReachedEventSchema,
  eventSchema,
  localDateSchema,
  opaqueIdSchema,
  reasonSchema,
} from '../core/event-base.js';

const contactSchema = z
  .object({
    id: opaqueIdSchema,
    /** 正式党员: probationary members cannot be contacts (EC-06). */
    fullMember: z.boolean(),
  })
  .strict();

const introducerSchema = z
  .object({
    id: opaqueIdSchema,
    /** 正式党员 (EC-07). */
    fullMember: z.boolean(),
    /** Under 留党察看 with rights not restored (EC-07: reject). */
    underPartyProbation: z.boolean().default(false),
    /** Under 警告, 严重警告 or 撤销党内职务 still in effect (EC-07: warn, 2026 "不宜"). */
    underPenalty: z.boolean().default(false),
    /** Invited by the person themselves (自己约请, EC-08). */
    selfInvited: z.boolean().default(false),
  })
  .strict();

/** Zod schema of the input that starts a development case, with the age rule (EC-01, EC-02). */
export const developmentInputSchema = z
  .object({
    caseId: opaqueIdSchema,
    personId: opaqueIdSchema,
    orgId: opaqueIdSchema,
    /** Date of birth, for the age rule (EC-01, EC-02); a date, not a name or ID number. */
    birthDate: localDateSchema,
    /** Date the written application was handed in. */
    appliedOn: localDateSchema,
    /** Who registered the application. */
    actor: actorSchema,
    /** The rule profile the case runs under; recorded in the case. */
    profile: ruleProfileSchema,
    /** Start a case already under way at a later step, with its historical dates. */
    import: z
      .object({
        at: z.enum(developmentImportPoints),
        steps: z.partialRecord(z.enum(developmentSteps), localDateSchema),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((input, context) => {
    const first = input.profile.versions[0]?.effectiveFrom;
    if (first === undefined || input.appliedOn < first) {
      context.addIssue({
        code: 'custom',
        path: ['appliedOn'],
        message: `申请日 ${input.appliedOn} 早于规则配置最早版本（${first ?? '无'}）/ ${input.appliedOn} is before the profile's first version (${first ?? 'none'})`,
      });
      return;
    }
    const rules = versionOn(input.profile, input.appliedOn).values;
    const age = ageOn(input.birthDate, input.appliedOn, rules.common.leapDayPolicy);
    if (age < rules.development.applicantMinAge) {
      const reached = addYears(input.birthDate, rules.development.applicantMinAge, rules.common.leapDayPolicy);
      context.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: `申请日 ${input.appliedOn} 未满${rules.development.applicantMinAge}周岁（${reached} 满）[DEV-APPLICANT-MIN-AGE] / under ${rules.development.applicantMinAge} on ${input.appliedOn} (reached on ${reached}) [DEV-APPLICANT-MIN-AGE]`,
      });
    }
    if (input.import) {
      const dates = { ...input.import.steps, applied: input.appliedOn };
      for (const finding of reviewStepDates(input.profile, dates)) {
        context.addIssue({
          code: 'custom',
          path: ['import', 'steps', finding.step],
          message: `${finding.message.zh} [${finding.ruleId}] / ${finding.message.en} [${finding.ruleId}]`,
        });
      }
    }
  });

/** Input of the development machine, as the host provides it. */
export type DevelopmentInput = z.input<typeof developmentInputSchema>;

/** Zod schemas of every development event, by type. */
export const developmentEventSchemas = {
  RECORD_TALK: eventSchema('RECORD_TALK', {}),
  DESIGNATE_ACTIVIST: eventSchema('DESIGNATE_ACTIVIST', {}),
  FILE_ACTIVIST: eventSchema('FILE_ACTIVIST', {}),
  ASSIGN_CONTACTS: eventSchema('ASSIGN_CONTACTS', { contacts: z.array(contactSchema).max(10) }),
  REPLACE_CONTACT: eventSchema('REPLACE_CONTACT', { replacedId: opaqueIdSchema, contact: contactSchema }),
  RECORD_REPORT: eventSchema('RECORD_REPORT', { form: z.enum(['written', 'oral']) }),
  RECORD_ASSESSMENT: eventSchema('RECORD_ASSESSMENT', { result: z.enum(['satisfactory', 'needs-improvement']) }),
  PROPOSE_TARGET: eventSchema('PROPOSE_TARGET', {}),
  FILE_TARGET: eventSchema('FILE_TARGET', {}),
  APPROVE_TARGET: eventSchema('APPROVE_TARGET', {}),
  CLOSE_NOTICE: eventSchema('CLOSE_NOTICE', {
    postedOn: localDateSchema,
    objections: z.number().int().min(0).max(10_000),
  }),
  CONCLUDE_INVESTIGATION: eventSchema('CONCLUDE_INVESTIGATION', {
    affectsAdmission: z.boolean(),
    reason: reasonSchema,
  }),
  SET_INTRODUCERS: eventSchema('SET_INTRODUCERS', { introducers: z.array(introducerSchema).max(10) }),
  RECORD_POLITICAL_REVIEW: eventSchema('RECORD_POLITICAL_REVIEW', { conclusion: z.enum(['qualified', 'unqualified']) }),
  RECORD_TRAINING: eventSchema('RECORD_TRAINING', {
    days: z.number().min(0, { error: '培训天数不能为负 / training days cannot be negative' }).max(60),
    hours: z.number().min(0, { error: '培训学时不能为负 / training hours cannot be negative' }).max(500),
  }).refine((training) => training.days === 0 || training.hours <= training.days * 24, {
    error:
      '学时超过天数可容纳的上限 (EC-09) [DEV-TRAINING-MIN] / more hours than the days can hold (EC-09) [DEV-TRAINING-MIN]',
    path: ['hours'],
  }),
  RECORD_COMMITTEE_REVIEW: eventSchema('RECORD_COMMITTEE_REVIEW', {}),
  RECORD_PREREVIEW: eventSchema('RECORD_PREREVIEW', { passed: z.boolean() }),
  FILL_FORM: eventSchema('FILL_FORM', {}),
  HOLD_VOTE: eventSchema('HOLD_VOTE', {
    votes: voteCountSchema,
    method: z.enum(['secret-ballot', 'show-of-hands']),
    /** People voted on in this ballot; must be 1 (EC-16). */
    candidates: z.number().int().min(1),
  }),
  RECORD_INTERVIEW: eventSchema('RECORD_INTERVIEW', {}),
  APPROVE: eventSchema('APPROVE', {
    approvingOrgKind: organisationKindSchema,
    /** Date the person is expected to leave the unit, if known (EC-11). */
    expectedDepartureOn: localDateSchema.optional(),
  }),
  REJECT_ADMISSION: eventSchema('REJECT_ADMISSION', { approvingOrgKind: organisationKindSchema, reason: reasonSchema }),
  FILE_APPROVAL: eventSchema('FILE_APPROVAL', {}),
  TAKE_OATH: eventSchema('TAKE_OATH', {}),
  ANNOUNCE: eventSchema('ANNOUNCE', {}),
  RETURN: eventSchema('RETURN', { reason: reasonSchema }),
  WITHDRAW: eventSchema('WITHDRAW', { reason: reasonSchema }),
  TERMINATE: eventSchema('TERMINATE', { reason: reasonSchema }),
  CORRECT: eventSchema('CORRECT', {
    step: z.enum(developmentSteps),
    /** New date of the step. */
    on: localDateSchema,
    reason: reasonSchema,
  }),
  WAIVE: eventSchema('WAIVE', {
    ruleId: z.enum(['DEV-TRAINING-MIN', 'DEV-APPROVAL-DEADLINE']),
    reason: reasonSchema,
  }),
  TRANSFER: eventSchema('TRANSFER', { toOrgId: opaqueIdSchema }),
  DEADLINE_REACHED: deadlineReachedEventSchema,
};

/** Zod schema of any development event (discriminated on `type`). */
export const developmentEventSchema = z.discriminatedUnion('type', [
  developmentEventSchemas.RECORD_TALK,
  developmentEventSchemas.DESIGNATE_ACTIVIST,
  developmentEventSchemas.FILE_ACTIVIST,
  developmentEventSchemas.ASSIGN_CONTACTS,
  developmentEventSchemas.REPLACE_CONTACT,
  developmentEventSchemas.RECORD_REPORT,
  developmentEventSchemas.RECORD_ASSESSMENT,
  developmentEventSchemas.PROPOSE_TARGET,
  developmentEventSchemas.FILE_TARGET,
  developmentEventSchemas.APPROVE_TARGET,
  developmentEventSchemas.CLOSE_NOTICE,
  developmentEventSchemas.CONCLUDE_INVESTIGATION,
  developmentEventSchemas.SET_INTRODUCERS,
  developmentEventSchemas.RECORD_POLITICAL_REVIEW,
  developmentEventSchemas.RECORD_TRAINING,
  developmentEventSchemas.RECORD_COMMITTEE_REVIEW,
  developmentEventSchemas.RECORD_PREREVIEW,
  developmentEventSchemas.FILL_FORM,
  developmentEventSchemas.HOLD_VOTE,
  developmentEventSchemas.RECORD_INTERVIEW,
  developmentEventSchemas.APPROVE,
  developmentEventSchemas.REJECT_ADMISSION,
  developmentEventSchemas.FILE_APPROVAL,
  developmentEventSchemas.TAKE_OATH,
  developmentEventSchemas.ANNOUNCE,
  developmentEventSchemas.RETURN,
  developmentEventSchemas.WITHDRAW,
  developmentEventSchemas.TERMINATE,
  developmentEventSchemas.CORRECT,
  developmentEventSchemas.WAIVE,
  developmentEventSchemas.TRANSFER,
  developmentEventSchemas.DEADLINE_REACHED,
]);

/** Any event of the development machine, as parsed. */
export type DevelopmentEvent = z.output<typeof developmentEventSchema>;

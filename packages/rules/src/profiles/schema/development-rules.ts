import * as z from 'zod';
import { approximateDays, calendarDurationSchema } from '../../dates/duration.js';
import { voteRulesSchema } from '../../votes/vote-rules.js';
import { countRangeSchema, enforcementSchema, optionalDuration, organisationKindSchema } from './common.js';

/** Ordered preparation steps between 发展对象 and the 志愿书; the document and national orders differ (§12.2). */
export const preparationStepSchema = z.enum(['introducers', 'political-review', 'training']);

/** Rules of 发展党员, catalogue §2 (DEV-*). */
export const developmentRulesSchema = z
  .object({
    /** DEV-APPLICANT-MIN-AGE: full years of age on the application date. */
    applicantMinAge: z.number().int().min(14).max(30),
    /** DEV-APPLY-TALK-DEADLINE: the talk after an application (null: no talk step). */
    applyTalkWithin: optionalDuration,
    /** DEV-APPLY-TO-ACTIVIST-MIN: observation of the applicant before activist (null: none). */
    applyToActivistMin: optionalDuration,
    /** DEV-ACTIVIST-DECIDER: whether the activist decision is filed with the higher committee. */
    activistFiling: z.boolean(),
    /** DEV-CONTACT-COUNT: 培养联系人, full members only. */
    contactCount: countRangeSchema,
    /** DEV-ACTIVIST-REPORT-FREQ: thought reports by the activist (null: no fixed frequency). */
    activistReportEvery: optionalDuration,
    /** DEV-ACTIVIST-ASSESS-FREQ: branch assessment of the activist. */
    activistAssessEvery: calendarDurationSchema,
    /** DEV-ACTIVIST-MIN-TRAINING: cultivation as an activist before 发展对象, inclusive (以上). */
    activistMinTraining: calendarDurationSchema,
    /** DEV-TARGET-DECISION: committee only, committee + filing (2014), or committee + higher consent (2026). */
    targetDecision: z.enum(['committee', 'filing', 'consent']),
    /** DEV-TARGET-NOTICE-DAYS: public notice before 发展对象 (null: none at this point). */
    targetNotice: optionalDuration,
    /** Order of the preparation steps (§12.2). */
    preparationOrder: z
      .array(preparationStepSchema)
      .length(3)
      .refine((order) => new Set(order).size === 3, { error: '每个步骤只能出现一次 / each step appears once' }),
    /** DEV-INTRODUCER-COUNT. */
    introducerCount: z.number().int().min(1).max(3),
    /** DEV-INTRODUCER-SOURCE: an introducer the person invited themselves (自己约请). */
    selfInvitedIntroducer: enforcementSchema,
    /** DEV-INTRODUCER-ELIGIBILITY: an introducer under 警告/严重警告/撤销党内职务 ("不宜", 2026). */
    introducerUnderPenalty: enforcementSchema,
    /** DEV-TRAINING-MIN: `days ≥ minDays OR hours ≥ minHours`. */
    training: z
      .object({
        minDays: z.number().min(0),
        minHours: z.number().min(0),
        /** Typical ceiling in days ("5~7天"); exceeding it only warns (null: none). */
        typicalMaxDays: z.number().min(0).nullable(),
        /** Whether 个别特殊情况 may waive training (national yes; the document's "必须" no). */
        waivable: z.boolean(),
      })
      .strict(),
    /** DEV-PREREVIEW: committee review and 基层党委预审 before the 志愿书 (national). */
    prereview: z.boolean(),
    /** DEV-LEAVING-SOON: leaving the unit within this period warns (null: no rule). */
    leavingSoonWithin: optionalDuration,
    /** DEV-PREREVIEW-TO-VOTE: from passing 预审 to the branch vote (null: no limit). */
    prereviewToVoteWithin: optionalDuration,
    /** DEV-VOTE-QUORUM, DEV-VOTE-PASS, DEV-VOTE-METHOD, DEV-VOTE-ONE-BY-ONE. */
    vote: voteRulesSchema,
    /** DEV-POSTVOTE-NOTICE: notice after the branch vote (null: none). */
    postVoteNotice: optionalDuration,
    /** DEV-APPROVAL-DEADLINE: approval after the branch resolution; warns when late. */
    approvalWithin: calendarDurationSchema,
    /** DEV-APPROVAL-DEADLINE: the longest approval may take with a 特殊情况 waiver (null: no extension clause). */
    approvalExtendedMax: optionalDuration,
    /** DEV-APPROVAL-BODY: organisation kinds that may approve admission. */
    approvalBodies: z.array(organisationKindSchema).min(1),
    /** DEV-APPROVAL-FILING: filing after approval (null: none). */
    approvalFiling: z.enum(['upper', 'upper-upper']).nullable(),
    /** DEV-OATH: whether there is an oath, and the time to hold it after approval. */
    oath: z.object({ required: z.boolean(), within: optionalDuration }).strict(),
  })
  .strict()
  .superRefine((rules, context) => {
    if (
      rules.approvalExtendedMax &&
      approximateDays(rules.approvalExtendedMax) < approximateDays(rules.approvalWithin)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['approvalExtendedMax'],
        message:
          '延长后的审批期限不能短于正常期限 [DEV-APPROVAL-DEADLINE] / the extended approval limit cannot be shorter than the normal one [DEV-APPROVAL-DEADLINE]',
      });
    }
    if (rules.training.typicalMaxDays !== null && rules.training.typicalMaxDays < rules.training.minDays) {
      context.addIssue({
        code: 'custom',
        path: ['training', 'typicalMaxDays'],
        message:
          '培训天数上限不能低于下限 [DEV-TRAINING-MIN] / the typical training maximum cannot be below the minimum [DEV-TRAINING-MIN]',
      });
    }
  });

/** Rules of 发展党员 (catalogue §2), inferred from {@link developmentRulesSchema}. */
export type DevelopmentRules = z.infer<typeof developmentRulesSchema>;

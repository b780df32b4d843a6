import { ruleProfileSchema, voteCountSchema } from '@dangwu/rules';
import * as z from 'zod';
import { actorSchema } from '../core/actor.js';
import {
  deadlineReachedEventSchema,
  eventSchema,
  localDateSchema,
  opaqueIdSchema,
  reasonSchema,
} from '../core/event-base.js';

/** Steps a probation case records in each round (an extension starts a new round), each with its date and rule version. */
export const probationSteps = [
  'started',
  'conversionApplied',
  'opinionsCollected',
  'committeeReviewed',
  'noticeClosed',
  'vote',
  'approved',
  'talkedAndAnnounced',
] as const;

/** A recorded step of a probation case. */
export type ProbationStep = (typeof probationSteps)[number];

/** Steps from which a probation already under way can be imported (when a platform adopts dangwu). */
export const probationImportPoints = ['conversionApplied', 'opinionsCollected', 'committeeReviewed'] as const;

/** Where an imported probation case resumes. */
export type ProbationImportPoint = (typeof probationImportPoints)[number];

/** What the branch assembly resolves on the probationary member (PROB-OUTCOMES). */
export const probationDecisions = ['convert', 'extend', 'cancel'] as const;

/** 按期转正, 延长预备期 or 取消预备党员资格. */
export type ProbationDecision = (typeof probationDecisions)[number];

/** Zod schema of the input that starts a probation case (usually built by `probationInputFromAdmission`). */
export const probationInputSchema = z
  .object({
    caseId: opaqueIdSchema,
    personId: opaqueIdSchema,
    orgId: opaqueIdSchema,
    /** Who registered the case. */
    actor: actorSchema,
    /** The rule profile the case runs under; recorded in the case. */
    profile: ruleProfileSchema,
    /** The date the branch resolution admitting the member passed (EC-25): the probation starts on it. */
    probationStart: localDateSchema,
    /** Start a case already under way at a later step, with its historical dates. */
    import: z
      .object({
        at: z.enum(probationImportPoints),
        steps: z.partialRecord(z.enum(probationSteps), localDateSchema),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Input of the probation machine, as the host provides it. */
export type ProbationInput = z.input<typeof probationInputSchema>;

/** Zod schemas of every probation event, by type. */
export const probationEventSchemas = {
  RECORD_REPORT: eventSchema('RECORD_REPORT', { form: z.enum(['written', 'oral']) }),
  APPLY_FOR_CONVERSION: eventSchema('APPLY_FOR_CONVERSION', {}),
  COLLECT_OPINIONS: eventSchema('COLLECT_OPINIONS', {}),
  RECORD_COMMITTEE_REVIEW: eventSchema('RECORD_COMMITTEE_REVIEW', {}),
  CLOSE_NOTICE: eventSchema('CLOSE_NOTICE', {
    postedOn: localDateSchema,
    objections: z.number().int().min(0).max(10_000),
  }),
  HOLD_VOTE: eventSchema('HOLD_VOTE', {
    votes: voteCountSchema,
    method: z.enum(['secret-ballot', 'show-of-hands']),
    /** People voted on in this ballot; must be 1. */
    candidates: z.number().int().min(1),
    /** What the motion resolves (PROB-OUTCOMES). */
    decision: z.enum(probationDecisions),
    /** Length of the extension in months, for `extend` only (PROB-EXTENSION). */
    extensionMonths: z.number().int().min(0).max(120).optional(),
    /** Why, for an extension or a cancellation (e.g. a breach of discipline, EC-28). */
    reason: reasonSchema.optional(),
  }).refine((vote) => (vote.decision === 'extend') === (vote.extensionMonths !== undefined), {
    error:
      '延长预备期须写明延长月数，其他决定不得填写 [PROB-EXTENSION] / extensionMonths is required for an extension and only then [PROB-EXTENSION]',
    path: ['extensionMonths'],
  }),
  APPROVE_CONVERSION: eventSchema('APPROVE_CONVERSION', {}),
  APPROVE_EXTENSION: eventSchema('APPROVE_EXTENSION', {}),
  APPROVE_CANCELLATION: eventSchema('APPROVE_CANCELLATION', {}),
  TALK_AND_ANNOUNCE: eventSchema('TALK_AND_ANNOUNCE', {}),
  TERMINATE: eventSchema('TERMINATE', { reason: reasonSchema }),
  CORRECT: eventSchema('CORRECT', {
    step: z.enum(probationSteps),
    /** New date of the step. */
    on: localDateSchema,
    reason: reasonSchema,
  }),
  TRANSFER: eventSchema('TRANSFER', { toOrgId: opaqueIdSchema }),
  DEADLINE_REACHED: deadlineReachedEventSchema,
};

/** Zod schema of any probation event (discriminated on `type`). */
export const probationEventSchema = z.discriminatedUnion('type', [
  probationEventSchemas.RECORD_REPORT,
  probationEventSchemas.APPLY_FOR_CONVERSION,
  probationEventSchemas.COLLECT_OPINIONS,
  probationEventSchemas.RECORD_COMMITTEE_REVIEW,
  probationEventSchemas.CLOSE_NOTICE,
  probationEventSchemas.HOLD_VOTE,
  probationEventSchemas.APPROVE_CONVERSION,
  probationEventSchemas.APPROVE_EXTENSION,
  probationEventSchemas.APPROVE_CANCELLATION,
  probationEventSchemas.TALK_AND_ANNOUNCE,
  probationEventSchemas.TERMINATE,
  probationEventSchemas.CORRECT,
  probationEventSchemas.TRANSFER,
  probationEventSchemas.DEADLINE_REACHED,
]);

/** Any event of the probation machine, as parsed. */
export type ProbationEvent = z.output<typeof probationEventSchema>;

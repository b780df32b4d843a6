import { projectProfile, ruleProfileSchema } from '@dangwu/rules';
import * as z from 'zod';
import { actorSchema } from '../core/actor.js';
import {
  deadlineReachedEventSchema,
  eventSchema,
  localDateSchema,
  opaqueIdSchema,
  reasonSchema,
} from '../core/event-base.js';
import { rulesOn } from '../core/rules-context.js';
import { computeRoute, decideTrack, orgById, routeOrgKinds } from './relationship-transfer.route.js';

/** Zod schema of one organisation of the tree the host supplies. */
export const orgNodeSchema = z
  .object({
    id: opaqueIdSchema,
    parentId: opaqueIdSchema.nullable(),
    kind: z.enum(routeOrgKinds),
  })
  .strict();

const absenceSchema = z
  .object({
    /** First day away. */
    from: localDateSchema,
    /** Expected last day away. */
    until: localDateSchema,
  })
  .strict();

/** Zod schema of the input that opens a transfer case: the member, both organisations, the tree and the move. */
export const relationshipTransferInputSchema = z
  .object({
    caseId: opaqueIdSchema,
    /** Opaque id of the member moving. */
    personId: opaqueIdSchema,
    /** The branch whose roll the member is on. */
    fromOrgId: opaqueIdSchema,
    /** The receiving branch, or the host organisation for an absence or a mobile member. */
    toOrgId: opaqueIdSchema,
    /** The organisations involved and their superiors up to a common one (REL-ROUTING). */
    orgs: z.array(orgNodeSchema).min(1).max(500),
    /** Date the case is opened. */
    openedOn: localDateSchema,
    /** Date of the move (job change, retirement…), which starts the REL-NONTRANSFER-6M clock; the opening date when omitted. */
    movedOn: localDateSchema.optional(),
    /** An expected temporary absence (REL-TEMP-ABSENCE, EC-30); omitted for a move. */
    absence: absenceSchema.optional(),
    /** A mobile member without a fixed place (流动党员, REL-MOBILE-DEFINITION). */
    mobile: z.boolean().default(false),
    /** Ids of the member's development or probation cases that continue at the receiving branch (EC-05). */
    continuingCases: z.array(opaqueIdSchema).max(20).default([]),
    /** Who opened the case. */
    actor: actorSchema,
    /** The rule profile the case runs under. */
    profile: ruleProfileSchema,
  })
  .strict()
  .superRefine((input, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
    if (input.absence && input.absence.until < input.absence.from) {
      issue(['absence', 'until'], '预计返回日期早于外出日期 / the expected return is before the first day away');
      return;
    }
    if (input.movedOn && input.movedOn > input.openedOn) {
      issue(['movedOn'], '调动日期晚于立案日期 / the move is dated after the case was opened');
    }
    const ids = new Set<string>();
    input.orgs.forEach((org, index) => {
      if (ids.has(org.id)) issue(['orgs', index, 'id'], `组织 ${org.id} 重复 / organisation ${org.id} is listed twice`);
      ids.add(org.id);
      if (org.parentId !== null && !input.orgs.some((other) => other.id === org.parentId)) {
        issue(
          ['orgs', index, 'parentId'],
          `上级组织 ${org.parentId} 不在组织树中 / parent ${org.parentId} is not in the tree`,
        );
      }
    });
    if (!orgById(input.orgs, input.fromOrgId)) {
      issue(
        ['fromOrgId'],
        '转出党支部不在组织树中 [REL-ROUTING] / the outgoing branch is not in the tree [REL-ROUTING]',
      );
      return;
    }
    const rules = rulesOn(projectProfile(input.profile, ['common', 'relationship']), input.openedOn);
    const track = decideTrack(input.absence ?? null, input.mobile, rules).track;
    if (track !== 'formal') return;
    const route = computeRoute(input.orgs, input.fromOrgId, input.toOrgId, rules);
    if (!route.ok) issue(['orgs'], `${route.message.zh} [REL-ROUTING] / ${route.message.en} [REL-ROUTING]`);
  });

/** Input of the relationship-transfer machine, as the host provides it. */
export type RelationshipTransferInput = z.input<typeof relationshipTransferInputSchema>;

const channelSchema = z.enum(['paper', 'online']);

/** Zod schemas of every relationship-transfer event, by type. */
export const relationshipTransferEventSchemas = {
  FORWARD: eventSchema('FORWARD', {}),
  ISSUE_LETTER: eventSchema('ISSUE_LETTER', { channel: channelSchema }),
  ACCEPT: eventSchema('ACCEPT', {}),
  REGISTER: eventSchema('REGISTER', {}),
  FILE_TRANSFER: eventSchema('FILE_TRANSFER', {}),
  RECORD_RECEIPT: eventSchema('RECORD_RECEIPT', {}),
  REFUSE: eventSchema('REFUSE', { reason: reasonSchema }),
  ESCALATE: eventSchema('ESCALATE', { reason: reasonSchema }),
  REISSUE_LETTER: eventSchema('REISSUE_LETTER', {
    /** A re-issue by the issuing organisation, or a branch certificate with a new application (EC-29). */
    basis: z.enum(['reissue', 'certificate-and-application']),
    /** The channel of the new letter; the previous letter's when omitted. */
    channel: channelSchema.optional(),
  }),
  WITHDRAW: eventSchema('WITHDRAW', { reason: reasonSchema }),
  RECORD_CORRECTION_ATTEMPT: eventSchema('RECORD_CORRECTION_ATTEMPT', {
    method: z.enum(['talk', 'written-notice', 'warning-card']),
  }),
  FLAG_WITHDRAWAL_CANDIDATE: eventSchema('FLAG_WITHDRAWAL_CANDIDATE', {
    /** The 党章 Art. 9 facts: the day each stopped (last org life, last dues, last assigned work). */
    facts: z
      .object({
        noOrgLifeSince: localDateSchema.optional(),
        noDuesSince: localDateSchema.optional(),
        noAssignedWorkSince: localDateSchema.optional(),
      })
      .strict()
      .default({}),
    /** A 正当理由 on record stops the count (EC-31). */
    goodReason: z.boolean().default(false),
  }),
  ISSUE_CERTIFICATE: eventSchema('ISSUE_CERTIFICATE', {
    arrangement: z.enum(['certificate', 'temporary-relationship']),
  }),
  END_ABSENCE: eventSchema('END_ABSENCE', {}),
  ISSUE_MOBILE_CARD: eventSchema('ISSUE_MOBILE_CARD', {}),
  REGISTER_MOBILE: eventSchema('REGISTER_MOBILE', {}),
  END_MOBILE: eventSchema('END_MOBILE', { reason: reasonSchema }),
  DEADLINE_REACHED: deadlineReachedEventSchema,
};

/** Zod schema of any relationship-transfer event (discriminated on `type`). */
export const relationshipTransferEventSchema = z.discriminatedUnion('type', [
  relationshipTransferEventSchemas.FORWARD,
  relationshipTransferEventSchemas.ISSUE_LETTER,
  relationshipTransferEventSchemas.ACCEPT,
  relationshipTransferEventSchemas.REGISTER,
  relationshipTransferEventSchemas.FILE_TRANSFER,
  relationshipTransferEventSchemas.RECORD_RECEIPT,
  relationshipTransferEventSchemas.REFUSE,
  relationshipTransferEventSchemas.ESCALATE,
  relationshipTransferEventSchemas.REISSUE_LETTER,
  relationshipTransferEventSchemas.WITHDRAW,
  relationshipTransferEventSchemas.RECORD_CORRECTION_ATTEMPT,
  relationshipTransferEventSchemas.FLAG_WITHDRAWAL_CANDIDATE,
  relationshipTransferEventSchemas.ISSUE_CERTIFICATE,
  relationshipTransferEventSchemas.END_ABSENCE,
  relationshipTransferEventSchemas.ISSUE_MOBILE_CARD,
  relationshipTransferEventSchemas.REGISTER_MOBILE,
  relationshipTransferEventSchemas.END_MOBILE,
  relationshipTransferEventSchemas.DEADLINE_REACHED,
]);

/** Any event of the relationship-transfer machine, as parsed. */
export type RelationshipTransferEvent = z.output<typeof relationshipTransferEventSchema>;

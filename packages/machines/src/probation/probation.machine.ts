import type { LocalDate } from '@dangwu/rules';
import { assign, setup } from 'xstate';
import { markOverdue } from '../core/case-ledger.js';
import { eventParser } from '../core/parse-payload.js';
import { rulesOn } from '../core/rules-context.js';
import { guardsFor } from '../core/step-spec.js';
import { ledgerGuards, timelinessRegion } from '../core/timeliness.js';
import { toProbationInput } from './probation.checks.js';
import type { ProbationContext, ProbationOutcome } from './probation.context.js';
import {
  type ProbationEvent,
  type ProbationImportPoint,
  type ProbationInput,
  type ProbationStep,
  probationEventSchema,
} from './probation.schema.js';
import { type ProbationStepName, probationStepSpecs } from './probation.steps.js';
import {
  applyCorrection,
  applyExtension,
  closeCase,
  initialProbationContext,
  recordStep,
} from './probation.updates.js';

/** What a finished probation case hands on: the conversion date and the date 党龄 runs from. */
export interface ProbationOutput {
  /** Case id. */
  readonly caseId: string;
  /** Person id. */
  readonly personId: string;
  /** The branch holding the case at the end. */
  readonly orgId: string;
  /** Profile id the case ran under. */
  readonly profileId: string;
  /** How it ended. */
  readonly outcome: ProbationOutcome | null;
  /** The probation start (EC-25). */
  readonly probationStart: LocalDate;
  /** The probation end in force at the close (after any extension). */
  readonly endsOn: LocalDate;
  /** Months of each extension granted. */
  readonly extensionMonths: readonly number[];
  /** 党龄 runs from the end of probation (or of the extension), even when approval came later (PROB-PARTY-AGE, EC-27). */
  readonly partyAgeFrom: LocalDate | null;
  /** The date the member became a full member: the same end date. */
  readonly fullMemberOn: LocalDate | null;
  /** Date of the higher committee's approval. */
  readonly approvedOn: LocalDate | null;
}

const parsed = eventParser(probationEventSchema);

const record = (step: ProbationStep | null, guard: ProbationStepName) => ({
  type: 'record' as const,
  params: { step, guard },
});

/**
 * 预备党员教育考察和转正: from the admission resolution to full membership, an extension (loops back
 * to probation with a new end date) or cancellation, in both rule profiles (catalogue §3). The
 * document's quarterly reports, the opinion body (EC-42), the optional conversion notice and the
 * transfer postponement are chosen by the rule version in force on each step's date (EC-43).
 */
export const probationMachine = /* @__PURE__ */ setup({
  types: {
    context: {} as ProbationContext,
    events: {} as ProbationEvent,
    input: {} as ProbationInput,
    output: {} as ProbationOutput,
  },
  guards: {
    ...guardsFor(probationStepSpecs, toProbationInput),
    ...ledgerGuards<ProbationContext>(),
    importedAt: ({ context }, params: { at: ProbationImportPoint }) => context.imported?.at === params.at,
    noticeApplies: ({ context }) =>
      rulesOn(context.rules, context.steps.committeeReviewed?.on ?? context.endsOn).values.probation
        .conversionNotice !== null,
  },
  actions: {
    // Actions read the parsed event (zod defaults applied, reasons trimmed), exactly as the guards did.
    record: assign(({ context, event }, params: { step: ProbationStep | null; guard: ProbationStepName }) =>
      recordStep(context, parsed(event), params.step, params.guard),
    ),
    extend: assign(({ context, event }) => applyExtension(context, parsed(event))),
    close: assign(({ context, event }, params: { kind: ProbationOutcome['kind'] }) =>
      closeCase(context, parsed(event), params.kind),
    ),
    correct: assign(({ context, event }) => applyCorrection(context, parsed(event))),
    markOverdue: assign(({ context, event }) => markOverdue(context, event)),
  },
}).createMachine({
  id: 'probation',
  description:
    '预备党员教育考察和转正：从支部大会通过接收到转为正式党员 / Probation and conversion: from the admission resolution to full membership',
  context: ({ input }) => initialProbationContext(input),
  type: 'parallel',
  output: ({ context }) => {
    const converted = context.outcome?.kind === 'converted';
    return {
      caseId: context.caseId,
      personId: context.personId,
      orgId: context.orgId,
      profileId: context.rules.id,
      outcome: context.outcome,
      probationStart: context.probationStart,
      endsOn: context.endsOn,
      extensionMonths: context.extensions.map((extension) => extension.months),
      partyAgeFrom: converted ? context.endsOn : null,
      fullMemberOn: converted ? context.endsOn : null,
      approvedOn: converted ? (context.steps.approved?.on ?? null) : null,
    };
  },
  states: {
    case: {
      initial: 'starting',
      on: {
        CORRECT: { guard: 'mayCorrect', actions: 'correct' },
        TRANSFER: { guard: 'mayTransfer', actions: record(null, 'mayTransfer') },
        DEADLINE_REACHED: { guard: 'mayMarkOverdue', actions: 'markOverdue' },
      },
      states: {
        starting: {
          meta: { zh: '启动（导入的案例从历史步骤继续）', en: 'Starting (imported cases resume at their step)' },
          always: [
            { guard: { type: 'importedAt', params: { at: 'conversionApplied' } }, target: 'opinions' },
            { guard: { type: 'importedAt', params: { at: 'opinionsCollected' } }, target: 'committeeReview' },
            { guard: { type: 'importedAt', params: { at: 'committeeReviewed' } }, target: 'afterReview' },
            { target: 'probationary' },
          ],
        },
        probationary: {
          meta: { zh: '预备期教育考察', en: 'Probation: education and observation' },
          on: {
            RECORD_REPORT: { guard: 'mayRecordReport', actions: record(null, 'mayRecordReport') },
            APPLY_FOR_CONVERSION: {
              guard: 'mayApplyForConversion',
              target: 'opinions',
              actions: record('conversionApplied', 'mayApplyForConversion'),
            },
            HOLD_VOTE: [
              {
                guard: 'mayCancelForDiscipline',
                target: 'awaitingApproval',
                actions: record('vote', 'mayCancelForDiscipline'),
              },
              { guard: 'mayFailDisciplineVote', actions: record(null, 'mayFailDisciplineVote') },
            ],
          },
        },
        opinions: {
          meta: { zh: '已提出转正申请：征求党小组、党员和群众意见', en: 'Conversion applied for: collecting opinions' },
          on: {
            COLLECT_OPINIONS: [
              {
                guard: 'mayCollectGroupOpinions',
                target: 'committeeReview',
                actions: record('opinionsCollected', 'mayCollectGroupOpinions'),
              },
              {
                guard: 'mayCollectCommitteeOpinions',
                target: 'committeeReview',
                actions: record('opinionsCollected', 'mayCollectCommitteeOpinions'),
              },
            ],
          },
        },
        committeeReview: {
          meta: { zh: '支委会审查', en: 'Branch committee review' },
          on: {
            RECORD_COMMITTEE_REVIEW: {
              guard: 'mayRecordCommitteeReview',
              target: 'afterReview',
              actions: record('committeeReviewed', 'mayRecordCommitteeReview'),
            },
          },
        },
        afterReview: {
          meta: { zh: '按规则选择下一步', en: 'Choosing the next step by the rules' },
          always: [{ guard: 'noticeApplies', target: 'conversionNotice' }, { target: 'branchVote' }],
        },
        conversionNotice: {
          meta: { zh: '转正前公示', en: 'Public notice before conversion' },
          on: {
            CLOSE_NOTICE: {
              guard: 'mayCloseNotice',
              target: 'branchVote',
              actions: record('noticeClosed', 'mayCloseNotice'),
            },
          },
        },
        branchVote: {
          meta: { zh: '支部党员大会讨论表决', en: 'Branch members’ meeting votes' },
          on: {
            HOLD_VOTE: [
              { guard: 'mayPassVote', target: 'awaitingApproval', actions: record('vote', 'mayPassVote') },
              { guard: 'mayFailVote', target: 'voteNotPassed', actions: record(null, 'mayFailVote') },
            ],
          },
        },
        voteNotPassed: {
          meta: { zh: '表决未通过：可再次表决', en: 'Vote not passed: vote again' },
          on: {
            HOLD_VOTE: [
              { guard: 'mayPassVote', target: 'awaitingApproval', actions: record('vote', 'mayPassVote') },
              { guard: 'mayFailVote', target: 'voteNotPassed', actions: record(null, 'mayFailVote') },
            ],
          },
        },
        awaitingApproval: {
          meta: { zh: '上级党委审批（三个月内）', en: 'Approval by the higher committee (within three months)' },
          on: {
            APPROVE_CONVERSION: {
              guard: 'mayApproveConversion',
              target: 'talkAndAnnounce',
              actions: record('approved', 'mayApproveConversion'),
            },
            APPROVE_EXTENSION: {
              guard: 'mayApproveExtension',
              target: 'probationary',
              actions: [record('approved', 'mayApproveExtension'), 'extend'],
            },
            APPROVE_CANCELLATION: {
              guard: 'mayApproveCancellation',
              target: 'cancelled',
              actions: [record('approved', 'mayApproveCancellation'), { type: 'close', params: { kind: 'cancelled' } }],
            },
          },
        },
        talkAndAnnounce: {
          meta: {
            zh: '支部书记谈话并在党员大会上宣布',
            en: 'The secretary talks with the member; announced at a members’ meeting',
          },
          on: {
            TALK_AND_ANNOUNCE: {
              guard: 'mayTalkAndAnnounce',
              target: 'fullMember',
              actions: [
                record('talkedAndAnnounced', 'mayTalkAndAnnounce'),
                { type: 'close', params: { kind: 'converted' } },
              ],
            },
          },
        },
        fullMember: { type: 'final', meta: { zh: '转为正式党员', en: 'Full member' } },
        cancelled: { type: 'final', meta: { zh: '取消预备党员资格', en: 'Probationary membership cancelled' } },
      },
    },
    timeliness: timelinessRegion,
  },
});

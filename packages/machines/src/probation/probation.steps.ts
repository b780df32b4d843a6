import type { StepSpec } from '../core/step-spec.js';
import {
  applicationTiming,
  approvalOnTime,
  chronology,
  correctionTargetsRecordedStep,
  deadlineDue,
  disciplineOnly,
  discussTiming,
  extensionAllowed,
  noticeElapsed,
  noticeWithoutObjections,
  type ProbationCheckInput,
  reasonGiven,
  reportsUpToDate,
  resolutionIsCancel,
  resolutionIsConvert,
  resolutionIsExtend,
  voteLawful,
  votePassed,
} from './probation.checks.js';

type Spec = StepSpec<ProbationCheckInput>;

const opinionsBy = (input: ProbationCheckInput) => input.rules.values.probation.groupOpinionBy;
const voteChecks = [chronology, voteLawful, discussTiming, extensionAllowed, reasonGiven];
const disciplineChecks = [chronology, voteLawful, disciplineOnly, reasonGiven];

/**
 * Every guarded transition of the probation machine: event, roles allowed, the rule naming the
 * actor, and the checks. The machine's guards and `explainProbation` are both built from this table.
 */
export const probationStepSpecs = {
  mayRecordReport: {
    eventType: 'RECORD_REPORT',
    roles: ['applicant', 'branch-committee'],
    roleRuleId: 'PROB-REPORT-FREQ',
    checks: [chronology],
  },
  mayApplyForConversion: {
    eventType: 'APPLY_FOR_CONVERSION',
    roles: ['applicant'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology, applicationTiming, reportsUpToDate],
  },
  mayCollectGroupOpinions: {
    eventType: 'COLLECT_OPINIONS',
    roles: ['party-group'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology],
    when: (input) => opinionsBy(input) === 'party-group',
  },
  mayCollectCommitteeOpinions: {
    eventType: 'COLLECT_OPINIONS',
    roles: ['branch-committee'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology],
    when: (input) => opinionsBy(input) === 'branch-committee',
  },
  mayRecordCommitteeReview: {
    eventType: 'RECORD_COMMITTEE_REVIEW',
    roles: ['branch-committee'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology],
  },
  mayCloseNotice: {
    eventType: 'CLOSE_NOTICE',
    roles: ['branch-committee'],
    roleRuleId: 'PROB-CONVERSION-NOTICE',
    checks: [chronology, noticeElapsed, noticeWithoutObjections],
  },
  mayPassVote: {
    eventType: 'HOLD_VOTE',
    roles: ['branch-assembly'],
    roleRuleId: 'PROB-VOTE-RULES',
    checks: voteChecks,
    when: votePassed,
  },
  mayFailVote: {
    eventType: 'HOLD_VOTE',
    roles: ['branch-assembly'],
    roleRuleId: 'PROB-VOTE-RULES',
    checks: voteChecks,
    when: (input) => !votePassed(input),
  },
  mayCancelForDiscipline: {
    eventType: 'HOLD_VOTE',
    roles: ['branch-assembly'],
    roleRuleId: 'PROB-VOTE-RULES',
    checks: disciplineChecks,
    when: votePassed,
  },
  mayFailDisciplineVote: {
    eventType: 'HOLD_VOTE',
    roles: ['branch-assembly'],
    roleRuleId: 'PROB-VOTE-RULES',
    checks: disciplineChecks,
    when: (input) => !votePassed(input),
  },
  mayApproveConversion: {
    eventType: 'APPROVE_CONVERSION',
    roles: ['base-committee'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology, resolutionIsConvert, approvalOnTime],
  },
  mayApproveExtension: {
    eventType: 'APPROVE_EXTENSION',
    roles: ['base-committee'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology, resolutionIsExtend, extensionAllowed, approvalOnTime],
  },
  mayApproveCancellation: {
    eventType: 'APPROVE_CANCELLATION',
    roles: ['base-committee'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology, resolutionIsCancel, approvalOnTime],
  },
  mayTalkAndAnnounce: {
    eventType: 'TALK_AND_ANNOUNCE',
    roles: ['branch-secretary'],
    roleRuleId: 'PROB-OUTCOMES',
    checks: [chronology],
  },
  mayCorrect: {
    eventType: 'CORRECT',
    roles: ['branch-committee', 'base-committee', 'org-dept'],
    roleRuleId: 'CASE-CORRECTION',
    checks: [correctionTargetsRecordedStep],
  },
  mayTransfer: {
    eventType: 'TRANSFER',
    roles: ['org-dept', 'base-committee'],
    roleRuleId: 'REL-ROUTING',
    checks: [chronology],
  },
  mayMarkOverdue: {
    eventType: 'DEADLINE_REACHED',
    roles: ['system'],
    roleRuleId: 'CASE-DEADLINE',
    checks: [deadlineDue],
  },
} satisfies Record<string, Spec>;

/** Name of a guarded probation transition. */
export type ProbationStepName = keyof typeof probationStepSpecs;

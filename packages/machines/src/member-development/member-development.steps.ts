import type { StepSpec } from '../core/step-spec.js';
import {
  activistPeriodMet,
  applicationObserved,
  approvingBodyAllowed,
  chronology,
  contactsValid,
  correctionTargetsRecordedStep,
  type DevelopmentCheckInput,
  deadlineDue,
  introducerCount,
  introducerSoftRules,
  introducersEligible,
  notLeavingSoon,
  postVoteNoticeElapsed,
  talkHeldFirst,
  talkStepExists,
  targetNoticeElapsed,
  trainingSufficient,
  trainingTypicalLength,
  voteLawful,
  votePassed,
  waiverProvided,
} from './member-development.checks.js';

type Spec = StepSpec<DevelopmentCheckInput>;

const objections = (input: DevelopmentCheckInput) => (input.event.type === 'CLOSE_NOTICE' ? input.event.objections : 0);
const affects = (input: DevelopmentCheckInput) =>
  input.event.type === 'CONCLUDE_INVESTIGATION' && input.event.affectsAdmission;

const specs = {
  mayRecordTalk: {
    eventType: 'RECORD_TALK',
    roles: ['branch-secretary', 'org-commissioner', 'branch-committee'],
    roleRuleId: 'DEV-APPLY-TALK-DEADLINE',
    checks: [chronology, talkStepExists],
  },
  mayDesignateActivist: {
    eventType: 'DESIGNATE_ACTIVIST',
    roles: ['branch-committee', 'branch-assembly'],
    roleRuleId: 'DEV-ACTIVIST-DECIDER',
    checks: [chronology, talkHeldFirst, applicationObserved],
  },
  mayFileActivist: {
    eventType: 'FILE_ACTIVIST',
    roles: ['base-committee'],
    roleRuleId: 'DEV-ACTIVIST-DECIDER',
    checks: [chronology],
  },
  mayAssignContacts: {
    eventType: 'ASSIGN_CONTACTS',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-CONTACT-COUNT',
    checks: [chronology, contactsValid],
  },
  mayReplaceContact: {
    eventType: 'REPLACE_CONTACT',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-CONTACT-COUNT',
    checks: [chronology, contactsValid],
  },
  mayRecordReport: {
    eventType: 'RECORD_REPORT',
    roles: ['applicant', 'branch-committee'],
    roleRuleId: 'DEV-ACTIVIST-REPORT-FREQ',
    checks: [chronology],
  },
  mayRecordAssessment: {
    eventType: 'RECORD_ASSESSMENT',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-ACTIVIST-ASSESS-FREQ',
    checks: [chronology],
  },
  mayProposeTarget: {
    eventType: 'PROPOSE_TARGET',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-TARGET-DECISION',
    checks: [chronology, activistPeriodMet],
  },
  mayFileTarget: {
    eventType: 'FILE_TARGET',
    roles: ['base-committee', 'higher-committee'],
    roleRuleId: 'DEV-TARGET-DECISION',
    checks: [chronology],
  },
  mayApproveTarget: {
    eventType: 'APPROVE_TARGET',
    roles: ['base-committee', 'higher-committee'],
    roleRuleId: 'DEV-TARGET-DECISION',
    checks: [chronology],
  },
  mayReturnTarget: {
    eventType: 'RETURN',
    roles: ['base-committee', 'higher-committee'],
    roleRuleId: 'DEV-TARGET-DECISION',
    checks: [chronology],
  },
  mayCloseTargetNotice: {
    eventType: 'CLOSE_NOTICE',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-TARGET-NOTICE-DAYS',
    checks: [chronology, targetNoticeElapsed],
    when: (input) => objections(input) === 0,
  },
  mayInvestigateTargetNotice: {
    eventType: 'CLOSE_NOTICE',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-TARGET-NOTICE-DAYS',
    checks: [chronology],
    when: (input) => objections(input) > 0,
  },
  mayClearObjection: {
    eventType: 'CONCLUDE_INVESTIGATION',
    roles: ['branch-committee', 'base-committee'],
    roleRuleId: 'DEV-TARGET-NOTICE-DAYS',
    checks: [chronology],
    when: (input) => !affects(input),
  },
  mayUpholdObjection: {
    eventType: 'CONCLUDE_INVESTIGATION',
    roles: ['branch-committee', 'base-committee'],
    roleRuleId: 'DEV-TARGET-NOTICE-DAYS',
    checks: [chronology],
    when: affects,
  },
  maySetIntroducers: {
    eventType: 'SET_INTRODUCERS',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-INTRODUCER-COUNT',
    checks: [chronology, introducerCount, introducersEligible, ...introducerSoftRules],
  },
  mayPassPoliticalReview: {
    eventType: 'RECORD_POLITICAL_REVIEW',
    roles: ['branch-committee', 'base-committee'],
    roleRuleId: 'DEV-POLITICAL-REVIEW',
    checks: [chronology],
    when: (input) => input.event.type === 'RECORD_POLITICAL_REVIEW' && input.event.conclusion === 'qualified',
  },
  mayFailPoliticalReview: {
    eventType: 'RECORD_POLITICAL_REVIEW',
    roles: ['branch-committee', 'base-committee'],
    roleRuleId: 'DEV-POLITICAL-REVIEW',
    checks: [chronology],
    when: (input) => input.event.type === 'RECORD_POLITICAL_REVIEW' && input.event.conclusion === 'unqualified',
  },
  mayRecordTraining: {
    eventType: 'RECORD_TRAINING',
    roles: ['base-committee', 'org-dept'],
    roleRuleId: 'DEV-TRAINING-MIN',
    checks: [chronology, trainingSufficient, trainingTypicalLength],
  },
  mayRecordCommitteeReview: {
    eventType: 'RECORD_COMMITTEE_REVIEW',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-PREREVIEW',
    checks: [chronology],
  },
  mayPassPrereview: {
    eventType: 'RECORD_PREREVIEW',
    roles: ['base-committee'],
    roleRuleId: 'DEV-PREREVIEW',
    checks: [chronology],
    when: (input) => input.event.type === 'RECORD_PREREVIEW' && input.event.passed,
  },
  mayFailPrereview: {
    eventType: 'RECORD_PREREVIEW',
    roles: ['base-committee'],
    roleRuleId: 'DEV-PREREVIEW',
    checks: [chronology],
    when: (input) => input.event.type === 'RECORD_PREREVIEW' && !input.event.passed,
  },
  mayFillForm: {
    eventType: 'FILL_FORM',
    roles: ['applicant', 'introducer', 'branch-committee'],
    roleRuleId: 'DEV-PREREVIEW',
    checks: [chronology],
  },
  mayPassVote: {
    eventType: 'HOLD_VOTE',
    roles: ['branch-assembly'],
    roleRuleId: 'DEV-VOTE-PASS',
    checks: [chronology, ...voteLawful],
    when: votePassed,
  },
  mayFailVote: {
    eventType: 'HOLD_VOTE',
    roles: ['branch-assembly'],
    roleRuleId: 'DEV-VOTE-PASS',
    checks: [chronology, ...voteLawful],
    when: (input) => !votePassed(input),
  },
  mayClosePostVoteNotice: {
    eventType: 'CLOSE_NOTICE',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-POSTVOTE-NOTICE',
    checks: [chronology, postVoteNoticeElapsed],
    when: (input) => objections(input) === 0,
  },
  mayInvestigatePostVoteNotice: {
    eventType: 'CLOSE_NOTICE',
    roles: ['branch-committee'],
    roleRuleId: 'DEV-POSTVOTE-NOTICE',
    checks: [chronology],
    when: (input) => objections(input) > 0,
  },
  mayRecordInterview: {
    eventType: 'RECORD_INTERVIEW',
    roles: ['base-committee', 'org-commissioner', 'org-dept'],
    roleRuleId: 'DEV-HIGHER-INTERVIEW',
    checks: [chronology],
  },
  mayReturnInterview: {
    eventType: 'RETURN',
    roles: ['base-committee', 'org-commissioner', 'org-dept'],
    roleRuleId: 'DEV-HIGHER-INTERVIEW',
    checks: [chronology],
  },
  mayApprove: {
    eventType: 'APPROVE',
    roles: ['base-committee'],
    roleRuleId: 'DEV-APPROVAL-BODY',
    checks: [chronology, approvingBodyAllowed, notLeavingSoon],
  },
  mayRejectAdmission: {
    eventType: 'REJECT_ADMISSION',
    roles: ['base-committee'],
    roleRuleId: 'DEV-APPROVAL-BODY',
    checks: [chronology, approvingBodyAllowed],
  },
  mayReturnApproval: {
    eventType: 'RETURN',
    roles: ['base-committee'],
    roleRuleId: 'DEV-APPROVAL-BODY',
    checks: [chronology],
  },
  mayFileApproval: {
    eventType: 'FILE_APPROVAL',
    roles: ['base-committee', 'org-dept'],
    roleRuleId: 'DEV-APPROVAL-FILING',
    checks: [chronology],
  },
  mayTakeOath: {
    eventType: 'TAKE_OATH',
    roles: ['branch-committee', 'base-committee'],
    roleRuleId: 'DEV-OATH',
    checks: [chronology],
  },
  mayAnnounce: {
    eventType: 'ANNOUNCE',
    roles: ['branch-committee', 'branch-secretary'],
    roleRuleId: 'DEV-APPROVAL-BODY',
    checks: [chronology],
  },
  mayWithdraw: {
    eventType: 'WITHDRAW',
    roles: ['applicant'],
    roleRuleId: 'DEV-APPLICATION-CHANNEL',
    checks: [chronology],
  },
  mayTerminate: {
    eventType: 'TERMINATE',
    roles: ['branch-committee', 'base-committee'],
    roleRuleId: 'CASE-TERMINATION',
    checks: [chronology],
  },
  mayCorrect: {
    eventType: 'CORRECT',
    roles: ['branch-committee', 'base-committee', 'org-dept'],
    roleRuleId: 'CASE-CORRECTION',
    checks: [correctionTargetsRecordedStep],
  },
  mayWaive: {
    eventType: 'WAIVE',
    roles: ['base-committee', 'higher-committee'],
    roleRuleId: 'DEV-APPROVAL-DEADLINE',
    checks: [chronology, ...waiverProvided],
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

/** Name of a guarded development transition. */
export type DevelopmentStepName = keyof typeof specs;

/**
 * Every guarded transition of the development machine: event, roles allowed, the rule naming the
 * actor, and the checks. The machine's guards and `explain` are both built from this table.
 */
export const developmentStepSpecs: Readonly<Record<DevelopmentStepName, StepSpec<DevelopmentCheckInput>>> = specs;

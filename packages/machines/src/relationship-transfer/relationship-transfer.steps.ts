import type { Role } from '../core/actor.js';
import type { StepSpec } from '../core/step-spec.js';
import {
  arrangementFits,
  article9Facts,
  channelAllowed,
  chronology,
  correctionPeriodElapsed,
  deadlineDue,
  eitherSideActs,
  escalationDue,
  inflowActs,
  issuerActs,
  letterExpired,
  letterValid,
  letterValidWarning,
  nonTransferCorrected,
  onRoute,
  outgoingSideActs,
  receivingSideActs,
  superiorActs,
  type TransferCheckInput,
} from './relationship-transfer.checks.js';
import { routeRoles } from './relationship-transfer.route.js';

type Spec = StepSpec<TransferCheckInput>;

const branchRoles: readonly Role[] = ['branch-secretary', 'branch-committee', 'org-commissioner'];
const outgoingRoles: readonly Role[] = [...branchRoles, 'general-branch', 'base-committee', 'org-dept'];
const isNonTransferDeadline = (input: TransferCheckInput) =>
  input.event.type === 'DEADLINE_REACHED' && input.event.deadlineId === 'non-transfer';

const specs = {
  mayForward: {
    eventType: 'FORWARD',
    roles: routeRoles,
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, onRoute('forward')],
  },
  mayIssueLetter: {
    eventType: 'ISSUE_LETTER',
    roles: routeRoles,
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, onRoute('issue'), channelAllowed],
  },
  mayAccept: {
    eventType: 'ACCEPT',
    roles: routeRoles,
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, onRoute('accept'), letterValid, letterValidWarning],
  },
  mayRegister: {
    eventType: 'REGISTER',
    roles: routeRoles,
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, onRoute('register'), letterValid, letterValidWarning],
  },
  mayFile: {
    eventType: 'FILE_TRANSFER',
    roles: ['org-dept'],
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, onRoute('file')],
  },
  mayRecordReceipt: {
    eventType: 'RECORD_RECEIPT',
    roles: routeRoles,
    roleRuleId: 'REL-LETTER-CARRIER',
    checks: [chronology, onRoute('receipt')],
  },
  mayRefuse: {
    eventType: 'REFUSE',
    roles: routeRoles,
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, receivingSideActs],
  },
  mayEscalate: {
    eventType: 'ESCALATE',
    roles: routeRoles,
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, escalationDue, superiorActs],
  },
  mayReissueExpired: {
    eventType: 'REISSUE_LETTER',
    roles: routeRoles,
    roleRuleId: 'REL-LETTER-VALIDITY',
    checks: [chronology, issuerActs, letterExpired, channelAllowed],
  },
  mayReissueReturned: {
    eventType: 'REISSUE_LETTER',
    roles: routeRoles,
    roleRuleId: 'REL-LETTER-VALIDITY',
    checks: [chronology, issuerActs, channelAllowed],
  },
  mayWithdraw: {
    eventType: 'WITHDRAW',
    roles: ['member', ...branchRoles],
    roleRuleId: 'REL-ROUTING',
    checks: [chronology, outgoingSideActs('REL-ROUTING', true)],
  },
  mayAttemptCorrection: {
    eventType: 'RECORD_CORRECTION_ATTEMPT',
    roles: [...branchRoles, 'general-branch', 'base-committee'],
    roleRuleId: 'REL-NONTRANSFER-6M',
    checks: [chronology, outgoingSideActs('REL-NONTRANSFER-6M', false)],
  },
  mayFlagCandidate: {
    eventType: 'FLAG_WITHDRAWAL_CANDIDATE',
    roles: ['branch-secretary', 'branch-committee', 'base-committee'],
    roleRuleId: 'WDR-SELF-WITHDRAWAL',
    checks: [
      chronology,
      outgoingSideActs('WDR-SELF-WITHDRAWAL', false),
      nonTransferCorrected,
      correctionPeriodElapsed,
      article9Facts,
    ],
  },
  mayIssueCertificate: {
    eventType: 'ISSUE_CERTIFICATE',
    roles: outgoingRoles,
    roleRuleId: 'REL-TEMP-ABSENCE',
    checks: [chronology, outgoingSideActs('REL-TEMP-ABSENCE', false), arrangementFits],
  },
  mayEndAbsence: {
    eventType: 'END_ABSENCE',
    roles: ['member', ...branchRoles],
    roleRuleId: 'REL-TEMP-ABSENCE',
    checks: [chronology, outgoingSideActs('REL-TEMP-ABSENCE', true)],
  },
  mayIssueMobileCard: {
    eventType: 'ISSUE_MOBILE_CARD',
    roles: outgoingRoles,
    roleRuleId: 'REL-MOBILE-DEFINITION',
    checks: [chronology, outgoingSideActs('REL-MOBILE-DEFINITION', false)],
  },
  mayRegisterMobile: {
    eventType: 'REGISTER_MOBILE',
    roles: routeRoles,
    roleRuleId: 'REL-MOBILE-DEFINITION',
    checks: [chronology, inflowActs],
  },
  mayEndMobile: {
    eventType: 'END_MOBILE',
    roles: ['member', ...routeRoles],
    roleRuleId: 'REL-MOBILE-DEFINITION',
    checks: [chronology, eitherSideActs],
  },
  mayMarkNonTransferOverdue: {
    eventType: 'DEADLINE_REACHED',
    roles: ['system'],
    roleRuleId: 'REL-NONTRANSFER-6M',
    checks: [deadlineDue],
    when: isNonTransferDeadline,
  },
  mayMarkOverdue: {
    eventType: 'DEADLINE_REACHED',
    roles: ['system'],
    roleRuleId: 'CASE-DEADLINE',
    checks: [deadlineDue],
  },
} satisfies Record<string, Spec>;

/** Name of a guarded relationship-transfer transition. */
export type TransferStepName = keyof typeof specs;

/**
 * Every guarded transition of the relationship-transfer machine: event, roles allowed, the rule
 * naming the actor, and the checks. The machine's guards and `explain` are both built from this table.
 */
export const relationshipTransferStepSpecs: Readonly<Record<TransferStepName, StepSpec<TransferCheckInput>>> = specs;

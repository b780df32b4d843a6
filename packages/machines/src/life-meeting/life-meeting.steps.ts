import type { Role } from '../core/actor.js';
import type { Check, StepSpec } from '../core/step-spec.js';
import type { LifeMeetingCheckInput } from './life-meeting.check-input.js';
import {
  absenteeAwaitsCriticism,
  closingMakesChairAccountable,
  criticismPassedOn,
  deadlineDue,
  followUpComplete,
  problemsHandled,
  problemsOpen,
  resolvesAllOpen,
} from './life-meeting.follow-up-checks.js';
import {
  absenteeStatements,
  agendaFollowed,
  attendanceMet,
  dueMatchesCase,
  everyoneSpoke,
  heldOnAnnouncedDate,
  meetingInPeriod,
  meetingInUsualQuarter,
  meetingOnTime,
  preparationComplete,
  upperNoticeRun,
} from './life-meeting.meeting-checks.js';
import {
  chronology,
  focusProblemCount,
  opinionsHeard,
  plannedInPeriod,
  plannedWithinDueDate,
  postponementLater,
  postponementRequested,
  speechesPlausible,
  upperNoticeLead,
} from './life-meeting.preparation-checks.js';

type Spec = StepSpec<LifeMeetingCheckInput>;

/** The organisation holding the meeting: its secretary, or its committee acting for it. */
const holding: readonly Role[] = ['branch-secretary', 'branch-committee'];
/** The higher organisation of the one holding the meeting (上级党组织). */
const upper: readonly Role[] = ['higher-committee'];

/** A dated step: every one is checked against the case's chronology first (the check-input builder refuses dates before the profile's first version). */
const step = (
  eventType: string,
  roles: readonly Role[],
  roleRuleId: string,
  checks: readonly Check<LifeMeetingCheckInput>[],
  when?: Spec['when'],
): Spec => ({
  eventType,
  roles,
  roleRuleId,
  checks: [chronology, ...checks],
  ...(when ? { when } : {}),
});

const meetingChecks = [
  meetingInPeriod,
  upperNoticeRun,
  preparationComplete,
  attendanceMet,
  meetingOnTime,
  meetingInUsualQuarter,
  heldOnAnnouncedDate,
  agendaFollowed,
  everyoneSpoke,
  absenteeStatements,
  dueMatchesCase,
];

const specs = {
  mayDecideTopic: step('DECIDE_TOPIC', holding, 'OLM-PREP-STEPS', [
    focusProblemCount,
    plannedInPeriod,
    plannedWithinDueDate,
  ]),
  maySolicitOpinions: step('SOLICIT_OPINIONS', ['org-commissioner', ...holding], 'OLM-PREP-STEPS', [opinionsHeard]),
  mayNotifyUpper: step('NOTIFY_UPPER', holding, 'OLM-PRENOTICE-UPPER', [
    plannedInPeriod,
    plannedWithinDueDate,
    upperNoticeLead,
  ]),
  mayNotifyMembers: step('NOTIFY_MEMBERS', holding, 'OLM-PREP-STEPS', [plannedInPeriod, plannedWithinDueDate]),
  mayPrepareSpeeches: step('PREPARE_SPEECHES', holding, 'OLM-PREP-STEPS', [speechesPlausible]),
  mayRequestPostponement: step('REQUEST_POSTPONEMENT', holding, 'OLM-RESCHEDULE', [postponementLater]),
  mayConsentPostponement: step('CONSENT_POSTPONEMENT', upper, 'OLM-RESCHEDULE', [postponementRequested]),
  mayDeclinePostponement: step('DECLINE_POSTPONEMENT', upper, 'OLM-RESCHEDULE', [postponementRequested]),
  mayHoldMeeting: step('HOLD_MEETING', holding, 'MTG-CONVENER', meetingChecks),
  mayPassOnCriticism: step('PASS_ON_CRITICISM', [...holding, 'member'], 'OLM-ATTENDANCE', [absenteeAwaitsCriticism]),
  mayRecordRectification: step('RECORD_RECTIFICATION_PLAN', holding, 'OLM-RECTIFY-DEADLINE', [problemsOpen]),
  mayReportUpper: step('REPORT_UPPER', holding, 'OLM-REPORT-UPPER', []),
  mayGiveFeedback: step('GIVE_FEEDBACK', holding, 'OLM-REPORT-UPPER', []),
  mayResolveProblems: step('RESOLVE_PROBLEMS', holding, 'OLM-ESCALATE', [problemsOpen]),
  mayResolveAllOpen: step('RESOLVE_PROBLEMS', holding, 'OLM-ESCALATE', [problemsOpen], resolvesAllOpen),
  mayResolveSomeOpen: step(
    'RESOLVE_PROBLEMS',
    holding,
    'OLM-ESCALATE',
    [problemsOpen],
    (input) => !resolvesAllOpen(input),
  ),
  mayClose: step(
    'CLOSE',
    holding,
    'OLM-ESCALATE',
    [...followUpComplete, criticismPassedOn, problemsHandled],
    (input) => !closingMakesChairAccountable(input),
  ),
  mayCloseChairAccountable: step(
    'CLOSE',
    holding,
    'OLM-ESCALATE',
    [...followUpComplete, criticismPassedOn],
    closingMakesChairAccountable,
  ),
  mayEscalateToDiscipline: step('ESCALATE_TO_DISCIPLINE', upper, 'OLM-ESCALATE', []),
  mayMarkOverdue: {
    eventType: 'DEADLINE_REACHED',
    roles: ['system'],
    roleRuleId: 'CASE-DEADLINE',
    checks: [deadlineDue],
  },
} satisfies Record<string, Spec>;

/** Name of a guarded life-meeting transition. */
export type LifeMeetingStepName = keyof typeof specs;

/**
 * Every guarded transition of the life-meeting machine: event, roles allowed, the rule naming the
 * actor, and the checks. The machine's guards and `explain` are both built from this table.
 */
export const lifeMeetingStepSpecs: Readonly<Record<LifeMeetingStepName, StepSpec<LifeMeetingCheckInput>>> = specs;

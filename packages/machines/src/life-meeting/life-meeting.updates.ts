import { type Bilingual, type LocalDate, projectProfile } from '@dangwu/rules';
import { produce } from 'immer';
import { refreshDeadlines, withStepRecorded } from '../core/case-ledger.js';
import { emptyLedger } from '../core/case-records.js';
import { stepWarnings } from '../core/step-spec.js';
import { openProblems, rulesAt, toLifeMeetingInput } from './life-meeting.check-input.js';
import type { LifeMeetingContext, LifeMeetingOutcome } from './life-meeting.context.js';
import { lifeMeetingDeadlines, lifeMeetingPending } from './life-meeting.deadlines.js';
import { meetingPeriod, periodOf } from './life-meeting.period.js';
import {
  type LifeMeetingEvent,
  type LifeMeetingInput,
  type LifeMeetingKind,
  type LifeMeetingStep,
  lifeMeetingInputSchema,
} from './life-meeting.schema.js';
import { type LifeMeetingStepName, lifeMeetingStepSpecs } from './life-meeting.steps.js';

/**
 * OLM-KIND: the meeting's name. Nationally a branch holds a 组织生活会 and a leadership team a
 * 民主生活会; the document calls the branch meeting 党支部民主生活会.
 */
export function lifeMeetingTitle(
  kind: LifeMeetingKind,
  profileKind: 'branch-democratic-life-meeting' | 'organisational-life-meeting',
): Bilingual {
  if (kind === 'leadership-team') {
    return profileKind === 'branch-democratic-life-meeting'
      ? { zh: '领导班子民主生活会', en: 'leadership-team democratic life meeting' }
      : { zh: '民主生活会', en: 'democratic life meeting' };
  }
  return profileKind === 'branch-democratic-life-meeting'
    ? { zh: '党支部民主生活会', en: 'branch democratic life meeting' }
    : { zh: '组织生活会', en: 'organisational life meeting' };
}

/** The initial context from validated input: the profile is projected, the period and its due date fixed. */
export function initialLifeMeetingContext(raw: LifeMeetingInput): LifeMeetingContext {
  const input = lifeMeetingInputSchema.parse(raw);
  const rules = projectProfile(input.profile, ['common', 'lifeMeeting']);
  const period = meetingPeriod(input.period.year, input.period.half ?? null);
  const context: LifeMeetingContext = {
    ...emptyLedger(),
    caseId: input.caseId,
    orgId: input.orgId,
    kind: input.kind,
    title: { zh: '', en: '' },
    period,
    dueDate: period.end,
    members: input.members,
    openedBy: input.actor.id,
    rules,
    steps: {},
    latestOn: null,
    topic: null,
    plannedDate: null,
    opinions: { talks: 0, forums: 0 },
    upperNotices: [],
    memberNotices: [],
    speeches: null,
    postponementRequest: null,
    postponements: [],
    meeting: null,
    absentees: [],
    problems: [],
    rectification: null,
    feedback: null,
    accountability: null,
    pending: [],
    outcome: null,
  };
  const titled = {
    ...context,
    title: lifeMeetingTitle(input.kind, rulesAt(context, period.end).values.lifeMeeting.kind),
  };
  return refresh(titled, period.start);
}

/**
 * Recomputes deadlines and pending steps. A deadline that is gone was met: late if it had been
 * marked overdue or was met after its day; an overdue deadline whose date moved later (a consented
 * postponement) is no longer overdue (the `after-due` policy of {@link refreshDeadlines}).
 */
function refresh(context: LifeMeetingContext, on: LocalDate): LifeMeetingContext {
  const deadlines = lifeMeetingDeadlines(context);
  return produce(refreshDeadlines(context, deadlines, on, 'after-due'), (draft) => {
    draft.pending = lifeMeetingPending(context, deadlines);
  });
}

/** Applies the payload of an event to the case data (topic, notices, meeting, absentees, problems…). */
export function applyPayload(context: LifeMeetingContext, event: LifeMeetingEvent): LifeMeetingContext {
  const notice = { on: event.occurredOn, actorId: event.actor.id };
  return produce(context, (draft) => {
    switch (event.type) {
      case 'DECIDE_TOPIC':
        draft.topic = { contents: event.contents, focusProblems: event.focusProblems };
        draft.plannedDate = event.plannedDate;
        break;
      case 'SOLICIT_OPINIONS':
        draft.opinions = { talks: draft.opinions.talks + event.talks, forums: draft.opinions.forums + event.forums };
        break;
      case 'NOTIFY_UPPER':
        draft.upperNotices.push({ ...notice, meetingDate: event.meetingDate });
        draft.plannedDate = event.meetingDate;
        break;
      case 'NOTIFY_MEMBERS':
        draft.memberNotices.push({ ...notice, meetingDate: event.meetingDate });
        draft.plannedDate = event.meetingDate;
        break;
      case 'PREPARE_SPEECHES':
        draft.speeches = { prepared: event.prepared, leaderTalks: event.leaderTalks };
        break;
      case 'REQUEST_POSTPONEMENT':
        draft.postponementRequest = {
          on: event.occurredOn,
          until: event.until,
          reason: event.reason,
          requestedBy: event.actor.id,
        };
        break;
      case 'CONSENT_POSTPONEMENT':
        if (context.postponementRequest) {
          draft.postponements.push({
            ...context.postponementRequest,
            from: context.dueDate,
            consentedOn: event.occurredOn,
            approvedBy: event.actor.id,
          });
          draft.dueDate = context.postponementRequest.until;
        }
        draft.postponementRequest = null;
        break;
      case 'DECLINE_POSTPONEMENT':
        draft.postponementRequest = null;
        break;
      case 'HOLD_MEETING': {
        const bucket = periodOf(event.occurredOn, context.period.half === null ? 'year' : 'half-year');
        draft.meeting = {
          on: event.occurredOn,
          chairId: event.actor.id,
          delegated: !event.actor.roles.includes('branch-secretary'),
          due: event.due,
          present: event.present,
          speeches: event.speeches,
          documentsStudied: event.documentsStudied,
          opinionsReported: event.opinionsReported,
          upperAttended: event.upperAttended,
          bucket: bucket.label,
          late: event.occurredOn > context.dueDate,
        };
        draft.absentees = event.absentees.map((absentee) => ({
          ...absentee,
          criticismPassedOn: null,
          passedOnBy: null,
        }));
        draft.problems = event.problemsRaised.map((id) => ({
          id,
          raisedOn: event.occurredOn,
          handled: event.resolvedOnSite.includes(id) ? { how: 'resolved', on: event.occurredOn } : null,
        }));
        break;
      }
      case 'PASS_ON_CRITICISM':
        for (const absentee of draft.absentees) {
          if (absentee.id === event.absenteeId) {
            absentee.criticismPassedOn = event.occurredOn;
            absentee.passedOnBy = event.actor.id;
          }
        }
        break;
      case 'RECORD_RECTIFICATION_PLAN':
        draft.rectification = { measures: event.measures, responsibleId: event.responsibleId };
        handle(draft.problems, event.problemIds, 'rectification', event.occurredOn);
        break;
      case 'RESOLVE_PROBLEMS':
        handle(draft.problems, event.problemIds, event.how, event.occurredOn);
        break;
      case 'GIVE_FEEDBACK':
        draft.feedback = event.audiences;
        break;
      default:
        break;
    }
  });
}

function handle(
  problems: LifeMeetingContext['problems'][number][],
  ids: readonly string[],
  how: NonNullable<LifeMeetingContext['problems'][number]['handled']>['how'],
  on: LocalDate,
): void {
  problems.forEach((problem, index) => {
    if (ids.includes(problem.id) && problem.handled === null) problems[index] = { ...problem, handled: { how, on } };
  });
}

/**
 * Records an event: the warnings of its step's checks (evaluated on the case as it was, like the
 * guard), its payload, the step's date, rule version and actor; then recomputes deadlines and
 * pending steps, moving deadlines met after their day to `late`.
 */
export function recordStep(
  context: LifeMeetingContext,
  event: LifeMeetingEvent,
  step: LifeMeetingStep | null,
  guard: LifeMeetingStepName,
): LifeMeetingContext {
  const { occurredOn: on, actor } = event;
  const warnings = stepWarnings(lifeMeetingStepSpecs[guard], toLifeMeetingInput(context, event));
  const versionId = rulesAt(context, on).versionId;
  const recorded = {
    ...withStepRecorded(applyPayload(context, event), step, { on, versionId, actorId: actor.id }, warnings),
    latestOn: on,
  };
  return refresh(recorded, event.occurredOn);
}

/**
 * OLM-ESCALATE: closing with problems still open holds the chair accountable; the record names the
 * chair, the rule and the open problems, and stays on the case whatever follows.
 */
export function holdChairAccountable(context: LifeMeetingContext, event: LifeMeetingEvent): LifeMeetingContext {
  return produce(context, (draft) => {
    draft.accountability = {
      on: event.occurredOn,
      chairId: context.meeting?.chairId ?? event.actor.id,
      ruleId: 'OLM-ESCALATE',
      openProblems: openProblems(context).map((problem) => problem.id),
    };
    draft.flags.push({
      ruleId: 'OLM-ESCALATE',
      step: 'closed',
      message: {
        zh: `会上提出的${openProblems(context).length}个问题未及时研究解决和向上级报告，应追究会议主持人或召集人的责任`,
        en: `${openProblems(context).length} problem(s) raised were not handled in time: the chair or convener is accountable`,
      },
      raisedOn: event.occurredOn,
    });
  });
}

/** Records how the case ended. */
export function closeCase(
  context: LifeMeetingContext,
  event: LifeMeetingEvent,
  kind: LifeMeetingOutcome['kind'],
): LifeMeetingContext {
  const reason = event.type === 'ESCALATE_TO_DISCIPLINE' ? event.reason : null;
  return refresh(
    { ...context, outcome: { kind, on: event.occurredOn, chairAccountable: context.accountability !== null, reason } },
    event.occurredOn,
  );
}

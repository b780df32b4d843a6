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
 * postponement) is no longer overdue (the `after-due` policy of {@link refreshDeadlines}, which also
 * freezes the result).
 */
function refresh(context: LifeMeetingContext, on: LocalDate): LifeMeetingContext {
  const deadlines = lifeMeetingDeadlines(context);
  return refreshDeadlines({ ...context, pending: lifeMeetingPending(context, deadlines) }, deadlines, on, 'after-due');
}

/**
 * Applies the payload of an event to the case data (topic, notices, meeting, absentees, problems…).
 * Built by hand rather than through immer: it runs at every step, and `refreshDeadlines`, which every
 * step ends with, freezes what it makes. An event without a payload leaves the case as it is.
 */
export function applyPayload(context: LifeMeetingContext, event: LifeMeetingEvent): LifeMeetingContext {
  const notice = { on: event.occurredOn, actorId: event.actor.id };
  switch (event.type) {
    case 'DECIDE_TOPIC':
      return {
        ...context,
        topic: { contents: event.contents, focusProblems: event.focusProblems },
        plannedDate: event.plannedDate,
      };
    case 'SOLICIT_OPINIONS':
      return {
        ...context,
        opinions: { talks: context.opinions.talks + event.talks, forums: context.opinions.forums + event.forums },
      };
    case 'NOTIFY_UPPER':
      return {
        ...context,
        upperNotices: [...context.upperNotices, { ...notice, meetingDate: event.meetingDate }],
        plannedDate: event.meetingDate,
      };
    case 'NOTIFY_MEMBERS':
      return {
        ...context,
        memberNotices: [...context.memberNotices, { ...notice, meetingDate: event.meetingDate }],
        plannedDate: event.meetingDate,
      };
    case 'PREPARE_SPEECHES':
      return { ...context, speeches: { prepared: event.prepared, leaderTalks: event.leaderTalks } };
    case 'REQUEST_POSTPONEMENT':
      return {
        ...context,
        postponementRequest: {
          on: event.occurredOn,
          until: event.until,
          reason: event.reason,
          requestedBy: event.actor.id,
        },
      };
    case 'CONSENT_POSTPONEMENT': {
      const request = context.postponementRequest;
      if (!request) return context;
      return {
        ...context,
        postponements: [
          ...context.postponements,
          { ...request, from: context.dueDate, consentedOn: event.occurredOn, approvedBy: event.actor.id },
        ],
        dueDate: request.until,
        postponementRequest: null,
      };
    }
    case 'DECLINE_POSTPONEMENT':
      return context.postponementRequest === null ? context : { ...context, postponementRequest: null };
    case 'HOLD_MEETING': {
      const bucket = periodOf(event.occurredOn, context.period.half === null ? 'year' : 'half-year');
      return {
        ...context,
        meeting: {
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
        },
        absentees: event.absentees.map((absentee) => ({ ...absentee, criticismPassedOn: null, passedOnBy: null })),
        problems: event.problemsRaised.map((id) => ({
          id,
          raisedOn: event.occurredOn,
          handled: event.resolvedOnSite.includes(id) ? { how: 'resolved' as const, on: event.occurredOn } : null,
        })),
      };
    }
    case 'PASS_ON_CRITICISM':
      return {
        ...context,
        absentees: context.absentees.map((absentee) =>
          absentee.id === event.absenteeId
            ? { ...absentee, criticismPassedOn: event.occurredOn, passedOnBy: event.actor.id }
            : absentee,
        ),
      };
    case 'RECORD_RECTIFICATION_PLAN':
      return {
        ...context,
        rectification: { measures: event.measures, responsibleId: event.responsibleId },
        problems: handled(context.problems, event.problemIds, 'rectification', event.occurredOn),
      };
    case 'RESOLVE_PROBLEMS':
      return { ...context, problems: handled(context.problems, event.problemIds, event.how, event.occurredOn) };
    case 'GIVE_FEEDBACK':
      return { ...context, feedback: event.audiences };
    default:
      return context;
  }
}

/** `problems` with those named in `ids` and not yet handled marked handled `how` on `on`. */
function handled(
  problems: LifeMeetingContext['problems'],
  ids: readonly string[],
  how: NonNullable<LifeMeetingContext['problems'][number]['handled']>['how'],
  on: LocalDate,
): LifeMeetingContext['problems'] {
  return problems.map((problem) =>
    ids.includes(problem.id) && problem.handled === null ? { ...problem, handled: { how, on } } : problem,
  );
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

import type { LocalDate } from '@dangwu/rules';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { type AnyMachineSnapshot, assign, initialTransition, transition } from 'xstate';
import { refreshDeadlines, withStepRecorded } from '../src/core/case-ledger.js';
import { parsePayload } from '../src/core/parse-payload.js';
import { stepWarnings } from '../src/core/step-spec.js';
import { rulesAt, toLifeMeetingInput } from '../src/life-meeting/life-meeting.check-input.js';
import type { LifeMeetingContext, LifeMeetingOutcome } from '../src/life-meeting/life-meeting.context.js';
import { lifeMeetingDeadlines, lifeMeetingPending } from '../src/life-meeting/life-meeting.deadlines.js';
import { lifeMeetingMachine } from '../src/life-meeting/life-meeting.machine.js';
import { periodOf } from '../src/life-meeting/life-meeting.period.js';
import {
  type LifeMeetingEvent,
  type LifeMeetingStep,
  lifeMeetingEventSchema,
} from '../src/life-meeting/life-meeting.schema.js';
import { type LifeMeetingStepName, lifeMeetingStepSpecs } from '../src/life-meeting/life-meeting.steps.js';
import { applyPayload } from '../src/life-meeting/life-meeting.updates.js';
import { ev } from './development-fixtures.js';
import { deadlineReached, lifeMeetingInput, meetingPayload, preparationEvents } from './life-meeting-fixtures.js';

/** The immer version applyPayload replaced, kept as the reference it must agree with. */
function referencePayload(context: LifeMeetingContext, event: LifeMeetingEvent): LifeMeetingContext {
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
        referenceHandle(draft.problems, event.problemIds, 'rectification', event.occurredOn);
        break;
      case 'RESOLVE_PROBLEMS':
        referenceHandle(draft.problems, event.problemIds, event.how, event.occurredOn);
        break;
      case 'GIVE_FEEDBACK':
        draft.feedback = event.audiences;
        break;
      default:
        break;
    }
  });
}

function referenceHandle(
  problems: LifeMeetingContext['problems'][number][],
  ids: readonly string[],
  how: NonNullable<LifeMeetingContext['problems'][number]['handled']>['how'],
  on: LocalDate,
): void {
  problems.forEach((problem, index) => {
    if (ids.includes(problem.id) && problem.handled === null) problems[index] = { ...problem, handled: { how, on } };
  });
}

/** The immer version of the step update (payload, step record, deadlines and pending steps). */
function referenceStep(
  context: LifeMeetingContext,
  event: LifeMeetingEvent,
  step: LifeMeetingStep | null,
  guard: LifeMeetingStepName,
): LifeMeetingContext {
  const { occurredOn: on, actor } = event;
  const warnings = stepWarnings(lifeMeetingStepSpecs[guard], toLifeMeetingInput(context, event));
  const versionId = rulesAt(context, on).versionId;
  const recorded = {
    ...withStepRecorded(referencePayload(context, event), step, { on, versionId, actorId: actor.id }, warnings),
    latestOn: on,
  };
  return referenceRefresh(recorded, on);
}

/** The immer version of the recomputation of deadlines and pending steps. */
function referenceRefresh(context: LifeMeetingContext, on: LocalDate): LifeMeetingContext {
  const deadlines = lifeMeetingDeadlines(context);
  return produce(refreshDeadlines(context, deadlines, on, 'after-due'), (draft) => {
    draft.pending = lifeMeetingPending(context, deadlines);
  });
}

const parsed = (event: Record<string, unknown>) => parsePayload(lifeMeetingEventSchema, event, 'event');

/** The machine with the immer step update and recomputation in place of the ones built by hand. */
const referenceMachine = lifeMeetingMachine.provide({
  actions: {
    record: assign(({ context, event }, params: { step: LifeMeetingStep | null; guard: LifeMeetingStepName }) =>
      referenceStep(context as LifeMeetingContext, parsed(event), params.step, params.guard),
    ) as never,
    close: assign(({ context, event }, params: { kind: LifeMeetingOutcome['kind'] }) => {
      const before = context as LifeMeetingContext;
      const closing = parsed(event);
      const reason = closing.type === 'ESCALATE_TO_DISCIPLINE' ? closing.reason : null;
      const outcome = {
        kind: params.kind,
        on: closing.occurredOn,
        chairAccountable: before.accountability !== null,
        reason,
      };
      return referenceRefresh({ ...before, outcome }, closing.occurredOn);
    }) as never,
  },
});

/** A copy of `value` frozen all the way down, so an update that writes into its input throws. */
const frozenCopy = <T>(value: T): T => {
  const copy = structuredClone(value);
  const freeze = (member: unknown): void => {
    if (typeof member !== 'object' || member === null) return;
    Object.freeze(member);
    for (const inner of Object.values(member)) freeze(inner);
  };
  freeze(copy);
  return copy;
};

/** Whether `value` and every object and array in it are frozen. */
const everyObjectFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(everyObjectFrozen));

/**
 * Sends `events` to the machine and to the reference machine side by side: every event must be taken
 * (the script is a real case), and both must agree on the state and the case after each; what the case
 * holds is frozen all the way down. Before each event, `applyPayload` alone must agree with its reference too,
 * including the events that leave the case as it is (then the very same object).
 */
function agreeAlong(input: ReturnType<typeof lifeMeetingInput>, events: readonly Record<string, unknown>[]): void {
  let [snapshot] = initialTransition(lifeMeetingMachine, input) as [AnyMachineSnapshot, unknown];
  let [expected] = initialTransition(referenceMachine, input) as [AnyMachineSnapshot, unknown];
  for (const event of events) {
    const context = snapshot.context as LifeMeetingContext;
    const frozen = frozenCopy(context);
    const payload = applyPayload(frozen, parsed(event));
    const referencePayloadResult = referencePayload(frozen, parsed(event));
    expect(payload).toEqual(referencePayloadResult);
    if (referencePayloadResult === frozen) expect(payload).toBe(frozen);

    [snapshot] = transition(lifeMeetingMachine, snapshot, event as never) as [AnyMachineSnapshot, unknown];
    [expected] = transition(referenceMachine, expected, event as never) as [AnyMachineSnapshot, unknown];
    expect(snapshot.context, `${event.type} on ${event.occurredOn} was not taken`).not.toBe(context);
    expect(snapshot.value).toEqual(expected.value);
    expect(snapshot.context).toEqual(expected.context);
    // XState's assign copies the top level of the case; everything in it stays frozen.
    expect(Object.values(snapshot.context).every(everyObjectFrozen)).toBe(true);
  }
}

describe('life meeting step update (built by hand)', () => {
  it('agrees with the immer version through postponements, a meeting with absentees and problems, and its follow-up', () => {
    agreeAlong(lifeMeetingInput('document'), [
      ev('DECIDE_TOPIC', '2026-06-01', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['f-1'],
        plannedDate: '2026-06-25',
      }),
      ev('REQUEST_POSTPONEMENT', '2026-06-12', 'branch-secretary', { until: '2026-07-31', reason: 'FLOOD' }),
      ev('CONSENT_POSTPONEMENT', '2026-06-15', 'higher-committee'),
      ev('REQUEST_POSTPONEMENT', '2026-06-16', 'branch-secretary', { until: '2026-08-31', reason: 'AGAIN' }),
      ev('DECLINE_POSTPONEMENT', '2026-06-17', 'higher-committee', { reason: 'NO' }),
      ev('SOLICIT_OPINIONS', '2026-06-18', 'org-commissioner', { talks: 4, forums: 1 }),
      ev('SOLICIT_OPINIONS', '2026-06-19', 'org-commissioner', { talks: 2, forums: 0 }),
      ev('NOTIFY_UPPER', '2026-06-20', 'branch-secretary', { meetingDate: '2026-07-10' }),
      ev('NOTIFY_MEMBERS', '2026-06-21', 'branch-secretary', { meetingDate: '2026-07-10' }),
      ev('PREPARE_SPEECHES', '2026-07-01', 'branch-committee', { prepared: 12 }),
      ev(
        'HOLD_MEETING',
        '2026-07-10',
        'branch-committee',
        meetingPayload({
          present: 10,
          speeches: 10,
          absentees: [
            { id: 'm-7', writtenStatement: true },
            { id: 'm-8', writtenStatement: true },
          ],
          problemsRaised: ['q-1', 'q-2', 'q-3'],
          resolvedOnSite: ['q-3'],
        }),
      ),
      ev('PASS_ON_CRITICISM', '2026-07-12', 'member', { absenteeId: 'm-7' }),
      ev('RECORD_RECTIFICATION_PLAN', '2026-07-15', 'branch-committee', {
        measures: 2,
        responsibleId: 'l-1',
        problemIds: ['q-1'],
      }),
      ev('RESOLVE_PROBLEMS', '2026-07-16', 'branch-committee', { problemIds: ['q-2'], how: 'reported-upward' }),
      ev('REPORT_UPPER', '2026-07-17', 'branch-secretary'),
      ev('GIVE_FEEDBACK', '2026-07-18', 'branch-committee', { audiences: ['members', 'public'] }),
      ev('PASS_ON_CRITICISM', '2026-07-19', 'branch-secretary', { absenteeId: 'm-8' }),
      ev('CLOSE', '2026-07-20', 'branch-secretary'),
    ]);
  });

  it('leaves the case as it is, as immer did, when there is no postponement request to consent to or decline', () => {
    const [snapshot] = initialTransition(lifeMeetingMachine, lifeMeetingInput('document')) as [
      AnyMachineSnapshot,
      unknown,
    ];
    const context = snapshot.context as LifeMeetingContext;
    for (const event of [
      ev('CONSENT_POSTPONEMENT', '2026-06-15', 'higher-committee'),
      ev('DECLINE_POSTPONEMENT', '2026-06-15', 'higher-committee', { reason: 'NO' }),
    ]) {
      expect(referencePayload(context, parsed(event))).toBe(context);
      expect(applyPayload(context, parsed(event))).toBe(context);
    }
  });

  it('agrees with it on a missed meeting: overdue, then held late and recorded late', () => {
    agreeAlong(lifeMeetingInput('document'), [
      ...preparationEvents('2026-06-30', {
        topic: '2026-05-20',
        opinions: '2026-05-25',
        upper: '2026-06-10',
        members: '2026-06-11',
        speeches: '2026-06-15',
      }),
      deadlineReached('meeting', '2026-07-01' as LocalDate),
      ev('HOLD_MEETING', '2026-07-01', 'branch-secretary', meetingPayload()),
      ev('RECORD_RECTIFICATION_PLAN', '2026-07-05', 'branch-committee', { measures: 1, responsibleId: 'l-1' }),
    ]);
  });
});

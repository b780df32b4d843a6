import type { LocalDate } from '@dangwu/rules';
import { assign, setup } from 'xstate';
import { markOverdue } from '../core/case-ledger.js';
import { eventParser } from '../core/parse-payload.js';
import { guardsFor } from '../core/step-spec.js';
import { ledgerGuards, timelinessMeta, timelinessRegion } from '../core/timeliness.js';
import { toLifeMeetingInput } from './life-meeting.check-input.js';
import type { LifeMeetingContext, LifeMeetingOutcome } from './life-meeting.context.js';
import {
  type LifeMeetingEventInput,
  type LifeMeetingInput,
  type LifeMeetingKind,
  type LifeMeetingStep,
  lifeMeetingEventSchema,
} from './life-meeting.schema.js';
import { type LifeMeetingStepName, lifeMeetingStepSpecs } from './life-meeting.steps.js';
import { closeCase, holdChairAccountable, initialLifeMeetingContext, recordStep } from './life-meeting.updates.js';

/** What a finished life-meeting case hands on: period, meeting date and how it ended. */
export interface LifeMeetingOutput {
  /** Case id. */
  readonly caseId: string;
  /** The organisation that held the meeting. */
  readonly orgId: string;
  /** Leadership team or branch. */
  readonly kind: LifeMeetingKind;
  /** Period label, e.g. `2026-H1`. */
  readonly period: string;
  /** Profile id the case ran under. */
  readonly profileId: string;
  /** The meeting date. */
  readonly meetingOn: LocalDate | null;
  /** Whether the meeting was held after its due date (EC-40). */
  readonly late: boolean;
  /** How it ended. */
  readonly outcome: LifeMeetingOutcome | null;
}

/**
 * XState hands actions the event as sent; the guard has already validated it, so parsing here only
 * fills in the schema's defaults and brands the dates.
 */
const parsed = eventParser(lifeMeetingEventSchema);

const record = (step: LifeMeetingStep | null, guard: LifeMeetingStepName) => ({
  type: 'record' as const,
  params: { step, guard },
});

/**
 * 民主生活会 / 组织生活会: one meeting of one organisation for one period (catalogue §5, OLM-*), from
 * the topic to the follow-up. The document's twice-a-year 党支部民主生活会 with its 3-day upper
 * notice and one-month rectification, or the national annual meeting, normally in Q4, reported within
 * 15 days, are chosen by the rule version in force on each step's date.
 */
export const lifeMeetingMachine = /* @__PURE__ */ setup({
  types: {
    context: {} as LifeMeetingContext,
    events: {} as LifeMeetingEventInput,
    input: {} as LifeMeetingInput,
    output: {} as LifeMeetingOutput,
  },
  guards: {
    ...guardsFor(lifeMeetingStepSpecs, toLifeMeetingInput),
    ...ledgerGuards<LifeMeetingContext>(),
  },
  actions: {
    record: assign(({ context, event }, params: { step: LifeMeetingStep | null; guard: LifeMeetingStepName }) =>
      recordStep(context, parsed(event), params.step, params.guard),
    ),
    holdChairAccountable: assign(({ context, event }) => holdChairAccountable(context, parsed(event))),
    close: assign(({ context, event }, params: { kind: LifeMeetingOutcome['kind'] }) =>
      closeCase(context, parsed(event), params.kind),
    ),
    markOverdue: assign(({ context, event }) => markOverdue(context, event)),
  },
}).createMachine({
  id: 'lifeMeeting',
  description:
    '民主生活会/组织生活会：从确定议题到会后整改、汇报和反馈 / Democratic or organisational life meeting: from the topic to the follow-up',
  context: ({ input }) => initialLifeMeetingContext(input),
  type: 'parallel',
  meta: { zh: '民主生活会 / 组织生活会', en: 'Democratic / organisational life meeting' },
  output: ({ context }) => ({
    caseId: context.caseId,
    orgId: context.orgId,
    kind: context.kind,
    period: context.period.label,
    profileId: context.rules.id,
    meetingOn: context.meeting?.on ?? null,
    late: context.meeting?.late ?? false,
    outcome: context.outcome,
  }),
  states: {
    case: {
      meta: { zh: '办理进度', en: 'Progress' },
      initial: 'preparing',
      on: {
        DEADLINE_REACHED: { guard: 'mayMarkOverdue', actions: 'markOverdue' },
      },
      states: {
        preparing: {
          meta: { zh: '会前准备', en: 'Preparation' },
          initial: 'topic',
          on: {
            REQUEST_POSTPONEMENT: {
              guard: 'mayRequestPostponement',
              actions: record(null, 'mayRequestPostponement'),
            },
            CONSENT_POSTPONEMENT: {
              guard: 'mayConsentPostponement',
              actions: record(null, 'mayConsentPostponement'),
            },
            DECLINE_POSTPONEMENT: {
              guard: 'mayDeclinePostponement',
              actions: record(null, 'mayDeclinePostponement'),
            },
          },
          states: {
            topic: {
              meta: { zh: '确定中心议题和突出问题', en: 'Deciding the topic and focus problems' },
              on: {
                DECIDE_TOPIC: {
                  guard: 'mayDecideTopic',
                  target: 'underway',
                  actions: record('topic', 'mayDecideTopic'),
                },
              },
            },
            underway: {
              meta: {
                zh: '征求意见、报告上级、通知党员、准备发言',
                en: 'Soliciting opinions, reporting upward, notifying members, preparing speeches',
              },
              on: {
                SOLICIT_OPINIONS: { guard: 'maySolicitOpinions', actions: record('opinions', 'maySolicitOpinions') },
                NOTIFY_UPPER: { guard: 'mayNotifyUpper', actions: record('upperNotice', 'mayNotifyUpper') },
                NOTIFY_MEMBERS: { guard: 'mayNotifyMembers', actions: record('membersNotice', 'mayNotifyMembers') },
                PREPARE_SPEECHES: { guard: 'mayPrepareSpeeches', actions: record('speeches', 'mayPrepareSpeeches') },
                HOLD_MEETING: {
                  guard: 'mayHoldMeeting',
                  target: '#lifeMeeting.case.followUp',
                  actions: record('meeting', 'mayHoldMeeting'),
                },
              },
            },
          },
        },
        followUp: {
          meta: { zh: '会后落实：整改、汇报、反馈', en: 'Follow-up: rectification, report, feedback' },
          type: 'parallel',
          on: {
            PASS_ON_CRITICISM: { guard: 'mayPassOnCriticism', actions: record(null, 'mayPassOnCriticism') },
            RESOLVE_PROBLEMS: { guard: 'mayResolveProblems', actions: record(null, 'mayResolveProblems') },
            CLOSE: [
              {
                guard: 'mayClose',
                target: 'closed',
                actions: [record('closed', 'mayClose'), { type: 'close', params: { kind: 'closed' } }],
              },
              {
                guard: 'mayCloseChairAccountable',
                target: 'chairAccountable',
                actions: [record('accountable', 'mayCloseChairAccountable'), 'holdChairAccountable'],
              },
            ],
          },
          states: {
            rectification: {
              meta: { zh: '整改措施', en: 'Rectification measures' },
              initial: 'pending',
              states: {
                pending: {
                  meta: { zh: '待制定整改措施', en: 'Measures to be recorded' },
                  on: {
                    RECORD_RECTIFICATION_PLAN: {
                      guard: 'mayRecordRectification',
                      target: 'done',
                      actions: record('rectification', 'mayRecordRectification'),
                    },
                  },
                },
                done: { meta: { zh: '已制定整改措施', en: 'Measures recorded' } },
              },
            },
            report: {
              meta: { zh: '书面报告上级党组织', en: 'Written report to the higher organisation' },
              initial: 'pending',
              states: {
                pending: {
                  meta: { zh: '待书面报告', en: 'Report to be made' },
                  on: {
                    REPORT_UPPER: {
                      guard: 'mayReportUpper',
                      target: 'done',
                      actions: record('report', 'mayReportUpper'),
                    },
                  },
                },
                done: { meta: { zh: '已书面报告', en: 'Reported' } },
              },
            },
            feedback: {
              meta: { zh: '向党内外群众反馈', en: 'Feedback to members and the public' },
              initial: 'pending',
              states: {
                pending: {
                  meta: { zh: '待反馈', en: 'Feedback to be given' },
                  on: {
                    GIVE_FEEDBACK: {
                      guard: 'mayGiveFeedback',
                      target: 'done',
                      actions: record('feedback', 'mayGiveFeedback'),
                    },
                  },
                },
                done: { meta: { zh: '已反馈', en: 'Feedback given' } },
              },
            },
          },
        },
        chairAccountable: {
          meta: {
            zh: '会上提出的问题未处理：追究主持人或召集人责任',
            en: 'Problems raised were not handled: the chair or convener is accountable',
          },
          on: {
            RESOLVE_PROBLEMS: [
              {
                guard: 'mayResolveAllOpen',
                target: 'closed',
                actions: [record(null, 'mayResolveAllOpen'), { type: 'close', params: { kind: 'closed' } }],
              },
              { guard: 'mayResolveSomeOpen', actions: record(null, 'mayResolveSomeOpen') },
            ],
            ESCALATE_TO_DISCIPLINE: {
              guard: 'mayEscalateToDiscipline',
              target: 'escalated',
              actions: [
                record('escalated', 'mayEscalateToDiscipline'),
                { type: 'close', params: { kind: 'escalated' } },
              ],
            },
          },
        },
        closed: { type: 'final', meta: { zh: '已办结', en: 'Closed' } },
        escalated: {
          type: 'final',
          meta: { zh: '移交纪检追究主持人责任', en: 'Referred to discipline inspection with the chair accountable' },
        },
      },
    },
    timeliness: { meta: timelinessMeta, ...timelinessRegion },
  },
});

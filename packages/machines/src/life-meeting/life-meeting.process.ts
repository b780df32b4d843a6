import type { SnapshotFrom } from 'xstate';
import { explainEvent } from '../core/explain-event.js';
import type { Explanation } from '../core/explanation.js';
import { defineProcess, type ProcessDefinition } from '../core/process-definition.js';
import { type LifeMeetingCheckInput, toLifeMeetingInput } from './life-meeting.check-input.js';
import type { LifeMeetingContext } from './life-meeting.context.js';
import { lifeMeetingMachine } from './life-meeting.machine.js';
import { lifeMeetingEventSchema, lifeMeetingInputSchema } from './life-meeting.schema.js';
import { lifeMeetingStepSpecs } from './life-meeting.steps.js';

/** A snapshot of the life-meeting machine. */
export type LifeMeetingSnapshot = SnapshotFrom<typeof lifeMeetingMachine>;

const afterMeeting = {
  ruleId: 'OLM-MEETING-STEPS',
  zh: '会后落实在会议召开之后',
  en: 'The follow-up comes after the meeting is held',
} as const;

const orderRules = {
  HOLD_MEETING: {
    ruleId: 'OLM-PREP-STEPS',
    zh: '须先确定议题并完成会前准备；会议已召开的不能再次召开',
    en: 'The topic and the preparation come first; a meeting already held cannot be held again',
  },
  SOLICIT_OPINIONS: {
    ruleId: 'OLM-PREP-STEPS',
    zh: '征求意见在确定议题之后、会议之前',
    en: 'Opinions are solicited after the topic, before the meeting',
  },
  NOTIFY_UPPER: {
    ruleId: 'OLM-PRENOTICE-UPPER',
    zh: '报告上级在确定议题之后、会议之前',
    en: 'The upper notice follows the topic and precedes the meeting',
  },
  NOTIFY_MEMBERS: {
    ruleId: 'OLM-PREP-STEPS',
    zh: '通知党员在确定议题之后、会议之前',
    en: 'Members are notified after the topic, before the meeting',
  },
  PREPARE_SPEECHES: {
    ruleId: 'OLM-PREP-STEPS',
    zh: '发言准备在确定议题之后、会议之前',
    en: 'Speeches are prepared after the topic, before the meeting',
  },
  REQUEST_POSTPONEMENT: {
    ruleId: 'OLM-RESCHEDULE',
    zh: '会议召开后不能再申请延期',
    en: 'A held meeting cannot be postponed',
  },
  CONSENT_POSTPONEMENT: {
    ruleId: 'OLM-RESCHEDULE',
    zh: '会议召开后不能再同意延期',
    en: 'A held meeting cannot be postponed',
  },
  PASS_ON_CRITICISM: afterMeeting,
  RECORD_RECTIFICATION_PLAN: afterMeeting,
  REPORT_UPPER: afterMeeting,
  GIVE_FEEDBACK: afterMeeting,
  RESOLVE_PROBLEMS: afterMeeting,
  CLOSE: afterMeeting,
  ESCALATE_TO_DISCIPLINE: {
    ruleId: 'OLM-ESCALATE',
    zh: '只有在结束时仍有问题未处理、主持人被追究责任时才移交纪检',
    en: 'Only a case closed with problems left open, the chair accountable, is referred to discipline inspection',
  },
} as const;

/**
 * Why `event` is or is not allowed now: every failing check with its rule id, zh-CN and English
 * text and, for time rules, the earliest date it will pass (for the upper notice: the earliest meeting date).
 */
export function explainLifeMeeting(snapshot: LifeMeetingSnapshot, event: unknown): Explanation {
  return explainEvent<LifeMeetingContext, LifeMeetingCheckInput>(snapshot, event, {
    eventSchema: lifeMeetingEventSchema,
    steps: lifeMeetingStepSpecs,
    toInput: toLifeMeetingInput,
    orderRules,
  });
}

/** The life-meeting process as the runtime and the testing kit run it. */
export const lifeMeetingProcess: ProcessDefinition<typeof lifeMeetingMachine> = defineProcess({
  id: 'life-meeting',
  version: '1.0.0',
  title: { zh: '民主生活会 / 组织生活会', en: 'Democratic / organisational life meeting' },
  machine: lifeMeetingMachine,
  inputSchema: lifeMeetingInputSchema,
  eventSchema: lifeMeetingEventSchema,
  explain: explainLifeMeeting,
  organisationOf: (snapshot) => snapshot.context.orgId,
});

// Checks of the preparation: topic, plan, opinions, the upper notice, speeches, postponement.
import { describeDuration, type LocalDate, minimumPeriodMetOn } from '@dangwu/rules';
import { chronologyCheck, payload } from '../core/check-helpers.js';
import { type LifeMeetingCheckInput, type LmCheck, outcome } from './life-meeting.check-input.js';

/** CASE-CHRONOLOGY: a step is not dated before the steps already recorded. */
export const chronology: LmCheck = chronologyCheck(({ context }) => context.latestOn);

/** §16 B7 (OLM-PREP-STEPS): the topic names one or two 突出问题 where the profile fixes the number. */
export const focusProblemCount: LmCheck = {
  name: 'focusProblemCount',
  ruleId: 'OLM-PREP-STEPS',
  severity: 'block',
  evaluate: (input) => {
    const topic = payload(input, 'DECIDE_TOPIC');
    const range = input.rules.values.lifeMeeting.focusProblems;
    if (!topic || !range) return null;
    const count = topic.focusProblems.length;
    const ok = count >= range.min && count <= range.max;
    return outcome(
      ok,
      ok
        ? { zh: `确定了${count}个突出问题`, en: `${count} focus problem(s) named` }
        : {
            zh: `须确定${range.min}至${range.max}个需要解决的突出问题，实为${count}个`,
            en: `${range.min} to ${range.max} focus problems must be named, got ${count}`,
          },
    );
  },
};

function plannedDate(input: LifeMeetingCheckInput): LocalDate | null {
  const event = payload(input, 'DECIDE_TOPIC', 'NOTIFY_UPPER', 'NOTIFY_MEMBERS');
  if (!event) return null;
  return event.type === 'DECIDE_TOPIC' ? event.plannedDate : event.meetingDate;
}

/**
 * OLM-RESCHEDULE: deciding, while still on time, to hold the meeting after the due date is a
 * postponement, which needs the higher organisation's consent first (REQUEST_POSTPONEMENT, then
 * CONSENT_POSTPONEMENT moves the due date). Once the due date has passed the meeting is overdue and
 * planning it is catching up, not postponing: allowed, so a missed deadline never blocks.
 */
export const plannedWithinDueDate: LmCheck = {
  name: 'plannedWithinDueDate',
  ruleId: 'OLM-RESCHEDULE',
  severity: 'block',
  evaluate: (input) => {
    const date = plannedDate(input);
    const due = input.context.dueDate;
    if (!date || !input.rules.values.lifeMeeting.rescheduleNeedsConsent || input.event.occurredOn > due) return null;
    return outcome(
      date <= due,
      date <= due
        ? { zh: `会期 ${date} 不晚于应召开日期 ${due}`, en: `The date ${date} is within the due date ${due}` }
        : {
            zh: `会期 ${date} 晚于应召开日期 ${due}：延期召开必须报告上级党组织同意`,
            en: `The date ${date} is after the due date ${due}: a postponement needs the higher organisation’s consent`,
          },
    );
  },
};

/** EC-40 (OLM-FREQ): a planned date lies in the case's period and not in the past. */
export const plannedInPeriod: LmCheck = {
  name: 'plannedInPeriod',
  ruleId: 'OLM-FREQ',
  severity: 'block',
  evaluate: (input) => {
    const date = plannedDate(input);
    if (!date) return null;
    const { period } = input.context;
    if (date < input.event.occurredOn) {
      return outcome(false, {
        zh: `会期 ${date} 早于通知或决定日期 ${input.event.occurredOn}`,
        en: `The meeting date ${date} is before the day it was set (${input.event.occurredOn})`,
      });
    }
    return outcome(
      date >= period.start,
      date >= period.start
        ? { zh: `会期在${period.name.zh}内或其后`, en: `The date is in ${period.name.en} or later` }
        : {
            zh: `会期 ${date} 早于${period.name.zh}（${period.start} 起），不能计为本期会议`,
            en: `The date ${date} is before ${period.name.en} (from ${period.start}); it cannot count for this period`,
          },
    );
  },
};

/** OLM-PREP-STEPS: opinions were heard by at least one talk or forum (个别谈心、座谈会). */
export const opinionsHeard: LmCheck = {
  name: 'opinionsHeard',
  ruleId: 'OLM-PREP-STEPS',
  severity: 'block',
  evaluate: (input) => {
    const solicit = payload(input, 'SOLICIT_OPINIONS');
    if (!solicit) return null;
    const ok = solicit.talks + solicit.forums > 0;
    return outcome(
      ok,
      ok
        ? {
            zh: `谈心${solicit.talks}人次、座谈会${solicit.forums}次`,
            en: `${solicit.talks} talks, ${solicit.forums} forums`,
          }
        : {
            zh: '征求意见须至少有一次个别谈心或座谈会',
            en: 'Soliciting opinions needs at least one talk or forum',
          },
    );
  },
};

/** The first day a meeting may be held after an upper notice given on `noticeOn`, or null where no notice is required. */
export function earliestMeetingAfter(input: LifeMeetingCheckInput, noticeOn: LocalDate): LocalDate | null {
  const lead = input.rules.values.lifeMeeting.preNoticeUpper;
  return lead ? minimumPeriodMetOn(noticeOn, lead, input.rules.dates).date : null;
}

/**
 * OLM-PRENOTICE-UPPER: the date and topic go to the higher organisation at least the profile's lead
 * before the meeting ("应提前三天报告上级党组织"); the check names the earliest date the meeting can be held.
 */
export const upperNoticeLead: LmCheck = {
  name: 'upperNoticeLead',
  ruleId: 'OLM-PRENOTICE-UPPER',
  severity: 'block',
  evaluate: (input) => {
    const notice = payload(input, 'NOTIFY_UPPER');
    const lead = input.rules.values.lifeMeeting.preNoticeUpper;
    const earliest = notice ? earliestMeetingAfter(input, notice.occurredOn) : null;
    if (!notice || !lead || !earliest) return null;
    const text = describeDuration(lead);
    return outcome(
      notice.meetingDate >= earliest,
      notice.meetingDate >= earliest
        ? {
            zh: `已提前${text.zh}报告上级党组织（会期 ${notice.meetingDate}）`,
            en: `Reported ${text.en} or more ahead (meeting on ${notice.meetingDate})`,
          }
        : {
            zh: `会期 ${notice.meetingDate} 距报告日 ${notice.occurredOn} 不足${text.zh}，会期最早为 ${earliest}`,
            en: `The meeting on ${notice.meetingDate} is less than ${text.en} after the report on ${notice.occurredOn}; the earliest meeting date is ${earliest}`,
          },
      earliest,
    );
  },
};

/** OLM-PREP-STEPS: speech preparation is recorded once, for no more members than are due. */
export const speechesPlausible: LmCheck = {
  name: 'speechesPlausible',
  ruleId: 'OLM-PREP-STEPS',
  severity: 'block',
  evaluate: (input) => {
    const prepare = payload(input, 'PREPARE_SPEECHES');
    if (!prepare) return null;
    if (input.context.steps.speeches) {
      return outcome(false, { zh: '发言准备已记录', en: 'Speech preparation is already on record' });
    }
    const ok = prepare.prepared <= input.context.members;
    return outcome(
      ok,
      ok
        ? { zh: `${prepare.prepared}名党员做好发言准备`, en: `${prepare.prepared} member(s) prepared a speech` }
        : {
            zh: `准备发言人数${prepare.prepared}多于应到人数${input.context.members}`,
            en: `${prepare.prepared} prepared speeches exceed the ${input.context.members} members due`,
          },
    );
  },
};

/** OLM-RESCHEDULE: a postponement asks for a later due date, one request at a time. */
export const postponementLater: LmCheck = {
  name: 'postponementLater',
  ruleId: 'OLM-RESCHEDULE',
  severity: 'block',
  evaluate: (input) => {
    const request = payload(input, 'REQUEST_POSTPONEMENT');
    if (!request) return null;
    if (input.context.postponementRequest) {
      return outcome(false, {
        zh: `已有待上级答复的延期申请（至 ${input.context.postponementRequest.until}）`,
        en: `A postponement to ${input.context.postponementRequest.until} is already awaiting an answer`,
      });
    }
    const due = input.context.dueDate;
    return outcome(
      request.until > due,
      request.until > due
        ? { zh: `申请延期至 ${request.until}`, en: `Postponement to ${request.until} requested` }
        : {
            zh: `${request.until} 不晚于现应召开日期 ${due}，无需延期`,
            en: `${request.until} is not after the due date ${due}; nothing to postpone`,
          },
    );
  },
};

/** OLM-RESCHEDULE: the higher organisation answers a pending postponement request. */
export const postponementRequested: LmCheck = {
  name: 'postponementRequested',
  ruleId: 'OLM-RESCHEDULE',
  severity: 'block',
  evaluate: (input) => {
    if (!payload(input, 'CONSENT_POSTPONEMENT', 'DECLINE_POSTPONEMENT')) return null;
    const request = input.context.postponementRequest;
    return outcome(
      request !== null,
      request
        ? { zh: `答复延期至 ${request.until} 的申请`, en: `Answers the request to postpone to ${request.until}` }
        : {
            zh: '没有待答复的延期申请：延期须由党组织先提出申请',
            en: 'No postponement request is pending: the organisation must ask first',
          },
    );
  },
};

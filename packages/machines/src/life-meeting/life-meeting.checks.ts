import {
  type Bilingual,
  describeDuration,
  describeRatio,
  type LocalDate,
  meetsRatio,
  minimumPeriodMetOn,
} from '@dangwu/rules';
import { chronologyCheck, deadlineDueCheck, payload } from '../core/check-helpers.js';
import { type CaseCheckInput, checkInputBuilder } from '../core/check-input.js';
import { type RulesInForce, rulesOn } from '../core/rules-context.js';
import type { Check, CheckOutcome } from '../core/step-spec.js';
import type { LifeMeetingContext, ProblemRecord } from './life-meeting.context.js';
import { periodOf, quarterOf } from './life-meeting.period.js';
import { type LifeMeetingEvent, type LifeMeetingStep, lifeMeetingEventSchema } from './life-meeting.schema.js';

/** What every life-meeting check reads: the case, the event and the rules in force on the event's date. */
export type LifeMeetingCheckInput = CaseCheckInput<LifeMeetingContext, LifeMeetingEvent, 'common' | 'lifeMeeting'>;

/**
 * The rules in force on `date` for the case's own dates (period, due date, planned date); a date
 * before the profile's first version reads the first version. Events dated so are refused by the
 * check-input builder, so nothing is recorded under it.
 */
export function rulesAt(context: LifeMeetingContext, date: LocalDate): RulesInForce<'common' | 'lifeMeeting'> {
  const first = context.rules.versions[0]?.effectiveFrom;
  return rulesOn(context.rules, first !== undefined && date < first ? first : date);
}

/**
 * Builds the check input, or null for a payload that does not parse (guards then refuse); an event
 * dated before the profile's first version gets a `rulesInForce` refusal.
 */
export const toLifeMeetingInput = checkInputBuilder(
  lifeMeetingEventSchema,
  (context: LifeMeetingContext) => context.rules,
);

type LmCheck = Check<LifeMeetingCheckInput>;

const outcome = (ok: boolean, message: Bilingual, earliest?: LocalDate): CheckOutcome =>
  earliest && !ok ? { ok, message, earliest } : { ok, message };

/** Problems raised at the meeting and not yet handled. */
export function openProblems(context: LifeMeetingContext): ProblemRecord[] {
  return context.problems.filter((problem) => problem.handled === null);
}

/** The latest upper notice, the one the meeting is checked against. */
const lastUpperNotice = (context: LifeMeetingContext) => context.upperNotices.at(-1) ?? null;

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

type MeetingEvent = Extract<LifeMeetingEvent, { type: 'HOLD_MEETING' }>;

function meetingCheck(
  name: string,
  ruleId: string,
  severity: 'block' | 'warn',
  evaluate: (meeting: MeetingEvent, input: LifeMeetingCheckInput) => CheckOutcome | null,
): LmCheck {
  return {
    name,
    ruleId,
    severity,
    evaluate: (input) => {
      const meeting = payload(input, 'HOLD_MEETING');
      return meeting ? evaluate(meeting, input) : null;
    },
  };
}

/** EC-40 (OLM-FREQ): a meeting dated before the period belongs to an earlier bucket and cannot count for it. */
export const meetingInPeriod = meetingCheck('meetingInPeriod', 'OLM-FREQ', 'block', (meeting, { context }) => {
  const bucket = periodOf(meeting.occurredOn, context.period.half === null ? 'year' : 'half-year');
  return outcome(
    meeting.occurredOn >= context.period.start,
    meeting.occurredOn >= context.period.start
      ? { zh: `会议日期属于${bucket.name.zh}`, en: `The meeting date is in ${bucket.name.en}` }
      : {
          zh: `会议日期 ${meeting.occurredOn} 属于${bucket.name.zh}，不能计为${context.period.name.zh}的会议`,
          en: `A meeting on ${meeting.occurredOn} belongs to ${bucket.name.en}, not ${context.period.name.en}`,
        },
    context.period.start,
  );
});

/** OLM-FREQ (EC-40): a meeting after the due date is late for its period; recorded, never refused. */
export const meetingOnTime = meetingCheck('meetingOnTime', 'OLM-FREQ', 'warn', (meeting, { context }) => {
  const bucket = periodOf(meeting.occurredOn, context.period.half === null ? 'year' : 'half-year');
  return outcome(
    meeting.occurredOn <= context.dueDate,
    meeting.occurredOn <= context.dueDate
      ? { zh: `在 ${context.dueDate} 前召开`, en: `Held by ${context.dueDate}` }
      : {
          zh: `${context.period.name.zh}的会议应于 ${context.dueDate} 前召开，${meeting.occurredOn} 已属${bucket.name.zh}，逾期召开`,
          en: `The meeting for ${context.period.name.en} was due by ${context.dueDate}; ${meeting.occurredOn} falls in ${bucket.name.en} and is late`,
        },
  );
});

/** OLM-FREQ: where the profile names the usual quarter (national: Q4), another quarter only warns. */
export const meetingInUsualQuarter = meetingCheck('meetingInUsualQuarter', 'OLM-FREQ', 'warn', (meeting, input) => {
  const usual = input.rules.values.lifeMeeting.usualQuarter;
  if (usual === null) return null;
  const quarter = quarterOf(meeting.occurredOn);
  return outcome(
    quarter === usual,
    quarter === usual
      ? { zh: `在第${usual}季度召开`, en: `Held in Q${usual}` }
      : {
          zh: `一般在第${usual}季度召开，本次在第${quarter}季度`,
          en: `Normally held in Q${usual}; this one is in Q${quarter}`,
        },
  );
});

/** OLM-PRENOTICE-UPPER: the meeting is held only once its upper notice has run its lead. */
export const upperNoticeRun = meetingCheck('upperNoticeRun', 'OLM-PRENOTICE-UPPER', 'block', (meeting, input) => {
  const lead = input.rules.values.lifeMeeting.preNoticeUpper;
  if (!lead) return null;
  const text = describeDuration(lead);
  const notice = lastUpperNotice(input.context);
  if (!notice) {
    return outcome(false, {
      zh: `召开日期及议题须提前${text.zh}报告上级党组织，尚未报告`,
      en: `The date and topic must be reported to the higher organisation ${text.en} ahead; no report is on record`,
    });
  }
  const earliest = earliestMeetingAfter(input, notice.on) ?? notice.on;
  return outcome(
    meeting.occurredOn >= earliest,
    meeting.occurredOn >= earliest
      ? { zh: `${notice.on} 已报告上级党组织`, en: `Reported to the higher organisation on ${notice.on}` }
      : {
          zh: `${notice.on} 报告上级党组织，须满${text.zh}方可召开，最早 ${earliest}`,
          en: `Reported on ${notice.on}; the meeting can be held ${text.en} later, from ${earliest}`,
        },
    earliest,
  );
});

/** OLM-PRENOTICE-UPPER: holding the meeting on another date than the one reported upward only warns. */
export const heldOnAnnouncedDate = meetingCheck(
  'heldOnAnnouncedDate',
  'OLM-PRENOTICE-UPPER',
  'warn',
  (meeting, { context }) => {
    const notice = lastUpperNotice(context);
    if (!notice) return null;
    return outcome(
      notice.meetingDate === meeting.occurredOn,
      notice.meetingDate === meeting.occurredOn
        ? { zh: '按报告上级的会期召开', en: 'Held on the date reported upward' }
        : {
            zh: `报告上级党组织的会期为 ${notice.meetingDate}，实际于 ${meeting.occurredOn} 召开`,
            en: `The higher organisation was told ${notice.meetingDate}; held on ${meeting.occurredOn}`,
          },
    );
  },
);

/** OLM-PREP-STEPS, §16 B8: opinions heard, members notified before the day, speeches prepared. */
export const preparationComplete = meetingCheck('preparationComplete', 'OLM-PREP-STEPS', 'block', (meeting, input) => {
  const { context } = input;
  const missing: Bilingual[] = [];
  if (!context.steps.opinions) missing.push({ zh: '广泛征求意见', en: 'soliciting opinions' });
  const notice = context.memberNotices.at(-1);
  if (!notice || notice.on >= meeting.occurredOn) {
    missing.push({ zh: '会前通知参会党员', en: 'notifying the members before the day' });
  }
  if (!context.steps.speeches) missing.push({ zh: '做好发言准备', en: 'preparing speeches' });
  return outcome(
    missing.length === 0,
    missing.length === 0
      ? { zh: '会前准备已完成', en: 'Preparation is complete' }
      : {
          zh: `会前准备未完成：${missing.map((item) => item.zh).join('、')}`,
          en: `Preparation is incomplete: ${missing.map((item) => item.en).join(', ')}`,
        },
  );
});

/** OLM-MEETING-STEPS: documents studied and the opinions reported; skipping either only warns. */
export const agendaFollowed = meetingCheck('agendaFollowed', 'OLM-MEETING-STEPS', 'warn', (meeting) =>
  outcome(
    meeting.documentsStudied && meeting.opinionsReported,
    meeting.documentsStudied && meeting.opinionsReported
      ? { zh: '学习了上级文件并通报了群众意见', en: 'Documents studied and opinions reported' }
      : {
          zh: `会议程序缺少：${[!meeting.documentsStudied && '学习上级有关文件', !meeting.opinionsReported && '通报党内外群众意见'].filter(Boolean).join('、')}`,
          en: `The meeting skipped: ${[!meeting.documentsStudied && 'studying the documents', !meeting.opinionsReported && 'reporting the opinions'].filter(Boolean).join(', ')}`,
        },
  ),
);

/** OLM-MEETING-STEPS: each member present speaks with criticism and self-criticism; fewer only warns. */
export const everyoneSpoke = meetingCheck('everyoneSpoke', 'OLM-MEETING-STEPS', 'warn', (meeting) =>
  outcome(
    meeting.speeches === meeting.present,
    meeting.speeches === meeting.present
      ? { zh: '到会党员均作了批评和自我批评发言', en: 'Every member present spoke' }
      : {
          zh: `到会${meeting.present}人，发言${meeting.speeches}人`,
          en: `${meeting.present} present, ${meeting.speeches} spoke`,
        },
  ),
);

/**
 * OLM-ATTENDANCE (document 五2(4) "因故缺席的人员应提交书面发言"): an absentee without a written
 * statement is recorded as a warning, not refused: the meeting did take place, and refusing to record
 * it would push the branch to falsify the record; the absence is handled by 批评教育 (OLM-ABSENCE-SANCTION).
 */
export const absenteeStatements = meetingCheck('absenteeStatements', 'OLM-ATTENDANCE', 'warn', (meeting, input) => {
  if (!input.rules.values.lifeMeeting.absenteeWrittenStatement || meeting.absentees.length === 0) return null;
  const missing = meeting.absentees.filter((absentee) => !absentee.writtenStatement).length;
  return outcome(
    missing === 0,
    missing === 0
      ? { zh: '缺席人员均提交了书面发言并在会上宣读', en: 'Every absentee’s written statement was read' }
      : {
          zh: `${missing}名缺席人员未提交书面发言（应提交并在会上宣读、列入会议记录）`,
          en: `${missing} absentee(s) handed in no written statement (it should be read and recorded)`,
        },
  );
});

/** OLM-ATTENDANCE: where the profile sets an attendance ratio, a meeting below it is not a lawful meeting. */
export const attendanceMet = meetingCheck('attendanceMet', 'OLM-ATTENDANCE', 'block', (meeting, input) => {
  const ratio = input.rules.values.lifeMeeting.attendance;
  if (!ratio) return null;
  const text = describeRatio(ratio);
  return outcome(
    meetsRatio(meeting.present, meeting.due, ratio),
    meetsRatio(meeting.present, meeting.due, ratio)
      ? { zh: `到会人数达到应到人数的${text.zh}`, en: `Attendance is ${text.en} of those due` }
      : {
          zh: `到会${meeting.present}人，未达到应到${meeting.due}人的${text.zh}`,
          en: `${meeting.present} present is not ${text.en} of the ${meeting.due} due`,
        },
  );
});

/** OLM-ATTENDANCE: a different number due than when the case opened is recorded as a warning. */
export const dueMatchesCase = meetingCheck('dueMatchesCase', 'OLM-ATTENDANCE', 'warn', (meeting, { context }) =>
  outcome(
    meeting.due === context.members,
    meeting.due === context.members
      ? { zh: '应到人数与立案时一致', en: 'Members due as when the case opened' }
      : {
          zh: `应到${meeting.due}人，立案时为${context.members}人`,
          en: `${meeting.due} due; ${context.members} when the case opened`,
        },
  ),
);

/** OLM-ATTENDANCE: the criticism is passed on to an absentee on record, once. */
export const absenteeAwaitsCriticism: LmCheck = {
  name: 'absenteeAwaitsCriticism',
  ruleId: 'OLM-ATTENDANCE',
  severity: 'block',
  evaluate: (input) => {
    const pass = payload(input, 'PASS_ON_CRITICISM');
    if (!pass) return null;
    const absentee = input.context.absentees.find((candidate) => candidate.id === pass.absenteeId);
    if (!absentee) {
      return outcome(false, {
        zh: `${pass.absenteeId} 不是本次会议的缺席人员`,
        en: `${pass.absenteeId} is not an absentee of this meeting`,
      });
    }
    return outcome(
      absentee.criticismPassedOn === null,
      absentee.criticismPassedOn === null
        ? { zh: '向缺席人转告会议情况和批评意见', en: 'Passes the meeting and its criticism on to the absentee' }
        : {
            zh: `已于 ${absentee.criticismPassedOn} 转告`,
            en: `Already passed on on ${absentee.criticismPassedOn}`,
          },
    );
  },
};

/** OLM-ESCALATE: the problems named are ones raised at the meeting and still open. */
export const problemsOpen: LmCheck = {
  name: 'problemsOpen',
  ruleId: 'OLM-ESCALATE',
  severity: 'block',
  evaluate: (input) => {
    const event = payload(input, 'RESOLVE_PROBLEMS', 'RECORD_RECTIFICATION_PLAN');
    if (!event || event.problemIds.length === 0) return null;
    const open = new Set(openProblems(input.context).map((problem) => problem.id));
    const wrong = event.problemIds.filter((id) => !open.has(id));
    return outcome(
      wrong.length === 0,
      wrong.length === 0
        ? { zh: `处理${event.problemIds.length}个会上提出的问题`, en: `Handles ${event.problemIds.length} problem(s)` }
        : {
            zh: `问题 ${wrong.join('、')} 不是会上提出的未处理问题`,
            en: `${wrong.join(', ')} is not an open problem raised at the meeting`,
          },
    );
  },
};

/** Whether RESOLVE_PROBLEMS handles every problem still open (a routing condition). */
export function resolvesAllOpen(input: LifeMeetingCheckInput): boolean {
  const event = payload(input, 'RESOLVE_PROBLEMS');
  if (!event) return false;
  return openProblems(input.context).every((problem) => event.problemIds.includes(problem.id));
}

/** Whether closing now makes the chair accountable: problems still open under a profile with OLM-ESCALATE (routing). */
export function closingMakesChairAccountable(input: LifeMeetingCheckInput): boolean {
  return openProblems(input.context).length > 0 && input.rules.values.lifeMeeting.chairAccountable;
}

function followUpDone(name: string, ruleId: string, step: LifeMeetingStep, owed: Bilingual): LmCheck {
  return {
    name,
    ruleId,
    severity: 'block',
    evaluate: (input) => {
      if (!payload(input, 'CLOSE')) return null;
      const record = input.context.steps[step];
      return outcome(
        record !== undefined,
        record
          ? { zh: `已${owed.zh}（${record.on}）`, en: `Done: ${owed.en} (${record.on})` }
          : { zh: `结束前须${owed.zh}`, en: `Before closing: ${owed.en}` },
      );
    },
  };
}

/** The follow-up steps CLOSE needs: rectification plan, written report upward, feedback (五3). */
export const followUpComplete: readonly LmCheck[] = [
  followUpDone('rectificationRecorded', 'OLM-RECTIFY-DEADLINE', 'rectification', {
    zh: '制定整改措施',
    en: 'record the rectification measures',
  }),
  followUpDone('reportedUpper', 'OLM-REPORT-UPPER', 'report', {
    zh: '以书面形式向上级党组织汇报',
    en: 'report to the higher organisation in writing',
  }),
  followUpDone('feedbackGiven', 'OLM-REPORT-UPPER', 'feedback', {
    zh: '向党内外群众反馈',
    en: 'feed the results back to members and the public',
  }),
];

/** OLM-ATTENDANCE: where absentees hand in statements (document), their criticism is passed on before closing. */
export const criticismPassedOn: LmCheck = {
  name: 'criticismPassedOn',
  ruleId: 'OLM-ATTENDANCE',
  severity: 'block',
  evaluate: (input) => {
    if (!payload(input, 'CLOSE') || !input.rules.values.lifeMeeting.absenteeWrittenStatement) return null;
    const waiting = input.context.absentees.filter((absentee) => absentee.criticismPassedOn === null);
    return outcome(
      waiting.length === 0,
      waiting.length === 0
        ? { zh: '已向全部缺席人转告批评意见', en: 'The criticism was passed on to every absentee' }
        : {
            zh: `尚未向${waiting.length}名缺席人转告会议情况和批评意见`,
            en: `The criticism is still to be passed on to ${waiting.length} absentee(s)`,
          },
    );
  },
};

/**
 * OLM-ESCALATE: where the profile has no chair-accountability clause (national), the case cannot
 * close while problems raised at the meeting are neither solved, rectified, reported nor referred.
 */
export const problemsHandled: LmCheck = {
  name: 'problemsHandled',
  ruleId: 'OLM-ESCALATE',
  severity: 'block',
  evaluate: (input) => {
    if (!payload(input, 'CLOSE') || input.rules.values.lifeMeeting.chairAccountable) return null;
    const open = openProblems(input.context);
    return outcome(
      open.length === 0,
      open.length === 0
        ? { zh: '会上提出的问题均已处理', en: 'Every problem raised has been handled' }
        : {
            zh: `会上提出的${open.length}个问题尚未研究解决或向上级报告`,
            en: `${open.length} problem(s) raised are neither solved nor reported upward`,
          },
    );
  },
};

/** CASE-DEADLINE: the deadline named by DEADLINE_REACHED is pending, not yet marked, and its day has passed. */
export const deadlineDue: LmCheck = deadlineDueCheck();

// Checks of the meeting itself: period, timing, notice, preparation, agenda, speeches, attendance.
import { type Bilingual, describeDuration, describeRatio, meetsRatio } from '@dangwu/rules';
import { payload } from '../core/check-helpers.js';
import type { CheckOutcome } from '../core/step-spec.js';
import { type LifeMeetingCheckInput, type LmCheck, lastUpperNotice, outcome } from './life-meeting.check-input.js';
import { periodOf, quarterOf } from './life-meeting.period.js';
import { earliestMeetingAfter } from './life-meeting.preparation-checks.js';
import type { LifeMeetingEvent } from './life-meeting.schema.js';

type MeetingEvent = Extract<LifeMeetingEvent, { type: 'HOLD_MEETING' }>;

/** A check of the HOLD_MEETING event only (other events pass it by). */
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

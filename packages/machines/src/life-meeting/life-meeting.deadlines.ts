import { addDuration, type Bilingual, describeDuration, type LocalDate } from '@dangwu/rules';
import type { Deadline } from '../core/process-definition.js';
import { openProblems, rulesAt } from './life-meeting.check-input.js';
import type { LifeMeetingContext, PendingItem } from './life-meeting.context.js';

const dated = (id: string, ruleId: string, due: LocalDate, text: Bilingual, provisional = false): Deadline => ({
  id,
  ruleId,
  due,
  raises: { type: 'DEADLINE_REACHED', deadlineId: id },
  text,
  provisional,
});

/**
 * The deadlines pending on a life-meeting case, as dates derived from its record alone: the period's
 * due date (OLM-FREQ), the latest day to report the planned date upward (OLM-PRENOTICE-UPPER), and
 * after the meeting the rectification (OLM-RECTIFY-DEADLINE) and written report (OLM-REPORT-UPPER)
 * where the profile sets a number. Missing one never blocks; it marks the case overdue.
 */
export function lifeMeetingDeadlines(context: LifeMeetingContext): Deadline[] {
  if (context.outcome) return [];
  const { steps, title } = context;
  const deadlines: Deadline[] = [];
  if (!steps.meeting) {
    deadlines.push(
      dated('meeting', 'OLM-FREQ', context.dueDate, {
        zh: `${context.period.name.zh}${title.zh}须于 ${context.dueDate} 前召开`,
        en: `The ${title.en} for ${context.period.name.en} is due by ${context.dueDate}`,
      }),
    );
    const lead = context.plannedDate ? rulesAt(context, context.plannedDate).values.lifeMeeting.preNoticeUpper : null;
    if (context.plannedDate && lead && context.upperNotices.length === 0) {
      const rules = rulesAt(context, context.plannedDate);
      const latest = addDuration(context.plannedDate, { amount: -lead.amount, unit: lead.unit }, rules.dates);
      const text = describeDuration(lead);
      deadlines.push(
        dated(
          'upper-notice',
          'OLM-PRENOTICE-UPPER',
          latest.date,
          {
            zh: `会期 ${context.plannedDate} 及议题须提前${text.zh}报告上级党组织`,
            en: `Report the date ${context.plannedDate} and topic to the higher organisation ${text.en} ahead`,
          },
          latest.provisional,
        ),
      );
    }
    return deadlines;
  }
  const held = steps.meeting.on;
  const values = rulesAt(context, held).values.lifeMeeting;
  const dates = rulesAt(context, held).dates;
  if (!steps.rectification && values.rectifyWithin) {
    const due = addDuration(held, values.rectifyWithin, dates);
    const text = describeDuration(values.rectifyWithin);
    deadlines.push(
      dated(
        'rectification',
        'OLM-RECTIFY-DEADLINE',
        due.date,
        { zh: `会后${text.zh}内制定整改措施`, en: `Rectification measures within ${text.en} of the meeting` },
        due.provisional,
      ),
    );
  }
  if (!steps.report && values.reportUpperWithin) {
    const due = addDuration(held, values.reportUpperWithin, dates);
    const text = describeDuration(values.reportUpperWithin);
    deadlines.push(
      dated(
        'report-upper',
        'OLM-REPORT-UPPER',
        due.date,
        {
          zh: `会后${text.zh}内书面报告上级党组织`,
          en: `Written report to the higher organisation within ${text.en} of the meeting`,
        },
        due.provisional,
      ),
    );
  }
  return deadlines;
}

const owed = (id: string, ruleId: string, zh: string, en: string, due: LocalDate | null = null): PendingItem => ({
  id,
  ruleId,
  text: { zh, en },
  due,
});

/**
 * Every step still owed, dated where a deadline applies and undated where the rule sets no number
 * (the document's "及时" report): so a step without a date limit is still visible as pending.
 */
export function lifeMeetingPending(context: LifeMeetingContext, deadlines: readonly Deadline[]): PendingItem[] {
  const due = (id: string) => deadlines.find((deadline) => deadline.id === id)?.due ?? null;
  const { steps } = context;
  const items: PendingItem[] = [];
  if (context.outcome) return items;
  if (!steps.meeting) {
    if (context.postponementRequest) {
      items.push(
        owed(
          'postponement',
          'OLM-RESCHEDULE',
          `延期至 ${context.postponementRequest.until} 待上级党组织同意`,
          `Postponement to ${context.postponementRequest.until} awaits the higher organisation’s consent`,
        ),
      );
    }
    if (!steps.topic) items.push(owed('topic', 'OLM-PREP-STEPS', '确定议题和突出问题', 'Decide the topic'));
    if (!steps.opinions) items.push(owed('opinions', 'OLM-PREP-STEPS', '广泛征求意见', 'Solicit opinions'));
    const lead = rulesAt(context, context.plannedDate ?? context.dueDate).values.lifeMeeting.preNoticeUpper;
    if (lead && !steps.upperNotice) {
      items.push(
        owed(
          'upper-notice',
          'OLM-PRENOTICE-UPPER',
          '会期和议题报告上级党组织',
          'Report the date and topic upward',
          due('upper-notice'),
        ),
      );
    }
    if (!steps.membersNotice) items.push(owed('members-notice', 'OLM-PREP-STEPS', '通知参会党员', 'Notify members'));
    if (!steps.speeches) items.push(owed('speeches', 'OLM-PREP-STEPS', '做好发言准备', 'Prepare speeches'));
    items.push(owed('meeting', 'OLM-FREQ', '召开会议', 'Hold the meeting', due('meeting')));
    return items;
  }
  if (!steps.rectification) {
    items.push(owed('rectification', 'OLM-RECTIFY-DEADLINE', '制定整改措施', 'Rectification', due('rectification')));
  }
  if (!steps.report) {
    items.push(
      owed('report-upper', 'OLM-REPORT-UPPER', '书面报告上级党组织', 'Written report upward', due('report-upper')),
    );
  }
  if (!steps.feedback)
    items.push(owed('feedback', 'OLM-REPORT-UPPER', '向党内外群众反馈', 'Feedback to members and the public'));
  const passOnRequired = rulesAt(context, steps.meeting.on).values.lifeMeeting.absenteeWrittenStatement;
  for (const absentee of context.absentees) {
    if (passOnRequired && absentee.criticismPassedOn === null) {
      items.push(
        owed(
          `criticism-${absentee.id}`,
          'OLM-ATTENDANCE',
          '向缺席人转告批评意见',
          'Pass the criticism on to the absentee',
        ),
      );
    }
  }
  for (const problem of openProblems(context)) {
    items.push(owed(`problem-${problem.id}`, 'OLM-ESCALATE', '研究解决或向上报告', 'Solve or report upward'));
  }
  return items;
}

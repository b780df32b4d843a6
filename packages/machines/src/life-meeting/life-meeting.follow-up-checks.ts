// Checks after the meeting: absentees, problems, rectification and reports, criticism passed on.
import type { Bilingual } from '@dangwu/rules';
import { deadlineDueCheck, payload } from '../core/check-helpers.js';
import { type LifeMeetingCheckInput, type LmCheck, openProblems, outcome } from './life-meeting.check-input.js';
import type { LifeMeetingStep } from './life-meeting.schema.js';

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

import { addDuration, type Bilingual, type CalendarDuration, describeDuration, type LocalDate } from '@dangwu/rules';
import type { Deadline } from '../core/process-definition.js';
import { rulesOn } from '../core/rules-context.js';
import type { DevelopmentContext } from './member-development.context.js';

function deadline(
  context: DevelopmentContext,
  id: string,
  ruleId: string,
  anchor: LocalDate,
  length: CalendarDuration,
  text: Bilingual,
): Deadline {
  const rules = rulesOn(context.rules, anchor);
  const due = addDuration(anchor, length, rules.dates);
  return {
    id,
    ruleId,
    due: due.date,
    raises: { type: 'DEADLINE_REACHED', deadlineId: id },
    text,
    provisional: due.provisional,
  };
}

const latest = (dates: readonly LocalDate[], fallback: LocalDate): LocalDate =>
  dates.reduce((max, date) => (date > max ? date : max), fallback);

/**
 * The deadlines pending on a development case, derived from its recorded steps alone, so a
 * correction of a date moves its deadlines with it. Missing one never blocks the case; it marks it overdue.
 */
export function developmentDeadlines(context: DevelopmentContext): Deadline[] {
  if (context.outcome) return [];
  const { steps } = context;
  const deadlines: Deadline[] = [];
  const applied = steps.applied?.on;
  if (applied && !steps.talked && !steps.activist) {
    const within = rulesOn(context.rules, applied).values.development.applyTalkWithin;
    if (within) {
      const length = describeDuration(within);
      deadlines.push(
        deadline(context, 'talk', 'DEV-APPLY-TALK-DEADLINE', applied, within, {
          zh: `收到入党申请书后${length.zh}内派人谈话`,
          en: `Talk with the applicant within ${length.en} of the application`,
        }),
      );
    }
  }
  const activist = steps.activist?.on;
  if (activist && !steps.targetProposed) {
    const development = rulesOn(context.rules, activist).values.development;
    if (development.activistReportEvery) {
      const last = latest(context.reports, activist);
      deadlines.push(
        deadline(context, `report-after-${last}`, 'DEV-ACTIVIST-REPORT-FREQ', last, development.activistReportEvery, {
          zh: '入党积极分子向党组织汇报思想',
          en: 'The activist reports to the organisation',
        }),
      );
    }
    const lastAssessment = latest(context.assessments, activist);
    deadlines.push(
      deadline(
        context,
        `assessment-after-${lastAssessment}`,
        'DEV-ACTIVIST-ASSESS-FREQ',
        lastAssessment,
        development.activistAssessEvery,
        {
          zh: '党支部对入党积极分子进行考察',
          en: 'The branch assesses the activist',
        },
      ),
    );
  }
  const prereview = steps.prereview?.on;
  const lastVote = context.votes.at(-1);
  if (prereview && !steps.vote) {
    const within = rulesOn(context.rules, prereview).values.development.prereviewToVoteWithin;
    if (within) {
      deadlines.push(
        deadline(context, 'vote-after-prereview', 'DEV-PREREVIEW-TO-VOTE', prereview, within, {
          zh: '预审合格后一个月内提交党支部党员大会讨论',
          en: 'Branch vote within one month of passing pre-review',
        }),
      );
    }
  }
  if (steps.vote && lastVote?.passed && !steps.approved) {
    const development = rulesOn(context.rules, steps.vote.on).values.development;
    const waived = context.waivers.some((waiver) => waiver.ruleId === 'DEV-APPROVAL-DEADLINE');
    const within =
      waived && development.approvalExtendedMax ? development.approvalExtendedMax : development.approvalWithin;
    const length = describeDuration(within);
    deadlines.push(
      deadline(context, 'approval', 'DEV-APPROVAL-DEADLINE', steps.vote.on, within, {
        zh: `支部大会通过后${length.zh}内由党委审批${waived ? '（特殊情况延长）' : ''}`,
        en: `Approval within ${length.en} of the branch resolution${waived ? ' (extended)' : ''}`,
      }),
    );
  }
  const approved = steps.approved?.on;
  if (approved && !steps.oath) {
    const oath = rulesOn(context.rules, approved).values.development.oath;
    if (oath.required && oath.within) {
      deadlines.push(
        deadline(context, 'oath', 'DEV-OATH', approved, oath.within, {
          zh: '批准后一个月内组织入党宣誓',
          en: 'The oath within one month of approval',
        }),
      );
    }
  }
  return deadlines;
}

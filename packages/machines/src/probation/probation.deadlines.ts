import {
  addDuration,
  type Bilingual,
  type CalendarDuration,
  describeDuration,
  type LocalDate,
  maxDate,
} from '@dangwu/rules';
import type { Deadline } from '../core/process-definition.js';
import { rulesOn } from '../core/rules-context.js';
import type { ProbationContext } from './probation.context.js';

function deadline(
  context: ProbationContext,
  id: string,
  ruleId: string,
  anchor: LocalDate,
  length: CalendarDuration | null,
  text: Bilingual,
): Deadline {
  const rules = rulesOn(context.rules, anchor);
  const due = length ? addDuration(anchor, length, rules.dates) : { date: anchor, provisional: false };
  return {
    id,
    ruleId,
    due: due.date,
    raises: { type: 'DEADLINE_REACHED', deadlineId: id },
    text,
    provisional: due.provisional,
  };
}

/** Whether the member transferred in during the probation now running (EC-05). */
export function transferredDuringProbation(context: ProbationContext): boolean {
  return context.transfers.some((transfer) => transfer.on >= context.probationStart && transfer.on <= context.endsOn);
}

/**
 * The deadlines pending on a probation case, derived from its context alone, so a correction of a
 * date moves its deadlines with it: the timely discussion at the end of probation (PROB-DISCUSS-TIMING,
 * postponed up to six months for a member who transferred in under the 2026 rules), the document's
 * quarterly reports (PROB-REPORT-FREQ) and the approval (PROB-APPROVAL-DEADLINE). Missing one never
 * blocks the case; it marks it overdue.
 */
export function probationDeadlines(context: ProbationContext): Deadline[] {
  if (context.outcome) return [];
  const deadlines: Deadline[] = [];
  const { steps, endsOn } = context;
  if (!context.pending) {
    const atEnd = rulesOn(context.rules, endsOn).values.probation;
    const postpone = transferredDuringProbation(context) ? atEnd.transferPostponeMax : null;
    const postponed = postpone ? describeDuration(postpone) : null;
    deadlines.push(
      deadline(context, 'probation-end', 'PROB-DISCUSS-TIMING', endsOn, postpone, {
        zh: `预备期 ${endsOn} 期满，党支部应当及时讨论转正${postponed ? `（转入党员可推迟${postponed.zh}，转正时间仍为预备期满之日）` : ''}`,
        en: `Probation ends on ${endsOn}; the branch discusses conversion promptly${postponed ? ` (a transferred-in member may be postponed by ${postponed.en}; conversion still dates from the end)` : ''}`,
      }),
    );
  }
  if (!steps.conversionApplied && !context.pending) {
    const start = steps.started?.on ?? context.probationStart;
    const last = context.reports.reduce(maxDate, start);
    const every = rulesOn(context.rules, last).values.probation.reportEvery;
    if (every) {
      const report = deadline(context, `report-after-${last}`, 'PROB-REPORT-FREQ', last, every, {
        zh: '预备党员每季度向党组织口头或书面汇报一次',
        en: 'The probationary member reports to the organisation every quarter',
      });
      if (report.due <= endsOn) deadlines.push(report);
    }
  }
  const pending = context.pending;
  if (pending && !steps.approved) {
    const within = rulesOn(context.rules, pending.on).values.probation.approvalWithin;
    const length = describeDuration(within);
    deadlines.push(
      deadline(context, 'approval', 'PROB-APPROVAL-DEADLINE', pending.on, within, {
        zh: `支部大会通过后${length.zh}内由上级党委审批`,
        en: `Approval by the higher committee within ${length.en} of the branch resolution`,
      }),
    );
  }
  return deadlines;
}

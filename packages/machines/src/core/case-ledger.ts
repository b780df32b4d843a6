import type { LocalDate } from '@dangwu/rules';
import { castDraft, type Draft, produce } from 'immer';
import type { CaseLedger, StepRecord, WarningRecord } from './case-records.js';
import type { Deadline } from './process-definition.js';

/**
 * When a deadline that is gone counts as met late. `overdue-only`: only a deadline marked overdue (by
 * DEADLINE_REACHED) is recorded late, and an overdue entry stays while its deadline is pending.
 * `after-due`: also a deadline met after its day though DEADLINE_REACHED was never sent, and an
 * overdue entry whose deadline moved later (a consented postponement) is dropped.
 */
export type LatePolicy = 'overdue-only' | 'after-due';

/**
 * Replaces the pending deadlines with `deadlines` (recomputed from the case on `on`, the date of the
 * step): a deadline that is gone was met on `on`, and is recorded late as `policy` says.
 */
export function refreshDeadlines<TContext extends CaseLedger>(
  context: TContext,
  deadlines: readonly Deadline[],
  on: LocalDate,
  policy: LatePolicy = 'overdue-only',
): TContext {
  const pending = new Map(deadlines.map((deadline) => [deadline.id, deadline]));
  return produce<TContext, Draft<CaseLedger>>(context, (draft) => {
    draft.deadlines = castDraft(deadlines);
    if (policy === 'overdue-only') {
      const resolved = draft.overdue.filter((entry) => !pending.has(entry.deadlineId));
      draft.overdue = draft.overdue.filter((entry) => pending.has(entry.deadlineId));
      for (const entry of resolved) draft.late.push({ ...entry, doneOn: on });
      return;
    }
    for (const previous of context.deadlines) {
      if (pending.has(previous.id)) continue;
      const overdue = context.overdue.some((entry) => entry.deadlineId === previous.id);
      if (overdue || on > previous.due) {
        draft.late.push({
          deadlineId: previous.id,
          ruleId: previous.ruleId,
          due: previous.due,
          text: previous.text,
          doneOn: on,
        });
      }
    }
    draft.overdue = draft.overdue.filter((entry) => {
      const still = pending.get(entry.deadlineId);
      return still !== undefined && still.due <= entry.due;
    });
  });
}

/** Marks the deadline named by a DEADLINE_REACHED event as overdue (it never blocks the case); other events change nothing. */
export function markOverdue<TContext extends CaseLedger>(
  context: TContext,
  event: { readonly type: string },
): TContext {
  if (event.type !== 'DEADLINE_REACHED' || !('deadlineId' in event)) return context;
  const deadline = context.deadlines.find((candidate) => candidate.id === event.deadlineId);
  if (!deadline || context.overdue.some((entry) => entry.deadlineId === deadline.id)) return context;
  return produce<TContext, Draft<CaseLedger>>(context, (draft) => {
    draft.overdue.push({ deadlineId: deadline.id, ruleId: deadline.ruleId, due: deadline.due, text: deadline.text });
  });
}

/**
 * The case with one step recorded (date, rule version, actor) and the step's warnings appended; the
 * part of "record a step" every process shares. `step` null records the warnings only.
 */
export function withStepRecorded<
  TStep extends string,
  TContext extends CaseLedger & { readonly steps: Partial<Record<TStep, StepRecord>> },
>(context: TContext, step: TStep | null, record: StepRecord, warnings: readonly WarningRecord[]): TContext {
  return {
    ...context,
    steps: step === null ? context.steps : { ...context.steps, [step]: record },
    warnings: warnings.length === 0 ? context.warnings : [...context.warnings, ...warnings],
  };
}

import type { LocalDate } from '@dangwu/rules';
import * as fc from 'fast-check';
import { castDraft, type Draft, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { type CaseLedger, type Deadline, emptyLedger, type LatePolicy, refreshDeadlines } from '../src/index.js';

/** The immer version refreshDeadlines replaced, kept as the reference it must agree with. */
function reference(context: CaseLedger, deadlines: readonly Deadline[], on: LocalDate, policy: LatePolicy): CaseLedger {
  const pending = new Map(deadlines.map((deadline) => [deadline.id, deadline]));
  return produce<CaseLedger, Draft<CaseLedger>>(context, (draft) => {
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

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}` as LocalDate);
const id = fc.constantFrom('talk', 'report-1', 'report-2', 'filing', 'vote');
const text = { zh: '期限', en: 'deadline' };
const deadline = fc.record({ id, due: day }).map(
  ({ id: deadlineId, due }): Deadline => ({
    id: deadlineId,
    ruleId: `R-${deadlineId}`,
    due,
    raises: { type: 'DEADLINE_REACHED', deadlineId },
    text,
    provisional: false,
  }),
);
const deadlines = fc.uniqueArray(deadline, { selector: (d) => d.id, maxLength: 5 });
const overdue = fc.uniqueArray(
  fc
    .record({ deadlineId: id, due: day })
    .map(({ deadlineId, due }) => ({ deadlineId, ruleId: `R-${deadlineId}`, due, text })),
  { selector: (entry) => entry.deadlineId, maxLength: 4 },
);
const late = fc.array(
  fc
    .record({ deadlineId: id, due: day, doneOn: day })
    .map((entry) => ({ ...entry, ruleId: `R-${entry.deadlineId}`, text })),
  { maxLength: 3 },
);

describe('refreshDeadlines', () => {
  it('agrees with the immer reference in both policies, and leaves what it makes frozen', () => {
    fc.assert(
      fc.property(
        deadlines,
        overdue,
        late,
        deadlines,
        day,
        fc.constantFrom<LatePolicy>('overdue-only', 'after-due'),
        (before, overdueBefore, lateBefore, after, on, policy) => {
          const context: CaseLedger = { ...emptyLedger(), deadlines: before, overdue: overdueBefore, late: lateBefore };
          const refreshed = refreshDeadlines(context, after, on, policy);
          expect(refreshed).toEqual(reference(context, after, on, policy));
          expect(Object.isFrozen(refreshed)).toBe(true);
          for (const part of [refreshed.deadlines, refreshed.overdue, refreshed.late, ...refreshed.deadlines]) {
            expect(Object.isFrozen(part)).toBe(true);
          }
          // The case it was given is not changed.
          expect(context.deadlines).toBe(before);
          expect(context.late).toEqual(lateBefore);
        },
      ),
      { numRuns: 500 },
    );
  });
});

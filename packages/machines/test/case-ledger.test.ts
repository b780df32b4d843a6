import type { LocalDate } from '@dangwu/rules';
import * as fc from 'fast-check';
import { castDraft, type Draft, produce } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  type CaseLedger,
  type Deadline,
  emptyLedger,
  type LatePolicy,
  markOverdue,
  refreshDeadlines,
} from '../src/index.js';

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

/** A talk deadline of 10 March, for the tests that take immer drafts. */
const pendingTalk: Deadline = {
  id: 'talk',
  ruleId: 'R-talk',
  due: '2026-03-10' as LocalDate,
  raises: { type: 'DEADLINE_REACHED', deadlineId: 'talk' },
  text,
  provisional: false,
};

/** Whether `value` and every object and array in it are frozen. */
const everyObjectFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(everyObjectFrozen));

/** A return record, as a caller edits a case with inside its own produce. */
const returned = { from: 'talk', on: '2026-03-11' as LocalDate, reason: 'more material' };

/**
 * `update` run inside a caller's own produce, as a host composing its own updates would: the caller
 * edits the case before (the update must see that edit) and after (the update must leave its result
 * open to it, as immer's nested produce does: it freezes nothing until the caller's produce ends).
 */
function insideCallersProduce(ledger: CaseLedger, update: (draft: CaseLedger) => CaseLedger) {
  return produce({ wrapper: ledger }, (draft) => {
    draft.wrapper.returns.push(returned);
    draft.wrapper = castDraft(update(draft.wrapper as CaseLedger));
    draft.wrapper.flags.push({ ruleId: 'R-x', step: 'talk', message: text, raisedOn: '2026-03-12' as LocalDate });
  }).wrapper;
}

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
          // As a case restored from JSON: nothing frozen yet.
          const context: CaseLedger = structuredClone({
            ...emptyLedger(),
            deadlines: before,
            overdue: overdueBefore,
            late: lateBefore,
          });
          const refreshed = refreshDeadlines(context, structuredClone(after), on, policy);
          // Frozen all the way down, checked before the reference runs (immer would freeze shared parts).
          expect(everyObjectFrozen(refreshed)).toBe(true);
          expect(refreshed).toEqual(reference(structuredClone(context), after, on, policy));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes immer drafts, as the immer version did (a caller inside its own produce)', () => {
    const outer = {
      wrapper: {
        ...emptyLedger(),
        deadlines: [pendingTalk],
        overdue: [{ deadlineId: 'talk', ruleId: 'R-talk', due: '2026-03-10' as LocalDate, text }],
      },
    };
    const on = '2026-03-12' as LocalDate;
    const expected = reference(structuredClone(outer.wrapper), [], on, 'overdue-only');
    const withPlain = produce(outer, (draft) => {
      draft.wrapper = refreshDeadlines(draft.wrapper as CaseLedger, [], on) as typeof draft.wrapper;
    });
    expect(withPlain.wrapper).toEqual(expected);
    const withDraftDeadlines = produce(outer, (draft) => {
      draft.wrapper = refreshDeadlines(
        draft.wrapper as CaseLedger,
        draft.wrapper.deadlines as Deadline[],
        on,
      ) as typeof draft.wrapper;
    });
    expect(withDraftDeadlines.wrapper).toEqual(
      reference(structuredClone(outer.wrapper), outer.wrapper.deadlines, on, 'overdue-only'),
    );
  });

  it("inside a caller's produce, sees the caller's edits and leaves its result open to more, as immer did", () => {
    const ledger: CaseLedger = {
      ...emptyLedger(),
      deadlines: [pendingTalk],
      overdue: [{ deadlineId: 'talk', ruleId: 'R-talk', due: '2026-03-10' as LocalDate, text }],
    };
    const on = '2026-03-12' as LocalDate;
    const result = insideCallersProduce(ledger, (draft) => refreshDeadlines(draft, [], on));
    expect(result).toEqual(insideCallersProduce(ledger, (draft) => reference(draft, [], on, 'overdue-only')));
    expect(result.returns).toEqual([returned]);
    expect(result.flags).toHaveLength(1);
    expect(result.late).toEqual([expect.objectContaining({ deadlineId: 'talk', doneOn: on })]);
  });

  it('freezes plain objects and arrays only, as immer does (a typed array cannot be frozen)', () => {
    const bytes = new Uint8Array([1, 2]);
    const context = { ...emptyLedger(), deadlines: [pendingTalk], attachment: { bytes } } as CaseLedger;
    const refreshed = refreshDeadlines(context, [], '2026-03-12' as LocalDate) as CaseLedger & {
      attachment: { bytes: Uint8Array };
    };
    expect(Object.isFrozen(refreshed.attachment)).toBe(true);
    expect(refreshed.attachment.bytes).toBe(bytes);
    expect(Object.isFrozen(bytes)).toBe(false);
  });
});

/** The immer version markOverdue replaced, kept as the reference it must agree with. */
function overdueReference(context: CaseLedger, event: { type: string; deadlineId?: string }): CaseLedger {
  if (event.type !== 'DEADLINE_REACHED' || event.deadlineId === undefined) return context;
  const deadline = context.deadlines.find((candidate) => candidate.id === event.deadlineId);
  if (!deadline || context.overdue.some((entry) => entry.deadlineId === deadline.id)) return context;
  return produce<CaseLedger, Draft<CaseLedger>>(context, (draft) => {
    draft.overdue.push({ deadlineId: deadline.id, ruleId: deadline.ruleId, due: deadline.due, text: deadline.text });
  });
}

describe('markOverdue', () => {
  const event = fc.oneof(
    id.map((deadlineId) => ({ type: 'DEADLINE_REACHED', deadlineId })),
    fc.constant({ type: 'DEADLINE_REACHED' }),
    id.map((deadlineId) => ({ type: 'RECORD_TALK', deadlineId })),
  );

  it('agrees with the immer reference, leaves a changed case frozen and an unchanged one as it was', () => {
    fc.assert(
      fc.property(
        deadlines,
        overdue,
        late,
        event,
        fc.boolean(),
        (pending, overdueBefore, lateBefore, reached, steps) => {
          // As a case restored from JSON (nothing frozen yet) or one a step already left frozen.
          const restored: CaseLedger = structuredClone({
            ...emptyLedger(),
            deadlines: pending,
            overdue: overdueBefore,
            late: lateBefore,
          });
          const context = steps ? produce(restored, () => {}) : restored;
          if (steps) expect(everyObjectFrozen(context)).toBe(true);
          const marked = markOverdue(context, reached);
          const expected = overdueReference(structuredClone(context), reached);
          expect(marked).toEqual(expected);
          if (expected.overdue.length === context.overdue.length) expect(marked).toBe(context);
          else expect(everyObjectFrozen(marked)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("inside a caller's produce, sees the caller's edits and leaves its result open to more, as immer did", () => {
    const ledger: CaseLedger = { ...emptyLedger(), deadlines: [pendingTalk] };
    const reached = { type: 'DEADLINE_REACHED', deadlineId: 'talk' };
    const result = insideCallersProduce(ledger, (draft) => markOverdue(draft, reached));
    expect(result).toEqual(insideCallersProduce(ledger, (draft) => overdueReference(draft, reached)));
    expect(result.overdue).toEqual([{ deadlineId: 'talk', ruleId: 'R-talk', due: '2026-03-10', text }]);
    expect(result.returns).toEqual([returned]);
    expect(result.flags).toHaveLength(1);
  });
});

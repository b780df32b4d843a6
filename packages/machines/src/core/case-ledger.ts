import type { LocalDate, ProfileProjection } from '@dangwu/rules';
import { current, type Draft, isDraft } from 'immer';
import type { CaseLedger, LateRecord, OverdueRecord, StepRecord, WarningRecord } from './case-records.js';
import type { Deadline } from './process-definition.js';
import { rulesOn } from './rules-context.js';
import { type CheckInputBase, type InputRefusal, type StepSpec, stepWarnings } from './step-spec.js';

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
  // Runs on every step of every case, so it builds the new ledger by hand rather than through immer
  // (whose draft and finalising walk cost about as much as the rest of the step); frozen as immer would.
  const base = plain(context);
  const next = deadlines.map(plain);
  const pending = new Map(next.map((deadline) => [deadline.id, deadline]));
  const late: LateRecord[] = [];
  let overdue: readonly OverdueRecord[];
  if (policy === 'overdue-only') {
    for (const entry of base.overdue) {
      if (!pending.has(entry.deadlineId)) late.push({ ...entry, doneOn: on });
    }
    overdue = base.overdue.filter((entry) => pending.has(entry.deadlineId));
  } else {
    for (const previous of base.deadlines) {
      if (pending.has(previous.id)) continue;
      const wasOverdue = base.overdue.some((entry) => entry.deadlineId === previous.id);
      if (wasOverdue || on > previous.due) {
        late.push({
          deadlineId: previous.id,
          ruleId: previous.ruleId,
          due: previous.due,
          text: previous.text,
          doneOn: on,
        });
      }
    }
    overdue = base.overdue.filter((entry) => {
      const still = pending.get(entry.deadlineId);
      return still !== undefined && still.due <= entry.due;
    });
  }
  return frozenUnlessDraft(context, {
    ...base,
    deadlines: next,
    overdue,
    late: late.length === 0 ? base.late : [...base.late, ...late],
  });
}

/** `value` itself, or the plain current value of an immer draft (a caller inside its own produce). */
const plain = <T>(value: T): T => (isDraft(value) ? (current(value as Draft<T>) as T) : value);

/**
 * `result` as immer's produce would leave it: frozen all the way down, except inside a caller's own
 * produce (`context` a draft), where immer freezes nothing until the caller's produce ends, and the
 * caller may still change what it got.
 */
function frozenUnlessDraft<T>(context: unknown, result: T): T {
  return isDraft(context) ? result : deepFreeze(result);
}

const isPlainObject = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * `value` with every plain object and array in it frozen, as immer leaves what it produces (it leaves
 * dates, class instances and typed arrays alone too). A frozen object is taken to be frozen all the way
 * down (immer's and this function's are), so after the first step only the parts a step made are walked.
 */
function deepFreeze<T>(value: T): T {
  if (
    typeof value === 'object' &&
    value !== null &&
    !Object.isFrozen(value) &&
    (Array.isArray(value) || isPlainObject(value))
  ) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/** Marks the deadline named by a DEADLINE_REACHED event as overdue (it never blocks the case); other events change nothing. */
export function markOverdue<TContext extends CaseLedger>(
  context: TContext,
  event: { readonly type: string },
): TContext {
  if (event.type !== 'DEADLINE_REACHED' || !('deadlineId' in event)) return context;
  const deadline = context.deadlines.find((candidate) => candidate.id === event.deadlineId);
  if (!deadline || context.overdue.some((entry) => entry.deadlineId === deadline.id)) return context;
  // By hand, as refreshDeadlines: the timer loop runs this on cases it has just read, where immer's
  // draft and finalising walk cost more than the rest of the step.
  const base = plain(context);
  const { id, ruleId, due, text } = plain(deadline);
  return frozenUnlessDraft(context, { ...base, overdue: [...base.overdue, { deadlineId: id, ruleId, due, text }] });
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

/** The case moved to another organisation (a TRANSFER event): the move recorded and `orgId` the new one. */
export function withTransfer<TContext extends CaseLedger & { readonly orgId: string }>(
  context: TContext,
  event: { readonly toOrgId: string; readonly occurredOn: LocalDate },
): TContext {
  return {
    ...context,
    transfers: [...context.transfers, { fromOrgId: context.orgId, toOrgId: event.toOrgId, on: event.occurredOn }],
    orgId: event.toOrgId,
  };
}

/** What {@link stepRecorder} needs of a process. */
export interface StepRecorderParts<TContext, TEvent, TInput extends CheckInputBase, TGuard extends string> {
  /** The step table, by guard name. */
  readonly specs: Readonly<Record<TGuard, StepSpec<TInput>>>;
  /** Builds the check input from the case as it was and the event. */
  readonly toInput: (context: TContext, event: TEvent) => TInput | InputRefusal | null;
  /** Applies the event's payload to the case data. */
  readonly applyPayload: (context: TContext, event: TEvent) => TContext;
  /** The pending deadlines of a case. */
  readonly deadlines: (context: TContext) => readonly Deadline[];
}

/**
 * The "record a step" update of a case process: the warnings of the step's checks (run on the case as
 * it was, like the guard), its payload, its date, the rule version in force and the actor; then the
 * deadlines are recomputed and resolved overdue entries move to `late`.
 */
export function stepRecorder<
  TStep extends string,
  TContext extends CaseLedger & {
    readonly steps: Partial<Record<TStep, StepRecord>>;
    readonly rules: ProfileProjection<'common'>;
  },
  TEvent extends { readonly occurredOn: LocalDate; readonly actor: { readonly id: string } },
  TInput extends CheckInputBase,
  TGuard extends string,
>(
  parts: StepRecorderParts<TContext, TEvent, TInput, TGuard>,
): (context: TContext, event: TEvent, step: TStep | null, guard: TGuard) => TContext {
  return (context, event, step, guard) => {
    const warnings = stepWarnings(parts.specs[guard], parts.toInput(context, event));
    const record = {
      on: event.occurredOn,
      versionId: rulesOn(context.rules, event.occurredOn).versionId,
      actorId: event.actor.id,
    };
    const recorded = withStepRecorded(parts.applyPayload(context, event), step, record, warnings);
    return refreshDeadlines(recorded, parts.deadlines(recorded), event.occurredOn);
  };
}

import type { Deadline, ProcessDefinition } from '@dangwu/machines';
import { addDays, isLocalDate, LAST_LOCAL_DATE, type LocalDate, shanghaiStartOf } from '@dangwu/rules';
import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { JsonValue } from '../records/canonical-json.js';
import type { InstanceRecord, StoredDeadline } from '../records/instance-record.js';
import { parseJsonText } from '../records/json-text.js';
import type { TimerRecord } from '../records/timer-record.js';
import { revivedSnapshot } from './machine-step.js';

/** A JSON copy of a value (drops undefined members), so what is hashed equals what is read back. */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

/**
 * Restores a persisted snapshot through the machine's own `restoreSnapshot` (as an actor created with
 * `{ snapshot }` does), which revives history values and children; `machine.resolveState` does not.
 */
export function restoreSnapshot(definition: ProcessDefinition, persisted: JsonValue): AnyMachineSnapshot {
  return revivedSnapshot(definition.machine, persisted);
}

/** {@link restoreSnapshot} of a value the caller owns and drops (a record just read): no defensive copy. */
export function adoptSnapshot(definition: ProcessDefinition, persisted: JsonValue): AnyMachineSnapshot {
  return revivedSnapshot(definition.machine, persisted, { adopt: true });
}

const isEmpty = (value: object | undefined): boolean => {
  for (const _ in value) return false;
  return true;
};

/**
 * The JSON text of a snapshot's persisted form. A snapshot without children or history (every process
 * machine's) is written directly, in the member order of XState's `getPersistedSnapshot`, whose copying
 * walk only replaces actor references in the context: JSON.stringify writes those the same way, through
 * their `toJSON`. Any other snapshot goes through XState. A context's rule projection is written from
 * the text remembered for it when it has one (see {@link reusableRulesText}).
 */
export function persistedSnapshotText(definition: ProcessDefinition, snapshot: AnyMachineSnapshot): string {
  if (!(isEmpty(snapshot.children) && isEmpty(snapshot.historyValue))) {
    return JSON.stringify(definition.machine.getPersistedSnapshot(snapshot) ?? null);
  }
  const rulesText = reusableRulesText(snapshot.context);
  if (rulesText !== undefined) {
    const marked = persistedText(snapshot, { ...(snapshot.context as object), rules: RULES_MARK });
    const at = marked.indexOf(RULES_MARK_TEXT);
    // The marker's text occurs once unless a string in the context holds it too: then no splicing.
    if (at >= 0 && marked.indexOf(RULES_MARK_TEXT, at + 1) < 0) {
      return marked.slice(0, at) + rulesText + marked.slice(at + RULES_MARK_TEXT.length);
    }
  }
  return persistedText(snapshot, snapshot.context);
}

/** The text of a snapshot without children or history, in the member order of `getPersistedSnapshot`. */
const persistedText = (snapshot: AnyMachineSnapshot, context: unknown): string =>
  JSON.stringify({
    status: snapshot.status,
    output: snapshot.output,
    error: snapshot.error,
    value: snapshot.value,
    historyValue: {},
    context,
    children: {},
  });

// The rule projection a case carries (`context.rules`: 1–4 KB, most of a member-development snapshot)
// is the same frozen object from one step to the next, so its JSON text is made once and spliced into
// each snapshot's text where a marker stood in for it.
const rulesTexts = new WeakMap<object, string>();
const notReusable = new WeakSet<object>();
const RULES_MARK = '\u0000dangwu.rules\u0000';
const RULES_MARK_TEXT = JSON.stringify(RULES_MARK);

/**
 * The remembered text of the context's `rules` when it can stand for the member: an own enumerable
 * member of a context without `toJSON`, holding plain objects and arrays that are all frozen, with no
 * getter or `toJSON` of their own (so its text can never change). Checked once per projection object.
 */
function reusableRulesText(context: unknown): string | undefined {
  if (typeof context !== 'object' || context === null || 'toJSON' in context) return undefined;
  if (!Object.prototype.propertyIsEnumerable.call(context, 'rules')) return undefined;
  const { rules } = context as { readonly rules: unknown };
  if (typeof rules !== 'object' || rules === null || !Object.isFrozen(rules) || notReusable.has(rules)) {
    return undefined;
  }
  let text = rulesTexts.get(rules);
  if (text === undefined) {
    if (!isFrozenPlainData(rules)) {
      notReusable.add(rules);
      return undefined;
    }
    text = JSON.stringify(rules);
    rulesTexts.set(rules, text);
  }
  return text;
}

/** Whether every object in `value` is a frozen plain object or array whose members are data, none named `toJSON`. */
function isFrozenPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (!Object.isFrozen(value) || !(Array.isArray(value) || prototype === Object.prototype || prototype === null)) {
    return false;
  }
  for (const key of Object.keys(value)) {
    const member = Object.getOwnPropertyDescriptor(value, key);
    if (key === 'toJSON' || member === undefined || !('value' in member) || !isFrozenPlainData(member.value)) {
      return false;
    }
  }
  return true;
}

/** The persisted form of a snapshot, as JSON (its text is remembered, so a store need not serialise it again). */
export function persistSnapshot(definition: ProcessDefinition, snapshot: AnyMachineSnapshot): JsonValue {
  return parseJsonText(persistedSnapshotText(definition, snapshot));
}

/** Every state path of a state value: `{ open: 'review' }` gives `open` and `open.review`. */
export function statePathsOf(value: StateValue): string[] {
  const paths: string[] = [];
  collectStatePaths(value, '', paths);
  return paths;
}

function collectStatePaths(value: StateValue, prefix: string, into: string[]): void {
  if (typeof value === 'string') {
    into.push(prefix + value);
    return;
  }
  for (const key of Object.keys(value)) {
    into.push(prefix + key);
    const child = value[key];
    if (child !== undefined) collectStatePaths(child, `${prefix}${key}.`, into);
  }
}

/** The rule profile id and version a snapshot's context names (`context.rules`), or nulls. */
export function rulesProfileOf(snapshot: AnyMachineSnapshot): { id: string | null; version: string | null } {
  const context: unknown = snapshot.context;
  const rules = typeof context === 'object' && context !== null && 'rules' in context ? context.rules : undefined;
  if (typeof rules !== 'object' || rules === null) return { id: null, version: null };
  const id = 'profileId' in rules && typeof rules.profileId === 'string' ? rules.profileId : null;
  const version = 'version' in rules && typeof rules.version === 'string' ? rules.version : null;
  return { id, version };
}

// Deadlines cluster on few dates; the calendar arithmetic of each is done once.
const fireInstants = new Map<string, number>();

/** The instant a deadline fires: the start of the Asia/Shanghai day after `due` (the step was due by `due`). */
export function fireInstantOf(due: LocalDate): number {
  let instant = fireInstants.get(due);
  if (instant === undefined) {
    instant = shanghaiStartOf(addDays(due, 1));
    if (fireInstants.size >= 4096) fireInstants.clear();
    fireInstants.set(due, instant);
  }
  return instant;
}

/** Why a deadline's date cannot be stored: not a calendar date, or the last one (its timer fires the day after). */
export type DeadlineDateProblem = 'not-a-date' | 'last-date';

/**
 * A process listed a deadline whose date is not a calendar date (`2026-02-31`, `soon`), or is 9999-12-31,
 * whose timer would fire on a day no `YYYY-MM-DD` date names: nothing is written, as its timer could not
 * fall due on the day the process meant, and the record would not read back. (A deadline that is never
 * due is one the process does not list.)
 */
export class DeadlineDateError extends RangeError {
  constructor(
    readonly index: number,
    readonly deadlineId: string,
    readonly due: unknown,
    readonly problem: DeadlineDateProblem = 'not-a-date',
  ) {
    super(
      problem === 'not-a-date'
        ? `deadline ${deadlineId} is due on ${String(due)}, which is not a calendar date YYYY-MM-DD`
        : `deadline ${deadlineId} is due on ${String(due)}, the last date there is: its timer would fire the day after`,
    );
    this.name = 'DeadlineDateError';
  }
}

/**
 * A process listed two deadlines under one id: an id names one deadline of the instance (its timer row,
 * its fired mark), so nothing is written.
 */
export class DuplicateDeadlineError extends RangeError {
  constructor(
    readonly index: number,
    readonly deadlineId: string,
  ) {
    super(`deadline ${deadlineId} is listed twice (again at index ${index}): a deadline id names one deadline`);
    this.name = 'DuplicateDeadlineError';
  }
}

/** A process gave no organisation id for an instance (not a string, or empty): nothing is written. */
export class OrganisationIdError extends TypeError {
  constructor(readonly orgId: unknown) {
    super(`the process gives no organisation id (${typeof orgId === 'string' ? 'an empty string' : String(orgId)})`);
    this.name = 'OrganisationIdError';
  }
}

/** The organisation id `organisationOf` gave, or {@link OrganisationIdError} when it is not a non-empty string. */
export function checkedOrgId(orgId: unknown): string {
  if (typeof orgId !== 'string' || orgId.length === 0) throw new OrganisationIdError(orgId);
  return orgId;
}

/**
 * The deadlines as a record stores them: {@link DeadlineDateError} at one whose date cannot be stored,
 * {@link DuplicateDeadlineError} at the second of two with one id.
 */
export function storeDeadlines(deadlines: readonly Deadline[]): StoredDeadline[] {
  deadlines.forEach((deadline, index) => {
    if (!isLocalDate(deadline.due)) throw new DeadlineDateError(index, String(deadline.id), deadline.due);
    if (deadline.due === LAST_LOCAL_DATE) {
      throw new DeadlineDateError(index, deadline.id, deadline.due, 'last-date');
    }
    // An instance lists a few deadlines: comparing with those before costs less than a set.
    for (let before = 0; before < index; before += 1) {
      if (deadlines[before]?.id === deadline.id) throw new DuplicateDeadlineError(index, deadline.id);
    }
  });
  return deadlines.map((deadline) => ({
    id: deadline.id,
    ruleId: deadline.ruleId,
    due: deadline.due,
    raises: { type: 'DEADLINE_REACHED', deadlineId: deadline.raises.deadlineId },
    text: { zh: deadline.text.zh, en: deadline.text.en },
    provisional: deadline.provisional,
  }));
}

/** Fired markers still valid after a change: the same deadline id is still listed with the same date. */
export function keepFired(
  fired: InstanceRecord['firedDeadlines'],
  deadlines: readonly StoredDeadline[],
): InstanceRecord['firedDeadlines'] {
  return fired.filter((mark) => deadlines.some((deadline) => deadline.id === mark.id && deadline.due === mark.due));
}

/** The timer rows of an instance: one per deadline, pending unless its firing is recorded. */
export function timersOf(record: InstanceRecord): TimerRecord[] {
  return record.deadlines.map((deadline) => {
    const fired = record.firedDeadlines.find((mark) => mark.id === deadline.id && mark.due === deadline.due);
    return {
      schemaVersion: 1,
      instanceId: record.id,
      deadlineId: deadline.id,
      ruleId: deadline.ruleId,
      due: deadline.due,
      dueAt: fireInstantOf(deadline.due as LocalDate),
      status: fired ? 'fired' : 'pending',
      firedSeq: fired ? fired.seq : null,
    };
  });
}

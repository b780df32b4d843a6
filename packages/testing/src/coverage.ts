import { type Actor, type ProcessDefinition, type Role, roles } from '@dangwu/machines';
import { addDays, issuesFromZod, type LocalDate, type RuleProfile } from '@dangwu/rules';
import { jsonDataOf } from '@dangwu/runtime';
import {
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type EventObject,
  initialTransition,
} from 'xstate';
import { getShortestPaths, getStateNodes } from 'xstate/graph';
import { ScenarioAssertionError } from './scenario-error.js';
import { statePaths } from './state-paths.js';

/**
 * Payloads of one event type for the snapshot at hand: the event's own fields (`type` is added;
 * `occurredOn` defaults to the path's current day and `actor` to an actor holding every role but
 * `system`). Return several payloads to try several branches (a vote passed and one failed), or none.
 */
export type EventFactory = (
  snapshot: AnyMachineSnapshot,
  today: LocalDate,
) => Readonly<Record<string, unknown>> | readonly Readonly<Record<string, unknown>>[] | null;

/** Options of {@link coverage}. */
export interface CoverageOptions<TMachine extends AnyStateMachine = AnyStateMachine> {
  /** The process to explore (its machine may be one adapted with `machine.provide()`). */
  readonly process: ProcessDefinition<TMachine>;
  /** The rule profile; set as `input.profile`. @default the profile already in `input` */
  readonly profile?: RuleProfile;
  /** The machine's input without the profile. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The first day of every path; the day moves with the events' `occurredOn`. */
  readonly startOn: LocalDate;
  /** A payload factory per event type; types without one are never sent. */
  readonly events: Readonly<Record<string, EventFactory>>;
  /** Also send DEADLINE_REACHED for each pending deadline on the day after it is due, as the runtime does. @default true */
  readonly deadlines?: boolean;
  /** How many times an event that keeps the state (a report, an assessment) may repeat in one state. @default 2 */
  readonly maxRepeats?: number;
  /**
   * Context that tells apart two snapshots in the same state value, so both are explored (e.g. the
   * decision the pending vote took). Keep it small: every distinct value multiplies the graph.
   * @default nothing: the state value (and repeat counts) alone identify a state
   */
  readonly distinguish?: (snapshot: AnyMachineSnapshot) => unknown;
  /** Most traversal steps before xstate/graph gives up. @default 20000 */
  readonly limit?: number;
}

/** The states a traversal reached, the ones it never reached, and how each reached state was reached. */
export interface CoverageReport {
  /** State paths (without the machine id, e.g. `case.activist.cultivating`) some path rested in. */
  readonly reached: readonly string[];
  /** State paths no path reached. */
  readonly unreached: readonly string[];
  /** States left at once by an unconditional `always` (routing states); they never rest, so are not counted. */
  readonly transient: readonly string[];
  /** For each reached state: the event types of a shortest path to it. */
  readonly paths: Readonly<Record<string, readonly string[]>>;
}

const everyone = roles.filter((role): role is Exclude<Role, 'system'> => role !== 'system');

const isTransient = (node: AnyStateNode): boolean =>
  node.always !== undefined && node.always.length > 0 && node.always.at(-1)?.guard === undefined;

const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);

interface Visit {
  readonly today: LocalDate;
  /** Counts of state-keeping events since the state value last changed. */
  readonly repeats: Readonly<Record<string, number>>;
}

/**
 * Explores a process with `xstate/graph` (`getShortestPaths`) and reports the states never reached.
 * Events come from per-type payload factories that see the snapshot, so payload-dependent guards can
 * pass; each candidate is asked of `process.explain` and, when refused only by time rules, re-dated
 * to the earliest date the explanation names (time skipping). Only allowed events are traversed. A
 * state is identified by its state value plus the counts of events that kept the value (capped by
 * `maxRepeats`) and whatever `distinguish` returns, so a guard that needs two assessments can pass
 * while the graph stays finite.
 */
export function coverage<TMachine extends AnyStateMachine>(options: CoverageOptions<TMachine>): CoverageReport {
  const process = options.process as unknown as ProcessDefinition;
  const { machine } = process;
  const raw = options.profile ? { ...options.input, profile: options.profile } : options.input;
  // Read as the engine reads a start's input: plain JSON data into that data (undefined members dropped).
  const parsed = process.inputSchema.safeParse(jsonDataOf(raw));
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error, 'input');
    throw new ScenarioAssertionError({
      zh: `覆盖率输入无效：${issues.map((issue) => `${issue.path} ${issue.message.zh}`).join('；')}`,
      en: `The coverage input is invalid: ${issues.map((issue) => `${issue.path} ${issue.message.en}`).join('; ')}`,
    });
  }
  const [initial] = initialTransition(machine, JSON.parse(JSON.stringify(parsed.data)));
  const maxRepeats = options.maxRepeats ?? 2;
  const start: Visit = { today: options.startOn, repeats: {} };
  const visits = new WeakMap<object, Visit>([[initial, start]]);
  const visitOf = (snapshot: AnyMachineSnapshot): Visit => visits.get(snapshot) ?? start;

  const candidates = (snapshot: AnyMachineSnapshot): Record<string, unknown>[] => {
    const { today } = visitOf(snapshot);
    const actor: Actor = { id: 'coverage', roles: everyone, orgId: process.organisationOf(snapshot) };
    const offered = new Set(snapshot._nodes.flatMap((node) => Object.keys(node.on)));
    const events: Record<string, unknown>[] = [];
    for (const [type, factory] of Object.entries(options.events)) {
      if (!offered.has(type)) continue;
      const made = factory(snapshot, today);
      const payloads = made === null ? [] : Array.isArray(made) ? made : [made];
      for (const payload of payloads as Readonly<Record<string, unknown>>[]) {
        // Read as the engine reads a sent event (undefined members dropped, as JSON drops them).
        events.push(jsonDataOf({ type, occurredOn: today, actor, ...payload }) as Record<string, unknown>);
      }
    }
    if (options.deadlines ?? true) {
      for (const deadline of process.deadlines(snapshot)) {
        const system: Actor = { id: 'system', roles: ['system'], orgId: actor.orgId };
        events.push({
          type: 'DEADLINE_REACHED',
          deadlineId: deadline.id,
          occurredOn: addDays(deadline.due, 1),
          actor: system,
        });
      }
    }
    return events;
  };

  /** The event, re-dated to the earliest day its time rules allow; null when it stays refused. */
  const allowed = (snapshot: AnyMachineSnapshot, event: Record<string, unknown>): Record<string, unknown> | null => {
    const first = process.explain(snapshot, event);
    if (first.verdict === 'allowed') return event;
    const dates = first.failures.map((failure) => failure.earliest);
    if (first.verdict !== 'refused' || dates.length === 0 || dates.some((date) => date === undefined)) return null;
    const earliest = (dates as LocalDate[]).reduce(later);
    const moved = { ...event, occurredOn: earliest };
    return process.explain(snapshot, moved).verdict === 'allowed' ? moved : null;
  };

  const serializeState = (
    snapshot: AnyMachineSnapshot,
    event: EventObject | undefined,
    previous: AnyMachineSnapshot | undefined,
  ): string => {
    if (!visits.has(snapshot) && previous && event) {
      const before = visitOf(previous);
      const on =
        'occurredOn' in event && typeof event.occurredOn === 'string' ? (event.occurredOn as LocalDate) : before.today;
      const kept = JSON.stringify(snapshot.value) === JSON.stringify(previous.value);
      const repeats = kept
        ? { ...before.repeats, [event.type]: Math.min(maxRepeats, (before.repeats[event.type] ?? 0) + 1) }
        : {};
      visits.set(snapshot, { today: later(before.today, on), repeats });
    }
    const { repeats } = visitOf(snapshot);
    const extra = options.distinguish ? JSON.stringify(options.distinguish(snapshot) ?? null) : '';
    const counts = Object.keys(repeats)
      .sort()
      .map((type) => `${type}×${repeats[type]}`);
    return `${snapshot.status}|${JSON.stringify(snapshot.value)}|${counts.join(',')}|${extra}`;
  };

  const found = getShortestPaths(machine, {
    fromState: initial,
    events: (snapshot: AnyMachineSnapshot) =>
      candidates(snapshot).flatMap((event) => {
        const ok = allowed(snapshot, event);
        return ok ? [ok as EventObject] : [];
      }),
    serializeState,
    limit: options.limit ?? 20_000,
  });

  const prefix = `${machine.id}.`;
  const paths: Record<string, readonly string[]> = {};
  for (const path of found.sort((a, b) => a.steps.length - b.steps.length)) {
    for (const state of statePaths(path.state.value)) {
      paths[state] ??= path.steps.map((step) => step.event.type).filter((type) => type !== 'xstate.init');
    }
  }
  const transient: string[] = [];
  const stable: string[] = [];
  for (const node of getStateNodes(machine)) {
    if (!node.id.startsWith(prefix)) continue;
    const id = node.id.slice(prefix.length);
    (isTransient(node) ? transient : stable).push(id);
  }
  return {
    reached: stable.filter((id) => paths[id] !== undefined),
    unreached: stable.filter((id) => paths[id] === undefined),
    transient,
    paths,
  };
}

/** Several coverage reports as one: a state is reached when any report reached it. */
export function combineCoverage(reports: readonly CoverageReport[]): CoverageReport {
  const paths: Record<string, readonly string[]> = {};
  for (const report of reports) for (const [state, steps] of Object.entries(report.paths)) paths[state] ??= steps;
  const all = [...new Set(reports.flatMap((report) => [...report.reached, ...report.unreached]))];
  return {
    reached: all.filter((id) => paths[id] !== undefined),
    unreached: all.filter((id) => paths[id] === undefined),
    transient: [...new Set(reports.flatMap((report) => report.transient))],
    paths,
  };
}

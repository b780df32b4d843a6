import type { Actor, Deadline, Explanation, ProcessDefinition, Role } from '@dangwu/machines';
import type { LocalDate, RuleProfile } from '@dangwu/rules';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';

/**
 * How a scenario runs the process: `live` on one started actor; `restored` persisted → JSON →
 * restored before every step; `runtime` through `createEngine` on the memory store and a manual clock.
 */
export type ScenarioMode = 'live' | 'restored' | 'runtime';

/** Options of `createScenario`. */
export interface ScenarioOptions<TMachine extends AnyStateMachine = AnyStateMachine> {
  /** The process to run (its machine may be one adapted with `machine.provide()`). */
  readonly process: ProcessDefinition<TMachine>;
  /** The rule profile; set as `input.profile`. @default the profile already in `input` */
  readonly profile?: RuleProfile;
  /** The machine's input without the profile (validated with the process's `inputSchema`). */
  readonly input: Readonly<Record<string, unknown>>;
  /** The scenario's first day (Asia/Shanghai); events default to the current day. */
  readonly startOn: LocalDate;
  /** How the process runs. @default 'live' */
  readonly mode?: ScenarioMode;
  /** Organisation of actors written as a role. @default `input.orgId`, else the instance's organisation */
  readonly orgId?: string;
}

/**
 * An event as a scenario takes it: `occurredOn` defaults to the scenario's current day and the actor
 * may be written as a role (`'branch-committee'` becomes `{ id: 'branch-committee-1', roles: [role], orgId }`).
 */
export interface ScenarioEvent {
  /** Event type, e.g. `RECORD_TALK`. */
  readonly type: string;
  /** Who acts: a role, or a full actor. */
  readonly actor: Role | Actor;
  /** The date the act happened. @default the scenario's current day */
  readonly occurredOn?: LocalDate;
  /** The event's own payload fields. */
  readonly [field: string]: unknown;
}

/** A running scenario on a virtual clock; every method is async so all three modes share one API. */
export interface Scenario<TMachine extends AnyStateMachine = AnyStateMachine> {
  /** The mode the scenario runs in. */
  readonly mode: ScenarioMode;
  /** The scenario's current day. */
  readonly today: LocalDate;
  /** The current snapshot (restored from the store in `runtime` mode). */
  snapshot(): Promise<SnapshotFrom<TMachine>>;
  /** Deadlines pending now. */
  deadlines(): Promise<readonly Deadline[]>;
  /** Why the event would or would not be accepted now; nothing changes. */
  explain(event: ScenarioEvent): Promise<Explanation>;
  /** Sends the event; throws a `ScenarioAssertionError` (nothing changed) unless it is allowed. */
  send(event: ScenarioEvent): Promise<Explanation>;
  /** Moves the clock forward by a date-only ISO-8601 duration (`P3M`, `P10D`), firing deadlines whose day passed. */
  advance(duration: string): Promise<LocalDate>;
  /** Moves the clock forward to `date` (never back), firing deadlines whose day passed. */
  advanceTo(date: LocalDate): Promise<LocalDate>;
  /** Asserts the snapshot is in the state path (e.g. `case.activist.cultivating`). */
  expectState(path: string): Promise<void>;
  /** Asserts the event is refused citing `ruleId`, and that sending it changes nothing. */
  expectRefused(event: ScenarioEvent, ruleId: string): Promise<Explanation>;
  /** Asserts the event would be allowed now (it is not sent). */
  expectAllowed(event: ScenarioEvent): Promise<Explanation>;
  /** Asserts a pending deadline of `ruleId` falls due on `date`. */
  expectDeadline(ruleId: string, date: LocalDate): Promise<Deadline>;
  /** Asserts a deadline of `ruleId` has been marked overdue (DEADLINE_REACHED was taken). */
  expectOverdue(ruleId: string): Promise<void>;
  /** Stops the live actor; the scenario cannot be used afterwards. */
  stop(): void;
}

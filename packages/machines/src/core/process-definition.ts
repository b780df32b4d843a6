import type { Bilingual, LocalDate } from '@dangwu/rules';
import type { AnyMachineSnapshot, AnyStateMachine, ContextFrom, SnapshotFrom } from 'xstate';
import type * as z from 'zod';
import type { Actor } from './actor.js';
import type { CaseLedger } from './case-records.js';
import type { Explanation } from './explanation.js';

/** A date a process step must happen by, as the snapshot exposes it (rule id, date, event raised). */
export interface Deadline {
  /** Stable id within the instance, e.g. `talk` or `report-2026-Q3`. */
  readonly id: string;
  /** The rule that sets the deadline, e.g. `DEV-APPLY-TALK-DEADLINE`. */
  readonly ruleId: string;
  /** The last day on which the step is on time (Asia/Shanghai). */
  readonly due: LocalDate;
  /** The event the host sends when the day after `due` begins: `{ type: 'DEADLINE_REACHED', deadlineId }`. */
  readonly raises: { readonly type: 'DEADLINE_REACHED'; readonly deadlineId: string };
  /** What is due, in both languages. */
  readonly text: Bilingual;
  /** True when the date was computed from a holiday calendar not yet published for its year (EC-23). */
  readonly provisional: boolean;
}

/**
 * Everything the runtime, the testing kit and the CLI need to run one process: the machine, its
 * schemas, and the pure functions that read a snapshot. One object per process and machine version.
 */
export interface ProcessDefinition<TMachine extends AnyStateMachine = AnyStateMachine> {
  /** Process id, e.g. `member-development`. */
  readonly id: string;
  /** Machine version; instances are pinned to it. */
  readonly version: string;
  /** Process name in both languages. */
  readonly title: Bilingual;
  /** The XState machine. */
  readonly machine: TMachine;
  /** Schema of the machine's input (validated before an instance starts). */
  readonly inputSchema: z.ZodType;
  /** Schema of every event the machine takes (a discriminated union on `type`). */
  readonly eventSchema: z.ZodType;
  /** Why the event is or is not allowed in this snapshot; pure. */
  explain(snapshot: SnapshotFrom<TMachine>, event: unknown): Explanation;
  /** Deadlines pending in this snapshot; pure. */
  deadlines(snapshot: SnapshotFrom<TMachine>): readonly Deadline[];
  /** The organisation that owns the instance now (it changes when a case transfers). */
  organisationOf(snapshot: SnapshotFrom<TMachine>): string;
  /** The actor named in an event payload. */
  actorOf(event: { readonly actor: Actor }): Actor;
}

/** The parts of a {@link ProcessDefinition} a process writes itself; {@link defineProcess} fills in the rest. */
export type ProcessParts<TMachine extends AnyStateMachine> = Omit<ProcessDefinition<TMachine>, 'deadlines' | 'actorOf'>;

/**
 * A process definition from its parts: `deadlines` reads the pending deadlines every case ledger keeps
 * (`snapshot.context.deadlines`) and `actorOf` the actor every event carries.
 */
export function defineProcess<TMachine extends AnyStateMachine>(
  parts: ProcessParts<TMachine> & (ContextFrom<TMachine> extends CaseLedger ? unknown : never),
): ProcessDefinition<TMachine> {
  return {
    ...parts,
    deadlines: (snapshot: AnyMachineSnapshot): readonly Deadline[] => snapshot.context.deadlines,
    actorOf: (event) => event.actor,
  };
}

import type { LocalDate } from '@dangwu/rules';
import type { AnyMachineSnapshot } from 'xstate';

/** What a scenario needs from the thing that runs the process (an actor or the engine). Internal. */
export interface ScenarioDriver {
  /** The current snapshot. */
  snapshot(): Promise<AnyMachineSnapshot>;
  /** A string that changes exactly when the persisted instance changes. */
  fingerprint(): Promise<string>;
  /** Sends a complete event (the engine throws when it refuses it). */
  send(event: Readonly<Record<string, unknown>>): Promise<void>;
  /** Fires every deadline whose day after `due` is on or before `until`, as the runtime's timers do. */
  fireDeadlines(until: LocalDate): Promise<void>;
  /** Releases the actor. */
  stop(): void;
}

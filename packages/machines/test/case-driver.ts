import type { AnyStateMachine, SnapshotFrom } from 'xstate';
import { createActor } from 'xstate';
import type { Explanation } from '../src/core/explanation.js';

/** How a scenario runs: on one live actor, or persisted to JSON and restored between every step. */
export type DriverMode = 'live' | 'restored';

/** Both modes, for `describe.each`. */
export const driverModes: readonly DriverMode[] = ['live', 'restored'];

/**
 * Drives one case through a machine, checking on every send that the explanation and the machine
 * agree: an allowed event changes the snapshot, any other leaves it exactly as it was.
 */
export class CaseDriver<TMachine extends AnyStateMachine> {
  private actor;

  constructor(
    private readonly machine: TMachine,
    input: unknown,
    private readonly mode: DriverMode,
    private readonly explain: (snapshot: SnapshotFrom<TMachine>, event: unknown) => Explanation,
  ) {
    this.actor = createActor(machine, { input }).start();
  }

  /** The current snapshot. */
  get snapshot(): SnapshotFrom<TMachine> {
    return this.actor.getSnapshot() as SnapshotFrom<TMachine>;
  }

  /** The case context. */
  get context(): SnapshotFrom<TMachine>['context'] {
    return this.snapshot.context;
  }

  /** Persisted snapshot as JSON text. */
  persisted(): string {
    return JSON.stringify(this.actor.getPersistedSnapshot());
  }

  /** Explains and sends `event`; throws if the machine and the explanation disagree. */
  send(event: unknown): Explanation {
    const explanation = this.explain(this.snapshot, event);
    const before = this.persisted();
    if (explanation.verdict !== 'invalid') this.actor.send(event as never);
    const after = this.persisted();
    if (explanation.verdict === 'allowed' && before === after) {
      throw new Error(`explain allowed ${explanation.eventType} but the machine did not change`);
    }
    if (explanation.verdict !== 'allowed' && before !== after) {
      throw new Error(`explain said ${explanation.verdict} for ${explanation.eventType} but the machine changed`);
    }
    if (this.mode === 'restored') {
      const restored = JSON.parse(after);
      this.actor.stop();
      this.actor = createActor(this.machine, { snapshot: restored }).start();
      if (this.persisted() !== after) throw new Error('restoring the persisted snapshot changed it');
    }
    return explanation;
  }

  /** Sends `event` and throws with the explanation unless it was allowed. */
  accept(event: unknown): Explanation {
    const explanation = this.send(event);
    if (explanation.verdict !== 'allowed') {
      throw new Error(`expected ${explanation.eventType} to be allowed: ${explanation.message.en}`);
    }
    return explanation;
  }
}

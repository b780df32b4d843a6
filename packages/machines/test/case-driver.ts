import type { AnyActorRef, AnyMachineSnapshot, AnyStateMachine, SnapshotFrom } from 'xstate';
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
  private actor: AnyActorRef;

  constructor(
    private readonly machine: TMachine,
    input: unknown,
    private readonly mode: DriverMode,
    private readonly explain: (snapshot: SnapshotFrom<TMachine>, event: unknown) => Explanation,
  ) {
    this.actor = createActor(machine as AnyStateMachine, { input }).start();
  }

  /** The current snapshot. */
  get snapshot(): SnapshotFrom<TMachine> {
    return this.actor.getSnapshot() as SnapshotFrom<TMachine>;
  }

  /** The case context. */
  get context(): ReturnType<TMachine['getInitialSnapshot']>['context'] {
    return (this.actor.getSnapshot() as AnyMachineSnapshot).context;
  }

  /** Persisted snapshot as JSON text. */
  persisted(): string {
    return JSON.stringify(this.actor.getPersistedSnapshot());
  }

  /** Explains and sends `event`; throws if the machine and the explanation disagree. */
  send(event: unknown): Explanation {
    const explanation = this.explain(this.snapshot, event);
    const before = this.persisted();
    // A finished actor would only log a warning; the explanation already says not-accepted.
    if (explanation.verdict !== 'invalid' && (this.actor.getSnapshot() as AnyMachineSnapshot).status === 'active')
      this.actor.send(event as never);
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
      this.actor = createActor(this.machine as AnyStateMachine, { snapshot: restored }).start();
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

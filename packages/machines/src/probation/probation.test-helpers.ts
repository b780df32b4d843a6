import { documentRules, national, type RuleProfile, type VoteCount } from '@dangwu/rules';
import { createActor, type Actor as XActor } from 'xstate';
import type { Role } from '../core/actor.js';
import type { Explanation } from '../core/explanation.js';
import { probationMachine } from './probation.machine.js';
import { explainProbation, type ProbationSnapshot } from './probation.process.js';
import type { ProbationInput } from './probation.schema.js';

/** How a scenario runs: on one live actor, or persisted → JSON → restored between every step. */
export type ScenarioMode = 'live' | 'restored';

/** Both modes, for `describe.each`: every scenario runs twice. */
export const scenarioModes: readonly ScenarioMode[] = ['live', 'restored'];

/** An actor with one role, acting for the branch `org-1`. */
export function actorAs(role: Role, orgId = 'org-1'): { id: string; roles: Role[]; orgId: string } {
  return { id: `actor-${role}`, roles: [role], orgId };
}

/** An event of `type` dated `occurredOn`, sent by an actor in `role`, with extra payload fields. */
export function ev(type: string, occurredOn: string, role: Role, extra: Record<string, unknown> = {}) {
  return { type, occurredOn, actor: actorAs(role), ...extra };
}

/** A lawful vote of 16 due, 12 present, 10 for, by secret ballot, on one person. */
export const goodVotes: VoteCount = {
  due: 16,
  present: 12,
  for: 10,
  against: 2,
  abstain: 0,
  writtenFor: 0,
  writtenAgainst: 0,
};

/** HOLD_VOTE payload with `goodVotes` and a decision. */
export function vote(decision: 'convert' | 'extend' | 'cancel', extra: Record<string, unknown> = {}) {
  return { votes: goodVotes, method: 'secret-ballot', candidates: 1, decision, ...extra };
}

/** Input for a probation starting on `probationStart` under `profile`. */
export function probationInput(profile: 'national' | 'document' | RuleProfile, probationStart: string): ProbationInput {
  const rules = profile === 'national' ? national : profile === 'document' ? documentRules : profile;
  return {
    caseId: 'case-1',
    personId: 'person-1',
    orgId: 'org-1',
    actor: actorAs('branch-committee'),
    profile: rules,
    probationStart,
  };
}

/**
 * Runs one probation case in `mode`. `send` explains the event first and asserts the machine
 * agrees: an allowed event changes the persisted snapshot, any other leaves it byte-for-byte
 * unchanged. In `restored` mode the actor is persisted, turned into JSON text, parsed and
 * restored with `createActor(machine, { snapshot, input })` after every step.
 */
export class ProbationScenario {
  private actor: XActor<typeof probationMachine>;

  constructor(
    private readonly mode: ScenarioMode,
    private readonly input: ProbationInput,
  ) {
    this.actor = createActor(probationMachine, { input }).start();
  }

  /** The current snapshot. */
  get snapshot(): ProbationSnapshot {
    return this.actor.getSnapshot();
  }

  /** The case context. */
  get context(): ProbationSnapshot['context'] {
    return this.actor.getSnapshot().context;
  }

  /** The `case` region's state (a string, the machine has no nested states in it). */
  get caseState(): unknown {
    return (this.actor.getSnapshot().value as { case: unknown }).case;
  }

  /** The `timeliness` region's state. */
  get timeliness(): unknown {
    return (this.actor.getSnapshot().value as { timeliness: unknown }).timeliness;
  }

  /** The persisted snapshot as JSON text. */
  persisted(): string {
    return JSON.stringify(this.actor.getPersistedSnapshot());
  }

  /** Explains and sends `event`; throws when the machine and the explanation disagree. */
  send(event: unknown): Explanation {
    const explanation = explainProbation(this.snapshot, event);
    const before = this.persisted();
    // A finished actor is stopped: sending to it would only log a warning, and nothing can change.
    if (explanation.verdict !== 'invalid' && this.snapshot.status === 'active') this.actor.send(event as never);
    const after = this.persisted();
    if (explanation.verdict === 'allowed' && before === after) {
      throw new Error(`explain allowed ${explanation.eventType} but the machine did not change`);
    }
    if (explanation.verdict !== 'allowed' && before !== after) {
      throw new Error(`explain said ${explanation.verdict} for ${explanation.eventType} but the machine changed`);
    }
    if (this.mode === 'restored') {
      this.actor.stop();
      this.actor = createActor(probationMachine, { snapshot: JSON.parse(after), input: this.input }).start();
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

/** Starts a scenario in `mode` (the `runScenario(mode)` helper every test uses). */
export function runScenario(mode: ScenarioMode, input: ProbationInput): ProbationScenario {
  return new ProbationScenario(mode, input);
}

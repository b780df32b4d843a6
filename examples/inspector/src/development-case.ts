// A member-development case running as a live XState actor, with the inspector attached through
// `createWebSocketInspector`: every event sent and every snapshot reached goes over the WebSocket.
import { type Actor, developmentEventSchema, developmentInputSchema, memberDevelopmentMachine } from '@dangwu/machines';
import { national } from '@dangwu/rules';
import { createWebSocketInspector } from '@statelyai/inspect';
import { createActor } from 'xstate';

/** Options of {@link runInspectedCase}. */
export interface InspectedCaseOptions {
  /** WebSocket address of the relay (see `startInspectionRelay`). */
  readonly url: string;
}

const secretary: Actor = { id: 'u-secretary', roles: ['branch-secretary'], orgId: 'branch-1' };
const committee: Actor = { id: 'u-committee', roles: ['branch-committee'], orgId: 'branch-1' };

/** The events the example sends, in order: a talk, then the activist designation. */
export const exampleEvents = [
  { type: 'RECORD_TALK', occurredOn: '2026-11-20', actor: secretary },
  { type: 'DESIGNATE_ACTIVIST', occurredOn: '2026-11-25', actor: committee },
] as const;

/**
 * Starts a development case with the inspector attached, sends {@link exampleEvents} and returns the
 * final state value and a `stop` that detaches the inspector and stops the actor.
 */
export function runInspectedCase(options: InspectedCaseOptions): { state: unknown; stop: () => void } {
  const inspector = createWebSocketInspector({ url: options.url });
  const input = developmentInputSchema.parse({
    caseId: 'dev-1',
    personId: 'p-1',
    orgId: 'branch-1',
    birthDate: '2000-01-01',
    appliedOn: '2026-11-02',
    actor: secretary,
    profile: national,
  });
  const actor = createActor(memberDevelopmentMachine, { input, inspect: inspector.inspect });
  actor.start();
  for (const event of exampleEvents) actor.send(developmentEventSchema.parse(event));
  return {
    state: actor.getSnapshot().value,
    stop: () => {
      actor.stop();
      inspector.stop();
    },
  };
}

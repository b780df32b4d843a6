import { assign } from 'xstate';
import { createEngine, createManualClock, type Engine, type Store } from '../../src/index.js';
import { reviewMachine, reviewProcess } from '../fixtures/review-process.js';
import { actor, event, MARCH_1, orgs } from './world.js';

// Two engines on one store stand for two processes: each has its own instance cache and lock.

export const input = { orgId: 'branch-1', openedOn: '2026-03-01' };
export type Definition = ReturnType<typeof reviewProcess>;
export const engineOn = (store: Store, processes: readonly Definition[] = [reviewProcess()]): Engine =>
  createEngine({ store, processes, clock: createManualClock(MARCH_1), orgs });
export const startCase = (engine: Engine, instanceId: string, version?: string) =>
  engine.start({
    processId: 'fixture-review',
    instanceId,
    input,
    actor: actor('branch-1'),
    ...(version ? { version } : {}),
  });
export const note = (occurredOn: string) => event('NOTE', occurredOn, { count: 1 });

/** The fixture with its `addNotes` action throwing while the case's last step is dated `poisoned`. */
export function throwingNotes(poisoned: string): Definition {
  const machine = reviewMachine.provide({
    actions: {
      addNotes: assign({
        notes: ({ context, event: sent }) => {
          if (context.lastOccurredOn === poisoned) throw new Error(`addNotes fails after ${poisoned}`);
          return context.notes + (sent.type === 'NOTE' ? sent.count : 0);
        },
      }),
    },
  });
  return { ...reviewProcess(), machine } as Definition;
}

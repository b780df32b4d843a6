import { actorSchema } from '@dangwu/machines';
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import * as z from 'zod';
import { createEngine, createManualClock, ProcessFailureError } from '../src/index.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { permissiveProcess } from './support/permissive-process.js';
import { actor, MARCH_1, orgs } from './support/world.js';

// A process may change its context in place (XState does not stop it), and the engine's cached snapshot
// shares that context with the next one. When the step then fails, nothing is committed: the next event
// must start from the stored state, not from the cached one the failed step changed.

const who = actor('branch-1');
const eventSchema = z
  .object({ type: z.literal('ADD'), occurredOn: z.string(), actor: actorSchema, item: z.string() })
  .strict();
type AddEvent = z.infer<typeof eventSchema>;

const machine = setup({
  types: { context: {} as { orgId: string; items: string[] }, events: {} as AddEvent, input: {} as { orgId: string } },
}).createMachine({
  id: 'in-place',
  context: ({ input }) => ({ orgId: input.orgId, items: [] }),
  initial: 'open',
  states: {
    open: {
      on: {
        ADD: {
          actions: [
            assign({
              items: ({ context, event }) => {
                context.items.push(event.item);
                return context.items;
              },
            }),
            // Fails after the first action changed the context in place.
            assign(({ event }) => {
              if (event.item === 'boom') throw new Error('the second action fails');
              return {};
            }),
          ],
        },
      },
    },
  },
});

const inPlaceProcess = permissiveProcess({
  id: 'in-place',
  machine,
  inputSchema: z.object({ orgId: z.string() }).strict(),
  eventSchema,
});

const add = (item: string) => ({
  instanceId: 'p1',
  event: { type: 'ADD', occurredOn: '2026-03-02', actor: who, item },
});

describe.each(storesUnderTest('failed-step'))('a failed step on the %s store', (_name, makeStore) => {
  it('leaves the cached snapshot as it was stored, so the next event starts from the stored state', async () => {
    const store = makeStore();
    const engine = createEngine({ store, processes: [inPlaceProcess], clock: createManualClock(MARCH_1), orgs });
    await engine.start({ processId: 'in-place', instanceId: 'p1', input: { orgId: 'branch-1' }, actor: who });
    await engine.send(add('a'));
    await expect(engine.send(add('boom'))).rejects.toBeInstanceOf(ProcessFailureError);
    const after = await engine.send(add('b'));
    expect((after.instance.snapshot as { context: unknown }).context).toEqual({ orgId: 'branch-1', items: ['a', 'b'] });
    // The stored record says the same, and a fresh engine (no cache) reads it back.
    const fresh = createEngine({ store, processes: [inPlaceProcess], clock: createManualClock(MARCH_1), orgs });
    const read = await fresh.get('p1', { actor: who });
    expect((read.snapshot as { context: unknown }).context).toEqual({ orgId: 'branch-1', items: ['a', 'b'] });
    expect(await engine.verifyHistory('p1')).toEqual({ ok: true, entries: 3 });
  });
});

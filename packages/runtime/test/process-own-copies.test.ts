import { actorSchema, type ProcessDefinition } from '@dangwu/machines';
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import * as z from 'zod';
import { createEngine, createManualClock, type Store } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { permissiveProcess } from './support/permissive-process.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

// The process's own code (actorOf, explain, guards, actions, its context factory) gets a copy of the
// event or input of its own: nothing it does to it reaches the audit entry, which records what was sent
// and validated, and the hash chain holds.

const who = actor('branch-1');

// A process written the way XState allows: its context keeps a list taken from the SET event, a later ADD
// appends to it in place, and its context factory writes to its input.
const listEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SET'), occurredOn: z.string(), actor: actorSchema, items: z.array(z.string()) }).strict(),
  z.object({ type: z.literal('ADD'), occurredOn: z.string(), actor: actorSchema, item: z.string() }).strict(),
]);
type ListEvent = z.infer<typeof listEventSchema>;
const listMachine = setup({
  types: {
    context: {} as { orgId: string; items: string[] },
    events: {} as ListEvent,
    input: {} as { orgId: string; tags: string[] },
  },
}).createMachine({
  id: 'list',
  context: ({ input }) => {
    input.tags.push('seen');
    Object.assign(input, { aside: 'x' });
    return { orgId: input.orgId, items: [] };
  },
  initial: 'open',
  states: {
    open: {
      on: {
        SET: { actions: assign({ items: ({ event }) => (event.type === 'SET' ? event.items : []) }) },
        ADD: {
          actions: assign({
            items: ({ context, event }) => {
              if (event.type === 'ADD') context.items.push(event.item);
              return context.items;
            },
          }),
        },
      },
    },
  },
});
const listProcess = permissiveProcess({
  id: 'list',
  machine: listMachine,
  inputSchema: z.object({ orgId: z.string(), tags: z.array(z.string()) }).strict(),
  eventSchema: listEventSchema,
});

/** An event as the process's own code holds it: its copy, which it may change. */
type HeldEvent = { type: string; occurredOn: string; actor: { id: string; orgId: string; roles: string[] } };

/** The fixture process, whose explain answers and then does `change` to the event it was given. */
function explainingThen(change: (held: HeldEvent) => void): ProcessDefinition {
  const base = reviewProcess();
  return {
    ...base,
    explain: (snapshot: Parameters<typeof base.explain>[0], sent: Parameters<typeof base.explain>[1]) => {
      const answer = base.explain(snapshot, sent);
      change(sent as unknown as HeldEvent);
      return answer;
    },
  } as unknown as ProcessDefinition;
}

describe.each(storesUnderTest('process-copies'))("the process's own copies on the %s store", (_name, makeStore) => {
  const engineOn = (store: Store, process: ProcessDefinition, snapshotCacheSize?: number) =>
    createEngine({
      store,
      processes: [process],
      clock: createManualClock(MARCH_1),
      orgs,
      ...(snapshotCacheSize === undefined ? {} : { snapshotCacheSize }),
    });

  /** A store and an engine running `process` (a fixture variant), with case i1 started in branch-1. */
  const fixtureCase = async (process: ProcessDefinition) => {
    const store = makeStore();
    const engine = engineOn(store, process);
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'i1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: who,
    });
    return { store, engine };
  };

  it('records a sent event as it was sent, whatever actorOf and explain do to theirs', async () => {
    // explain adds a member out of key order: had it reached the entry, its text would not be canonical.
    const explaining = explainingThen((held) => Object.assign(held, { aside: 'x' }));
    const changing = {
      ...explaining,
      actorOf: (held: HeldEvent) => {
        const actorAsSent = { id: held.actor.id, orgId: held.actor.orgId, roles: [...held.actor.roles] };
        Object.assign(held, { count: 99 });
        held.actor.roles.push('higher-committee');
        return actorAsSent;
      },
    } as unknown as ProcessDefinition;
    const { store, engine } = await fixtureCase(changing);
    const sent = event('NOTE', '2026-03-02', { count: 1 });
    await engine.send({ instanceId: 'i1', event: sent });
    const entry = (await store.getAudit('i1')).at(-1);
    expect(entry?.payload).toEqual(JSON.parse(JSON.stringify(sent)));
    expect(entry?.actorRoles).toEqual(['branch-committee']);
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 2 });
  });

  it("leaves the caller's event as it was when explaining it, whatever explain and actorOf do to theirs", async () => {
    const explaining = explainingThen((held) => {
      held.occurredOn = '2030-01-01';
      held.actor.roles.push('higher-committee');
    });
    const changing = {
      ...explaining,
      actorOf: (held: HeldEvent) => {
        held.actor.orgId = 'branch-3';
        return { id: who.id, orgId: 'branch-1', roles: ['branch-committee'] };
      },
    } as unknown as ProcessDefinition;
    const { engine } = await fixtureCase(changing);
    const sent = event('NOTE', '2026-03-02', { count: 1 });
    const asSent = structuredClone(sent);
    expect((await engine.explain('i1', sent, { actor: who })).verdict).toBe('allowed');
    expect(sent).toEqual(asSent);
  });

  it("records the sender actorOf named, whatever the process's code does to the event's actor afterwards", async () => {
    // The default actorOf hands back the event's own actor; explain then rewrites it.
    const rewriting = explainingThen(({ actor: held }) => {
      held.id = 'u-impostor';
      held.orgId = 'branch-3';
      held.roles.push('system');
    });
    const { store, engine } = await fixtureCase(rewriting);
    await engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    const entry = (await store.getAudit('i1')).at(-1);
    expect(entry).toMatchObject({ actorId: who.id, actorOrgId: 'branch-1', actorRoles: ['branch-committee'] });
    expect(entry?.payload).toMatchObject({ actor: { id: who.id, orgId: 'branch-1', roles: ['branch-committee'] } });
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 2 });
  });

  it('records the input as it was sent, whatever the context factory does to its own', async () => {
    const store = makeStore();
    const engine = engineOn(store, listProcess);
    await engine.start({ processId: 'list', instanceId: 'l1', input: { orgId: 'branch-1', tags: ['t'] }, actor: who });
    expect((await store.getAudit('l1'))[0]?.payload).toEqual({ orgId: 'branch-1', tags: ['t'] });
    expect(await engine.verifyHistory('l1')).toEqual({ ok: true, entries: 1 });
  });

  it('gives a process the same result whether its snapshot was cached or read back, and records each event as sent', async () => {
    const contexts: unknown[] = [];
    for (const snapshotCacheSize of [1000, 0]) {
      const store = makeStore();
      const engine = engineOn(store, listProcess, snapshotCacheSize);
      await engine.start({ processId: 'list', instanceId: 'l1', input: { orgId: 'branch-1', tags: [] }, actor: who });
      await engine.send({
        instanceId: 'l1',
        event: { type: 'SET', occurredOn: '2026-03-01', actor: who, items: ['a'] },
      });
      const added = await engine.send({
        instanceId: 'l1',
        event: { type: 'ADD', occurredOn: '2026-03-02', actor: who, item: 'b' },
      });
      contexts.push((added.instance.snapshot as { context: unknown }).context);
      const audit = await store.getAudit('l1');
      expect(audit[1]?.payload, `cache ${snapshotCacheSize}`).toMatchObject({ type: 'SET', items: ['a'] });
      expect(await engine.verifyHistory('l1'), `cache ${snapshotCacheSize}`).toEqual({ ok: true, entries: 3 });
    }
    expect(contexts[0]).toEqual({ orgId: 'branch-1', items: ['a', 'b'] });
    expect(contexts[1]).toEqual(contexts[0]);
  });

  it('records a fired timer as the runtime raised it, whatever explain does to the event it is given', async () => {
    const changing = explainingThen((held) => {
      if (held.type !== 'DEADLINE_REACHED') return;
      held.actor.roles.push('higher-committee');
      held.occurredOn = '2030-01-01';
    });
    const { store, engine } = await fixtureCase(changing);
    for (const deadlineId of ['d1', 'd2']) {
      await engine.send({
        instanceId: 'i1',
        event: event('SCHEDULE', '2026-03-01', { deadlineId, due: '2026-03-02' }),
      });
    }
    expect(await engine.runDueTimers(MARCH_1 + 3 * DAY)).toMatchObject({ fired: 2, failed: 0 });
    const timerEntries = (await store.getAudit('i1')).filter((entry) => entry.kind === 'timer');
    expect(timerEntries).toHaveLength(2);
    for (const entry of timerEntries) {
      expect(entry.actorRoles).toEqual(['system']);
      expect(entry.occurredOn).toBe('2026-03-03');
      expect(entry.payload).toMatchObject({ actor: { roles: ['system'] }, occurredOn: '2026-03-03' });
    }
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 5 });
  });
});

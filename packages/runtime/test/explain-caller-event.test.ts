import type { ProcessDefinition } from '@dangwu/machines';
import { InvalidPayloadError } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createEngine, createManualClock, type Engine } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

// explain hands the process's own code a copy of the caller's event, and must still judge an event as
// send does: an event that is not plain data (a class instance, an object with another prototype) is
// judged as the caller's object itself, not as a copy of its own members.

const who = actor('branch-1');

describe.each(storesUnderTest('explain-caller'))('explain of a caller’s event on the %s store', (_name, makeStore) => {
  const opened = async (process: ProcessDefinition = reviewProcess()): Promise<Engine> => {
    const engine = createEngine({ store: makeStore(), processes: [process], clock: createManualClock(MARCH_1), orgs });
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'i1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: who,
    });
    return engine;
  };

  it('refuses, as send does, an event whose member is inherited from another prototype', async () => {
    const engine = await opened();
    const inheriting = () => Object.assign(Object.create({ extra: 1 }), event('NOTE', '2026-03-02', { count: 1 }));
    expect((await engine.explain('i1', inheriting(), { actor: who })).verdict).toBe('invalid');
    await expect(engine.send({ instanceId: 'i1', event: inheriting() })).rejects.toBeInstanceOf(InvalidPayloadError);
  });

  it('allows, as send applies, an event whose member is a getter of its class', async () => {
    const engine = await opened();
    class Note {
      type = 'NOTE';
      occurredOn = '2026-03-02';
      actor = who;
      get count(): number {
        return 1;
      }
    }
    expect((await engine.explain('i1', new Note(), { actor: who })).verdict).toBe('allowed');
    expect((await engine.send({ instanceId: 'i1', event: new Note() })).instance.version).toBe(2);
  });

  it('leaves a caller’s event with a function member unchanged when a lenient schema accepts it', async () => {
    const base = reviewProcess();
    const lenient = {
      ...base,
      eventSchema: z.object({ type: z.literal('NOTE'), occurredOn: z.string(), actor: z.any(), count: z.number() }),
      explain: (snapshot: Parameters<typeof base.explain>[0], sent: Parameters<typeof base.explain>[1]) => {
        const { hook: _hook, ...judged } = sent as { hook?: unknown };
        const answer = base.explain(snapshot, judged as Parameters<typeof base.explain>[1]);
        Object.assign(sent as object, { count: 99 });
        return answer;
      },
    } as unknown as ProcessDefinition;
    const engine = await opened(lenient);
    const sent = { ...event('NOTE', '2026-03-02', { count: 1 }), hook: () => 1 };
    expect((await engine.explain('i1', sent, { actor: who })).verdict).toBe('allowed');
    expect(sent).toMatchObject({ count: 1 });
  });
});

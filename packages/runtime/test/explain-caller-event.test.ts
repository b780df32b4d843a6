import type { ProcessDefinition } from '@dangwu/machines';
import { InvalidPayloadError } from '@dangwu/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  createEngine,
  createManualClock,
  createMemoryStore,
  type Engine,
  EventNotAcceptedError,
  EventRefusedError,
  ForbiddenError,
  type Store,
} from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

// explain reads an event as send does (the schema parses the caller's event, the process's own code gets
// a copy of what the schema made of it), so it judges every event as send would, and nothing the
// process's code does reaches the caller's object.

const who = actor('branch-1');

/** An engine running `process` with case i1 open in branch-1 (the fixture process by default). */
async function opened(
  store: Store = createMemoryStore(),
  process: ProcessDefinition = reviewProcess(),
): Promise<Engine> {
  const engine = createEngine({ store, processes: [process], clock: createManualClock(MARCH_1), orgs });
  await engine.start({
    processId: 'fixture-review',
    instanceId: 'i1',
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: who,
  });
  return engine;
}

/** What send does with an event, in explain's words: applied, or the verdict its error stands for. */
async function sendOutcome(engine: Engine, sent: unknown): Promise<string> {
  try {
    await engine.send({ instanceId: 'i1', event: sent });
    return 'applied';
  } catch (error) {
    if (error instanceof InvalidPayloadError) return 'invalid';
    if (error instanceof EventRefusedError || error instanceof ForbiddenError) return 'refused';
    if (error instanceof EventNotAcceptedError) return 'not-accepted';
    return (error as Error).constructor.name;
  }
}

class Note {
  type = 'NOTE';
  occurredOn = '2026-03-02';
  actor = { ...who, roles: [...who.roles] };
  get count(): number {
    return 1;
  }
}

/** Events that are not plain data, each made afresh, with the verdict explain and send must share. */
const oddEvents: [string, () => unknown, 'allowed' | 'invalid'][] = [
  ['a member inherited from another prototype', () => Object.assign(Object.create({ extra: 1 }), note()), 'invalid'],
  ['a member that is a getter of its class', () => new Note(), 'allowed'],
  [
    'an unknown member whose getter throws',
    () =>
      Object.defineProperty(note(), 'extra', {
        enumerable: true,
        get: () => {
          throw new Error('the caller’s getter');
        },
      }),
    'invalid',
  ],
  [
    'a member that is not enumerable',
    // Read as JSON data, which holds enumerable members only.
    () => Object.defineProperty(event('NOTE', '2026-03-02'), 'count', { value: 1, enumerable: false }),
    'invalid',
  ],
  [
    'a lone surrogate in the actor id',
    () => event('NOTE', '2026-03-02', { count: 1 }, { ...who, id: 'u-\uD800' }),
    'invalid',
  ],
];

function note(): Record<string, unknown> {
  return event('NOTE', '2026-03-02', { count: 1 });
}

describe.each(storesUnderTest('explain-caller'))('explain of a caller’s event on the %s store', (_name, makeStore) => {
  it.each(oddEvents)('judges an event with %s as send does', async (_what, make, verdict) => {
    const engine = await opened(makeStore());
    expect((await engine.explain('i1', make(), { actor: who })).verdict).toBe(verdict);
    expect(await sendOutcome(engine, make())).toBe(verdict === 'allowed' ? 'applied' : 'invalid');
  });

  it('refuses for a system-role actor even when the process’s explain fails on the event, as send does', async () => {
    const base = reviewProcess();
    const failing = {
      ...base,
      explain: () => {
        throw new Error('this explain fails');
      },
    } as unknown as ProcessDefinition;
    const engine = await opened(makeStore(), failing);
    const system = () => event('NOTE', '2026-03-02', { count: 1 }, actor('branch-1', ['system']));
    expect(await engine.explain('i1', system(), { actor: who })).toMatchObject({
      verdict: 'refused',
      failures: [{ ruleId: 'RUNTIME-SYSTEM-ROLE' }],
    });
    expect(await sendOutcome(engine, system())).toBe('refused');
  });

  it('names the failing member of an invalid event within the payload, as the process’s explanations do', async () => {
    const engine = await opened(makeStore());
    const surrogate = event('NOTE', '2026-03-02', { count: 1 }, { ...who, id: 'u-\uD800' });
    const unknown = { ...note(), extra: 1 };
    for (const [sent, check] of [
      [surrogate, 'payload:actor.id'],
      [unknown, 'payload:extra'],
    ] as const) {
      const explanation = await engine.explain('i1', sent, { actor: who });
      expect(explanation.failures.map((failure) => failure.check)).toEqual([check]);
    }
  });

  it('leaves the caller’s event unchanged, a class instance’s plain members and a function member included', async () => {
    const base = reviewProcess();
    const changing = {
      ...base,
      eventSchema: z.object({ type: z.literal('NOTE'), occurredOn: z.string(), actor: z.any(), count: z.number() }),
      explain: (snapshot: Parameters<typeof base.explain>[0], sent: Parameters<typeof base.explain>[1]) => {
        const answer = base.explain(snapshot, sent);
        const held = sent as { count: number; actor: { id: string } };
        held.count = 99;
        held.actor.id = 'u-changed';
        return answer;
      },
    } as unknown as ProcessDefinition;
    const engine = await opened(makeStore(), changing);
    const withHook = { ...note(), hook: () => 1 };
    const instance = new Note();
    for (const sent of [withHook, instance]) {
      expect((await engine.explain('i1', sent, { actor: who })).verdict).toBe('allowed');
      expect(sent).toMatchObject({ count: 1, actor: { id: who.id } });
    }
  });
});

describe('explain against send (property)', () => {
  // Fixture events in drafting: a valid NOTE, APPROVE (which drafting does not take) or SUBMIT, then
  // changed, or not: an outsider, a system-role or no actor, a member out of range or of the wrong kind,
  // an unknown member (undefined or not). explain's verdict is what send does: allowed when it applies
  // the event, and otherwise the verdict its error stands for.
  const valid: Record<string, Record<string, unknown>> = {
    NOTE: { count: 1 },
    APPROVE: { present: 5, total: 5 },
    SUBMIT: { reviewDays: 10 },
  };
  const changes: Record<string, (sent: Record<string, unknown>) => void> = {
    none: () => {},
    outsider: (sent) => Object.assign(sent, { actor: actor('branch-2') }),
    system: (sent) => Object.assign(sent, { actor: actor('branch-1', ['system']) }),
    noActor: (sent) => Reflect.deleteProperty(sent, 'actor'),
    outOfRange: (sent) => Object.assign(sent, { count: 0, present: -1, reviewDays: 999 }),
    wrongKind: (sent) => Object.assign(sent, { occurredOn: 'today' }),
    unknownUndefined: (sent) => Object.assign(sent, { extra: undefined }),
    unknownValue: (sent) => Object.assign(sent, { extra: 1 }),
  };
  const changed = fc
    .record({ type: fc.constantFrom(...Object.keys(valid)), change: fc.constantFrom(...Object.keys(changes)) })
    .map(({ type, change }) => {
      const sent: Record<string, unknown> = event(type, '2026-03-02', valid[type]);
      changes[change]?.(sent);
      return sent;
    });

  it('gives the verdict send acts on, for every generated event', async () => {
    const verdicts = new Set<string>();
    await fc.assert(
      fc.asyncProperty(changed, async (sent) => {
        const engine = await opened();
        const { verdict } = await engine.explain('i1', sent, { actor: who });
        verdicts.add(verdict);
        expect(await sendOutcome(engine, sent)).toBe(verdict === 'allowed' ? 'applied' : verdict);
      }),
      { numRuns: 300 },
    );
    // The generator reaches every verdict, so each branch of the agreement was held.
    expect([...verdicts].sort()).toEqual(['allowed', 'invalid', 'not-accepted', 'refused']);
  });
});

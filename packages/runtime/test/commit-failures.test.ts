import { describe, expect, it } from 'vitest';
import { assign } from 'xstate';
import {
  createEngine,
  DeadlineDateError,
  DuplicateDeadlineError,
  type Engine,
  ProcessFailureError,
} from '../src/index.js';
import { reviewMachine, reviewProcess } from './fixtures/review-process.js';
import { reviewWorld, storesUnderTest } from './support/engine-under-test.js';
import { actor, DAY, event, MARCH_1, orgs } from './support/world.js';

// What a send or a start does when the host's code or the process's own code fails while the event is
// read or the commit is built: which error the caller gets, what is logged, and that nothing is written.

const stores = storesUnderTest('commit-failures');

describe.each(stores)('commit failures on the %s store', (_name, makeStore) => {
  const world = reviewWorld(makeStore);
  const committee = actor('branch-1');
  const open = world.open;
  /** What a start of a fixture case `instanceId` in branch-1 throws. */
  const failedStart = (engine: Engine, instanceId: string): Promise<unknown> =>
    engine
      .start({
        processId: 'fixture-review',
        instanceId,
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: committee,
      })
      .catch((thrown: unknown) => thrown);

  it("passes on a host's error thrown while the actor is read, logging nothing", async () => {
    await open();
    const event = {
      type: 'NOTE',
      occurredOn: '2026-03-02',
      count: 1,
      get actor(): never {
        throw new Error('session store unreachable');
      },
    };
    await expect(world.engine.send({ instanceId: 'i1', event })).rejects.toThrow('session store unreachable');
    expect(await world.engine.securityLog()).toEqual([]);
  });

  it.each([
    [
      'not a calendar date',
      '2026-02-31',
      DeadlineDateError,
      'deadline d1 is due on 2026-02-31, which is not a calendar date',
    ],
    [
      'on the last date (its timer would fire the day after)',
      '9999-12-31',
      DeadlineDateError,
      'the last date there is',
    ],
    ['twice under one id', 'twice', DuplicateDeadlineError, 'deadline d1 is listed twice (again at index 1)'],
  ] as const)(
    'refuses a commit whose process lists a deadline %s, writing nothing',
    async (_what, due, type, message) => {
      const base = reviewProcess();
      const misdated = {
        ...base,
        deadlines: (snapshot: Parameters<typeof base.deadlines>[0]) =>
          base
            .deadlines(snapshot)
            .flatMap((deadline) =>
              due === 'twice'
                ? [deadline, { ...deadline, due: '2026-03-12' as const }]
                : [{ ...deadline, due: due as never }],
            ),
      };
      const own = createEngine({ store: world.store, processes: [misdated], clock: world.clock, orgs });
      await open();
      const error = await own
        .send({ instanceId: 'i1', event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd1', due: '2026-03-05' }) })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ProcessFailureError);
      expect((error as ProcessFailureError).cause).toBeInstanceOf(type);
      expect(String((error as ProcessFailureError).cause)).toContain(message);
      expect((await own.get('i1', { actor: committee })).version).toBe(1);
      expect(await world.store.getTimers('i1')).toEqual([]);
      expect(await world.store.getAudit('i1')).toHaveLength(1);
    },
  );

  it("reports a process's actorOf that throws, or a schema whose output JSON cannot hold, as ProcessFailureError", async () => {
    const base = reviewProcess();
    const faulty = [
      {
        ...base,
        actorOf: (): never => {
          throw new TypeError('actor unreadable');
        },
      },
      { ...base, eventSchema: base.eventSchema.transform((parsed) => ({ ...(parsed as object), stamp: 1n })) },
      { ...base, actorOf: () => undefined },
      { ...base, actorOf: (sent: Parameters<typeof base.actorOf>[0]) => Object.assign([], base.actorOf(sent)) },
      {
        ...base,
        eventSchema: base.eventSchema.refine(() => {
          throw new TypeError('a refine that fails');
        }),
      },
    ] as unknown as (typeof base)[];
    await open();
    for (const [index, process] of faulty.entries()) {
      const own = createEngine({ store: world.store, processes: [process], clock: world.clock, orgs });
      for (const idempotencyKey of [undefined, `k${index}`]) {
        const error = await own
          .send({
            instanceId: 'i1',
            event: event('NOTE', '2026-03-02', { count: 1 }),
            ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
          })
          .catch((thrown: unknown) => thrown);
        expect(error, `process ${index}, key ${idempotencyKey}`).toBeInstanceOf(ProcessFailureError);
        expect((error as ProcessFailureError).cause).toBeInstanceOf(TypeError);
      }
      const asked = await own
        .explain('i1', event('NOTE', '2026-03-02', { count: 1 }), { actor: committee })
        .catch((thrown: unknown) => thrown);
      if (index !== 1) expect(asked, `explain, process ${index}`).toBeInstanceOf(ProcessFailureError);
    }
    const bigInput = {
      ...base,
      inputSchema: base.inputSchema.transform((parsed) => ({ ...(parsed as object), stamp: 1n })),
    };
    const starting = createEngine({
      store: world.store,
      processes: [bigInput as unknown as typeof base],
      clock: world.clock,
      orgs,
    });
    const started = await failedStart(starting, 'b1');
    expect(started).toBeInstanceOf(ProcessFailureError);
    expect((await world.store.getInstance('i1'))?.version).toBe(1);
    expect(await world.store.getInstance('b1')).toBeUndefined();
  });

  it('takes an actor a process enriches with members of its own, reading only its id, roles and organisation', async () => {
    const base = reviewProcess();
    const enriching = {
      ...base,
      actorOf: (sent: Parameters<typeof base.actorOf>[0]) => ({ ...base.actorOf(sent), displayName: 'Ms Li' }),
    };
    const own = createEngine({ store: world.store, processes: [enriching], clock: world.clock, orgs });
    await open();
    const note = event('NOTE', '2026-03-02', { count: 1 });
    expect((await own.explain('i1', note, { actor: committee })).verdict).toBe('allowed');
    await own.send({ instanceId: 'i1', event: note });
    const entry = (await world.store.getAudit('i1')).at(-1);
    expect(entry).toMatchObject({ actorId: committee.id, actorOrgId: 'branch-1', actorRoles: committee.roles });
    expect(JSON.stringify(entry)).not.toContain('Ms Li');
  });

  it('refuses a step whose context JSON cannot hold (a BigInt) as ProcessFailureError, writing nothing', async () => {
    const base = reviewProcess();
    const machine = reviewMachine.provide({ actions: { addNotes: assign({ notes: () => 10n as never }) } });
    const own = createEngine({
      store: world.store,
      processes: [{ ...base, machine } as typeof base],
      clock: world.clock,
      orgs,
    });
    await open();
    const error = await own
      .send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ProcessFailureError);
    expect((error as ProcessFailureError).cause).toBeInstanceOf(TypeError);
    expect((await world.store.getInstance('i1'))?.version).toBe(1);
  });

  it("reports what a process's own functions throw as ProcessFailureError, and the host's tree as its own", async () => {
    const base = reviewProcess();
    type Snap = Parameters<typeof base.deadlines>[0];
    const homeless = createEngine({
      store: world.store,
      processes: [
        {
          ...base,
          organisationOf: (): string => {
            throw new TypeError('no org in context');
          },
        },
      ],
      clock: world.clock,
      orgs,
    });
    const started = await failedStart(homeless, 'h1');
    expect(started).toBeInstanceOf(ProcessFailureError);
    expect((started as ProcessFailureError).cause).toBeInstanceOf(TypeError);
    expect(await world.store.getInstance('h1')).toBeUndefined();
    // An organisation id that is not a non-empty string is the process's failure too, at every commit.
    await open('v1');
    const vague = createEngine({
      store: world.store,
      processes: [{ ...base, organisationOf: () => '' }],
      clock: world.clock,
      orgs,
    });
    const sent = await vague
      .send({ instanceId: 'v1', event: event('NOTE', '2026-03-02', { count: 1 }) })
      .catch((thrown: unknown) => thrown);
    expect(sent).toBeInstanceOf(ProcessFailureError);
    expect(String((sent as ProcessFailureError).cause)).toContain('the process gives no organisation id');
    expect((await world.store.getInstance('v1'))?.version).toBe(1);
    // A deadline list that fails once a deadline has fired: the timer is reported as failed, with its cause.
    const failing = {
      ...base,
      deadlines: (snapshot: Snap) => {
        if (snapshot.context.fired.length > 0) throw new TypeError('deadline list unreadable');
        return base.deadlines(snapshot);
      },
    };
    const errors: unknown[] = [];
    const timed = createEngine({ store: world.store, processes: [failing], clock: world.clock, orgs });
    await open();
    await timed.send({
      instanceId: 'i1',
      event: event('SCHEDULE', '2026-03-01', { deadlineId: 'd1', due: '2026-03-02' }),
    });
    const report = await timed.runDueTimers(MARCH_1 + 3 * DAY);
    expect(report).toMatchObject({ fired: 0, failed: 1 });
    world.clock.set(MARCH_1 + 3 * DAY);
    const loop = timed.startTimerLoop({ onError: (error) => errors.push(error) });
    for (let waited = 0; waited < 200 && errors.length === 0; waited += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await loop.stop();
    expect(errors[0]).toBeInstanceOf(ProcessFailureError);
    expect(String((errors[0] as ProcessFailureError).cause)).toContain('deadline list unreadable');
    // The host's organisation tree failing is not the process's failure: its error passes on as it is.
    const outage = new Error('org directory unreachable');
    const cut = createEngine({
      store: world.store,
      processes: [base],
      clock: world.clock,
      orgs: {
        parentOf: () => {
          throw outage;
        },
      },
    });
    await expect(cut.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02', { count: 1 }) })).rejects.toBe(outage);
  });
});

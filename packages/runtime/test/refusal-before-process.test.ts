import { describe, expect, it } from 'vitest';
import {
  createEngine,
  createManualClock,
  ForbiddenError,
  ProcessFailureError,
  UnknownVersionError,
} from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

// Refusals that rest on who is asking come before anything the process says: an outsider learns nothing
// of an instance whose version this engine does not run, and a process's own failure is not turned into
// a refusal of the actor (nor into a security entry).

const input = { orgId: 'branch-1', openedOn: '2026-03-01' };
const note = (who: ReturnType<typeof actor>) => ({
  instanceId: 'i1',
  event: event('NOTE', '2026-03-02', { count: 1 }, who),
});

describe.each(storesUnderTest('refusal-first'))('on the %s store', (_name, makeStore) => {
  /** An instance started by version 1, and an engine that runs version 2 only (a migration not yet run). */
  async function pinnedToUnregistered() {
    const store = makeStore();
    const clock = createManualClock(MARCH_1);
    const v1 = createEngine({ store, processes: [reviewProcess('1')], clock, orgs });
    await v1.start({ processId: 'fixture-review', instanceId: 'i1', input, actor: actor('branch-1') });
    return createEngine({ store, processes: [reviewProcess('2')], clock, orgs });
  }

  it("refuses and logs an outsider's send to an instance pinned to an unregistered version", async () => {
    const v2 = await pinnedToUnregistered();
    const error = await v2.send(note(actor('branch-3'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForbiddenError);
    // Neither the process nor its version is named to the outsider.
    expect((error as Error).message).not.toContain('fixture-review');
    expect(await v2.securityLog()).toMatchObject([{ action: 'send', actorOrgId: 'branch-3', instanceId: 'i1' }]);
  });

  it('refuses and logs a send whose actor cannot be read, on such an instance', async () => {
    const v2 = await pinnedToUnregistered();
    const error = await v2
      .send({ instanceId: 'i1', event: { type: 'NOTE', occurredOn: '2026-03-02' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await v2.securityLog()).toHaveLength(1);
  });

  it("explains an outsider's event on such an instance as refused, as send acts", async () => {
    const v2 = await pinnedToUnregistered();
    const explained = await v2.explain('i1', note(actor('branch-3')).event, { actor: actor('branch-1') });
    expect(explained).toMatchObject({ verdict: 'refused', checks: [{ ruleId: 'RUNTIME-ORG-SCOPE' }] });
    expect(await v2.securityLog()).toEqual([]);
  });

  it('tells an insider that the version is not registered, and logs nothing', async () => {
    const v2 = await pinnedToUnregistered();
    await expect(v2.send(note(actor('branch-1')))).rejects.toBeInstanceOf(UnknownVersionError);
    expect(await v2.securityLog()).toEqual([]);
  });

  it.each([
    ['no value', undefined],
    ['a number', 42],
    ['an empty string', ''],
  ])('fails a start whose process gives %s as its organisation, writing and logging nothing', async (_what, orgId) => {
    const store = makeStore();
    const broken = { ...reviewProcess(), organisationOf: () => orgId as unknown as string };
    const engine = createEngine({ store, processes: [broken], clock: createManualClock(MARCH_1), orgs });
    const error = await engine
      .start({ processId: 'fixture-review', instanceId: 'i1', input, actor: actor('branch-1') })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProcessFailureError);
    expect(await engine.securityLog()).toEqual([]);
    expect(await store.getInstance('i1')).toBeUndefined();
  });

  it.each([
    ['', reviewProcess(), input],
    [' with an input the process refuses', reviewProcess(), { orgId: 42 }],
    [
      ' to a process that gives no organisation',
      { ...reviewProcess(), organisationOf: () => undefined as unknown as string },
      input,
    ],
  ])(
    'refuses a start by the system role%s for that reason, before the process is asked',
    async (_what, process, given) => {
      const store = makeStore();
      const engine = createEngine({ store, processes: [process], clock: createManualClock(MARCH_1), orgs });
      const error = await engine
        .start({ processId: 'fixture-review', instanceId: 'i1', input: given, actor: actor('branch-1', ['system']) })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toContain('the system role is reserved for the runtime');
      expect(await engine.securityLog()).toMatchObject([
        {
          action: 'start',
          instanceId: 'i1',
          targetOrgId: null,
          reason: expect.stringContaining('the system role is reserved for the runtime'),
        },
      ]);
      expect(await store.getInstance('i1')).toBeUndefined();
    },
  );
});

import { InvalidPayloadError, type LocalDate } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, IdempotencyKeyReusedError } from '../src/index.js';
import { reviewWorld, storesUnderTest } from './support/engine-under-test.js';
import { actor, event } from './support/world.js';

// What an idempotency key answers: the earlier result for the same request, whatever has happened to
// the instance since; a typed refusal for anything else, with nothing written.

const stores = storesUnderTest('idempotency-keys');
const note = (count: number, occurredOn = '2026-03-02') => event('NOTE', occurredOn, { count });

describe.each(stores)('idempotency keys on the %s store', (_name, makeStore) => {
  const world = reviewWorld(makeStore);

  it('answers a retry with the earlier result after the instance moved to another organisation', async () => {
    await world.open();
    const first = await world.engine.send({ instanceId: 'i1', event: note(1), idempotencyKey: 'k1' });
    // branch-1 hands the case to branch-3 (another general branch): branch-1's actor is an outsider now.
    await world.engine.send({
      instanceId: 'i1',
      event: event('TRANSFER', '2026-03-03', { toOrgId: 'branch-3' }),
    });
    const retry = await world.engine.send({ instanceId: 'i1', event: note(1), idempotencyKey: 'k1' });
    expect(retry).toEqual({ ...first, replayed: true });
    // A new request from the same actor is refused as an outsider's, and logged.
    await expect(world.engine.send({ instanceId: 'i1', event: note(2) })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await world.engine.securityLog()).toHaveLength(1);
  });

  it('refuses an outsider reusing a key as ForbiddenError, logged, not as a reused key', async () => {
    await world.open();
    await world.engine.send({ instanceId: 'i1', event: note(1), idempotencyKey: 'k1' });
    const outsider = event('NOTE', '2026-03-02', { count: 5 }, actor('branch-3'));
    await expect(world.engine.send({ instanceId: 'i1', event: outsider, idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await world.engine.securityLog()).toMatchObject([{ actorOrgId: 'branch-3', action: 'send' }]);
    await expect(world.engine.send({ instanceId: 'i1', event: note(5), idempotencyKey: 'k1' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('refuses, typed and writing nothing, a keyed event that JSON cannot carry, and logs an outsider’s', async () => {
    await world.open();
    const before = JSON.stringify(await world.store.getInstance('i1'));
    const cyclic: Record<string, unknown> = { ...note(1) };
    cyclic.self = cyclic;
    for (const bad of [{ ...note(1), count: 1n }, cyclic, { ...note(1), toJSON: () => undefined }]) {
      const error = await world.engine
        .send({ instanceId: 'i1', event: bad, idempotencyKey: 'k-bad' })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidPayloadError);
    }
    const outsider = { ...event('NOTE', '2026-03-02', { count: 1 }, actor('branch-3')), count: 1n };
    await expect(
      world.engine.send({ instanceId: 'i1', event: outsider, idempotencyKey: 'k-bad' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await world.engine.securityLog()).toHaveLength(1);
    expect(JSON.stringify(await world.store.getInstance('i1'))).toBe(before);
    expect(await world.store.getIdempotency('k-bad')).toBeUndefined();
  });

  it('fingerprints the event as validated, not what its toJSON says', async () => {
    await world.open();
    await world.engine.send({ instanceId: 'i1', event: note(1), idempotencyKey: 'k1' });
    // An event whose JSON text is the first one's, but whose own members (what is applied) differ.
    const prototype = Object.defineProperty({}, 'toJSON', { value: () => note(1), enumerable: false });
    const disguised = Object.assign(Object.create(prototype) as object, note(99, '2026-03-09'));
    await expect(
      world.engine.send({ instanceId: 'i1', event: disguised, idempotencyKey: 'k1' }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('counts a start’s occurredOn in its fingerprint when one is given', async () => {
    const start = (occurredOn?: LocalDate) =>
      world.engine.start({
        processId: 'fixture-review',
        instanceId: 'i9',
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: actor('branch-1'),
        idempotencyKey: 'start-k',
        ...(occurredOn === undefined ? {} : { occurredOn }),
      });
    const first = await start('2026-03-01');
    expect(await start('2026-03-01')).toEqual({ ...first, replayed: true });
    await expect(start('2027-12-31')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await world.store.getAudit('i9')).map((entry) => entry.occurredOn)).toEqual(['2026-03-01']);
  });

  it('refuses a request with a misspelt member instead of ignoring it (a retry would apply twice)', async () => {
    await world.open();
    for (const request of [
      { instanceId: 'i1', event: note(1), idempotencykey: 'k1' },
      { instanceId: 'i1', event: note(1), expectedVersoin: 1 },
    ]) {
      const error = await world.engine.send(request as never).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidPayloadError);
      expect(String(error)).toContain(Object.keys(request)[2]);
    }
    expect((await world.store.getInstance('i1'))?.version).toBe(1);
    await expect(
      world.engine.start({
        processId: 'fixture-review',
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: actor('branch-1'),
        idempotencykey: 'k',
      } as never),
    ).rejects.toBeInstanceOf(InvalidPayloadError);
  });
});

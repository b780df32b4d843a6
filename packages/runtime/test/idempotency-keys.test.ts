import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorSchema } from '@dangwu/machines';
import { InvalidPayloadError, type LocalDate } from '@dangwu/rules';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { fingerprint } from '../src/engine/engine-requests.js';
import {
  createEngine,
  createManualClock,
  createMemoryStore,
  type Engine,
  ForbiddenError,
  IdempotencyKeyReusedError,
  StoreFailureError,
  UnknownVersionError,
} from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewEventSchema, reviewProcess } from './fixtures/review-process.js';
import { reviewWorld, storesUnderTest } from './support/engine-under-test.js';
import { throwingNotes } from './support/two-processes.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

// What an idempotency key answers: the earlier result for the same request, whatever has happened to
// the instance since; a typed refusal for anything else, with nothing written.

const stores = storesUnderTest('idempotency-keys');
/** The start of fixture case `instanceId` in branch-1 by a committee member there. */
const fixtureStart = (instanceId: string) => ({
  processId: 'fixture-review',
  instanceId,
  input: { orgId: 'branch-1', openedOn: '2026-03-01' },
  actor: actor('branch-1'),
});
/** Starts fixture case `instanceId` in branch-1, pinned to version 1. */
const startVersionOne = (engine: Engine, instanceId: string) =>
  engine.start({ ...fixtureStart(instanceId), version: '1' });
/** A version 2 NOTE: the fixture's, with a `source` member of the given kind. */
const noteWithSource = (source: z.ZodType) =>
  z
    .object({ type: z.literal('NOTE'), occurredOn: z.string(), actor: actorSchema, count: z.int().min(1), source })
    .strict();
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
    // A process whose NOTE takes a member of any kind, so only the plain-data rule can refuse these.
    const base = reviewProcess();
    const anything = {
      ...base,
      eventSchema: z.union([noteWithSource(z.unknown()), reviewEventSchema]),
    } as unknown as typeof base;
    const engine = createEngine({ store: world.store, processes: [anything], clock: world.clock, orgs });
    const cyclic: Record<string, unknown> = { at: 1 };
    cyclic.self = cyclic;
    for (const source of [1n, cyclic, new Date(0), { toJSON: () => 'another' }, new (class Memo {})()]) {
      const error = await engine
        .send({ instanceId: 'i1', event: { ...note(1), source }, idempotencyKey: 'k-bad' })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidPayloadError);
      expect(String(error)).toContain('must be plain JSON data');
    }
    const outsider = { ...event('NOTE', '2026-03-02', { count: 1 }, actor('branch-3')), count: 1n };
    await expect(
      world.engine.send({ instanceId: 'i1', event: outsider, idempotencyKey: 'k-bad' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await world.engine.securityLog()).toHaveLength(1);
    expect(JSON.stringify(await world.store.getInstance('i1'))).toBe(before);
    expect(await world.store.getIdempotency('k-bad')).toBeUndefined();
  });

  it('refuses a keyed event that is not plain JSON data, whose JSON text could say another event, once authorised', async () => {
    await world.open();
    await world.engine.send({ instanceId: 'i1', event: note(1), idempotencyKey: 'k1' });
    // Its JSON text is the first event's; its members, which would be applied, are another's.
    const disguisedAs = (who: ReturnType<typeof actor>) => {
      const prototype = Object.defineProperty({}, 'toJSON', { value: () => note(1), enumerable: false });
      return Object.assign(Object.create(prototype) as object, event('NOTE', '2026-03-09', { count: 99 }, who));
    };
    const error = await world.engine
      .send({ instanceId: 'i1', event: disguisedAs(actor('branch-1')), idempotencyKey: 'k1' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidPayloadError);
    expect(String(error)).toContain('must be plain JSON data');
    await expect(
      world.engine.send({ instanceId: 'i1', event: disguisedAs(actor('branch-3')), idempotencyKey: 'k1' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await world.engine.securityLog()).toHaveLength(1);
    expect((await world.store.getInstance('i1'))?.version).toBe(2);
  });

  it('answers a retry with the earlier result after the instance was migrated to a version that parses it otherwise', async () => {
    const v1 = reviewProcess('1');
    // Version 2's NOTE has a member with a default: the parsed retry differs from the first send's.
    const noteV2 = noteWithSource(z.string().default('web'));
    const v2 = {
      ...reviewProcess('2'),
      eventSchema: z.union([noteV2, reviewEventSchema]),
      explain: (snapshot: never, raw: unknown) => v1.explain(snapshot, raw),
    } as unknown as typeof v1;
    const engine = createEngine({ store: world.store, processes: [v1, v2], clock: world.clock, orgs });
    await startVersionOne(engine, 'm1');
    const request = { instanceId: 'm1', idempotencyKey: 'k-m', event: note(1) };
    const first = await engine.send(request);
    await engine.migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (snapshot) => snapshot });
    expect(await engine.send(request)).toEqual({ ...first, replayed: true });
  });

  it('counts a start’s occurredOn in its fingerprint when one is given', async () => {
    const start = (occurredOn?: LocalDate, key = 'start-k', instanceId = 'i9') =>
      world.engine.start({
        processId: 'fixture-review',
        instanceId,
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: actor('branch-1'),
        idempotencyKey: key,
        ...(occurredOn === undefined ? {} : { occurredOn }),
      });
    const first = await start('2026-03-01');
    expect(await start('2026-03-01')).toEqual({ ...first, replayed: true });
    await expect(start('2027-12-31')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(start()).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    // A start without a date, then a retry with one: another request too.
    const dateless = await start(undefined, 'start-k2', 'i10');
    expect(await start(undefined, 'start-k2', 'i10')).toEqual({ ...dateless, replayed: true });
    await expect(start('2026-03-01', 'start-k2', 'i10')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect((await world.store.getAudit('i9')).map((entry) => entry.occurredOn)).toEqual(['2026-03-01']);
  });

  /** An engine on the world's store that, at its first look at a key, lets `meanwhile` run first. */
  const racingEngine = (meanwhile: () => Promise<unknown>, processes = [reviewProcess()]) => {
    let interleave = true;
    return createEngine({
      store: {
        ...world.store,
        async getIdempotency(key) {
          const found = await world.store.getIdempotency(key);
          if (interleave) {
            interleave = false;
            await meanwhile();
          }
          return found;
        },
      },
      processes,
      clock: world.clock,
      orgs,
    });
  };
  const otherProcess = () =>
    createEngine({ store: world.store, processes: [reviewProcess()], clock: world.clock, orgs });

  it.each([
    ['the state no longer takes it', event('SUBMIT', '2026-03-02', { reviewDays: 5 })],
    ['its actor may no longer act on the instance', event('TRANSFER', '2026-03-02', { toOrgId: 'branch-3' })],
  ])('answers a keyed send that lost a race to the same request with its result, though %s', async (_why, sent) => {
    await world.open('c1');
    const request = { instanceId: 'c1', event: sent, idempotencyKey: 'k-race' };
    // Another process applies the same request after this one has looked at its key (none yet) and
    // before it reads the instance.
    const other = otherProcess();
    const racing = racingEngine(() => other.send(request));
    expect(await racing.send(request)).toMatchObject({ replayed: true, seq: 2 });
    expect(await world.engine.securityLog()).toEqual([]);
    expect(await world.store.getAudit('c1')).toHaveLength(2);
  });

  it('answers a keyed send whose request was applied meanwhile and the instance migrated to a version refusing it', async () => {
    const v1 = reviewProcess('1');
    // Version 2's NOTE needs a member version 1's NOTE has not.
    const noteV2 = noteWithSource(z.string());
    const v2 = { ...reviewProcess('2'), eventSchema: noteV2 } as unknown as typeof v1;
    const both = () => createEngine({ store: world.store, processes: [v1, v2], clock: world.clock, orgs });
    const other = both();
    await startVersionOne(other, 'v1case');
    const request = { instanceId: 'v1case', event: note(1), idempotencyKey: 'k-migrated' };
    const racing = racingEngine(async () => {
      await other.send(request);
      await other.migrate({ processId: 'fixture-review', from: '1', to: '2', transform: (snapshot) => snapshot });
    }, [v1, v2]);
    expect(await racing.send(request)).toMatchObject({ replayed: true, seq: 2 });
  });

  it('says a key another request took meanwhile is taken when the step it would take throws there', async () => {
    await world.open('c1');
    const other = otherProcess();
    // The other request's NOTE, dated 2026-03-02, leaves a state whose notes action throws.
    const racing = racingEngine(
      () => other.send({ instanceId: 'c1', event: note(2), idempotencyKey: 'k-throws' }),
      [throwingNotes('2026-03-02')],
    );
    await expect(racing.send({ instanceId: 'c1', event: note(1), idempotencyKey: 'k-throws' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('lets a store failure stand though the commit landed, and answers the retry with that commit’s result', async () => {
    await world.open('c1');
    const landing = createEngine({
      store: {
        ...world.store,
        async commit(request) {
          await world.store.commit(request);
          throw new StoreFailureError('fsync reported an error');
        },
      },
      processes: [reviewProcess()],
      clock: world.clock,
      orgs,
    });
    const request = { instanceId: 'c1', event: note(1), idempotencyKey: 'k-landed' };
    await expect(landing.send(request)).rejects.toBeInstanceOf(StoreFailureError);
    expect(await world.engine.send(request)).toMatchObject({ replayed: true, seq: 2 });
    expect(await world.store.getAudit('c1')).toHaveLength(2);
  });

  it('says a key another request took meanwhile is taken, as it would had it been taken before', async () => {
    await world.open('c1');
    const other = otherProcess();
    const racing = racingEngine(() => other.send({ instanceId: 'c1', event: note(1), idempotencyKey: 'k-shared' }));
    // Refused by the state either way (drafting takes no APPROVE): the key is what the caller must change.
    const approve = event('APPROVE', '2026-03-02', { present: 5, total: 5 });
    await expect(racing.send({ instanceId: 'c1', event: approve, idempotencyKey: 'k-shared' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    await expect(
      world.engine.send({ instanceId: 'c1', event: approve, idempotencyKey: 'k-shared' }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    // A different SUBMIT that raced another under the same key, though its own state would have taken it.
    const racingSubmit = racingEngine(() =>
      other.send({
        instanceId: 'c1',
        event: event('SUBMIT', '2026-03-03', { reviewDays: 5 }),
        idempotencyKey: 'k-sub',
      }),
    );
    await expect(
      racingSubmit.send({
        instanceId: 'c1',
        event: event('SUBMIT', '2026-03-03', { reviewDays: 7 }),
        idempotencyKey: 'k-sub',
      }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('applies what it fingerprinted: a keyed event is read once, so a getter cannot tell the two apart', async () => {
    await world.open();
    let reads = 0;
    const changing = {
      ...note(1),
      get count() {
        reads += 1;
        return reads === 1 ? 1 : 50;
      },
    };
    await world.engine.send({ instanceId: 'i1', event: changing, idempotencyKey: 'k-getter' });
    expect((await world.store.getAudit('i1')).at(-1)?.payload).toMatchObject({ count: 1 });
    expect(await world.engine.send({ instanceId: 'i1', event: note(1), idempotencyKey: 'k-getter' })).toMatchObject({
      replayed: true,
    });
  });

  it('refuses an outsider starting under a key another start holds as ForbiddenError, logged', async () => {
    const startIn = (orgId: string, instanceId: string) =>
      world.engine.start({
        processId: 'fixture-review',
        instanceId,
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: actor(orgId),
        idempotencyKey: 'start-held',
      });
    await startIn('branch-1', 'o1');
    await expect(startIn('branch-3', 'o2')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await world.engine.securityLog()).toMatchObject([{ actorOrgId: 'branch-3', action: 'start' }]);
    await expect(startIn('branch-1', 'o2')).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
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

describe('a keyed start retried after the process version changed', () => {
  it('is answered with its result before any version is resolved: after a newer one, or with its own retired', async () => {
    const store = createMemoryStore();
    const clock = createManualClock(MARCH_1);
    const start = { ...fixtureStart('v'), idempotencyKey: 'start-v' };
    const onV1 = createEngine({ store, processes: [reviewProcess('1')], clock, orgs });
    const first = await onV1.start(start);
    // Version 2 deployed: a retry naming no version still means the start that was made.
    const onBoth = createEngine({ store, processes: [reviewProcess('1'), reviewProcess('2')], clock, orgs });
    expect(await onBoth.start(start)).toEqual({ ...first, replayed: true });
    // Version 1 retired: a retry pinned to it is answered, not refused as an unknown version.
    const onV2 = createEngine({ store, processes: [reviewProcess('2')], clock, orgs });
    await expect(
      onV2.start({ ...start, instanceId: 'new', version: '1', idempotencyKey: 'fresh' }),
    ).rejects.toBeInstanceOf(UnknownVersionError);
    const pinned = await onBoth.start({ ...start, instanceId: 'w', version: '1', idempotencyKey: 'start-w' });
    expect(await onV2.start({ ...start, instanceId: 'w', version: '1', idempotencyKey: 'start-w' })).toEqual({
      ...pinned,
      replayed: true,
    });
  });
});

describe('a start key stored by a release that left the date out of its fingerprint', () => {
  it('still answers a retry after a newer version is deployed: its print names the version it resolved then', async () => {
    const store = createMemoryStore();
    const clock = createManualClock(MARCH_1);
    const start = fixtureStart('old');
    const onV1 = createEngine({ store, processes: [reviewProcess('1')], clock, orgs });
    const first = await onV1.start(start);
    // What the earlier release stored under its key: version 1 resolved, no date.
    const legacy = fingerprint({
      start: 'fixture-review',
      version: '1',
      instanceId: 'old',
      input: start.input,
      actor: start.actor,
    });
    const instance = await store.getInstance('old');
    if (instance === undefined) throw new Error('test: not started');
    const prior = createMemoryStore();
    await prior.commit({
      instance,
      expectedVersion: null,
      audit: await store.getAudit('old'),
      timers: [],
      idempotency: {
        schemaVersion: 1,
        key: 'old-key',
        instanceId: 'old',
        fingerprint: legacy,
        seq: 1,
        result: JSON.parse(JSON.stringify(first)),
      },
    });
    const onBoth = createEngine({ store: prior, processes: [reviewProcess('1'), reviewProcess('2')], clock, orgs });
    expect(await onBoth.start({ ...start, idempotencyKey: 'old-key' })).toEqual({ ...first, replayed: true });
    // Answered too when the latest version's schema would refuse the input: version 1's print is looked at first.
    const v2 = reviewProcess('2');
    const refusingV2 = { ...v2, inputSchema: v2.inputSchema.refine(() => false) } as unknown as typeof v2;
    const onRefusing = createEngine({ store: prior, processes: [reviewProcess('1'), refusingV2], clock, orgs });
    expect(await onRefusing.start({ ...start, idempotencyKey: 'old-key' })).toEqual({ ...first, replayed: true });
    // A start naming version 2 is another request, though the key was stored for the version 1 it resolved.
    await expect(onBoth.start({ ...start, version: '2', idempotencyKey: 'old-key' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    // An input read once: a getter cannot make the older print match what was not fingerprinted.
    let reads = 0;
    const shifting = {
      orgId: 'branch-1',
      get openedOn() {
        reads += 1;
        return reads === 1 ? '2026-03-05' : '2026-03-01';
      },
    };
    await expect(onBoth.start({ ...start, input: shifting, idempotencyKey: 'old-key' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
    expect(reads).toBe(1);
    // A version 1 whose schema now throws: no older print, a typed answer.
    const throwing = reviewProcess('1');
    const brokenV1 = {
      ...throwing,
      inputSchema: throwing.inputSchema.refine(() => {
        throw new Error('schema fails');
      }),
    } as unknown as typeof throwing;
    const onBroken = createEngine({ store: prior, processes: [brokenV1, reviewProcess('2')], clock, orgs });
    await expect(onBroken.start({ ...start, idempotencyKey: 'old-key' })).rejects.toBeInstanceOf(
      IdempotencyKeyReusedError,
    );
  });

  it('fails a commit a host’s own store throws a plain error for as a StoreFailureError, which stands', async () => {
    const store = createMemoryStore();
    const clock = createManualClock(MARCH_1);
    const setup = createEngine({ store, processes: [reviewProcess()], clock, orgs });
    await setup.start(fixtureStart('s'));
    const resetting = createEngine({
      store: {
        ...store,
        async commit(request) {
          await store.commit(request);
          throw new Error('connection reset');
        },
      },
      processes: [reviewProcess()],
      clock,
      orgs,
    });
    const request = { instanceId: 's', event: note(1), idempotencyKey: 'k-reset' };
    const error = await resetting.send(request).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StoreFailureError);
    expect((error as StoreFailureError).cause).toMatchObject({ message: 'connection reset' });
    expect(await setup.send(request)).toMatchObject({ replayed: true, seq: 2 });
  });

  it('still answers a retry that gives the date, while a key stored now does not answer another date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dangwu-legacy-key-'));
    try {
      const path = join(dir, 'legacy.db');
      const store = createSqliteStore({ path });
      const engine = createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
      const start = {
        processId: 'fixture-review',
        instanceId: 's1',
        input: { orgId: 'branch-1', openedOn: '2026-03-01' },
        actor: actor('branch-1'),
      } as const;
      const first = await engine.start({ ...start, occurredOn: '2026-03-01', idempotencyKey: 'legacy' });
      // What the earlier release stored: the fingerprint without occurredOn.
      const legacy = fingerprint({
        start: 'fixture-review',
        version: '1',
        instanceId: 's1',
        input: start.input,
        actor: start.actor,
      });
      const db = new Database(path);
      db.prepare("UPDATE idempotency SET record = json_set(record, '$.fingerprint', ?) WHERE key = 'legacy'").run(
        legacy,
      );
      db.close();
      expect(await engine.start({ ...start, occurredOn: '2026-03-01', idempotencyKey: 'legacy' })).toEqual({
        ...first,
        replayed: true,
      });
      await engine.start({ ...start, instanceId: 's2', occurredOn: '2026-03-01', idempotencyKey: 'now' });
      await expect(
        engine.start({ ...start, instanceId: 's2', occurredOn: '2026-03-02', idempotencyKey: 'now' }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

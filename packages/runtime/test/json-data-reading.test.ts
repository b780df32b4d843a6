import { InvalidPayloadError } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { createEngine, createManualClock, type Engine, type Store } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { storesUnderTest } from './support/engine-under-test.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

// An event or a start's input that is plain JSON data is read once, into that data, whether or not it
// carries an idempotency key: what the schema validates is what the audit entry records and a replay of
// the history reads. So an undefined member, which JSON drops, is no unknown member.

const who = actor('branch-1');
const input = { orgId: 'branch-1', openedOn: '2026-03-01' };

describe.each(storesUnderTest('json-reading'))(
  'reading events and inputs as JSON data on the %s store',
  (_n, makeStore) => {
    const engineOn = (store: Store): Engine =>
      createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });

    it('applies an event with an undefined member, keyed or not, and explain allows it', async () => {
      const store = makeStore();
      const engine = engineOn(store);
      await engine.start({ processId: 'fixture-review', instanceId: 'i1', input, actor: who });
      const withUndefined = () => ({ ...event('NOTE', '2026-03-02', { count: 1 }), aside: undefined });
      expect((await engine.explain('i1', withUndefined(), { actor: who })).verdict).toBe('allowed');
      await engine.send({ instanceId: 'i1', event: withUndefined() });
      await engine.send({ instanceId: 'i1', event: withUndefined(), idempotencyKey: 'k-undefined' });
      const entries = await store.getAudit('i1');
      expect(entries.map((entry) => entry.payload)).toEqual([
        input,
        JSON.parse(JSON.stringify(withUndefined())),
        JSON.parse(JSON.stringify(withUndefined())),
      ]);
      expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: 3 });
    });

    it('reads an event it cannot read as data as it is: an outsider’s is refused and logged, an insider’s is invalid', async () => {
      const store = makeStore();
      const engine = engineOn(store);
      await engine.start({ processId: 'fixture-review', instanceId: 'i1', input, actor: who });
      const throwing = (from: string) =>
        Object.defineProperty(event('NOTE', '2026-03-02', { count: 1 }, actor(from)), 'extra', {
          enumerable: true,
          get: () => {
            throw new Error('the caller’s getter');
          },
        });
      await expect(engine.send({ instanceId: 'i1', event: throwing('branch-2') })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await engine.securityLog()).toHaveLength(1);
      await expect(engine.send({ instanceId: 'i1', event: throwing('branch-1') })).rejects.toBeInstanceOf(
        InvalidPayloadError,
      );
      await expect(
        engine.send({ instanceId: 'i1', event: throwing('branch-1'), idempotencyKey: 'k-getter' }),
      ).rejects.toBeInstanceOf(InvalidPayloadError);
      expect(await store.getAudit('i1')).toHaveLength(1);
    });

    it('starts from an input with an undefined member, keyed or not', async () => {
      const store = makeStore();
      const engine = engineOn(store);
      const withUndefined = () => ({ ...input, aside: undefined });
      await engine.start({ processId: 'fixture-review', instanceId: 'i1', input: withUndefined(), actor: who });
      await engine.start({
        processId: 'fixture-review',
        instanceId: 'i2',
        input: withUndefined(),
        actor: who,
        idempotencyKey: 'k-start',
      });
      for (const id of ['i1', 'i2']) expect((await store.getAudit(id))[0]?.payload).toEqual(input);
    });
  },
);

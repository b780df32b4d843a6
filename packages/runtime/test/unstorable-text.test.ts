import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidPayloadError } from '@dangwu/rules';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { unstorableTextPath } from '../src/engine/engine-requests.js';
import { createMemoryStore, type JsonValue, type Store } from '../src/index.js';
import { createPostgresStore } from '../src/postgres.js';
import { canonicalCopy, heldUnstorableText, isCanonical } from '../src/records/canonical-json.js';
import { createSqliteStore } from '../src/sqlite.js';
import { describePostgres, PG_URL, schemaFactory } from './support/postgres-env.js';
import { engineOn, input, startCase } from './support/two-processes.js';
import { actor, event } from './support/world.js';

// Ids, events and inputs holding a lone UTF-16 surrogate or U+0000 are refused at the door, naming the
// field, and nothing is written: the ids a process takes from them land in text columns, where UTF-8
// turns a lone surrogate into U+FFFD (two ids become one) and PostgreSQL cannot hold U+0000 at all.
// Every store answers the same typed error.

/** Storable text by a scan of its code units: no U+0000, every high surrogate followed by a low one, no low one alone. */
function storableByScan(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit === 0 || (unit >= 0xdc00 && unit <= 0xdfff)) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      index += 1;
    }
  }
  return true;
}
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });

type Place = { steps: (string | number)[]; kind: 'value' | 'key' };

/** Every place a string sits in `value`: a member's value, an array item, or a member's name. */
function stringPlaces(value: JsonValue, steps: (string | number)[] = []): Place[] {
  if (typeof value === 'string') return [{ steps, kind: 'value' }];
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPlaces(item, [...steps, index]));
  return Object.entries(value).flatMap(([key, member]) => [
    { steps: [...steps, key], kind: 'key' as const },
    ...stringPlaces(member, [...steps, key]),
  ]);
}

/** `value` with `lone` (a lone surrogate or U+0000) put into the string at `place`, and the steps it is then found at. */
function spoil(value: JsonValue, place: Place, lone: string): [JsonValue, (string | number)[]] {
  const { steps, kind } = place;
  if (steps.length === 0) return [`${value as string}${lone}`, []];
  const spoilt = structuredClone(value);
  let parent = spoilt as Record<string | number, JsonValue>;
  for (const step of steps.slice(0, -1)) parent = parent[step] as Record<string | number, JsonValue>;
  const last = steps.at(-1) as string | number;
  if (kind === 'value') {
    parent[last] = `${lone}${parent[last] as string}`;
    return [spoilt, steps];
  }
  // A renamed member keeps its place among its siblings, so the walk meets nothing new before it.
  const renamed = `${last}${lone}`;
  const rebuilt = Object.entries(parent).map(([key, member]) => [key === last ? renamed : key, member] as const);
  for (const key of Object.keys(parent)) delete parent[key];
  // Defined, not assigned: a member named __proto__ stays a member.
  for (const [key, member] of rebuilt) {
    Object.defineProperty(parent, key, { value: member, enumerable: true, writable: true, configurable: true });
  }
  return [spoilt, [...steps.slice(0, -1), renamed]];
}

describe('unstorableTextPath', () => {
  it('finds a lone surrogate or U+0000 exactly where a string holds one', () => {
    fc.assert(
      fc.property(codeUnits, (text) => {
        expect(unstorableTextPath(text, 'x') === undefined).toBe(storableByScan(text));
      }),
    );
  });

  it('names the one spoilt string or member name in any JSON value, and nothing in a clean one; so does the canonical copy', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ stringUnit: 'grapheme' }).map((value) => value as JsonValue),
        fc.nat(),
        fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\u0000'),
        (value, pick, lone) => {
          expect(unstorableTextPath(value, 'event')).toBeUndefined();
          canonicalCopy(value);
          expect(heldUnstorableText()).toBe(false);
          const places = stringPlaces(value);
          fc.pre(places.length > 0);
          const [spoilt, steps] = spoil(value, places[pick % places.length] as Place, lone);
          expect(unstorableTextPath(spoilt, 'event')).toBe(['event', ...steps].join('.'));
          // The engine learns of it from the canonical copy it makes of every event and input.
          canonicalCopy(spoilt);
          expect(heldUnstorableText()).toBe(true);
        },
      ),
    );
  });

  it('keeps what a copy has met when a getter in its data makes another copy meanwhile', () => {
    const inner = () => canonicalCopy({ clean: 'y', list: ['a', 'b'] });
    canonicalCopy({
      a: 'x\udc00',
      get b() {
        inner();
        return 'z';
      },
    });
    expect(heldUnstorableText()).toBe(true);
    // The same holds for array-index keys, which keep a copy from being canonical text as it stands.
    const indexed = canonicalCopy({
      1: 'one',
      get b() {
        inner();
        return 'z';
      },
    });
    expect(isCanonical(indexed)).toBe(false);
    // And the inner copy's own answer is its own.
    canonicalCopy({
      get a() {
        canonicalCopy({ spoilt: 'x\ud800' });
        expect(heldUnstorableText()).toBe(true);
        return 'clean';
      },
    });
    expect(heldUnstorableText()).toBe(false);
  });

  it('takes a well-formed pair for one character', () => {
    expect(unstorableTextPath({ note: '\ud83d\ude00', '\ud83c\udf89': ['ok'] }, 'event')).toBeUndefined();
  });
});

const dir = mkdtempSync(join(tmpdir(), 'dangwu-unstorable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

function refusalsOn(makeStore: () => Promise<Store>) {
  it('refuses an event or an input holding one, naming the field, and writes nothing', async () => {
    const store = await makeStore();
    try {
      const engine = engineOn(store);
      await startCase(engine, 'i1');
      const before = JSON.stringify([await store.getInstance('i1'), await store.getAudit('i1')]);
      const refused = async (attempt: Promise<unknown>) => {
        const error = await attempt.catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(InvalidPayloadError);
        expect((error as InvalidPayloadError).message).toContain('lone surrogate');
        expect((error as InvalidPayloadError).message).toContain('孤立的代理项字符');
        return (error as InvalidPayloadError).issues.map((issue) => issue.path);
      };
      const send = (sent: object) => engine.send({ instanceId: 'i1', event: sent });
      expect(await refused(send(event('REJECT', '2026-03-02', { reasonCode: 'late\udc00' })))).toEqual([
        'event.reasonCode',
      ]);
      expect(
        await refused(send(event('NOTE', '2026-03-02', { count: 1 }, actor('branch-1', undefined, 'u\ud800')))),
      ).toEqual(['event.actor.id']);
      const start = (extra: object) =>
        engine.start({ processId: 'fixture-review', instanceId: 'i2', input, actor: actor('branch-1'), ...extra });
      expect(
        await refused(start({ input: { ...input, rules: { profileId: 'national\ud800', version: '2014' } } })),
      ).toEqual(['input.rules.profileId']);
      expect(await refused(start({ actor: actor('branch-1', undefined, '\udfffu') }))).toEqual(['actor.id']);
      expect(JSON.stringify([await store.getInstance('i1'), await store.getAudit('i1')])).toBe(before);
      expect(await store.getInstance('i2')).toBeUndefined();
      // U+0000 likewise: PostgreSQL's text columns cannot hold it, so no store takes it.
      expect(await refused(send(event('REJECT', '2026-03-02', { reasonCode: 'late\u0000' })))).toEqual([
        'event.reasonCode',
      ]);
      expect(await refused(send(event('TRANSFER', '2026-03-02', { toOrgId: 'branch\u00001' })))).toEqual([
        'event.toOrgId',
      ]);
      expect(await refused(start({ instanceId: 'i\u00002' }))).toEqual(['instanceId']);
      expect(await refused(start({ actor: actor('branch-1', undefined, 'u\u0000') }))).toEqual(['actor.id']);
      expect(await refused(engine.get('i\u00001', { actor: actor('branch-1') }))).toEqual(['']);
      expect(
        await refused(engine.send({ instanceId: 'i1', event: event('NOTE', '2026-03-02'), idempotencyKey: 'k\u0000' })),
      ).toEqual(['idempotencyKey']);
      const list = (query: object) => engine.list({ actor: actor('branch-1'), ...query });
      expect(await refused(list({ afterId: 'a\u0000' }))).toEqual(['afterId']);
      expect(await refused(list({ state: 'drafting\u0000' }))).toEqual(['state']);
      expect(await refused(list({ actor: actor('branch\u00001') }))).toEqual(['actor.orgId']);
      const migration = { processId: 'fixture-review', to: '1', transform: (snapshot: unknown) => snapshot as never };
      expect(await refused(engine.migrate({ ...migration, from: '1\u0000' }))).toEqual(['from']);
      expect(await store.securityLog()).toEqual([]);
      expect(JSON.stringify([await store.getInstance('i1'), await store.getAudit('i1')])).toBe(before);
      // A well-formed pair is an ordinary character, in every store.
      await send(event('SCHEDULE', '2026-03-02', { deadlineId: 'd\ud83d\ude00', due: '2026-03-05' }));
      expect((await store.getAudit('i1')).at(-1)?.payload).toMatchObject({ deadlineId: 'd\ud83d\ude00' });
    } finally {
      await store.close();
    }
  });
}

describe('on the memory store', () => refusalsOn(async () => createMemoryStore()));
describe('on the sqlite store', () =>
  refusalsOn(async () => createSqliteStore({ path: join(dir, `s${counter++}.db`) })));
const nextSchema = schemaFactory('surrogates');
describePostgres('on the postgres store', () =>
  refusalsOn(() => createPostgresStore({ connectionString: PG_URL, schema: nextSchema() })),
);

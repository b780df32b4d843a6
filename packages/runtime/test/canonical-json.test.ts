import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEntry, sealEntry, sealSortedEntry } from '../src/audit/audit-chain.js';
import { type AuditEntry, auditEntrySchema } from '../src/records/audit-entry.js';
import {
  canonicalCopy,
  canonicalJson,
  isCanonical,
  type JsonValue,
  plainJsonCopy,
} from '../src/records/canonical-json.js';
import { jsonTextOf } from '../src/records/json-text.js';

/** The definition: keys sorted at every level, undefined members dropped, array holes as null. */
function reference(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : reference(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The same data with every object's keys in a random order. */
function shuffled(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffled(item, random));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, member]) => [key, shuffled(member, random)] as const);
  for (let index = entries.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [entries[index], entries[other]] = [
      entries[other] as (typeof entries)[number],
      entries[index] as (typeof entries)[number],
    ];
  }
  return Object.fromEntries(entries);
}

describe('canonicalJson', () => {
  it('gives the reference bytes for any JSON value, whatever the key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        let state = seed >>> 0;
        // A small seeded generator, so a failing order is reproduced by fast-check's seed.
        const reordered = shuffled(value, () => {
          state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
          return state / 2 ** 32;
        });
        expect(canonicalJson(value)).toBe(reference(value));
        expect(canonicalJson(reordered)).toBe(reference(value));
      }),
    );
  });

  it('drops undefined members, sorts array-index keys by text and copies class instances by their own keys', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}');
    expect(canonicalJson({ b: 1, 10: 'x', 2: 'y' })).toBe('{"10":"x","2":"y","b":1}');
    expect(canonicalJson(new Date(0))).toBe('{}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });

  it('keeps a member named __proto__ (as JSON.parse makes it), so the hash covers it', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":2}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"b":1}');
    expect(JSON.stringify(canonicalCopy(parsed))).toBe('{"__proto__":{"x":2},"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":3},"b":1}'))).not.toBe(canonicalJson(parsed));
  });

  it('leaves its input untouched', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const before = JSON.stringify(value);
        canonicalJson(value);
        expect(JSON.stringify(value)).toBe(before);
      }),
    );
  });
});

describe('canonicalCopy', () => {
  const objectsOf = (value: unknown, into = new Set<object>()): Set<object> => {
    if (typeof value === 'object' && value !== null) {
      into.add(value);
      for (const member of Object.values(value)) objectsOf(member, into);
    }
    return into;
  };

  it('equals a JSON round trip, shares no object with its input and is already canonical', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = canonicalCopy(value);
        expect(copy).toEqual(JSON.parse(JSON.stringify(value)));
        const inputs = objectsOf(value);
        for (const object of objectsOf(copy)) expect(inputs.has(object)).toBe(false);
        expect(canonicalJson(copy)).toBe(reference(value));
      }),
    );
  });

  it('treats what JSON changes as JSON does: dates, undefined, non-finite numbers', () => {
    expect(canonicalCopy({ b: new Date(0), a: undefined, c: [undefined, Number.NaN] })).toEqual({
      b: '1970-01-01T00:00:00.000Z',
      c: [null, null],
    });
    expect(canonicalCopy(undefined)).toBeNull();
  });
});

describe('plainJsonCopy', () => {
  it('copies plain JSON data as a JSON round trip would, undefined items as null and holes too', () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    const holey = [1, , 3];
    expect(plainJsonCopy({ b: [undefined, 2], a: undefined, c: holey })).toEqual({ b: [null, 2], c: [1, null, 3] });
  });

  it('agrees with a JSON round trip on any JSON-shaped data, undefined members and items included (property)', () => {
    const data = fc.jsonValue();
    const withUndefined = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue(),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.oneof(data, withUndefined), (value) => {
        const copy = plainJsonCopy(value);
        if (value === undefined) expect(copy).toBeUndefined();
        else expect(canonicalJson(copy)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
      }),
      { numRuns: 500 },
    );
  });

  it('answers undefined for anything a JSON round trip would change: dates, class instances, toJSON, BigInt, cycles', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    for (const value of [
      new Date(0),
      new (class Memo {})(),
      { toJSON: () => 1 },
      { n: 1n },
      cycle,
      { n: Number.NaN },
    ]) {
      expect(plainJsonCopy(value)).toBeUndefined();
    }
  });

  it('answers undefined for what cannot be read as data: a getter that throws, an array of 16,777,217 items or more', () => {
    const throwing = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('unreadable');
      },
    });
    const holes: unknown[] = [];
    holes.length = 4_000_000_000;
    expect(plainJsonCopy({ throwing })).toBeUndefined();
    expect(plainJsonCopy({ holes })).toBeUndefined();
    // Shorter arrays are data, with holes or without (a retry of a keyed request keeps its fingerprint).
    expect(plainJsonCopy(new Array(70_000).fill(0))).toHaveLength(70_000);
    const sparse: unknown[] = [];
    sparse.length = 70_000;
    sparse[1] = 1;
    expect((plainJsonCopy(sparse) as unknown[]).slice(0, 3)).toEqual([null, 1, null]);
  });
});

describe('sealEntry', () => {
  const entry: Omit<AuditEntry, 'hash' | 'payload'> = {
    schemaVersion: 1,
    instanceId: 'i-1',
    seq: 1,
    kind: 'event',
    recordedAt: '2026-03-01T00:00:00.000Z',
    occurredOn: '2026-03-01',
    eventType: 'NOTE',
    actorId: 'u-1',
    actorRoles: ['branch-committee'],
    actorOrgId: 'branch-1',
    decision: 'applied',
    warnings: [],
    processVersion: '1',
    version: 2,
    fromState: ['open'],
    toState: ['open'],
    prevHash: GENESIS_HASH,
  };

  it('remembers a stored text that reads back as the sealed entry, with a hash that verifies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => {
        const sealed = sealEntry({ ...entry, payload: payload as JsonValue });
        const text = jsonTextOf(sealed);
        expect(text).toBeDefined();
        const read = auditEntrySchema.parse(JSON.parse(text as string));
        expect(canonicalJson(read)).toBe(canonicalJson(sealed));
        expect(hashEntry(read)).toBe(sealed.hash);
      }),
    );
  });

  it('seals an entry built in sorted order with a canonical copy exactly as the canonical walk does', () => {
    const sorted = (payload: JsonValue) =>
      Object.fromEntries(Object.entries({ ...entry, payload }).sort(([a], [b]) => (a < b ? -1 : 1))) as AuditEntry;
    fc.assert(
      fc.property(fc.jsonValue(), (payload) => {
        const fast = sealSortedEntry(sorted(canonicalCopy(payload)));
        const slow = sealEntry({ ...entry, payload: payload as JsonValue });
        expect(fast.hash).toBe(slow.hash);
        expect(jsonTextOf(fast)).toBe(jsonTextOf(slow));
      }),
    );
    // Array-index keys are written first by JSON.stringify: such a copy is not marked canonical.
    const indexed = canonicalCopy({ 10: 'a', 9: 'b' });
    expect(isCanonical(indexed)).toBe(false);
    expect(sealSortedEntry(sorted(indexed)).hash).toBe(sealEntry({ ...entry, payload: indexed }).hash);
    // An entry whose members are not in order is sealed through the canonical walk, never wrongly.
    const unsorted = { ...entry, payload: canonicalCopy({ a: 1 }) };
    expect(sealSortedEntry(unsorted).hash).toBe(sealEntry(unsorted).hash);
  });

  it('hashes the same entry the same way in any key order, and a changed payload differently', () => {
    const sealed = sealEntry({ ...entry, payload: { a: 1, b: [1, 2] } });
    expect(sealEntry(shuffled({ ...entry, payload: { b: [1, 2], a: 1 } }, Math.random) as AuditEntry).hash).toBe(
      sealed.hash,
    );
    expect(sealEntry({ ...entry, payload: { a: 2, b: [1, 2] } }).hash).not.toBe(sealed.hash);
  });
});

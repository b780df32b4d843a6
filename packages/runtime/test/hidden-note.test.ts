import { describe, expect, it } from 'vitest';
import { createEngine, createManualClock } from '../src/index.js';
import { canonicalCopy, isCanonical } from '../src/records/canonical-json.js';
import { hiddenNote } from '../src/records/hidden-note.js';
import { jsonTextOf, parseJsonText } from '../src/records/json-text.js';
import { createSqliteStore } from '../src/sqlite.js';
import type { CommitRequest, Store } from '../src/store/store.js';
import { reviewProcess } from './fixtures/review-process.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

/** A copy of `value` with every own member's descriptor, symbols included. */
const descriptorCopy = <T extends object>(value: T): T =>
  Object.defineProperties(Object.create(Object.getPrototypeOf(value)), Object.getOwnPropertyDescriptors(value)) as T;

describe('hidden notes (what the engine remembers on the objects it makes)', () => {
  it('are read back from the object they were set on, and replaced by a second note', () => {
    const note = hiddenNote<string>('test.note');
    const other = hiddenNote<string>('test.other');
    const target = { a: 1 };
    expect(note.get(target)).toBeUndefined();
    note.set(target, 'first');
    expect(note.get(target)).toBe('first');
    // Another note's symbol is its own.
    expect(other.get(target)).toBeUndefined();
    note.set(target, 'second');
    expect(note.get(target)).toBe('second');
    expect(note.get({ a: 1 })).toBeUndefined();
  });

  it('are members no enumeration, JSON text, spread or deep equality sees', () => {
    const note = hiddenNote<string>('test.note');
    const plain = { b: [1, { c: 'x' }], a: null };
    const noted = { b: [1, { c: 'x' }], a: null };
    note.set(noted, 'text');
    const symbols = Object.getOwnPropertySymbols(noted);
    expect(symbols).toHaveLength(1);
    for (const symbol of symbols) expect(Object.prototype.propertyIsEnumerable.call(noted, symbol)).toBe(false);
    expect(noted).toStrictEqual(plain);
    expect(Object.getOwnPropertySymbols({ ...noted })).toEqual([]);
    expect(Object.getOwnPropertySymbols(Object.assign({}, noted))).toEqual([]);
    expect(Object.getOwnPropertySymbols(structuredClone(noted))).toEqual([]);
    expect(JSON.stringify(noted)).toBe(JSON.stringify(plain));
  });

  it('are not read through a prototype, a Proxy, or a copy of the property descriptors', () => {
    const note = hiddenNote<string>('test.note');
    const parent = { a: 1 };
    note.set(parent, '{"a":1}');
    expect(note.get(Object.create(parent) as object)).toBeUndefined();
    // Either may hold other members than the noted object (a store wrapper redacting a field, say).
    const proxy = new Proxy(parent, { get: (target, key) => (key === 'a' ? 2 : Reflect.get(target, key)) });
    expect(note.get(proxy)).toBeUndefined();
    const copy = descriptorCopy(parent);
    (copy as { a: number }).a = 2;
    expect(note.get(copy)).toBeUndefined();
    // The copy can take a note of its own; the original keeps its note.
    note.set(copy, '{"a":2}');
    expect(note.get(copy)).toBe('{"a":2}');
    expect(note.get(parent)).toBe('{"a":1}');
  });

  it('are not set on an object that cannot take a member, but a noted frozen object takes a new note', () => {
    const note = hiddenNote<string>('test.note');
    for (const target of [Object.freeze({ a: 1 }), Object.seal({ a: 1 }), Object.preventExtensions({ a: 1 })]) {
      expect(() => note.set(target, 'text')).not.toThrow();
      expect(note.get(target)).toBeUndefined();
    }
    const noted: { a: number } = { a: 1 };
    note.set(noted, '{"a":1}');
    noted.a = 2;
    Object.freeze(noted);
    note.set(noted, '{"a":2}');
    expect(note.get(noted)).toBe('{"a":2}');
    // A frozen copy of a noted object takes no note, and never reads the original's.
    const frozenCopy = Object.freeze(descriptorCopy(noted));
    expect(() => note.set(frozenCopy, 'copy')).not.toThrow();
    expect(note.get(frozenCopy)).toBeUndefined();
  });

  it('carry the engine\u2019s remembered texts and canonical marks, for objects and arrays alike', () => {
    const parsed = parseJsonText('{"b":1,"a":[2]}');
    expect(jsonTextOf(parsed)).toBe('{"b":1,"a":[2]}');
    expect(jsonTextOf(parseJsonText('[3,1]'))).toBe('[3,1]');
    for (const value of [{ b: 1, a: [2] }, [{ b: 1, a: 2 }]]) {
      const copy = canonicalCopy(value);
      expect(isCanonical(copy)).toBe(true);
      // A copy of a copy is not marked: its text was not checked.
      expect(isCanonical(Array.isArray(copy) ? [...copy] : { ...(copy as object) })).toBe(false);
    }
  });

  it('leave a store wrapper free to change what it passes on: a Proxy of an entry is written as the Proxy reads', async () => {
    const inner = createSqliteStore({ path: ':memory:' });
    const redact = (entry: CommitRequest['audit'][number]) =>
      new Proxy(entry, { get: (target, key) => (key === 'actorId' ? 'REDACTED' : Reflect.get(target, key)) });
    const store: Store = {
      ...inner,
      commit: (request) => inner.commit({ ...request, audit: request.audit.map(redact) }),
    };
    const engine = createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'case-1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: actor('branch-1'),
    });
    await engine.send({ instanceId: 'case-1', event: event('NOTE', '2026-03-02', { count: 1 }) });
    const stored = await inner.getAudit('case-1');
    expect(stored.map((entry) => entry.actorId)).toEqual(['REDACTED', 'REDACTED']);
    await inner.close();
  });
});

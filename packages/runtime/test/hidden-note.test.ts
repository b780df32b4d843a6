import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCopy, isCanonical } from '../src/records/canonical-json.js';
import { hiddenNote } from '../src/records/hidden-note.js';
import { jsonTextOf, parseJsonText } from '../src/records/json-text.js';

describe('hidden notes (what the engine remembers on the objects it makes)', () => {
  it('are read back from the object they were set on, and from no other', () => {
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

  it('leave no trace in JSON text, keys, spreads, structured clones or deep equality', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (fields) => {
        const note = hiddenNote<string>('test.note');
        const plain = { ...fields };
        const noted = { ...fields };
        note.set(noted, 'text');
        expect(JSON.stringify(noted)).toBe(JSON.stringify(plain));
        expect(Reflect.ownKeys(noted).filter((key) => typeof key === 'string')).toEqual(Object.keys(plain));
        expect(Object.keys(noted)).toEqual(Object.keys(plain));
        expect(noted).toStrictEqual(plain);
        expect(note.get({ ...noted })).toBeUndefined();
        expect(note.get(structuredClone(noted))).toBeUndefined();
      }),
    );
  });

  it('are not inherited: an object made from a noted prototype has no note', () => {
    const note = hiddenNote<string>('test.note');
    const parent = { a: 1 };
    note.set(parent, '{"a":1}');
    const child = Object.create(parent) as object;
    expect(note.get(child)).toBeUndefined();
  });

  it('are not set on an object that cannot take a member, and setting one there does not throw', () => {
    const note = hiddenNote<string>('test.note');
    for (const target of [Object.freeze({ a: 1 }), Object.seal({ a: 1 }), Object.preventExtensions({ a: 1 })]) {
      expect(() => note.set(target, 'text')).not.toThrow();
      expect(note.get(target)).toBeUndefined();
    }
  });

  it('carry the engine\u2019s remembered texts and canonical marks, invisibly', () => {
    const parsed = parseJsonText('{"b":1,"a":[2]}');
    expect(jsonTextOf(parsed)).toBe('{"b":1,"a":[2]}');
    expect(Object.keys(parsed as object)).toEqual(['b', 'a']);
    const copy = canonicalCopy({ b: 1, a: [2] });
    expect(isCanonical(copy)).toBe(true);
    expect(copy).toStrictEqual({ a: [2], b: 1 });
    // A copy of a copy is not marked: its text was not checked.
    expect(isCanonical({ ...(copy as object) })).toBe(false);
  });
});

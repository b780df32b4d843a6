import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTextOf, stringifyWith, withLazyMember } from '../src/records/json-text.js';

/** A record whose `snapshot` is `text`, parsed on first read, as the engine builds its records. */
const lazyRecord = <T extends object>(fields: T, text: string) => withLazyMember({ ...fields }, 'snapshot', text);

describe('records with a lazily parsed member', () => {
  it('write the same text as JSON.stringify of the parsed record, before and after the member is read', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), (fields, member) => {
        const { snapshot: _ignored, ...rest } = fields;
        const expected = JSON.stringify({ ...rest, snapshot: member });
        const text = JSON.stringify(member);
        const record = lazyRecord(rest, text);
        expect(stringifyWith(record, 'snapshot')).toBe(expected);
        expect(jsonTextOf(record)).toBe(expected);
        expect(record.snapshot).toEqual(JSON.parse(text));
        expect(JSON.stringify(record)).toBe(expected);
        // Without the remembered record text, the member's remembered text still spares a second serialisation.
        expect(stringifyWith({ ...record }, 'snapshot')).toBe(expected);
      }),
    );
  });

  it('parses the member once, on its first read, and the parsed value keeps its text', () => {
    const record = lazyRecord({ id: 'i1' }, '{"a":[1,2]}');
    expect(Object.keys(record)).toEqual(['id', 'snapshot']);
    const first = record.snapshot;
    expect(first).toEqual({ a: [1, 2] });
    expect(record.snapshot).toBe(first);
    expect(jsonTextOf(first)).toBe('{"a":[1,2]}');
    expect(JSON.stringify(record)).toBe('{"id":"i1","snapshot":{"a":[1,2]}}');
    expect(structuredClone(record)).toEqual({ id: 'i1', snapshot: { a: [1, 2] } });
    // Its remembered text is what a store writes, so it cannot be changed behind that text's back.
    expect(Object.isFrozen(record)).toBe(true);
    expect(() => {
      (record as { id: string }).id = 'i2';
    }).toThrow(TypeError);
    expect(stringifyWith(record, 'snapshot')).toBe('{"id":"i1","snapshot":{"a":[1,2]}}');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callerShapedCopy } from '../src/engine/caller-copy.js';

/** Every plain object and array inside `value`, the value itself included. */
function plainParts(value: unknown, into: object[] = []): object[] {
  if (typeof value !== 'object' || value === null) return into;
  const prototype: unknown = Object.getPrototypeOf(value);
  const plain = Array.isArray(value)
    ? prototype === Array.prototype
    : prototype === Object.prototype || prototype === null;
  if (!plain) return into;
  into.push(value);
  for (const member of Object.values(value)) plainParts(member, into);
  return into;
}

describe('callerShapedCopy', () => {
  it('keeps the shape: member order, undefined members, a __proto__ member, a null prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 1;
    const value = JSON.parse('{"b":1,"a":[1,{"__proto__":{"x":1}}]}') as Record<string, unknown>;
    value.u = undefined;
    value.bare = bare;
    const copy = callerShapedCopy(value) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['b', 'a', 'u', 'bare']);
    expect('u' in copy).toBe(true);
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    const inner = (copy.a as unknown[])[1] as object;
    expect(Object.getOwnPropertyNames(inner)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect(copy).toStrictEqual(value);
  });

  it('hands over what is not a plain object or array as it is, and copies the plain parts around it', () => {
    class Note {
      get count(): number {
        return 1;
      }
    }
    const note = new Note();
    const date = new Date(0);
    const hook = () => 1;
    const inheriting = Object.assign(Object.create({ extra: 1 }), { own: 2 });
    class Items extends Array<number> {}
    const items = Items.from([1]);
    const value = { note, date, hook, inheriting, items, list: [note] };
    const copy = callerShapedCopy(value) as typeof value;
    expect(copy).not.toBe(value);
    expect(copy.list).not.toBe(value.list);
    expect(copy.note).toBe(note);
    expect(copy.date).toBe(date);
    expect(copy.hook).toBe(hook);
    expect(copy.inheriting).toBe(inheriting);
    expect(copy.items).toBe(items);
    expect(copy.list[0]).toBe(note);
  });

  it('hands a cyclic value over as it is', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(callerShapedCopy(cyclic)).toBe(cyclic);
  });

  it('gives a deep-equal copy that shares no plain object or array with the value (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }), (value) => {
        const copy = callerShapedCopy(value);
        expect(copy).toStrictEqual(value);
        const originals = new Set(plainParts(value));
        for (const part of plainParts(copy)) expect(originals.has(part)).toBe(false);
      }),
    );
  });
});

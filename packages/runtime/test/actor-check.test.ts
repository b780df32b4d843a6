import { actorSchema, roles } from '@dangwu/machines';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlainActor } from '../src/engine/engine-requests.js';

const text = fc.oneof(fc.string({ maxLength: 130 }), fc.constantFrom('', 'x'.repeat(128), 'x'.repeat(129)));
const role = fc.oneof(fc.constantFrom(...roles), fc.string({ maxLength: 12 }));
const actorLike = fc.oneof(
  fc.record({ id: text, roles: fc.array(role, { maxLength: 3 }), orgId: text }),
  fc.record({ id: text, roles: fc.array(role, { maxLength: 3 }), orgId: text, extra: fc.anything() }),
  fc.record(
    { id: fc.anything(), roles: fc.oneof(fc.anything(), fc.array(fc.anything())), orgId: fc.anything() },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

describe('isPlainActor', () => {
  it('accepts only actors actorSchema accepts, and every well-formed plain actor', () => {
    fc.assert(
      fc.property(actorLike, (value) => {
        if (isPlainActor(value)) expect(actorSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(
        fc.record({
          id: fc.string({ minLength: 1, maxLength: 128 }),
          roles: fc.array(fc.constantFrom(...roles), { minLength: 1, maxLength: 4 }),
          orgId: fc.string({ minLength: 1, maxLength: 128 }),
        }),
        (value) => {
          expect(isPlainActor(value)).toBe(true);
          expect(actorSchema.safeParse(value).success).toBe(true);
        },
      ),
    );
  });

  it('leaves unusual values to zod: class instances, sparse or mixed role lists, missing members', () => {
    class Person {
      id = 'u1';
      roles = ['member'];
      orgId = 'b1';
    }
    expect(isPlainActor(new Person())).toBe(false);
    // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested
    expect(isPlainActor({ id: 'u1', roles: [, 'member'], orgId: 'b1' })).toBe(false);
    expect(isPlainActor({ id: 'u1', roles: ['member', 'king'], orgId: 'b1' })).toBe(false);
    expect(isPlainActor({ id: 'u1', roles: [], orgId: 'b1' })).toBe(false);
    expect(isPlainActor({ id: 'u1', roles: ['member'] })).toBe(false);
    expect(isPlainActor({ id: 'u1', roles: ['member'], orgId: 'b1' })).toBe(true);
    // An array whose own iterator hides an unknown role: zod reads by index, and so does the check.
    const roles = ['king'];
    Object.defineProperty(roles, Symbol.iterator, {
      value: function* () {
        yield 'member';
      },
    });
    expect(isPlainActor({ id: 'u1', roles, orgId: 'b1' })).toBe(false);
    expect(actorSchema.safeParse({ id: 'u1', roles, orgId: 'b1' }).success).toBe(false);
  });

  it('refuses, like zod, an actor when Object.prototype has an enumerable member', () => {
    const actor = { id: 'u1', roles: ['member'], orgId: 'b1' };
    Object.defineProperty(Object.prototype, 'polluted', {
      value: 1,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      expect(isPlainActor(actor)).toBe(false);
      expect(actorSchema.safeParse(actor).success).toBe(false);
    } finally {
      delete (Object.prototype as { polluted?: number }).polluted;
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodePoints } from '../src/store/code-point-order.js';

// The memory store orders ids as SQLite and PostgreSQL do: by the bytes of their UTF-8 text.
describe('compareCodePoints', () => {
  it('agrees with the order of the strings’ UTF-8 bytes (property)', () => {
    // Well-formed text only: the engine refuses ids with a lone surrogate (UTF-8 has no bytes for one).
    const text = fc.string({ unit: 'binary', maxLength: 6 }).filter((value) => value.isWellFormed());
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(Buffer.compare(Buffer.from(a), Buffer.from(b)));
      }),
      { numRuns: 5000 },
    );
  });

  it('puts U+10000 and above after U+E000–U+FFFF, unlike <', () => {
    expect('😀' < '！').toBe(true);
    expect(compareCodePoints('😀', '！')).toBeGreaterThan(0);
    expect(compareCodePoints('a', 'ab')).toBeLessThan(0);
    expect(compareCodePoints('支部', '支部')).toBe(0);
  });
});

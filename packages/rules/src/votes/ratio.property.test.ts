import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meetsRatio, minimumCount, type Ratio } from './ratio.js';

/** Any proper fraction n/d with 1 ≤ n ≤ d ≤ 1000, strict or inclusive. */
const ratio: fc.Arbitrary<Ratio> = fc.integer({ min: 1, max: 1000 }).chain((denominator) =>
  fc.record({
    numerator: fc.integer({ min: 1, max: denominator }),
    denominator: fc.constant(denominator),
    comparison: fc.constantFrom('moreThan' as const, 'atLeast' as const),
  }),
);

const base = fc.integer({ min: 0, max: 10_000 });

/** The smallest count from 0 upwards that meets the ratio; a ratio ≤ 1 is always met by base + 1. */
function bruteForceMinimum(total: number, threshold: Ratio): number {
  for (let count = 0; count <= total + 1; count += 1) {
    if (meetsRatio(count, total, threshold)) return count;
  }
  throw new Error(`no count up to ${total + 1} meets the ratio`);
}

describe('ratio arithmetic over random bases and ratios (§13.1)', () => {
  it('§13.1 minimumCount equals the brute-force smallest count [DEV-VOTE-QUORUM, ELEC-QUORUM]', () => {
    fc.assert(
      fc.property(base, ratio, (total, threshold) => {
        expect(minimumCount(total, threshold)).toBe(bruteForceMinimum(total, threshold));
      }),
    );
  });

  it('DEV-VOTE-PASS minimumCount meets the ratio and one fewer does not', () => {
    fc.assert(
      fc.property(base, ratio, (total, threshold) => {
        const minimum = minimumCount(total, threshold);
        expect(meetsRatio(minimum, total, threshold)).toBe(true);
        if (minimum > 0) expect(meetsRatio(minimum - 1, total, threshold)).toBe(false);
      }),
    );
  });

  it('EC-36 meetsRatio is the exact rational comparison count/base vs n/d (checked with BigInt)', () => {
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 10_001 }), ratio, (total, count, threshold) => {
        const left = BigInt(count) * BigInt(threshold.denominator);
        const right = BigInt(total) * BigInt(threshold.numerator);
        const expected = threshold.comparison === 'moreThan' ? left > right : left >= right;
        expect(meetsRatio(count, total, threshold)).toBe(expected);
      }),
    );
  });

  it('EC-36 MTG-MEMBERS-MEETING-QUORUM "超过" is never easier than "以上": the strict minimum is the inclusive one or one more', () => {
    fc.assert(
      fc.property(base, ratio, (total, threshold) => {
        const strict = minimumCount(total, { ...threshold, comparison: 'moreThan' });
        const inclusive = minimumCount(total, { ...threshold, comparison: 'atLeast' });
        expect(strict - inclusive).toBeGreaterThanOrEqual(0);
        expect(strict - inclusive).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('DEV-VOTE-QUORUM meetsRatio is monotone in the count', () => {
    fc.assert(
      fc.property(base, fc.nat(10_001), fc.nat(10_001), ratio, (total, a, b, threshold) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        if (meetsRatio(low, total, threshold)) expect(meetsRatio(high, total, threshold)).toBe(true);
      }),
    );
  });
});

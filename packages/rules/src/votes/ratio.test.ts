import { describe, expect, it } from 'vitest';
import { describeRatio, meetsRatio, minimumCount, type Ratio, ratioSchema } from './ratio.js';

const moreThanHalf: Ratio = { numerator: 1, denominator: 2, comparison: 'moreThan' };
const atLeastHalf: Ratio = { numerator: 1, denominator: 2, comparison: 'atLeast' };
const moreThanFourFifths: Ratio = { numerator: 4, denominator: 5, comparison: 'moreThan' };
const atLeastFourFifths: Ratio = { numerator: 4, denominator: 5, comparison: 'atLeast' };

describe('meetsRatio: integer comparison (§13.1)', () => {
  it('EC-36 8 of 10 is not more than 4/5 ("超过五分之四"), 9 of 10 is [ELEC-QUORUM]', () => {
    expect(meetsRatio(8, 10, moreThanFourFifths)).toBe(false);
    expect(meetsRatio(9, 10, moreThanFourFifths)).toBe(true);
  });

  it('EC-36 8 of 10 is at least 4/5 ("不少于五分之四"), 7 of 10 is not [ELEC-QUORUM]', () => {
    expect(meetsRatio(8, 10, atLeastFourFifths)).toBe(true);
    expect(meetsRatio(7, 10, atLeastFourFifths)).toBe(false);
  });

  it('EC-12 8 of 16 is not more than half; 9 of 16 is [DEV-VOTE-QUORUM]', () => {
    expect(meetsRatio(8, 16, moreThanHalf)).toBe(false);
    expect(meetsRatio(9, 16, moreThanHalf)).toBe(true);
  });

  it('MTG-MEMBERS-MEETING-QUORUM "半数以上" includes exactly half: 8 of 16 meets at-least-half', () => {
    expect(meetsRatio(8, 16, atLeastHalf)).toBe(true);
    expect(meetsRatio(7, 16, atLeastHalf)).toBe(false);
  });

  it('DEV-VOTE-PASS odd bases: 4 of 7 is more than half, 3 of 7 is not even at least half', () => {
    expect(meetsRatio(4, 7, moreThanHalf)).toBe(true);
    expect(meetsRatio(3, 7, atLeastHalf)).toBe(false);
  });

  it('EC-36 a third is exact in integers where 1/3 in floating point is not: 1 of 3 is at least 1/3, not more', () => {
    const third: Ratio = { numerator: 1, denominator: 3, comparison: 'atLeast' };
    expect(meetsRatio(1, 3, third)).toBe(true);
    expect(meetsRatio(1, 3, { ...third, comparison: 'moreThan' })).toBe(false);
    expect(meetsRatio(100_000, 300_000, third)).toBe(true);
  });
});

describe('minimumCount', () => {
  it('EC-12 more than half of 16 needs 9; at least half needs 8 [DEV-VOTE-QUORUM]', () => {
    expect(minimumCount(16, moreThanHalf)).toBe(9);
    expect(minimumCount(16, atLeastHalf)).toBe(8);
  });

  it('EC-36 more than 4/5 of 10 needs 9; at least 4/5 needs 8 [ELEC-QUORUM]', () => {
    expect(minimumCount(10, moreThanFourFifths)).toBe(9);
    expect(minimumCount(10, atLeastFourFifths)).toBe(8);
  });

  it('EC-13 more than half of 15 needs 8 [DEV-VOTE-PASS]', () => {
    expect(minimumCount(15, moreThanHalf)).toBe(8);
    expect(minimumCount(15, atLeastHalf)).toBe(8);
  });

  it('DEV-VOTE-QUORUM with nobody due, "more than" still needs one and "at least" needs none', () => {
    expect(minimumCount(0, moreThanHalf)).toBe(1);
    expect(minimumCount(0, atLeastHalf)).toBe(0);
  });
});

describe('describeRatio and ratioSchema', () => {
  it('EC-36 describes 超过 and 以上 in both languages', () => {
    expect(describeRatio(moreThanHalf)).toEqual({ zh: '超过1/2', en: 'more than 1/2' });
    expect(describeRatio(atLeastFourFifths)).toEqual({ zh: '4/5以上（含）', en: 'at least 4/5' });
  });

  it('DEV-VOTE-PASS ratioSchema accepts a proper fraction and rejects improper, zero, fractional and unknown fields', () => {
    expect(ratioSchema.safeParse(moreThanFourFifths).success).toBe(true);
    expect(ratioSchema.safeParse({ numerator: 5, denominator: 4, comparison: 'atLeast' }).success).toBe(false);
    expect(ratioSchema.safeParse({ numerator: 0, denominator: 4, comparison: 'atLeast' }).success).toBe(false);
    expect(ratioSchema.safeParse({ numerator: 1.5, denominator: 4, comparison: 'atLeast' }).success).toBe(false);
    expect(ratioSchema.safeParse({ ...moreThanHalf, percent: 50 }).success).toBe(false);
  });
});

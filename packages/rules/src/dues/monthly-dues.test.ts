import { describe, expect, it } from 'vitest';
import { national } from '../profiles/national.js';
import type { DuesRules } from '../profiles/schema/dues-rules.js';
import { versionOn } from '../profiles/version-on.js';
import { monthlyDues } from './monthly-dues.js';

const rules: DuesRules = versionOn(national, '2026-06-01').values.dues;

/** 元 to fen, for readability only: 3000.01 元 is 300001 fen. */
const yuan = (amount: number): number => Math.round(amount * 100);

describe('monthlyDues, employed members (DUES-RATE-EMPLOYED)', () => {
  it('EC-32 exactly 3000.00 元 (300000 fen) is in the 0.5% bracket ("含3000元") and pays 1500 fen', () => {
    expect(monthlyDues(300_000, 'employed', rules)).toEqual({
      fen: 1500,
      rateBasisPoints: 50,
      ruleId: 'DUES-RATE-EMPLOYED',
    });
  });

  it('EC-32 3000.01 元 pays 1% of the whole income (3000 fen), not a marginal rate (1500 fen)', () => {
    const assessment = monthlyDues(300_001, 'employed', rules);
    expect(assessment.rateBasisPoints).toBe(100);
    // 300001 × 1% = 3000.01 fen → 3000 fen. A marginal scheme would give 1500 + 0.0001 ≈ 1500.
    expect(assessment.fen).toBe(3000);
    expect(assessment.fen).not.toBe(1500);
  });

  it.each([
    [yuan(1000), 50, 500],
    [yuan(5000), 100, 5000],
    [yuan(5000.01), 150, 7500],
    [yuan(8000), 150, 12_000],
    [yuan(10_000), 150, 15_000],
    [yuan(10_000.01), 200, 20_000],
    [yuan(25_000), 200, 50_000],
  ])('DUES-RATE-EMPLOYED %i fen pays %i basis points = %i fen', (income, basisPoints, fen) => {
    expect(monthlyDues(income, 'employed', rules)).toEqual({
      fen,
      rateBasisPoints: basisPoints,
      ruleId: 'DUES-RATE-EMPLOYED',
    });
  });

  it('EC-32 zero income pays nothing', () => {
    expect(monthlyDues(0, 'employed', rules).fen).toBe(0);
  });
});

describe('monthlyDues, retired members (DUES-RATE-RETIRED)', () => {
  it('DUES-RATE-RETIRED up to 5000 元 inclusive pays 0.5%', () => {
    expect(monthlyDues(yuan(5000), 'retired', rules)).toEqual({
      fen: 2500,
      rateBasisPoints: 50,
      ruleId: 'DUES-RATE-RETIRED',
    });
  });

  it('DUES-RATE-RETIRED above 5000 元 pays 1% of the whole pension', () => {
    expect(monthlyDues(yuan(5000.01), 'retired', rules)).toEqual({
      fen: 5000,
      rateBasisPoints: 100,
      ruleId: 'DUES-RATE-RETIRED',
    });
    expect(monthlyDues(yuan(12_000), 'retired', rules).fen).toBe(12_000);
  });

  it('DUES-RATE-RETIRED 4000 元 pays 0.5% as a pensioner but 1% as an employee', () => {
    expect(monthlyDues(yuan(4000), 'retired', rules).fen).toBe(2000);
    expect(monthlyDues(yuan(4000), 'employed', rules).fen).toBe(4000);
  });
});

describe('monthlyDues rounding (EC-32)', () => {
  it('EC-32 half-up by default: 300 fen × 0.5% = 1.5 fen → 2 fen', () => {
    expect(rules.rounding).toBe('half-up');
    expect(monthlyDues(300, 'employed', rules).fen).toBe(2);
  });

  it('EC-32 half-up keeps a fraction below one half: 299 fen × 0.5% = 1.495 fen → 1 fen', () => {
    expect(monthlyDues(299, 'employed', rules).fen).toBe(1);
  });

  it('EC-32 half-up on a realistic income: 2345.67 元 × 0.5% = 1172.835 fen → 1173 fen', () => {
    expect(monthlyDues(234_567, 'employed', rules).fen).toBe(1173);
  });

  it("EC-32 'down' rounding through a modified rules object: 1.5 fen → 1 fen, 1172.835 → 1172", () => {
    const down: DuesRules = { ...rules, rounding: 'down' };
    expect(monthlyDues(300, 'employed', down).fen).toBe(1);
    expect(monthlyDues(234_567, 'employed', down).fen).toBe(1172);
    // A whole number of fen is not changed by any rounding rule.
    expect(monthlyDues(300_000, 'employed', down).fen).toBe(1500);
  });

  it("EC-32 'up' rounding: 299 fen × 0.5% = 1.495 fen → 2 fen", () => {
    const up: DuesRules = { ...rules, rounding: 'up' };
    expect(monthlyDues(299, 'employed', up).fen).toBe(2);
    expect(monthlyDues(200, 'employed', up).fen).toBe(1);
  });
});

describe('monthlyDues input checks (EC-32)', () => {
  it.each([-1, 0.5, 300_000.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])(
    'EC-32 rejects an income of %s fen that is not a whole, non-negative, safe number of fen',
    (income) => {
      expect(() => monthlyDues(income, 'employed', rules)).toThrow(RangeError);
    },
  );
});

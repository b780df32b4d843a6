import type { DuesRules } from '../profiles/schema/dues-rules.js';

/** Whose income the dues are computed from (DUES-RATE-EMPLOYED, DUES-RATE-RETIRED). */
export type DuesCategory = 'employed' | 'retired';

/** Monthly dues in fen and how they were reached. */
export interface DuesAssessment {
  /** The amount due for the month, in fen. */
  readonly fen: number;
  /** The rate applied, in basis points of the whole income (not a marginal rate). */
  readonly rateBasisPoints: number;
  /** The rule that set the rate. */
  readonly ruleId: 'DUES-RATE-EMPLOYED' | 'DUES-RATE-RETIRED';
}

function rounded(numerator: number, denominator: number, rule: DuesRules['rounding']): number {
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  if (remainder === 0) return quotient;
  if (rule === 'down') return quotient;
  if (rule === 'up') return quotient + 1;
  return remainder * 2 >= denominator ? quotient + 1 : quotient;
}

/**
 * Monthly dues for `incomeFen` of monthly after-tax income, in integer fen (EC-32): the bracket's
 * upper bound is inclusive (3000.00 元 pays 0.5%), the rate applies to the whole income, and a
 * fraction of a fen is rounded by the profile's rule (half-up by default: 1.5 fen → 2 fen).
 */
export function monthlyDues(incomeFen: number, category: DuesCategory, rules: DuesRules): DuesAssessment {
  if (!Number.isSafeInteger(incomeFen) || incomeFen < 0) {
    throw new RangeError(`incomeFen must be a whole number of fen ≥ 0, got ${incomeFen}`);
  }
  const brackets = category === 'employed' ? rules.employed : rules.retired;
  const bracket = brackets.find((candidate) => candidate.upToFen === null || incomeFen <= candidate.upToFen);
  const rateBasisPoints = bracket?.rateBasisPoints ?? 0;
  return {
    fen: rounded(incomeFen * rateBasisPoints, 10_000, rules.rounding),
    rateBasisPoints,
    ruleId: category === 'employed' ? 'DUES-RATE-EMPLOYED' : 'DUES-RATE-RETIRED',
  };
}

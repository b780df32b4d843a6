import * as z from 'zod';

/**
 * A threshold written as a fraction: "超过半数" is `{ numerator: 1, denominator: 2, comparison: 'moreThan' }`,
 * "半数以上" is the same with `'atLeast'`, "超过五分之四" is 4/5 `'moreThan'` (catalogue §13.1).
 */
export interface Ratio {
  /** Top of the fraction. */
  readonly numerator: number;
  /** Bottom of the fraction. */
  readonly denominator: number;
  /** `moreThan` (超过, strict) or `atLeast` (以上/不少于, inclusive). */
  readonly comparison: 'moreThan' | 'atLeast';
}

/** Zod schema of a {@link Ratio}: a proper fraction of positive whole numbers. */
export const ratioSchema = z
  .object({
    numerator: z.number().int().positive(),
    denominator: z.number().int().positive(),
    comparison: z.enum(['moreThan', 'atLeast']),
  })
  .strict()
  .refine((ratio) => ratio.numerator <= ratio.denominator, {
    error: '比例不能大于一 / a ratio cannot exceed one',
    path: ['numerator'],
  });

/**
 * Whether `count` out of `base` meets the ratio, in integers only: `count * d > base * n` for
 * "超过", `>=` for "以上". 8 of 16 is not more than half; 8 of 10 is not more than four fifths.
 */
export function meetsRatio(count: number, base: number, ratio: Ratio): boolean {
  const left = count * ratio.denominator;
  const right = base * ratio.numerator;
  return ratio.comparison === 'moreThan' ? left > right : left >= right;
}

/** The smallest whole count out of `base` that meets the ratio (e.g. 9 of 16 for more than half). */
export function minimumCount(base: number, ratio: Ratio): number {
  // The exact fraction rounded down is at most one short of the answer.
  const floor = Math.floor((base * ratio.numerator) / ratio.denominator);
  return meetsRatio(floor, base, ratio) ? floor : floor + 1;
}

/** The ratio in words, e.g. `{ zh: '超过1/2', en: 'more than 1/2' }`. */
export function describeRatio(ratio: Ratio): { zh: string; en: string } {
  const fraction = `${ratio.numerator}/${ratio.denominator}`;
  return ratio.comparison === 'moreThan'
    ? { zh: `超过${fraction}`, en: `more than ${fraction}` }
    : { zh: `${fraction}以上（含）`, en: `at least ${fraction}` };
}

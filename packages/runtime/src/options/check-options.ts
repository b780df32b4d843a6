import { issuesFromZod } from '@dangwu/rules';
import * as z from 'zod';
import { InvalidOptionsError } from '../errors/runtime-errors.js';

/** A zod message in both languages, as `issuesFromZod` splits it (Chinese first). */
export const bilingual = (zh: string, en: string): { readonly error: string } => ({ error: `${zh} / ${en}` });

/** An option that must be a whole number of at least `min` (NaN, Infinity and fractions are refused). */
export function integerOption(min: number): z.ZodNumber {
  const message = bilingual(`须为不小于 ${min} 的整数`, `must be a whole number of at least ${min}`);
  // One issue per field: an integer beyond the safe range fails `int` and, when negative, `min` too.
  return z
    .number(message)
    .int({ ...message, abort: true })
    .min(min, message);
}

/** An option that must be a finite number of at least `min` (milliseconds, say). */
export function numberOption(min: number): z.ZodNumber {
  const message = bilingual(`须为不小于 ${min} 的有限数`, `must be a finite number of at least ${min}`);
  return z.number(message).min(min, message);
}

/** An option that must be a number above 0, `Infinity` included (a wait that is clamped, say). */
export function positiveOption(): z.ZodType<number> {
  return z.custom<number>(
    (value) => typeof value === 'number' && value > 0,
    bilingual('须为大于 0 的数（可为 Infinity）', 'must be a number above 0 (Infinity allowed)'),
  );
}

/** {@link integerOption}, or `Infinity` for "no limit". */
export function countOrInfinityOption(min: number): z.ZodType<number> {
  return z.custom<number>(
    (value) => value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && (value as number) >= min),
    bilingual(`须为不小于 ${min} 的整数或 Infinity`, `must be a whole number of at least ${min}, or Infinity`),
  );
}

/** An option that must be one of `values`. */
export function choiceOption<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodEnum<{ [K in T[number]]: K }> {
  return z.enum(values, bilingual(`须为 ${values.join('、')} 之一`, `must be one of ${values.join(', ')}`));
}

/** An option that must be a non-empty string. */
export function textOption(): z.ZodString {
  const message = bilingual('须为非空字符串', 'must be a non-empty string');
  return z.string(message).min(1, message);
}

/** An option that must be an object with each of `methods` as a function (`what` names it in the message). */
export function objectOption<T>(methods: readonly string[], what: { zh: string; en: string }): z.ZodType<T> {
  return z.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    bilingual(
      `须为${what.zh}（含方法 ${methods.join('、')}）`,
      `must be ${what.en} (with the methods ${methods.join(', ')})`,
    ),
  );
}

/** An option that must be a function. */
export const functionOption = (): z.ZodType<(...args: never[]) => unknown> =>
  z.custom<(...args: never[]) => unknown>(
    (value) => typeof value === 'function',
    bilingual('须为函数', 'must be a function'),
  );

/**
 * Checks the options given to `factory` against `schema` (a strict object: a misspelt option is refused,
 * not ignored) and throws {@link InvalidOptionsError} naming each field, before anything is opened.
 */
export function checkOptions(factory: string, schema: z.ZodType, options: unknown): void {
  const result = schema.safeParse(options);
  if (!result.success) throw new InvalidOptionsError(factory, issuesFromZod(result.error, 'options'));
}

import * as z from 'zod';
import { calendarDurationSchema } from '../../dates/duration.js';

/** One dues bracket: monthly income up to `upToFen` inclusive ("含") pays `rateBasisPoints` of the whole income. */
export const duesBracketSchema = z
  .object({
    /** Upper bound of monthly income in fen, inclusive; null for the top bracket. */
    upToFen: z.number().int().positive().nullable(),
    /** Rate in basis points (0.5% = 50). */
    rateBasisPoints: z.number().int().min(0).max(10_000),
  })
  .strict();

const bracketsSchema = z
  .array(duesBracketSchema)
  .min(1)
  .superRefine((brackets, context) => {
    brackets.forEach((bracket, index) => {
      const previous = index > 0 ? brackets[index - 1] : undefined;
      const isLast = index === brackets.length - 1;
      if ((bracket.upToFen === null) !== isLast) {
        context.addIssue({
          code: 'custom',
          path: [index, 'upToFen'],
          message:
            '只有最后一档可以没有上限 [DUES-RATE-EMPLOYED] / only the last bracket is open-ended [DUES-RATE-EMPLOYED]',
        });
      }
      if (previous?.upToFen != null && bracket.upToFen !== null && bracket.upToFen <= previous.upToFen) {
        context.addIssue({
          code: 'custom',
          path: [index, 'upToFen'],
          message: '档位上限必须递增 [DUES-RATE-EMPLOYED] / bracket bounds must increase [DUES-RATE-EMPLOYED]',
        });
      }
    });
  });

/** Rules of 党费 (2008 中组部 rules), catalogue §9 (DUES-*). Money is integer fen. */
export const duesRulesSchema = z
  .object({
    /** DUES-RATE-EMPLOYED. */
    employed: bracketsSchema,
    /** DUES-RATE-RETIRED. */
    retired: bracketsSchema,
    /** DUES-FLAT: monthly amounts in fen for farmers (range) and for students, unemployed and relief recipients. */
    flat: z
      .object({
        farmerMinFen: z.number().int().min(0),
        farmerMaxFen: z.number().int().min(0),
        studentOrUnemployedFen: z.number().int().min(0),
      })
      .strict(),
    /** DUES-SCHEDULE: back-payment beyond this warns and triggers the withdrawal check (EC-33). */
    backPaymentMax: calendarDurationSchema,
    /** DUES-VOLUNTARY: a one-off voluntary payment at least this large goes to 中央. */
    voluntaryToCentralFen: z.number().int().positive(),
    /** EC-32: how a fraction of a fen is rounded. */
    rounding: z.enum(['half-up', 'down', 'up']),
  })
  .strict();

/** Dues rules (catalogue §9), inferred from {@link duesRulesSchema}. */
export type DuesRules = z.infer<typeof duesRulesSchema>;

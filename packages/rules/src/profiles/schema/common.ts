import * as z from 'zod';
import { calendarDurationSchema } from '../../dates/duration.js';

/** A duration, or `null` where the profile has no such rule. */
export const optionalDuration = calendarDurationSchema.nullable();

/** How strictly a soft rule is enforced: refuse, record a warning, or let it pass silently. */
export const enforcementSchema = z.enum(['reject', 'warn', 'allow']);

/** A frequency bucket: so many events per calendar month, quarter, half-year or year (EC-40). */
export const frequencySchema = z
  .object({
    per: z.enum(['month', 'quarter', 'half-year', 'year']),
    atLeast: z.number().int().min(1, { error: '频次至少为一 / a frequency needs at least one occurrence' }),
  })
  .strict();

/** A whole-number range with `min ≤ max`. */
export const countRangeSchema = z
  .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
  .strict()
  .refine((range) => range.min <= range.max, {
    error: '最小值不能大于最大值 / the minimum cannot exceed the maximum',
    path: ['min'],
  });

/**
 * Kinds of party organisation that matter to the rules: only a 党委 may approve admission; a 党总支,
 * a base committee under a township or street, a temporary organisation or a 党组 may not (EC-19).
 */
export const organisationKindSchema = z.enum([
  'party-committee',
  'township-subordinate-committee',
  'general-branch',
  'branch',
  'temporary',
  'leading-group',
]);

/** One of the organisation kinds of {@link organisationKindSchema}. */
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

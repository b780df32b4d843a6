import * as z from 'zod';
import { holidayYearSchema } from '../calendar/holiday-calendar.js';
import { isLocalDate, type LocalDate } from '../dates/local-date.js';
import type { RuleProfile } from './rule-profile.js';
import { ruleValuesSchema } from './schema/rule-values.js';

const bilingualSchema = z.object({ zh: z.string(), en: z.string() }).strict();

/** Zod schema of a whole {@link RuleProfile}, for profiles that arrive as data (input, storage). */
export const ruleProfileSchema: z.ZodType<RuleProfile> = z
  .object({
    id: z.string().min(1),
    name: bilingualSchema,
    basedOn: z.string().nullable(),
    versions: z
      .array(
        z
          .object({
            id: z.string().min(1),
            title: bilingualSchema,
            effectiveFrom: z
              .string()
              .refine(isLocalDate, { error: '生效日期无效 / invalid effective date' })
              .transform((value) => value as LocalDate),
            values: ruleValuesSchema,
            sources: z.record(
              z.string(),
              z
                .object({
                  citation: z.string(),
                  origin: z.enum(['document', 'national', 'inherited', 'practice', 'override']),
                  rejected: z.object({ value: z.string(), reason: bilingualSchema }).strict().optional(),
                })
                .strict(),
            ),
          })
          .strict(),
      )
      .min(1, { error: '规则配置至少要有一个版本 / a profile needs at least one version' })
      .refine(
        (versions) =>
          versions.every(
            (version, index) => index === 0 || (versions[index - 1]?.effectiveFrom ?? '') < version.effectiveFrom,
          ),
        { error: '版本必须按生效日期递增 / versions must be in increasing date order' },
      ),
    calendarYears: z.array(holidayYearSchema),
  })
  .strict() as unknown as z.ZodType<RuleProfile>;

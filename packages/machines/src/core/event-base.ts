import { isLocalDate, type LocalDate } from '@dangwu/rules';
import * as z from 'zod';
import { actorSchema } from './actor.js';

/** Zod schema of an Asia/Shanghai calendar date `YYYY-MM-DD` (EC-44). */
export const localDateSchema = z
  .string({ error: '日期必须是 YYYY-MM-DD 字符串 / a date must be a YYYY-MM-DD string' })
  .refine(isLocalDate, { error: '不是有效的日历日期 (YYYY-MM-DD) / not a calendar date (YYYY-MM-DD)' })
  .transform((value) => value as LocalDate);

/** A short reason code or text kept in the audit log; free text is bounded and must not hold personal data. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, { error: '必须说明理由 / a reason is required' })
  .max(500, { error: '理由不超过500字 / a reason is at most 500 characters' });

/** An opaque id assigned by the host (a person, a case, an organisation); never a name. */
export const opaqueIdSchema = z
  .string()
  .min(1, { error: '编号不能为空 / an id is required' })
  .max(128, { error: '编号不超过128字符 / an id is at most 128 characters' });

/** Fields every event carries: the date the act happened and who did it. */
export const eventBaseShape = {
  /** The date the act happened, often earlier than the date it is recorded. */
  occurredOn: localDateSchema,
  /** Who performed the act. */
  actor: actorSchema,
};

/**
 * Zod schema of one event: the `type` literal, the fields every event carries ({@link eventBaseShape})
 * and the event's own `shape`; unknown keys are refused.
 */
export const eventSchema = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...eventBaseShape, ...shape }).strict();

/** The event the host sends when a deadline's day has passed (see `Deadline.raises`). */
export const deadlineReachedEventSchema = z
  .object({ type: z.literal('DEADLINE_REACHED'), deadlineId: opaqueIdSchema, ...eventBaseShape })
  .strict();

import * as z from 'zod';
import { storedDateSchema } from './json-value-schema.js';

/**
 * Zod schema of a durable timer row: one per deadline of an instance. `dueAt` is the instant the
 * Asia/Shanghai day after `due` begins; a fired row stays (status `fired`) while the machine still lists
 * the same deadline with the same date, so it never fires twice.
 */
export const timerRecordSchema = z.object({
  schemaVersion: z.literal(1),
  instanceId: z.string(),
  deadlineId: z.string(),
  ruleId: z.string(),
  due: storedDateSchema,
  /** Epoch milliseconds at which the timer fires. */
  dueAt: z.number().int(),
  status: z.enum(['pending', 'fired']),
  /** Audit sequence number of the firing, when fired. */
  firedSeq: z.int().nullable(),
});

/** A durable timer row (see {@link timerRecordSchema}). */
export type TimerRecord = z.infer<typeof timerRecordSchema>;

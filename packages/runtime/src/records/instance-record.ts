import * as z from 'zod';
import { jsonValueSchema, storedDateSchema } from './json-value-schema.js';

/** Zod schema of a deadline as stored with its instance (the machine's `Deadline`, validated). */
export const storedDeadlineSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  due: storedDateSchema,
  raises: z.object({ type: z.literal('DEADLINE_REACHED'), deadlineId: z.string() }),
  text: z.object({ zh: z.string(), en: z.string() }),
  provisional: z.boolean(),
});

/**
 * Zod schema of the persisted snapshot envelope: one row per instance, pinned to its process version
 * and rule profile, with the fields the queries need (organisation path, state paths, earliest due).
 */
export const instanceRecordSchema = z.object({
  schemaVersion: z.literal(1),
  id: z.string().min(1),
  processId: z.string(),
  processVersion: z.string(),
  rulesProfileId: z.string().nullable(),
  rulesProfileVersion: z.string().nullable(),
  /** Organisation owning the instance now. */
  orgId: z.string(),
  /** The owning organisation and its ancestors, root first, as known when last written. */
  orgPath: z.array(z.string()),
  /** Every state path of the snapshot's value, e.g. `open` and `open.review`. */
  statePaths: z.array(z.string()),
  status: z.enum(['active', 'done', 'error', 'stopped']),
  /** Incremented by every commit; the optimistic-concurrency token. */
  version: z.int().min(1),
  /** `machine.getPersistedSnapshot(snapshot)` as JSON. */
  snapshot: jsonValueSchema,
  deadlines: z.array(storedDeadlineSchema),
  /** Deadlines whose timer has fired and which the machine still lists with the same date (never re-armed). */
  firedDeadlines: z.array(z.object({ id: z.string(), due: storedDateSchema, seq: z.int().min(1) })),
  /** Earliest `due` among `deadlines` (for the overdue query), or null. */
  earliestDue: storedDateSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Last audit entry: its sequence number and hash (detects a deleted tail). */
  auditHead: z.object({ seq: z.int().min(1), hash: z.string() }),
});

/** A persisted instance (see {@link instanceRecordSchema}). */
export type InstanceRecord = z.infer<typeof instanceRecordSchema>;

/** A stored deadline. */
export type StoredDeadline = z.infer<typeof storedDeadlineSchema>;

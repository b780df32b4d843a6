import * as z from 'zod';
import { jsonValueSchema, storedDateSchema } from './json-value-schema.js';

/**
 * Zod schema of an audit entry. Entries are hash-chained per instance: `hash` is the sha256 of
 * `prevHash` followed by the canonical JSON of the entry without `hash`. They hold ids, dates, the
 * event as the host sent it (hosts must send opaque ids, never names), decisions and warning rule ids.
 */
export const auditEntrySchema = z.object({
  schemaVersion: z.literal(1),
  instanceId: z.string(),
  /** 1 for the start entry, then consecutive. */
  seq: z.int().min(1),
  kind: z.enum(['start', 'event', 'timer', 'migration']),
  /** Instant the entry was written (ISO 8601). */
  recordedAt: z.string(),
  /** Date the act happened (the event's `occurredOn`; for a start, the date of the start). */
  occurredOn: storedDateSchema,
  eventType: z.string(),
  actorId: z.string(),
  actorRoles: z.array(z.string()),
  actorOrgId: z.string(),
  /** `applied`: the machine took the event; `ignored`: a timer the state no longer accepts (recorded, no change). */
  decision: z.enum(['applied', 'ignored']),
  /** Rule ids of non-blocking checks that failed. */
  warnings: z.array(z.string()),
  /** The event payload (or, for a start, the input; for a migration, the versions). */
  payload: jsonValueSchema,
  processVersion: z.string(),
  /** Instance version after this entry. */
  version: z.int().min(1),
  fromState: z.array(z.string()),
  toState: z.array(z.string()),
  prevHash: z.string(),
  hash: z.string(),
});

/** One audit entry (see {@link auditEntrySchema}). */
export type AuditEntry = z.infer<typeof auditEntrySchema>;

import * as z from 'zod';
import { jsonValueSchema } from './json-value-schema.js';

/** Zod schema of an idempotency record: the key, a fingerprint of the request, and the original result. */
export const idempotencyRecordSchema = z.object({
  schemaVersion: z.literal(1),
  key: z.string(),
  instanceId: z.string(),
  /** sha256 of the canonical request; a reuse with another request is refused. */
  fingerprint: z.string(),
  /** Audit sequence number the request produced. */
  seq: z.int().min(1),
  result: jsonValueSchema,
});

/** An idempotency record (see {@link idempotencyRecordSchema}). */
export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;

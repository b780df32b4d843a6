import * as z from 'zod';

/** Zod schema of a security-log entry: a refused attempt to read or act outside the actor's organisations. */
export const securityEntrySchema = z.object({
  schemaVersion: z.literal(1),
  recordedAt: z.string(),
  actorId: z.string(),
  actorOrgId: z.string(),
  action: z.enum(['start', 'send', 'read', 'list', 'history', 'explain']),
  instanceId: z.string().nullable(),
  targetOrgId: z.string().nullable(),
  eventType: z.string().nullable(),
  reason: z.string(),
});

/** A security-log entry (see {@link securityEntrySchema}). */
export type SecurityEntry = z.infer<typeof securityEntrySchema>;

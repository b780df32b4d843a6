import type { ProcessDefinition } from '@dangwu/machines';
import type * as z from 'zod';
import { canonicalCopy, copyJson, heldUnstorableText, type JsonValue } from '../records/canonical-json.js';
import { type Envelope, envelopeOf, refuseUnstorableText } from './engine-requests.js';
import { inProcess } from './machine-step.js';

/** A sent event as the process's schema read it, or the schema's refusal. */
export type SentEvent =
  | {
      readonly ok: true;
      /** The runtime's private, sorted copy, for the audit entry (the caller cannot change it afterwards). */
      readonly payload: JsonValue;
      /** Its envelope (type, date, actor), read from that copy. */
      readonly envelope: Envelope;
      /** A copy of its own for the process's code (actorOf, explain, guards, actions). */
      readonly event: Envelope;
    }
  | { readonly ok: false; readonly error: z.ZodError };

/**
 * Reads `sent` as `send` and `explain` both do: the process's schema parses the caller's event; the
 * runtime keeps a canonical copy of what it made of it, and the process's own code gets a copy of its
 * own, so nothing that code does reaches the entry or the caller. An event holding text a store cannot
 * hold (a lone surrogate, U+0000), or one whose schema lets it through without type, date or actor,
 * throws `InvalidPayloadError`.
 */
export function readSentEvent(
  instanceId: string,
  definition: ProcessDefinition,
  sent: unknown,
  sentType: string,
): SentEvent {
  const parsed = inProcess(instanceId, sentType, () => definition.eventSchema.safeParse(sent));
  if (!parsed.success) return { ok: false, error: parsed.error };
  const { data } = parsed;
  const payload = inProcess(instanceId, sentType, () => canonicalCopy(data));
  if (heldUnstorableText()) refuseUnstorableText('event', payload);
  // Every dangwu event carries type, occurredOn and actor; a definition whose schema lets one through without them is refused here.
  const envelope = envelopeOf(payload);
  const event = envelopeOf(inProcess(instanceId, envelope.type, () => copyJson(payload)));
  return { ok: true, payload, envelope, event };
}

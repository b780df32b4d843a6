import { InvalidPayloadError, issuesFromZod } from '@dangwu/rules';
import type * as z from 'zod';

/**
 * Parses an input or event with its schema, or throws an {@link InvalidPayloadError} naming each
 * field and rule in zh-CN and English. Call it before starting an actor: XState turns an error
 * thrown while building context into an actor in the `error` state.
 */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, kind: 'input' | 'event'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidPayloadError(kind, issuesFromZod(parsed.error));
  return parsed.data;
}

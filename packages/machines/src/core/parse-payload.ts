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

/**
 * The parser a machine's actions read events with: XState hands actions the event as sent; the guard
 * has already validated it, so parsing here fills in the schema's defaults, trims and brands, exactly
 * as the guards saw it.
 */
export function eventParser<S extends z.ZodType>(schema: S): (event: unknown) => z.output<S> {
  return (event) => parsePayload(schema, event, 'event');
}

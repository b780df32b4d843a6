import * as z from 'zod';
import type { JsonValue } from './canonical-json.js';

/** Whether `value` is a JSON value: null, a boolean, a finite number, a string, or arrays and plain records of them. */
export function isJsonValue(value: unknown): value is JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (const item of value) if (!isJsonValue(item)) return false;
        return true;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return false;
      for (const key in value) {
        if (Object.hasOwn(value, key) && !isJsonValue((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Zod schema of any JSON value (used for snapshots and event payloads inside records). A single
 * recursive check rather than a lazy union: snapshots are large and read on every cache miss, and the
 * value is returned as is, not copied member by member.
 */
export const jsonValueSchema: z.ZodType<JsonValue> = z.custom<JsonValue>(isJsonValue, {
  error: '应为 JSON 值 / expected a JSON value',
});

/** Zod schema of a `YYYY-MM-DD` string as records store it. */
export const storedDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

import * as z from 'zod';
import type { JsonValue } from './canonical-json.js';

/** Zod schema of any JSON value (used for snapshots and event payloads inside records). */
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);

/** Zod schema of a `YYYY-MM-DD` string as records store it. */
export const storedDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

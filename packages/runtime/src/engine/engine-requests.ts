// Boundary validation of engine requests: every start, send, read and list is checked here before it
// touches a store, and refused with a typed error naming the field.
import { type Actor, actorSchema, roles } from '@dangwu/machines';
import { InvalidPayloadError, isLocalDate, issuesFromZod } from '@dangwu/rules';
import * as z from 'zod';
import { sha256Hex } from '../audit/sha256.js';
import { functionOption } from '../options/check-options.js';
import { canonicalJson } from '../records/canonical-json.js';
import { isStorableText, unstorableTextMessage } from '../records/storable-text.js';

// Only text every store holds as it was given (see isStorableText).
const unstorableTextError = `${unstorableTextMessage.zh} / ${unstorableTextMessage.en}`;
const storable = (schema: z.ZodString): z.ZodString => schema.refine(isStorableText, { error: unstorableTextError });
const idText = (): z.ZodString => storable(z.string().min(1).max(200));
const keySchema = idText();
/** An instance, process or organisation id. */
export const idSchema = idText();

/** Shape of a send request: an unknown member (a misspelt `idempotencyKey`, say) is refused, not ignored. */
export const sendRequestSchema = z.strictObject({
  instanceId: idSchema,
  event: z.unknown(),
  expectedVersion: z.int().min(1).optional(),
  idempotencyKey: keySchema.optional(),
});

/** A send request as parsed by {@link parseSendRequest}. */
export type SendRequest = z.infer<typeof sendRequestSchema>;

/**
 * The dotted path (after `prefix`) of the first string or member name in plain data that a store cannot
 * hold as it is (see `isStorableText`), or undefined. An event or input carrying one is refused at the
 * door: the ids a process takes from it land in text columns too.
 */
export function unstorableTextPath(value: unknown, prefix: string): string | undefined {
  const steps = unstorableTextSteps(value);
  return steps === undefined ? undefined : [prefix, ...steps].join('.');
}

// The steps down to the first text a store cannot hold; built only when one is found, as every send is walked.
function unstorableTextSteps(value: unknown): (string | number)[] | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : [];
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = unstorableTextSteps(value[index]);
      if (found !== undefined) return [index, ...found];
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!isStorableText(key)) return [key];
    const found = unstorableTextSteps((value as Record<string, unknown>)[key]);
    if (found !== undefined) return [key, ...found];
  }
  return undefined;
}

/** {@link InvalidPayloadError} for text found by {@link unstorableTextPath}, if any. */
export function refuseUnstorableText(kind: 'input' | 'event', value: unknown, field: string = kind): void {
  const path = unstorableTextPath(value, field);
  if (path === undefined) return;
  throw new InvalidPayloadError(kind, [{ path, message: unstorableTextMessage }]);
}

/** What `idSchema` and `keySchema` accept: 1 to 200 characters a store holds as they are. */
const isIdText = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= 200 && isStorableText(value);

const sendMembers: ReadonlySet<string> = new Set(['instanceId', 'event', 'expectedVersion', 'idempotencyKey']);

/** Whether every enumerable member (inherited ones too, as zod's strict check counts them) is a send request's. */
function hasOnlySendMembers(raw: object): boolean {
  for (const key in raw) if (!sendMembers.has(key)) return false;
  return true;
}

/**
 * Parses a send request: the common well-formed request by plain checks (the per-send hot path), any
 * other through {@link sendRequestSchema} so its refusal names each field.
 */
export function parseSendRequest(raw: unknown): SendRequest {
  if (typeof raw === 'object' && raw !== null && hasOnlySendMembers(raw)) {
    const { instanceId, event, expectedVersion, idempotencyKey } = raw as Record<string, unknown>;
    if (
      isIdText(instanceId) &&
      (expectedVersion === undefined || (Number.isSafeInteger(expectedVersion) && (expectedVersion as number) >= 1)) &&
      (idempotencyKey === undefined || isIdText(idempotencyKey))
    ) {
      return {
        instanceId,
        event,
        ...(expectedVersion === undefined ? {} : { expectedVersion: expectedVersion as number }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      };
    }
  }
  return parseRequest(sendRequestSchema, raw, 'event');
}

/** Shape of a start request (unknown members refused). */
export const startRequestSchema = z.strictObject({
  processId: idSchema,
  version: z.string().min(1).max(64).optional(),
  input: z.unknown(),
  actor: actorSchema,
  instanceId: idSchema.optional(),
  occurredOn: z.string().refine(isLocalDate, { error: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' }).optional(),
  idempotencyKey: keySchema.optional(),
});

const eventEnvelopeSchema = z.looseObject({
  type: z.string().min(1),
  occurredOn: z.string().refine(isLocalDate, { error: '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD' }),
  actor: actorSchema,
});

/** Shape of the options of a read. */
export const readOptionsSchema = z.strictObject({ actor: actorSchema });

const instantMessage = {
  error:
    '须为 Date 范围内（±8.64e15）的毫秒时间戳或有效的 Date / must be epoch milliseconds within the Date range (±8.64e15) or a valid Date',
};
/** Epoch milliseconds a Date can hold (ECMAScript's time range). */
const LAST_INSTANT_MS = 8.64e15;
/**
 * The argument of `runDueTimers`: epoch milliseconds or a valid Date. NaN would fire nothing, silently;
 * an instant beyond a Date's range is none, and PostgreSQL's bigint could not even take some of them.
 */
export const dueInstantSchema = z.object({
  now: z.union(
    [z.number(instantMessage).min(-LAST_INSTANT_MS, instantMessage).max(LAST_INSTANT_MS, instantMessage), z.date()],
    instantMessage,
  ),
});

const versionMessage = { error: '须为 1–64 个字符的字符串 / must be a string of 1-64 characters' };
/** A machine version named by a migration: 1 to 64 characters. */
const versionText = storable(z.string(versionMessage).min(1, versionMessage).max(64, versionMessage));

/** Shape of the options of `engine.migrate`. */
export const migrationOptionsSchema = z.strictObject({
  processId: idSchema,
  from: versionText,
  to: versionText,
  transform: functionOption(),
  dryRun: z.boolean({ error: '须为 true 或 false / must be true or false' }).optional(),
});

const limitMessage = { error: '须为不小于 1 的整数 / must be a whole number of at least 1' };
/** The argument of `engine.securityLog`: how many entries it returns at most. */
export const securityLogLimitSchema = z.object({ limit: z.int(limitMessage).min(1, limitMessage) });

/** Shape of a list query (unknown members refused: a misspelt filter would list everything). */
export const listQuerySchema = z.strictObject({
  // The actor's organisation is the default scope, looked up in the store's text columns.
  actor: actorSchema.refine((actor) => isStorableText(actor.orgId), {
    path: ['orgId'],
    error: unstorableTextError,
  }),
  orgId: idSchema.optional(),
  processId: idSchema.optional(),
  state: storable(z.string().min(1).max(400)).optional(),
  overdue: z.boolean().optional(),
  afterId: idSchema.optional(),
  limit: z.int().min(1).max(10_000).optional(),
});

/** Parses a request or throws an InvalidPayloadError naming each field. */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, kind: 'input' | 'event'): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidPayloadError(kind, issuesFromZod(result.error));
  return result.data;
}

/** The fields every event carries. */
export type Envelope = z.infer<typeof eventEnvelopeSchema>;

const roleNames: ReadonlySet<string> = new Set(roles);
const isActorText = (value: unknown): boolean => typeof value === 'string' && value.length >= 1 && value.length <= 128;

/**
 * The id and organisation a security-log entry records for an actor whose own are not plausible ids:
 * the empty string, which no actor can have.
 */
export const UNREADABLE_ACTOR = '';

/**
 * Who an event claims to come from, read before the event itself is validated: the organisation of its
 * actor when that is a plausible id, whatever else the actor holds or is (a bad id, unknown roles, extra
 * keys, a class instance), with its id or {@link UNREADABLE_ACTOR}. Undefined when no organisation can
 * be read: such an event cannot show it comes from inside any subtree.
 */
export function claimedActorOf(event: unknown): Pick<Actor, 'id' | 'orgId'> | undefined {
  // A getter that throws here throws out of `send`, as it would out of the schema's own read.
  const actor = typeof event === 'object' && event !== null ? (event as { readonly actor?: unknown }).actor : undefined;
  if (typeof actor !== 'object' || actor === null) return undefined;
  const { id, orgId } = actor as { readonly id?: unknown; readonly orgId?: unknown };
  if (!isActorText(orgId)) return undefined;
  return { id: isActorText(id) ? (id as string) : UNREADABLE_ACTOR, orgId: orgId as string };
}

/** An unvalidated event's type, as the security log may record it: a short string, else none. */
export function eventTypeOf(event: unknown): string | undefined {
  const type = typeof event === 'object' && event !== null ? (event as { readonly type?: unknown }).type : undefined;
  return typeof type === 'string' && type.length > 0 && type.length <= 64 ? type : undefined;
}

/**
 * Whether `value` is an actor `actorSchema` accepts, by plain checks: a plain (or null-prototype) object with exactly `id`,
 * `roles` (known, at least one) and `orgId`. It answers no to anything unusual, which zod then judges.
 */
export function isPlainActor(value: unknown): value is Actor {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // zod's strict check counts every enumerable key `for…in` sees, inherited ones included.
  let members = 0;
  for (const key in value) {
    if (key !== 'id' && key !== 'roles' && key !== 'orgId') return false;
    members += 1;
  }
  if (
    members !== 3 ||
    !(Object.hasOwn(value, 'id') && Object.hasOwn(value, 'roles') && Object.hasOwn(value, 'orgId'))
  ) {
    return false;
  }
  const { id, roles: held, orgId } = value as Record<string, unknown>;
  if (!(isActorText(id) && isActorText(orgId) && Array.isArray(held) && held.length >= 1)) return false;
  // By index, as zod reads an array (an array's own iterator could yield something else).
  for (let index = 0; index < held.length; index += 1) {
    const role: unknown = held[index];
    if (typeof role !== 'string' || !roleNames.has(role)) return false;
  }
  return true;
}

/**
 * What a process's `actorOf` gave, when it is an actor: a copy of its id, roles and organisation (other
 * members, a display name say, are the process's own and left out; the copy is the engine's, so what
 * the process's code does to its event's actor afterwards does not reach the audit entry); else a
 * TypeError (the process's failure).
 */
export function checkedActor(value: unknown): Actor {
  if (isPlainActor(value)) return { id: value.id, roles: [...value.roles], orgId: value.orgId };
  // An object with members (not an array, a boxed string or a date that happens to carry them).
  if (Object.prototype.toString.call(value) === '[object Object]') {
    const { id, roles: held, orgId } = value as Record<string, unknown>;
    const parsed = actorSchema.safeParse({ id, roles: held, orgId });
    if (parsed.success) return parsed.data;
  }
  throw new TypeError('actorOf gave no actor (an object with id, roles and orgId)');
}

/** The event with its envelope checked: the common case is the payload itself (no copy), else zod's verdict. */
export function envelopeOf(payload: unknown): Envelope {
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const { type, occurredOn, actor } = payload as Record<string, unknown>;
    if (
      typeof type === 'string' &&
      type.length > 0 &&
      typeof occurredOn === 'string' &&
      isLocalDate(occurredOn) &&
      (isPlainActor(actor) || actorSchema.safeParse(actor).success)
    ) {
      return payload as Envelope;
    }
  }
  return { ...parseRequest(eventEnvelopeSchema, payload, 'event'), ...(payload as object) };
}

/** The refusal of a keyed event or input that is not plain JSON data (its JSON text could say something else). */
export function notPlainJsonError(kind: 'event' | 'input'): InvalidPayloadError {
  const what = kind === 'event' ? { zh: '事件', en: 'an event' } : { zh: '输入', en: 'an input' };
  return new InvalidPayloadError(kind, [
    {
      path: kind,
      message: {
        zh: `带幂等键的${what.zh}须为纯 JSON 数据（普通对象、数组、字符串、有限数值、布尔值、null）`,
        en: `${what.en} sent with an idempotencyKey must be plain JSON data (plain objects, arrays, strings, finite numbers, booleans, null)`,
      },
    },
  ]);
}

/** A stable hash of a request, so a reused idempotency key with a different request is detected. */
export function fingerprint(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

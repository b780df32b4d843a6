import { type JsonValue, setMember } from './canonical-json.js';
import { hiddenNote } from './hidden-note.js';

// The JSON text of each value parsed by `parseJsonText` or remembered by `rememberJsonText`, so a store
// writing the value again reuses the text instead of serialising a large snapshot or an audit entry a
// second time. Such values are never mutated afterwards (records are built once and written); a value
// missing here is simply serialised.
const texts = hiddenNote<string>('dangwu.jsonText');

/** `JSON.parse(text)`, remembering the text of the (object) result for {@link jsonTextOf}. */
export function parseJsonText(text: string): JsonValue {
  const value = JSON.parse(text) as JsonValue;
  if (typeof value === 'object' && value !== null) texts.set(value, text);
  return value;
}

/** Remembers that `text` is the JSON of `value` (built from it and never mutated afterwards). */
export function rememberJsonText(value: object, text: string): void {
  texts.set(value, text);
}

/** The text `value` was parsed from by {@link parseJsonText}, if it was. */
export function jsonTextOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}

/** The text of a lazily parsed member and, once read, its value. */
interface LazyText {
  readonly text: string;
  value: JsonValue | undefined;
}

const LAZY = Symbol('dangwu.lazyMember');

// One getter and one descriptor for every lazy member: objects built alike then share one hidden class,
// so reading their other members stays monomorphic (a getter closure per object gave each its own).
function readLazyMember(this: { readonly [LAZY]: LazyText }): JsonValue {
  const lazy = this[LAZY];
  lazy.value ??= parseJsonText(lazy.text);
  return lazy.value;
}

const lazyMember: PropertyDescriptor = { get: readLazyMember, enumerable: true, configurable: true };

/**
 * Completes `fields` in place with a member `key` that is `text` parsed on its first read, and remembers
 * the completed record's JSON text (what `JSON.stringify` of it gives: the fields, then the member), so a
 * store writes the record without reading, and so parsing, the member. `fields` must be a fresh plain
 * object without `key`; it is frozen (its nested arrays and objects must not be changed either).
 */
export function withLazyMember<T extends object, K extends string>(
  fields: T,
  key: K,
  text: string,
): T & { readonly [member in K]: JsonValue } {
  const head = JSON.stringify(fields);
  Object.defineProperty(fields, LAZY, { value: { text, value: undefined } satisfies LazyText });
  Object.defineProperty(fields, key, lazyMember);
  texts.set(fields, `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${text}}`);
  // The remembered text is what a store writes: a change made afterwards would be lost, so none is allowed.
  return Object.freeze(fields) as T & { readonly [member in K]: JsonValue };
}

/**
 * `JSON.stringify(record)` for a record holding a large JSON member under `key`, reusing the record's
 * remembered text, or else that member's text, when there is one.
 */
export function stringifyWith(record: Record<string, unknown>, key: string): string {
  const whole = texts.get(record);
  if (whole !== undefined) return whole;
  const text = jsonTextOf(record[key]);
  if (text === undefined) return JSON.stringify(record);
  // Copied member by member: a plain object (JSON.stringify's fast path), with a member named __proto__ copied as data.
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(record)) if (name !== key) setMember(rest, name, record[name]);
  const head = JSON.stringify(rest);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${text}}`;
}

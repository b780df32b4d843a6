import type { JsonValue } from './canonical-json.js';

// The JSON text of each value parsed by `parseJsonText` or remembered by `rememberJsonText`, so a store
// writing the value again reuses the text instead of serialising a large snapshot or an audit entry a
// second time. Such values are never mutated afterwards (records are built once and written); a value
// missing here is simply serialised.
const texts = new WeakMap<object, string>();

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

// Objects with members still held as unparsed JSON text (see `withLazyJson`): object → member → text.
const lazyTexts = new WeakMap<object, Map<string, string>>();

/**
 * `target` with an enumerable member `key` whose value is `text`, parsed on its first read and kept from
 * then on, so a record that is written and handed back without anyone reading that member never parses it.
 */
export function withLazyJson<T extends object, K extends string>(
  target: T,
  key: K,
  text: string,
): T & { readonly [member in K]: JsonValue } {
  let members = lazyTexts.get(target);
  if (members === undefined) {
    members = new Map();
    lazyTexts.set(target, members);
  }
  members.set(key, text);
  const pending = members;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = parseJsonText(text);
      Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: true });
      pending.delete(key);
      return value;
    },
  });
  return target as T & { readonly [member in K]: JsonValue };
}

/**
 * `JSON.stringify(record)` for a record holding a large JSON member under `key`, reusing that member's
 * text (unparsed or remembered) when there is one.
 */
export function stringifyWith(record: Record<string, unknown>, key: string): string {
  const text = lazyTexts.get(record)?.get(key) ?? jsonTextOf(record[key]);
  if (text === undefined) return JSON.stringify(record);
  // Copied member by member: a destructuring pattern would read (and so parse) the lazy member.
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(record)) if (name !== key) rest[name] = record[name];
  const head = JSON.stringify(rest);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${text}}`;
}

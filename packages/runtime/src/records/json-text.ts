import { type JsonValue, setMember } from './canonical-json.js';

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

// Records whose member is a getter over JSON text (see `rememberMemberText`): record → member and text.
const memberTexts = new WeakMap<object, { readonly key: string; readonly text: string }>();

/**
 * Remembers that `record[key]` is `text` parsed (typically a getter that parses on first read), so
 * {@link stringifyWith} writes the text without reading, and so parsing, the member.
 */
export function rememberMemberText(record: object, key: string, text: string): void {
  memberTexts.set(record, { key, text });
}

/**
 * `JSON.stringify(record)` for a record holding a large JSON member under `key`, reusing that member's
 * text (unparsed or remembered) when there is one.
 */
export function stringifyWith(record: Record<string, unknown>, key: string): string {
  const remembered = memberTexts.get(record);
  const text = remembered?.key === key ? remembered.text : jsonTextOf(record[key]);
  if (text === undefined) return JSON.stringify(record);
  // Copied member by member: a destructuring pattern would read (and so parse) a lazy member.
  // A plain object (JSON.stringify's fast path), with a member named __proto__ copied as data.
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(record)) if (name !== key) setMember(rest, name, record[name]);
  const head = JSON.stringify(rest);
  return `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${text}}`;
}

// The JSON text of immutable data, remembered by identity. Processes built with immer keep frozen,
// structurally shared contexts: a case's rule projection (about 4 KB of the 4.4 KB member-development
// context) is the same frozen object at every step, and serialising it again at every commit was the
// largest single cost of writing the snapshot.

const texts = new WeakMap<object, string>();
// Frozen objects found not to be plain immutable data (a getter, a function, a mutable child).
const notData = new WeakSet<object>();

/**
 * Whether `value` is plain data that can never change: primitives, and frozen plain objects and arrays
 * whose members are data properties holding such values. Its JSON text is then fixed for ever.
 */
function isImmutableData(value: unknown): boolean {
  if (typeof value === 'function') return false;
  if (typeof value !== 'object' || value === null) return true;
  if (texts.has(value)) return true;
  if (notData.has(value) || !Object.isFrozen(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === null || prototype === Array.prototype;
  const descriptors = Object.getOwnPropertyDescriptors(value);
  for (const key of Object.keys(descriptors)) {
    const descriptor = descriptors[key] as PropertyDescriptor;
    if (!plain || !('value' in descriptor) || !isImmutableData(descriptor.value)) {
      notData.add(value);
      return false;
    }
  }
  return true;
}

/**
 * `JSON.stringify(value)` as a member of an object (so without a `toJSON` of its own), remembered when
 * `value` is immutable data; `undefined` when JSON leaves the member out.
 */
export function memberJson(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const known = texts.get(value);
  if (known !== undefined) return known;
  const text = JSON.stringify(value);
  if (text !== undefined && Object.isFrozen(value) && isImmutableData(value)) texts.set(value, text);
  return text;
}

/**
 * `JSON.stringify(record)` for a plain object, member by member so that the texts of its immutable
 * members are reused; anything else (or a record with a member that has its own `toJSON`, which would
 * see its key) goes to `JSON.stringify` whole.
 */
export function recordJson(record: unknown): string | undefined {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return JSON.stringify(record);
  const prototype: unknown = Object.getPrototypeOf(record);
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in record) return JSON.stringify(record);
  const members = record as Record<string, unknown>;
  const keys = Object.keys(members);
  // Each member is read once, as JSON.stringify would.
  const values = keys.map((key) => members[key]);
  let frozenMembers = 0;
  for (const member of values) {
    if (typeof member === 'object' && member !== null) {
      if (typeof (member as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(record);
      if (Object.isFrozen(member)) frozenMembers += 1;
    }
  }
  // A context without frozen members gains nothing from the member-by-member walk.
  if (frozenMembers === 0) return JSON.stringify(record);
  let text = '';
  for (const [index, key] of keys.entries()) {
    const member = memberJson(values[index]);
    if (member !== undefined) text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `{${text}}`;
}

import { hiddenNote } from './hidden-note.js';
import { isStorableText } from './storable-text.js';

/** JSON value as stored: what `JSON.parse` returns. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Thrown inside {@link sortedCopy} when an object has an array-index key (V8 would emit those first). */
class IndexKey {}

const isIndexKey = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4_294_967_295;
};

/** Sets `record[key]` as an own data member, even for the key `__proto__` (plain assignment would set the prototype and lose it). */
export function setMember(record: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

/**
 * `keys` sorted in place as `Array.prototype.sort` sorts strings (by UTF-16 code units). An object's few
 * keys are sorted by insertion, which allocates nothing; V8's sort costs several times as much for them.
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let index = 1; index < keys.length; index += 1) {
    const key = keys[index] as string;
    let at = index - 1;
    while (at >= 0 && (keys[at] as string) > key) {
      keys[at + 1] = keys[at] as string;
      at -= 1;
    }
    keys[at + 1] = key;
  }
  return keys;
}

/**
 * `value` with every object's keys in sorted order, for `JSON.stringify` to serialise natively. Objects
 * and arrays already in canonical form are returned as they are, so data built in sorted order costs a
 * walk, not a copy. Objects with array-index keys throw {@link IndexKey}: JSON.stringify would put those first.
 */
function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        let out: unknown[] | undefined;
        for (let index = 0; index < value.length; index += 1) {
          const item: unknown = value[index];
          const copy = typeof item === 'string' ? item : item === undefined ? null : sortedCopy(item);
          if (copy !== item && out === undefined) out = value.slice(0, index);
          out?.push(copy);
        }
        return out ?? value;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      // Anything but a plain object is copied member by member, so a toJSON method cannot change the bytes.
      const prototype: unknown = Object.getPrototypeOf(value);
      let canonical = prototype === Object.prototype || prototype === null;
      for (let index = 0; index < keys.length; index += 1) {
        const key = keys[index] as string;
        if (isIndexKey(key)) throw new IndexKey();
        const member = record[key];
        if (member === undefined || (index > 0 && (keys[index - 1] as string) >= key)) canonical = false;
        // Strings, the most common members, need no call to know they are canonical.
        else if (canonical && typeof member !== 'string' && sortedCopy(member) !== member) canonical = false;
      }
      if (canonical) return record;
      const out: Record<string, unknown> = {};
      for (const key of sortKeys(keys)) {
        const member = record[key];
        if (member !== undefined) setMember(out, key, sortedCopy(member));
      }
      return out;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

/** The reference serialisation, member by member (used when an object has array-index keys). */
function canonicalText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalText(item))).join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const members: string[] = [];
      for (const key of sortKeys(Object.keys(record))) {
        if (record[key] !== undefined) members.push(`${JSON.stringify(key)}:${canonicalText(record[key])}`);
      }
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
  }
}

/**
 * Serialises a value with object keys sorted and `undefined` members dropped, so the same data always
 * gives the same bytes (the audit hash chain depends on it). Throws `TypeError` on non-finite numbers.
 */
export function canonicalJson(value: unknown): string {
  try {
    return JSON.stringify(sortedCopy(value));
  } catch (error) {
    if (error instanceof IndexKey) return canonicalText(value);
    throw error;
  }
}

/** Thrown inside {@link plainSortedCopy} at anything a JSON round trip would change or drop. */
class NotPlain {}

// Copies made by `canonicalCopy` whose JSON.stringify text is canonical (no array-index keys inside).
// They are never mutated afterwards: they are events and inputs on their way into the audit log.
const canonicalCopies = hiddenNote<true>('dangwu.canonicalCopy');
// What the copy being made has met so far. A getter in the data may start another copy meanwhile (the
// engine's own start, say): canonicalCopy saves and restores these around each copy.
let sawIndexKey = false;
let sawUnstorableText = false;
// Whether the last copy to finish met a string or member name a store cannot hold (see heldUnstorableText).
let lastHeldUnstorableText = false;

/** An array longer than this is no data (no event or input holds one); canonicalCopy goes through JSON text. */
const LONG_ARRAY = 16_777_216;

/** A deep copy of plain JSON data with each object's keys sorted; throws {@link NotPlain} at anything else. */
function plainSortedCopy(value: unknown): JsonValue {
  switch (typeof value) {
    case 'string':
      if (!isStorableText(value)) sawUnstorableText = true;
      return value;
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotPlain();
      // JSON has no negative zero.
      return value === 0 ? 0 : value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        // An array this long (`a.length = 4e9`, holes and all) would be walked item by item: it is no data.
        if (value.length > LONG_ARRAY) throw new NotPlain();
        const out: JsonValue[] = new Array(value.length);
        // An undefined item (or a hole) is null, as JSON writes it.
        for (let index = 0; index < value.length; index += 1) {
          const item: unknown = value[index];
          out[index] = item === undefined ? null : plainSortedCopy(item);
        }
        return out;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw new NotPlain();
      const record = value as Record<string, unknown>;
      const out: Record<string, JsonValue> = {};
      for (const key of sortKeys(Object.keys(record))) {
        const member = record[key];
        if (member === undefined) continue;
        if (!sawIndexKey && isIndexKey(key)) sawIndexKey = true;
        if (!isStorableText(key)) sawUnstorableText = true;
        setMember(out, key, plainSortedCopy(member));
      }
      return out;
    }
    default:
      throw new NotPlain();
  }
}

/**
 * A private copy of `value` as a JSON round trip gives it (dates as strings, undefined members dropped),
 * with every object's keys in sorted order, so {@link canonicalJson} of it needs no further copy. Plain
 * data, such as a freshly parsed event, is copied in one walk; anything else goes through JSON text.
 */
export function canonicalCopy(value: unknown): JsonValue {
  const outerIndexKey = sawIndexKey;
  const outerLoneSurrogate = sawUnstorableText;
  try {
    return sortedCopyOf(value);
  } finally {
    sawIndexKey = outerIndexKey;
    sawUnstorableText = outerLoneSurrogate;
  }
}

/**
 * A deep copy of plain JSON data (such as a canonical copy), members in the same order: what the
 * process's own code is handed instead of the runtime's copy, so nothing it does to an event or an input
 * (a member set or added, a list kept in its context and pushed to later) reaches the audit entry.
 */
export function copyJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(value))
    setMember(out, key, copyJson((value as Record<string, JsonValue>)[key] as JsonValue));
  return out as T;
}

function sortedCopyOf(value: unknown): JsonValue {
  sawIndexKey = false;
  sawUnstorableText = false;
  let copy: JsonValue;
  try {
    copy = plainSortedCopy(value);
  } catch (error) {
    if (!(error instanceof NotPlain)) throw error;
    sawIndexKey = false;
    sawUnstorableText = false;
    copy = plainSortedCopy(JSON.parse(JSON.stringify(value ?? null)));
  }
  lastHeldUnstorableText = sawUnstorableText;
  // V8 writes array-index keys first, whatever the insertion order: such a copy is not canonical text.
  if (typeof copy === 'object' && copy !== null && !sawIndexKey) canonicalCopies.set(copy, true);
  return copy;
}

/**
 * A sorted copy of `value` when it is plain JSON data (plain objects and arrays, strings, finite
 * numbers, booleans, null; undefined members dropped and undefined items null, as JSON writes them), else undefined: no class
 * instance, Date, `toJSON`, function, BigInt or cycle, whose JSON text could say something other than its
 * members do, no array of more than 16,777,216 items, and nothing with a getter that throws (it cannot be read as data).
 */
export function plainJsonCopy(value: unknown): JsonValue | undefined {
  const outerIndexKey = sawIndexKey;
  const outerLoneSurrogate = sawUnstorableText;
  try {
    return plainSortedCopy(value);
  } catch {
    // NotPlain; a cycle, which ends in a stack overflow (a RangeError); or a getter's own error.
    return undefined;
  } finally {
    sawIndexKey = outerIndexKey;
    sawUnstorableText = outerLoneSurrogate;
  }
}

/**
 * An event or a start's input as the engine reads it: a sorted copy of it when it is plain JSON data
 * (undefined members dropped, undefined items null, members that are not enumerable left out), so what
 * is validated is what the audit entry records and a replay reads; anything else as it is, the value
 * itself: a class instance, a Date, anything with `toJSON`, a BigInt, a cycle, a getter that throws (its
 * getters are called once by the attempt), an array of more than 16,777,216 items. Tools that check events the way the
 * engine does (the testing kit) read them through this too.
 */
export function jsonDataOf(value: unknown): unknown {
  return plainJsonCopy(value) ?? value;
}

/**
 * Whether the last {@link canonicalCopy} met a string or member name a store cannot hold as it is (a lone
 * UTF-16 surrogate or U+0000, see `isStorableText`): the engine refuses such events and inputs, and learns
 * it from the copy it makes anyway, without a walk of its own.
 */
export function heldUnstorableText(): boolean {
  return lastHeldUnstorableText;
}

/** Whether `JSON.stringify(value)` is already its canonical JSON: a primitive, or a copy from {@link canonicalCopy} without array-index keys. */
export function isCanonical(value: unknown): boolean {
  return typeof value === 'object' && value !== null ? canonicalCopies.get(value) === true : value !== undefined;
}

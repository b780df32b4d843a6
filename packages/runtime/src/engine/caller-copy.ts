/**
 * A copy of a caller's value for the process's own code, shaped exactly as the value is: its plain
 * objects and arrays are copied member by member, in their order and with their `undefined` members,
 * while anything else (a class instance, a Date, a function, an object with another prototype) is the
 * caller's own, unchanged. A schema therefore accepts the copy exactly when it accepts the value (a class
 * instance keeps its getters, an object keeps what it inherits), and nothing the process does to the
 * copy's plain parts reaches the caller. A value too deep or cyclic to walk is handed over as it is.
 */
export function callerShapedCopy(value: unknown): unknown {
  try {
    return copyPlainParts(value);
  } catch (error) {
    // A cycle, or nesting deeper than the stack, ends in a RangeError.
    if (error instanceof RangeError) return value;
    throw error;
  }
}

function copyPlainParts(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return value;
    return Array.from(value, copyPlainParts);
  }
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = Object.create(prototype as object | null);
  for (const key of Object.keys(value)) {
    // defineProperty, not assignment: a member named __proto__ stays a member.
    Object.defineProperty(copy, key, {
      value: copyPlainParts((value as Record<string, unknown>)[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

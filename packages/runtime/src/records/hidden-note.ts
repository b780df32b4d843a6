// What the engine remembers about an object it made (its JSON text, that its text is canonical) is kept
// on the object itself, under a symbol, rather than in a WeakMap or WeakSet keyed by it: the engine makes
// several such objects per send and most die young, and V8's scavenger handles weak collections' entries
// for young keys one by one (a scratch loop scavenged ten times slower with them; a fixture send, a third
// slower). The member is not enumerable, so JSON text, spreads, `Object.keys` and structuredClone do not
// see it.

/** A note of type `T` kept on objects under one private symbol. */
export interface HiddenNote<T> {
  /** Notes `value` on `target`; a target that cannot take a member (frozen, sealed) is left without one. */
  set(target: object, value: T): void;
  /** The note on `target` itself (never one inherited from its prototype), if any. */
  get(target: object): T | undefined;
}

/** A hidden note named `description` (the symbol's description, seen only in a debugger). */
export function hiddenNote<T>(description: string): HiddenNote<T> {
  const key = Symbol(description);
  return {
    set(target, value) {
      if (Object.isExtensible(target)) Object.defineProperty(target, key, { value, configurable: true });
    },
    get(target) {
      return Object.hasOwn(target, key) ? (target as { [key]: T })[key] : undefined;
    },
  };
}

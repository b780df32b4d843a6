// What the engine remembers about an object it made (its JSON text, that its text is canonical) is kept
// on the object itself, under a symbol, rather than in a WeakMap or WeakSet keyed by it: the engine makes
// several such objects per send and most die young, and V8's scavenger handles weak collections' entries
// for young keys one by one (a scratch loop scavenged ten times slower with them; a fixture send, a third
// slower). The member is not enumerable, so JSON text, spreads, `Object.keys` and structuredClone do not
// see it.

/** A note of type `T` kept on objects under one private symbol. */
export interface HiddenNote<T> {
  /**
   * Notes `value` on `target`, replacing any note it has. A target that cannot take a new member (frozen,
   * sealed, not extensible) is left without one, unless it already had a note of its own, which then holds `value`.
   */
  set(target: object, value: T): void;
  /**
   * The note set on `target` itself: never one inherited from a prototype, seen through a Proxy of the
   * noted object, or copied along with its property descriptors (each of those may hold other members).
   */
  get(target: object): T | undefined;
}

/** The member a note is kept in: the object it was set on, so a copy or a Proxy of that object is told apart. */
interface Note<T> {
  readonly owner: object;
  value: T;
}

/** A hidden note named `description` (the symbol's description, seen only in a debugger). */
export function hiddenNote<T>(description: string): HiddenNote<T> {
  const key = Symbol(description);
  const own = (target: object): Note<T> | undefined => {
    if (!Object.hasOwn(target, key)) return undefined;
    const note = (target as { [key]: Note<T> })[key];
    return note.owner === target ? note : undefined;
  };
  return {
    set(target, value) {
      const note = own(target);
      if (note !== undefined) {
        note.value = value;
        return;
      }
      // A descriptor copy's member (configurable, as set here) is replaced by the copy's own note.
      if (Object.isExtensible(target)) {
        Object.defineProperty(target, key, { value: { owner: target, value } satisfies Note<T>, configurable: true });
      }
    },
    get(target) {
      return own(target)?.value;
    },
  };
}

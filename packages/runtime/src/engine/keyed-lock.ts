/**
 * Serialises async work per key inside one process, so concurrent sends to one instance queue up
 * instead of racing to a version conflict. Other processes are still kept apart by the store's version check.
 */
export class KeyedLock {
  // A key is present while a run holds it; its list holds the runs waiting for it, first come first.
  // The list is made only when a second run arrives: the common, uncontended run allocates no promise.
  readonly #held = new Map<string, (() => void)[] | null>();

  /** Runs `work` after every earlier `run` with the same key has settled. */
  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.#held.has(key)) {
      await new Promise<void>((resolve) => {
        let waiting = this.#held.get(key);
        if (!waiting) {
          waiting = [];
          this.#held.set(key, waiting);
        }
        waiting.push(resolve);
      });
    } else {
      this.#held.set(key, null);
    }
    try {
      return await work();
    } finally {
      // The key passes straight to the next waiter, so a run arriving meanwhile queues behind it.
      const next = this.#held.get(key)?.shift();
      if (next) next();
      else this.#held.delete(key);
    }
  }
}

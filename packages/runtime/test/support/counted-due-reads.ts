import type { Store } from '../../src/index.js';

/** `store` with its reads of due timers counted: each run of a timer loop reads them at least once. */
export function countedDueReads(store: Store): { store: Store; reads: () => number } {
  let reads = 0;
  return {
    store: {
      ...store,
      dueTimers: (now, limit) => {
        reads += 1;
        return store.dueTimers(now, limit);
      },
    },
    reads: () => reads,
  };
}

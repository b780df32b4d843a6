/** Source of the current instant; the engine asks it whenever it needs "now". */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to (for tests and replays). */
export interface ManualClock extends Clock {
  /** Sets the current instant (epoch milliseconds or a Date). */
  set(instant: number | Date): void;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
}

/** Creates a {@link ManualClock} starting at `start` (epoch milliseconds or a Date). */
export function createManualClock(start: number | Date): ManualClock {
  let current = typeof start === 'number' ? start : start.getTime();
  return {
    now: () => current,
    set(instant) {
      current = typeof instant === 'number' ? instant : instant.getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}

import type { TimerRecord } from '../records/timer-record.js';
import type { CommitRequest } from '../store/store.js';

/**
 * The engine's running timer loops, told of the pending timer rows each commit of this engine writes, so
 * a loop asleep until later (a long `intervalMs`) wakes for a row that falls due sooner. Commits of other
 * engines on the same store are seen at a loop's next run (at most `intervalMs` later).
 */
export class TimerWakeups {
  readonly #loops = new Set<(rows: readonly TimerRecord[]) => void>();

  /** Registers a loop's wake-up; it is called with the rows of a commit. */
  add(wake: (rows: readonly TimerRecord[]) => void): void {
    this.#loops.add(wake);
  }

  delete(wake: (rows: readonly TimerRecord[]) => void): void {
    this.#loops.delete(wake);
  }

  /** Called after every commit the engine makes; never throws. */
  noteCommit(request: CommitRequest): void {
    if (this.#loops.size === 0 || request.timersUnchanged || request.timers.length === 0) return;
    for (const wake of this.#loops) {
      try {
        wake(request.timers);
      } catch {
        // The commit stands; a loop whose clock fails reports it at its next run.
      }
    }
  }
}

import type { CommitRequest } from '../store/store.js';

/**
 * The engine's running timer loops, told of the earliest pending timer row each commit of this engine
 * writes, so a loop asleep until later (a long `intervalMs`) wakes for a row that falls due sooner.
 * Commits of other engines on the same store are seen at a loop's next run (at most `intervalMs` later).
 */
export class TimerWakeups {
  readonly #loops = new Set<(dueAt: number) => void>();

  /** Registers a loop's wake-up; it is called with a due instant (epoch ms). */
  add(wake: (dueAt: number) => void): void {
    this.#loops.add(wake);
  }

  delete(wake: (dueAt: number) => void): void {
    this.#loops.delete(wake);
  }

  /** Called after every commit the engine makes; never throws. */
  noteCommit(request: CommitRequest): void {
    if (this.#loops.size === 0 || request.timersUnchanged) return;
    let earliest: number | undefined;
    for (const timer of request.timers) {
      if (timer.status === 'pending' && (earliest === undefined || timer.dueAt < earliest)) earliest = timer.dueAt;
    }
    if (earliest === undefined) return;
    for (const wake of this.#loops) {
      try {
        wake(earliest);
      } catch {
        // The commit stands; a loop whose clock fails reports it at its next run.
      }
    }
  }
}

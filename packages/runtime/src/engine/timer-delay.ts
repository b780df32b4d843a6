/** Longest delay Node's timers honour (2^31−1 ms); longer ones fire after 1 ms. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** A delay clamped to `[0, MAX_TIMER_DELAY_MS]`; non-finite values become the maximum (the loop re-arms). */
export function clampDelay(ms: number): number {
  if (Number.isNaN(ms)) return MAX_TIMER_DELAY_MS;
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.ceil(ms)));
}

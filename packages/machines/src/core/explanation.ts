import type { Bilingual, LocalDate } from '@dangwu/rules';

/** Outcome of one named check against an event. */
export interface CheckResult {
  /** Name of the check, e.g. `activistMinTraining`. */
  readonly check: string;
  /** The catalogue rule id behind it (e.g. `DEV-ACTIVIST-MIN-TRAINING`). */
  readonly ruleId: string;
  /** Whether the event satisfies it. */
  readonly ok: boolean;
  /** `block` refuses the event when not ok; `warn` lets it through and records the warning. */
  readonly severity: 'block' | 'warn';
  /** What the check found, in both languages. */
  readonly message: Bilingual;
  /** For a time rule that fails: the first date on which it will pass. */
  readonly earliest?: LocalDate;
  /** Set when an explicit waiver event lifted this check (id of the waiver). */
  readonly waivedBy?: string;
}

/** Why an event is or is not allowed now: the answer to "为什么现在不能办理？". */
export interface Explanation {
  /** `allowed`: it would be accepted; `refused`: a blocking check failed; `not-accepted`: the state takes no such event; `invalid`: the payload is malformed. */
  readonly verdict: 'allowed' | 'refused' | 'not-accepted' | 'invalid';
  /** The event type asked about. */
  readonly eventType: string;
  /** Every check that was run, passing or failing. */
  readonly checks: readonly CheckResult[];
  /** Blocking checks that failed (the reasons for `refused`). */
  readonly failures: readonly CheckResult[];
  /** Non-blocking checks that failed (recorded, not refused). */
  readonly warnings: readonly CheckResult[];
  /** Summary in both languages. */
  readonly message: Bilingual;
}

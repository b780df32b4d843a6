import type { Bilingual, LocalDate } from '@dangwu/rules';
import type { Deadline } from './process-definition.js';

/** When a step happened, under which rule version, and who recorded it. */
export interface StepRecord {
  /** The date the act happened. */
  readonly on: LocalDate;
  /** The rule version in force on that date (EC-43). */
  readonly versionId: string;
  /** Opaque id of the actor. */
  readonly actorId: string;
}

/** A non-blocking rule that was not met when a step was recorded, kept visible in the snapshot. */
export interface WarningRecord {
  /** The step's event type. */
  readonly eventType: string;
  /** The rule id. */
  readonly ruleId: string;
  /** The date of the step. */
  readonly on: LocalDate;
  /** What was found. */
  readonly message: Bilingual;
}

/** A deadline that passed without its step: the case shows it until the step is done. */
export interface OverdueRecord {
  /** The deadline id. */
  readonly deadlineId: string;
  /** The rule the deadline comes from. */
  readonly ruleId: string;
  /** The last day the step was on time. */
  readonly due: LocalDate;
  /** What is late. */
  readonly text: Bilingual;
}

/** A step done after its deadline: resolved, but kept on record. */
export interface LateRecord extends OverdueRecord {
  /** The date the step finally happened. */
  readonly doneOn: LocalDate;
}

/** An explicit 特殊情况 decision lifting one rule, with who approved it and why. */
export interface WaiverRecord {
  /** Id of the waiver (the audit can point at it). */
  readonly id: string;
  /** The rule waived. */
  readonly ruleId: string;
  /** The date of the decision. */
  readonly on: LocalDate;
  /** Opaque id of the approving actor. */
  readonly approvedBy: string;
  /** Why. */
  readonly reason: string;
}

/** An audited correction of a recorded value; the stored history is never edited. */
export interface CorrectionRecord {
  /** The step corrected. */
  readonly step: string;
  /** The field corrected (`on` for the date). */
  readonly field: string;
  /** The old value, as JSON text. */
  readonly oldValue: string;
  /** The new value, as JSON text. */
  readonly newValue: string;
  /** Why. */
  readonly reason: string;
  /** When the correction was recorded. */
  readonly on: LocalDate;
}

/** A later step that no longer holds after a correction, flagged for people to resolve. */
export interface FlagRecord {
  /** The rule that no longer holds. */
  readonly ruleId: string;
  /** The step it concerns. */
  readonly step: string;
  /** What was found. */
  readonly message: Bilingual;
  /** The correction date that raised it. */
  readonly raisedOn: LocalDate;
}

/** A 退回补充材料 decision: the case went back one step with a reason. */
export interface ReturnRecord {
  /** The step that returned the case. */
  readonly from: string;
  /** The date. */
  readonly on: LocalDate;
  /** Why. */
  readonly reason: string;
}

/** A move of the case to another organisation, dates kept (EC-05). */
export interface TransferRecord {
  /** The organisation the case left. */
  readonly fromOrgId: string;
  /** The organisation that continues it. */
  readonly toOrgId: string;
  /** The date of the transfer. */
  readonly on: LocalDate;
}

/** Bookkeeping every process case keeps, whatever its steps. */
export interface CaseLedger {
  /** Deadlines pending now. */
  readonly deadlines: readonly Deadline[];
  /** Deadlines missed and not yet resolved. */
  readonly overdue: readonly OverdueRecord[];
  /** Deadlines met late. */
  readonly late: readonly LateRecord[];
  /** Warnings recorded with steps. */
  readonly warnings: readonly WarningRecord[];
  /** Waivers granted. */
  readonly waivers: readonly WaiverRecord[];
  /** Corrections made. */
  readonly corrections: readonly CorrectionRecord[];
  /** Flags raised by corrections. */
  readonly flags: readonly FlagRecord[];
  /** Returns for more material. */
  readonly returns: readonly ReturnRecord[];
  /** Transfers between organisations. */
  readonly transfers: readonly TransferRecord[];
}

/** An empty ledger for a new case. */
export function emptyLedger(): CaseLedger {
  return {
    deadlines: [],
    overdue: [],
    late: [],
    warnings: [],
    waivers: [],
    corrections: [],
    flags: [],
    returns: [],
    transfers: [],
  };
}

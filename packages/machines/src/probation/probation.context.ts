import type { LocalDate, ProfileProjection, VoteCount, VoteMethod } from '@dangwu/rules';
import type { CaseLedger, StepRecord } from '../core/case-records.js';
import type { ProbationDecision, ProbationImportPoint, ProbationStep } from './probation.schema.js';

/** One conversion vote as recorded: counts, method, decision, outcome and the rule version it ran under. */
export interface ConversionVoteRecord {
  /** Date of the vote. */
  readonly on: LocalDate;
  /** The counts. */
  readonly count: VoteCount;
  /** 无记名 or 举手. */
  readonly method: VoteMethod;
  /** What the motion resolved. */
  readonly decision: ProbationDecision;
  /** Months of extension, for `extend`. */
  readonly extensionMonths: number | null;
  /** Reason given with an extension or cancellation. */
  readonly reason: string | null;
  /** Whether it passed. */
  readonly passed: boolean;
  /** Rule version applied. */
  readonly versionId: string;
}

/** An extension of the probation as approved (PROB-EXTENSION). */
export interface ExtensionRecord {
  /** Months added. */
  readonly months: number;
  /** The end date before the extension. */
  readonly fromEnd: LocalDate;
  /** The new end date. */
  readonly toEnd: LocalDate;
  /** Date of the approval. */
  readonly approvedOn: LocalDate;
}

/** A finished round of the conversion procedure (one before each extension). */
export interface ProbationRound {
  /** The steps recorded in that round. */
  readonly steps: Partial<Record<ProbationStep, StepRecord>>;
  /** The end date the round ran to. */
  readonly endsOn: LocalDate;
}

/** How a probation case ended. */
export interface ProbationOutcome {
  /** `converted` to full membership, or `cancelled` (资格取消). */
  readonly kind: 'converted' | 'cancelled';
  /** Date it ended (the approval or the announcement). */
  readonly on: LocalDate;
  /** Reason for a cancellation. */
  readonly reason: string | null;
}

/** The context of the probation machine: ids, rules, the current round's steps, the end date and its ledger. */
export interface ProbationContext extends CaseLedger {
  /** Case id. */
  readonly caseId: string;
  /** Opaque id of the person. */
  readonly personId: string;
  /** The branch that holds the case now. */
  readonly orgId: string;
  /** The projected rule profile the case runs under. */
  readonly rules: ProfileProjection<'common' | 'probation'>;
  /** The probation start: the date the admission resolution passed (EC-25). */
  readonly probationStart: LocalDate;
  /** The probation end now in force (after any extension); the conversion date and 党龄 start (PROB-PARTY-AGE). */
  readonly endsOn: LocalDate;
  /** Steps recorded in the current round. */
  readonly steps: Partial<Record<ProbationStep, StepRecord>>;
  /** Earlier rounds, closed by an extension. */
  readonly rounds: readonly ProbationRound[];
  /** Set when the case was imported mid-way. */
  readonly imported: { readonly at: ProbationImportPoint; readonly on: LocalDate } | null;
  /** Thought reports (dates). */
  readonly reports: readonly LocalDate[];
  /** Objections raised in the conversion notice of the current round. */
  readonly noticeObjections: number;
  /** Conversion votes held, every round. */
  readonly votes: readonly ConversionVoteRecord[];
  /** The resolution awaiting approval: the last passed vote of the round. */
  readonly pending: ConversionVoteRecord | null;
  /** Extensions approved. */
  readonly extensions: readonly ExtensionRecord[];
  /** How the case ended, once it has. */
  readonly outcome: ProbationOutcome | null;
}

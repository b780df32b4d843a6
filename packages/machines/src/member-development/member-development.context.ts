import type { LocalDate, ProfileProjection, VoteCount, VoteMethod } from '@dangwu/rules';
import type { CaseLedger, StepRecord } from '../core/case-records.js';
import type { DevelopmentImportPoint, DevelopmentStep } from './member-development.schema.js';

/** A 培养联系人 as recorded: an opaque id and whether they are a full member. */
export interface ContactRecord {
  /** Opaque id. */
  readonly id: string;
  /** 正式党员. */
  readonly fullMember: boolean;
}

/** An 入党介绍人 as recorded. */
export interface IntroducerRecord extends ContactRecord {
  /** Under 留党察看. */
  readonly underPartyProbation: boolean;
  /** Under a penalty still in effect. */
  readonly underPenalty: boolean;
  /** 自己约请. */
  readonly selfInvited: boolean;
}

/** One branch vote as recorded: counts, method, outcome and the rule version it ran under. */
export interface VoteRecord {
  /** Date of the vote (the probation start when it passes, EC-25). */
  readonly on: LocalDate;
  /** The counts. */
  readonly count: VoteCount;
  /** 无记名 or 举手. */
  readonly method: VoteMethod;
  /** Whether it passed. */
  readonly passed: boolean;
  /** Rule version applied. */
  readonly versionId: string;
}

/** How a development case ended. */
export interface DevelopmentOutcome {
  /** `admitted` as a probationary member, or one of the other ways a case ends. */
  readonly kind: 'admitted' | 'withdrawn' | 'terminated' | 'not-approved';
  /** Date it ended. */
  readonly on: LocalDate;
  /** Reason for any ending other than admission. */
  readonly reason: string | null;
}

/** The context of the development machine: ids, the rules it runs under, recorded steps and its ledger. */
export interface DevelopmentContext extends CaseLedger {
  /** Case id. */
  readonly caseId: string;
  /** Opaque id of the person. */
  readonly personId: string;
  /** The organisation (branch) that holds the case now. */
  readonly orgId: string;
  /** Date of birth. */
  readonly birthDate: LocalDate;
  /** The projected rule profile the case runs under. */
  readonly rules: ProfileProjection<'common' | 'development'>;
  /** Recorded steps. */
  readonly steps: Partial<Record<DevelopmentStep, StepRecord>>;
  /** Set when the case was imported mid-way. */
  readonly imported: { readonly at: DevelopmentImportPoint; readonly on: LocalDate } | null;
  /** Contacts. */
  readonly contacts: readonly ContactRecord[];
  /** Introducers. */
  readonly introducers: readonly IntroducerRecord[];
  /** Training recorded. */
  readonly training: { readonly days: number; readonly hours: number } | null;
  /** Thought reports (dates). */
  readonly reports: readonly LocalDate[];
  /** Branch assessments (dates). */
  readonly assessments: readonly LocalDate[];
  /** Branch votes held. */
  readonly votes: readonly VoteRecord[];
  /** An objection under investigation. */
  readonly investigation: { readonly notice: 'target' | 'post-vote'; readonly objections: number } | null;
  /** How the case ended, once it has. */
  readonly outcome: DevelopmentOutcome | null;
}

import type { Bilingual, LocalDate, ProfileProjection } from '@dangwu/rules';
import type { CaseLedger, StepRecord } from '../core/case-records.js';
import type { OrgNode, RouteHop, TrackDecision } from './relationship-transfer.route.js';

/** The rule sections a transfer case carries. */
export type TransferRuleSections = 'common' | 'relationship' | 'withdrawal';

/** One accepted step of the case, in order: the audit trail inside the snapshot. */
export interface HistoryEntry extends StepRecord {
  /** The event type (`OPEN` for the opening). */
  readonly eventType: string;
  /** The organisation the actor acted for. */
  readonly orgId: string;
  /** The route hop the step completed, if any. */
  readonly hop: number | null;
}

/** An introduction letter (组织关系介绍信) as issued, and what became of it. */
export interface LetterRecord {
  /** 1 for the first letter, then one more per re-issue. */
  readonly no: number;
  /** Paper letter with a receipt stub (回执), or online transfer (REL-LETTER-CARRIER). */
  readonly channel: 'paper' | 'online';
  /** Date of issue. */
  readonly issuedOn: LocalDate;
  /** Last day it is valid (REL-LETTER-VALIDITY, under the rules in force on the issue date). */
  readonly validUntil: LocalDate;
  /** The organisation that issued it. */
  readonly issuerOrgId: string;
  /** How it came about. */
  readonly basis: 'original' | 'reissue' | 'certificate-and-application';
  /** In transit, arrived at the receiving side, returned by it, or replaced by a new letter. */
  readonly status: 'in-transit' | 'arrived' | 'returned' | 'superseded';
  /** Date it arrived at the receiving side. */
  readonly arrivedOn: LocalDate | null;
}

/** A superior organisation acting for a receiving organisation that did not act in time. */
export interface EscalationRecord {
  /** The hop. */
  readonly hop: number;
  /** The organisation that did not act. */
  readonly fromOrgId: string;
  /** The superior that acts in its place. */
  readonly toOrgId: string;
  /** Opaque id of the actor who escalated. */
  readonly byActorId: string;
  /** Date. */
  readonly on: LocalDate;
  /** Why. */
  readonly reason: string;
}

/** A recorded attempt to correct a member who does not transfer (基层党组织及时发现并纠正, §16 B17). */
export interface CorrectionAttemptRecord {
  /** Date. */
  readonly on: LocalDate;
  /** How. */
  readonly method: 'talk' | 'written-notice' | 'warning-card';
  /** Opaque id of the actor. */
  readonly actorId: string;
}

/** A self-withdrawal candidate flag: the facts it rests on; removal is never automatic. */
export interface WithdrawalCandidateRecord {
  /** Date flagged. */
  readonly on: LocalDate;
  /** The rule the flag rests on: REL-NONTRANSFER-6M (document) or WDR-SELF-WITHDRAWAL (党章 Art. 9). */
  readonly ruleId: string;
  /** The Art. 9 facts recorded with the flag. */
  readonly facts: {
    readonly noOrgLifeSince?: LocalDate | undefined;
    readonly noDuesSince?: LocalDate | undefined;
    readonly noAssignedWorkSince?: LocalDate | undefined;
  };
  /** What removal would need; this process never removes anyone. */
  readonly removal: { readonly automatic: false; readonly inScope: false; readonly requires: Bilingual };
}

/** The temporary arrangement of an absence (certificate letter or temporary relationship). */
export interface TemporaryRecord {
  /** 党员证明信 or 临时组织关系. */
  readonly arrangement: 'certificate' | 'temporary-relationship';
  /** Date issued. */
  readonly issuedOn: LocalDate;
  /** Where the member takes part in organisational life. */
  readonly hostOrgId: string;
  /** A temporary member has no vote at the host (REL-TEMP-ABSENCE). */
  readonly votingAtHost: false;
}

/** A mobile member's card and registration (流动党员活动证). */
export interface MobileRecord {
  /** Date the outflow organisation issued the card. */
  readonly cardIssuedOn: LocalDate;
  /** Date the inflow organisation registered the member. */
  readonly registeredOn: LocalDate | null;
}

/** How a transfer case ended. */
export interface TransferOutcome {
  /** Transferred, withdrawn, flagged as a self-withdrawal candidate, absence or mobile period ended. */
  readonly kind: 'transferred' | 'withdrawn' | 'withdrawal-candidate' | 'absence-ended' | 'mobile-ended';
  /** Date. */
  readonly on: LocalDate;
  /** Reason, where one was given. */
  readonly reason: string | null;
}

/** Which branch rolls the member is on. After completion exactly one is true. */
export interface RollState {
  /** On the outgoing branch's roll. */
  readonly outgoing: boolean;
  /** On the receiving branch's roll. */
  readonly incoming: boolean;
}

/** The context of the relationship-transfer machine. */
export interface RelationshipTransferContext extends CaseLedger {
  /** Case id. */
  readonly caseId: string;
  /** Opaque id of the member. */
  readonly personId: string;
  /** The outgoing branch. */
  readonly fromOrgId: string;
  /** The receiving branch or host organisation. */
  readonly toOrgId: string;
  /** The organisation tree the host supplied. */
  readonly orgs: readonly OrgNode[];
  /** The projected rules the case runs under. */
  readonly rules: ProfileProjection<TransferRuleSections>;
  /** The track and why. */
  readonly track: TrackDecision;
  /** Date opened. */
  readonly openedOn: LocalDate;
  /** Date of the move. */
  readonly movedOn: LocalDate;
  /** The expected absence, if one was given. */
  readonly absence: { readonly from: LocalDate; readonly until: LocalDate } | null;
  /** The route (formal track only). */
  readonly route: readonly RouteHop[];
  /** Index of the hop due now (equal to the route length when all are done). */
  readonly hop: number;
  /** When each hop was done, by index (null while pending). */
  readonly hopsDone: readonly (StepRecord | null)[];
  /** Letters issued, oldest first. */
  readonly letters: readonly LetterRecord[];
  /** Escalations. */
  readonly escalations: readonly EscalationRecord[];
  /** Correction attempts. */
  readonly correctionAttempts: readonly CorrectionAttemptRecord[];
  /** The temporary arrangement, for an absence. */
  readonly temporary: TemporaryRecord | null;
  /** The mobile-member card, for a mobile member. */
  readonly mobile: MobileRecord | null;
  /** Roll membership. */
  readonly roll: RollState;
  /** Cases that continue at the receiving branch. */
  readonly continuingCases: readonly string[];
  /** Accepted steps in order. */
  readonly history: readonly HistoryEntry[];
  /** The self-withdrawal flag, if raised. */
  readonly candidate: WithdrawalCandidateRecord | null;
  /** How the case ended, once it has. */
  readonly outcome: TransferOutcome | null;
}

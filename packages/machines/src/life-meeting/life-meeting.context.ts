import type { Bilingual, LocalDate, ProfileProjection } from '@dangwu/rules';
import type { CaseLedger, StepRecord } from '../core/case-records.js';
import type { MeetingPeriod } from './life-meeting.period.js';
import type { LifeMeetingKind, LifeMeetingStep, lifeMeetingContents, ProblemHandling } from './life-meeting.schema.js';

/** A notice of the meeting date, to the higher organisation or to the members. */
export interface NoticeRecord {
  /** The day the notice was given. */
  readonly on: LocalDate;
  /** The meeting date it announced. */
  readonly meetingDate: LocalDate;
  /** Opaque id of who gave it. */
  readonly actorId: string;
}

/** A postponement the branch asked for and the higher organisation has not yet answered (OLM-RESCHEDULE). */
export interface PostponementRequest {
  /** The day of the request. */
  readonly on: LocalDate;
  /** The new last day asked for. */
  readonly until: LocalDate;
  /** Why. */
  readonly reason: string;
  /** Opaque id of who asked. */
  readonly requestedBy: string;
}

/** A postponement the higher organisation consented to: the due date moved from `from` to `until`. */
export interface PostponementRecord extends PostponementRequest {
  /** The due date before. */
  readonly from: LocalDate;
  /** The day of the consent. */
  readonly consentedOn: LocalDate;
  /** Opaque id of the consenting actor. */
  readonly approvedBy: string;
}

/** The meeting as held: chair, counts and which calendar bucket its date falls in (EC-40). */
export interface MeetingRecord {
  /** The meeting date. */
  readonly on: LocalDate;
  /** Opaque id of the chair. */
  readonly chairId: string;
  /** True when a committee member chaired on the secretary's behalf (MTG-CONVENER). */
  readonly delegated: boolean;
  /** Members due. */
  readonly due: number;
  /** Members present. */
  readonly present: number;
  /** Members who spoke with criticism and self-criticism. */
  readonly speeches: number;
  /** 学习上级有关文件. */
  readonly documentsStudied: boolean;
  /** 通报党内外群众意见. */
  readonly opinionsReported: boolean;
  /** Whether the higher organisation attended. */
  readonly upperAttended: boolean;
  /** The calendar bucket of the meeting date, e.g. `2026-H2` for a meeting on 2026-07-01. */
  readonly bucket: string;
  /** True when held after the due date of the case's period. */
  readonly late: boolean;
}

/** An absent member: written statement, and when the criticism was passed on to them (OLM-ATTENDANCE). */
export interface AbsenteeRecord {
  /** Opaque id. */
  readonly id: string;
  /** Whether a written statement was read and recorded. */
  readonly writtenStatement: boolean;
  /** When the meeting's criticism was passed on; null while pending. */
  readonly criticismPassedOn: LocalDate | null;
  /** Opaque id of who passed it on. */
  readonly passedOnBy: string | null;
}

/** A problem raised at the meeting and how it was handled (OLM-ESCALATE). */
export interface ProblemRecord {
  /** Opaque id. */
  readonly id: string;
  /** The meeting date. */
  readonly raisedOn: LocalDate;
  /** How and when it was handled; null while open. */
  readonly handled: {
    /** How it was handled. */
    readonly how: ProblemHandling;
    /** When. */
    readonly on: LocalDate;
  } | null;
}

/** The chair held accountable for problems left unhandled at closing (OLM-ESCALATE). */
export interface AccountabilityRecord {
  /** The day it was found. */
  readonly on: LocalDate;
  /** Opaque id of the chair. */
  readonly chairId: string;
  /** The rule. */
  readonly ruleId: string;
  /** Problems open at that day. */
  readonly openProblems: readonly string[];
}

/** A step still owed, with its date limit where the profile sets one ("及时" has none: `due` is null). */
export interface PendingItem {
  /** Stable id, e.g. `report-upper` or `criticism-m7`. */
  readonly id: string;
  /** The rule behind it. */
  readonly ruleId: string;
  /** What is owed. */
  readonly text: Bilingual;
  /** The last day it is on time, or null where the rule sets no number. */
  readonly due: LocalDate | null;
}

/** How a life-meeting case ended. */
export interface LifeMeetingOutcome {
  /** `closed` after the follow-up, or `escalated` to discipline inspection with the chair accountable. */
  readonly kind: 'closed' | 'escalated';
  /** Date it ended. */
  readonly on: LocalDate;
  /** Whether the chair was held accountable on the way (OLM-ESCALATE). */
  readonly chairAccountable: boolean;
  /** Reason given for an escalation. */
  readonly reason: string | null;
}

/** The context of the life-meeting machine: ids, period, rules, recorded steps, meeting data and ledger. */
export interface LifeMeetingContext extends CaseLedger {
  /** Case id. */
  readonly caseId: string;
  /** The organisation holding the meeting. */
  readonly orgId: string;
  /** Leadership team or branch (OLM-KIND). */
  readonly kind: LifeMeetingKind;
  /** The meeting's name under the profile: 党支部民主生活会, 组织生活会 or 民主生活会 (OLM-KIND). */
  readonly title: Bilingual;
  /** The period the meeting is due in. */
  readonly period: MeetingPeriod;
  /** The last day the meeting is on time: the period end, or a consented postponement. */
  readonly dueDate: LocalDate;
  /** Members due to attend, as given when the case opened. */
  readonly members: number;
  /** Opaque id of who opened the case. */
  readonly openedBy: string;
  /** The projected rule profile the case runs under. */
  readonly rules: ProfileProjection<'common' | 'lifeMeeting'>;
  /** Recorded steps. */
  readonly steps: Partial<Record<LifeMeetingStep, StepRecord>>;
  /** The latest date recorded on the case; later steps cannot be dated before it. */
  readonly latestOn: LocalDate | null;
  /** Subjects and 突出问题 decided. */
  readonly topic: {
    /** Subjects examined. */
    readonly contents: readonly (typeof lifeMeetingContents)[number][];
    /** The 突出问题, by opaque id. */
    readonly focusProblems: readonly string[];
  } | null;
  /** The meeting date as last decided or announced. */
  readonly plannedDate: LocalDate | null;
  /** Opinions solicited so far. */
  readonly opinions: {
    /** Individual talks. */
    readonly talks: number;
    /** Forums. */
    readonly forums: number;
  };
  /** Notices to the higher organisation, oldest first; the last one counts. */
  readonly upperNotices: readonly NoticeRecord[];
  /** Notices to the members, oldest first. */
  readonly memberNotices: readonly NoticeRecord[];
  /** Speech preparation. */
  readonly speeches: {
    /** Members who prepared a speech. */
    readonly prepared: number;
    /** Talks among the leading members. */
    readonly leaderTalks: number;
  } | null;
  /** A postponement awaiting the higher organisation's answer. */
  readonly postponementRequest: PostponementRequest | null;
  /** Postponements consented. */
  readonly postponements: readonly PostponementRecord[];
  /** The meeting, once held. */
  readonly meeting: MeetingRecord | null;
  /** Absent members. */
  readonly absentees: readonly AbsenteeRecord[];
  /** Problems raised at the meeting. */
  readonly problems: readonly ProblemRecord[];
  /** Rectification plan. */
  readonly rectification: {
    /** Number of measures. */
    readonly measures: number;
    /** Opaque id of the leader in charge. */
    readonly responsibleId: string;
  } | null;
  /** Who the results were fed back to. */
  readonly feedback: readonly ('members' | 'public')[] | null;
  /** Set when the chair was held accountable. */
  readonly accountability: AccountabilityRecord | null;
  /** Steps still owed, dated or not. */
  readonly pending: readonly PendingItem[];
  /** How the case ended, once it has. */
  readonly outcome: LifeMeetingOutcome | null;
}

import { ruleProfileSchema, versionOn } from '@dangwu/rules';
import * as z from 'zod';
import { actorSchema } from '../core/actor.js';
import {
  deadlineReachedEventSchema,
  eventSchema,
  localDateSchema,
  opaqueIdSchema,
  reasonSchema,
} from '../core/event-base.js';
import { meetingPeriod } from './life-meeting.period.js';

/** Steps a life-meeting case records, each with its date, rule version and actor. */
export const lifeMeetingSteps = [
  'topic',
  'opinions',
  'upperNotice',
  'membersNotice',
  'speeches',
  'meeting',
  'rectification',
  'report',
  'feedback',
  'closed',
  'accountable',
  'escalated',
] as const;

/** A recorded step of a life-meeting case. */
export type LifeMeetingStep = (typeof lifeMeetingSteps)[number];

/**
 * Whose meeting it is (OLM-KIND): a leadership team's 民主生活会, or the branch meeting, which the
 * national rules call 组织生活会 and the document 党支部民主生活会.
 */
export const lifeMeetingKinds = ['leadership-team', 'branch'] as const;

/** One of {@link lifeMeetingKinds}. */
export type LifeMeetingKind = (typeof lifeMeetingKinds)[number];

/** The five subjects the document's meeting examines (民主生活会制度 二, catalogue §16 B5). */
export const lifeMeetingContents = [
  'line-and-policy',
  'democratic-centralism',
  'integrity',
  'mass-line',
  'upper-assigned',
] as const;

/** How a problem raised at the meeting was handled (民主生活会制度 五2(5), 五3(1)). */
export const problemHandlings = ['resolved', 'rectification', 'reported-upward', 'referred'] as const;

/** One of {@link problemHandlings}: 研究解决, 纳入整改, 向上报告, 交纪检监察或司法部门. */
export type ProblemHandling = (typeof problemHandlings)[number];

const uniqueIds = (max: number) =>
  z
    .array(opaqueIdSchema)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { error: '编号不能重复 / an id is listed twice' });

const half = z.union([z.literal(1), z.literal(2)]);

/** Zod schema of the input that opens one life-meeting case: one organisation, one period. */
export const lifeMeetingInputSchema = z
  .object({
    caseId: opaqueIdSchema,
    /** The organisation holding the meeting. */
    orgId: opaqueIdSchema,
    /** The period the meeting is due in: `{ year, half }` for a half-year bucket, `{ year }` for an annual one. */
    period: z.object({ year: z.number().int().min(1990).max(2200), half: half.optional() }).strict(),
    /** Leadership team or branch (OLM-KIND). */
    kind: z.enum(lifeMeetingKinds),
    /** Members due to attend. */
    members: z.number().int().min(1, { error: '应到人数至少为1 / at least one member is due' }).max(100_000),
    /** The rule profile the case runs under; recorded in the case. */
    profile: ruleProfileSchema,
    /** Who opened the case. */
    actor: actorSchema,
  })
  .strict()
  .superRefine((input, context) => {
    const period = meetingPeriod(input.period.year, input.period.half ?? null);
    const first = input.profile.versions[0]?.effectiveFrom;
    if (!first || period.end < first) {
      context.addIssue({
        code: 'custom',
        path: ['period'],
        message: `规则配置在 ${period.end} 尚无生效版本 [OLM-FREQ] / the profile has no version in force on ${period.end} [OLM-FREQ]`,
      });
      return;
    }
    const { per } = versionOn(input.profile, period.end).values.lifeMeeting.frequency;
    if (per === 'half-year' && input.period.half === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['period', 'half'],
        message:
          '本规则每半年召开一次，须指明上半年(1)或下半年(2) [OLM-FREQ] / the profile holds the meeting every half-year: give half 1 or 2 [OLM-FREQ]',
      });
    } else if (per === 'year' && input.period.half !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['period', 'half'],
        message:
          '本规则每年召开一次，期间按年度计算，不能指定半年 [OLM-FREQ] / the profile holds the meeting once a year: the period is the year, not a half [OLM-FREQ]',
      });
    } else if (per !== 'half-year' && per !== 'year') {
      context.addIssue({
        code: 'custom',
        path: ['profile'],
        message: `生活会按${per}计的频次不受支持，仅支持半年或年度 [OLM-FREQ] / a frequency per ${per} is not supported; use half-year or year [OLM-FREQ]`,
      });
    }
  });

/** Input of the life-meeting machine, as the host provides it. */
export type LifeMeetingInput = z.input<typeof lifeMeetingInputSchema>;

const count = (max: number) => z.number().int().min(0, { error: '人数不能为负 / a count cannot be negative' }).max(max);

const absenteeSchema = z
  .object({
    /** Opaque id of the absent member. */
    id: opaqueIdSchema,
    /** Whether they handed in a written statement (书面发言) that was read at the meeting. */
    writtenStatement: z.boolean(),
  })
  .strict();

const holdMeeting = eventSchema('HOLD_MEETING', {
  /** Members due to attend on the day. */
  due: count(100_000).min(1),
  /** Members present. */
  present: count(100_000),
  /** Present members who spoke with criticism and self-criticism (列席 attendees not counted). */
  speeches: count(100_000),
  /** 学习上级有关文件. */
  documentsStudied: z.boolean(),
  /** 纪检或组织委员通报党内外群众意见. */
  opinionsReported: z.boolean(),
  /** Whether the higher organisation sent someone (以便上级党组织派人参加). */
  upperAttended: z.boolean().default(false),
  /** Each absent member, by opaque id. */
  absentees: z.array(absenteeSchema).max(100_000).default([]),
  /** Important problems raised at the meeting, by opaque id (no free text: it may name people). */
  problemsRaised: uniqueIds(200).default([]),
  /** Of those, the ones solved on the spot (当场解决, 五2(5)). */
  resolvedOnSite: uniqueIds(200).default([]),
})
  .refine((meeting) => meeting.present + meeting.absentees.length === meeting.due, {
    error:
      '到会人数加缺席人数应等于应到人数 [OLM-ATTENDANCE] / present plus absentees must equal those due [OLM-ATTENDANCE]',
    path: ['absentees'],
  })
  .refine((meeting) => meeting.speeches <= meeting.present, {
    error: '发言人数不能多于到会人数 [OLM-MEETING-STEPS] / more speeches than members present [OLM-MEETING-STEPS]',
    path: ['speeches'],
  })
  .refine((meeting) => new Set(meeting.absentees.map((absentee) => absentee.id)).size === meeting.absentees.length, {
    error: '缺席人员不能重复 / an absentee is listed twice',
    path: ['absentees'],
  })
  .refine((meeting) => meeting.resolvedOnSite.every((id) => meeting.problemsRaised.includes(id)), {
    error: '当场解决的问题须是会上提出的问题 / a problem solved on the spot must be one raised',
    path: ['resolvedOnSite'],
  });

/** Zod schema of any life-meeting event (discriminated on `type`); `.options` lists each event's schema. */
export const lifeMeetingEventSchema = z.discriminatedUnion('type', [
  eventSchema('DECIDE_TOPIC', {
    /** Subjects examined (民主生活会制度 二). */
    contents: z
      .array(z.enum(lifeMeetingContents))
      .min(1, { error: '至少确定一项议题 / at least one subject' })
      .max(lifeMeetingContents.length)
      .refine((items) => new Set(items).size === items.length, { error: '议题不能重复 / a subject is listed twice' }),
    /** The 突出问题 the meeting is to solve, by opaque id (§16 B7). */
    focusProblems: uniqueIds(20),
    /** The meeting date decided (会期). */
    plannedDate: localDateSchema,
  }),
  eventSchema('SOLICIT_OPINIONS', {
    /** Individual talks held (个别谈心). */
    talks: count(10_000),
    /** Forums held inside and outside the party (座谈会). */
    forums: count(1_000),
  }),
  eventSchema('NOTIFY_UPPER', { meetingDate: localDateSchema }),
  eventSchema('NOTIFY_MEMBERS', { meetingDate: localDateSchema }),
  eventSchema('PREPARE_SPEECHES', {
    /** Members who prepared a speech. */
    prepared: count(100_000),
    /** Talks among the leading members beforehand (领导成员之间互相谈心, §16 B9). */
    leaderTalks: count(10_000).default(0),
  }),
  eventSchema('REQUEST_POSTPONEMENT', { until: localDateSchema, reason: reasonSchema }),
  eventSchema('CONSENT_POSTPONEMENT', {}),
  eventSchema('DECLINE_POSTPONEMENT', { reason: reasonSchema }),
  holdMeeting,
  eventSchema('PASS_ON_CRITICISM', { absenteeId: opaqueIdSchema }),
  eventSchema('RECORD_RECTIFICATION_PLAN', {
    /** Number of measures. */
    measures: z.number().int().min(1, { error: '至少一项整改措施 / at least one measure' }).max(1_000),
    /** The leader in charge of carrying them out (分管领导干部, §16 B12). */
    responsibleId: opaqueIdSchema,
    /** Problems raised at the meeting that the plan takes up. */
    problemIds: uniqueIds(200).default([]),
  }),
  eventSchema('REPORT_UPPER', {}),
  eventSchema('GIVE_FEEDBACK', {
    audiences: z
      .array(z.enum(['members', 'public']))
      .min(1)
      .max(2)
      .refine((items) => new Set(items).size === items.length, { error: '对象不能重复 / an audience is listed twice' }),
  }),
  eventSchema('RESOLVE_PROBLEMS', {
    problemIds: uniqueIds(200).min(1, { error: '至少一个问题 / at least one problem' }),
    how: z.enum(problemHandlings),
  }),
  eventSchema('CLOSE', {}),
  eventSchema('ESCALATE_TO_DISCIPLINE', { reason: reasonSchema }),
  deadlineReachedEventSchema,
]);

/** Any event of the life-meeting machine, as parsed (defaults filled in, dates checked). */
export type LifeMeetingEvent = z.output<typeof lifeMeetingEventSchema>;

/** Any event as the host sends it: fields with a default (e.g. `absentees`, `problemIds`) may be left out. */
export type LifeMeetingEventInput = z.input<typeof lifeMeetingEventSchema>;

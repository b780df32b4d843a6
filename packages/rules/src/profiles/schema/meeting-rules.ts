import * as z from 'zod';
import { ratioSchema } from '../../votes/ratio.js';
import { frequencySchema } from './common.js';

/** Rules of 三会一课 and 主题党日, catalogue §4 (MTG-*). Frequencies use calendar buckets (EC-40). */
export const meetingRulesSchema = z
  .object({
    /** MTG-MEMBERS-MEETING-FREQ. */
    membersMeeting: frequencySchema,
    /** MTG-MEMBERS-MEETING-QUORUM: attendance needed before a members' meeting may vote ("半数以上"). */
    membersMeetingQuorum: ratioSchema,
    /** MTG-COMMITTEE-FREQ. */
    committeeMeeting: frequencySchema,
    /** MTG-COMMITTEE-QUORUM. */
    committeeQuorum: ratioSchema,
    /** MTG-GROUP-FREQ (null: no 党小组 established; its work goes to the committee). */
    groupMeeting: frequencySchema.nullable(),
    /** MTG-LECTURE-FREQ. */
    lecture: frequencySchema,
    /** MTG-THEME-DAY (null: no 主题党日). */
    themeDay: frequencySchema.nullable(),
    /** MTG-LEAVE: absence counts as excused only with leave asked beforehand. */
    leaveBeforehand: z.boolean(),
  })
  .strict();

/** Meeting rules (catalogue §4), inferred from {@link meetingRulesSchema}. */
export type MeetingRules = z.infer<typeof meetingRulesSchema>;

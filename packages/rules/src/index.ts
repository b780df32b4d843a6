export type { DatedResult, DurationOptions } from './calendar/add-duration.js';
export { addDuration } from './calendar/add-duration.js';
export type { DayKind, HolidayCalendar, HolidayYear } from './calendar/holiday-calendar.js';
export { createHolidayCalendar, holidayYearSchema } from './calendar/holiday-calendar.js';
export { deadlineFrom, minimumPeriodMetOn, periodElapsedOn } from './calendar/periods.js';
export { stateCouncilHolidays } from './calendar/state-council-holidays.js';
export type { WorkingDayResult } from './calendar/working-days.js';
export { addWorkingDays, countWorkingDays, isWorkingDay } from './calendar/working-days.js';
export type { LeapDayPolicy } from './dates/calendar-arithmetic.js';
export { addMonths, addYears, ageOn, endOfMonth, previousDay } from './dates/calendar-arithmetic.js';
export type { CalendarDuration, DurationUnit } from './dates/duration.js';
export {
  approximateDays,
  calendarDurationSchema,
  days,
  describeDuration,
  months,
  workingDays,
  years,
} from './dates/duration.js';
export type { LocalDate } from './dates/local-date.js';
export {
  addDays,
  compareDates,
  dateFromParts,
  dateParts,
  daysBetween,
  daysInMonth,
  FIRST_LOCAL_DATE,
  fromEpochDay,
  isLeapYear,
  isLocalDate,
  isoWeekday,
  LAST_LOCAL_DATE,
  localDate,
  maxDate,
  minDate,
  shanghaiDateOf,
  shanghaiStartOf,
  toEpochDay,
} from './dates/local-date.js';
export type { DuesAssessment, DuesCategory } from './dues/monthly-dues.js';
export { monthlyDues } from './dues/monthly-dues.js';
export type { Bilingual } from './errors/bilingual.js';
export type { DangwuErrorCode, Issue } from './errors/dangwu-error.js';
export { DangwuError, InvalidPayloadError, RuleValidationError } from './errors/dangwu-error.js';
export { issuesFromZod } from './errors/zod-issues.js';
export type { LocalRulesDefinition, RuleOverrides } from './profiles/define-rules.js';
export { defineRules } from './profiles/define-rules.js';
export type { RuleDescription } from './profiles/describe-rule.js';
export { describeRule } from './profiles/describe-rule.js';
export { documentRules } from './profiles/document.js';
export { national } from './profiles/national.js';
export { calendarFor } from './profiles/profile-calendar.js';
export type { ProfileProjection } from './profiles/project-profile.js';
export { projectProfile } from './profiles/project-profile.js';
export type { RuleEntry, RuleId } from './profiles/rule-catalogue.js';
export { isRuleId, ruleCatalogue } from './profiles/rule-catalogue.js';
export type { RuleOrigin, RuleProfile, RuleSource, RuleVersion } from './profiles/rule-profile.js';
export { ruleProfileSchema } from './profiles/rule-profile-schema.js';
export type { OrganisationKind } from './profiles/schema/common.js';
export { frequencySchema, organisationKindSchema } from './profiles/schema/common.js';
export type { DevelopmentRules } from './profiles/schema/development-rules.js';
export { developmentRulesSchema, preparationStepSchema } from './profiles/schema/development-rules.js';
export type { DuesRules } from './profiles/schema/dues-rules.js';
export { duesBracketSchema, duesRulesSchema } from './profiles/schema/dues-rules.js';
export type { ElectionRules } from './profiles/schema/election-rules.js';
export { electionRulesSchema } from './profiles/schema/election-rules.js';
export type { LifeMeetingRules } from './profiles/schema/life-meeting-rules.js';
export { lifeMeetingRulesSchema } from './profiles/schema/life-meeting-rules.js';
export type { MeetingRules } from './profiles/schema/meeting-rules.js';
export { meetingRulesSchema } from './profiles/schema/meeting-rules.js';
export type { OtherRules } from './profiles/schema/other-rules.js';
export { otherRulesSchema } from './profiles/schema/other-rules.js';
export type { ProbationRules } from './profiles/schema/probation-rules.js';
export { probationRulesSchema } from './profiles/schema/probation-rules.js';
export type { RelationshipRules } from './profiles/schema/relationship-rules.js';
export { relationshipRulesSchema } from './profiles/schema/relationship-rules.js';
export type { RuleValues } from './profiles/schema/rule-values.js';
export { commonRulesSchema, ruleValuesSchema } from './profiles/schema/rule-values.js';
export type { WithdrawalRules } from './profiles/schema/withdrawal-rules.js';
export { withdrawalRulesSchema } from './profiles/schema/withdrawal-rules.js';
export type { DatedVersion, VersionedProfile } from './profiles/version-on.js';
export { versionById, versionOn } from './profiles/version-on.js';
export type { VoteFinding, VoteOutcome, VoteRuleIds } from './votes/evaluate-vote.js';
export { admissionVoteRuleIds, evaluateVote } from './votes/evaluate-vote.js';
export type { Ratio } from './votes/ratio.js';
export { describeRatio, meetsRatio, minimumCount, ratioSchema } from './votes/ratio.js';
export type { VoteCount } from './votes/vote-count.js';
export { voteCountSchema } from './votes/vote-count.js';
export type { DueVoterPolicy, VoteMethod, VoteRules } from './votes/vote-rules.js';
export { dueVoterPolicySchema, voteRulesSchema } from './votes/vote-rules.js';

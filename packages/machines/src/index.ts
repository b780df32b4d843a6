export type { Actor, Role } from './core/actor.js';
export { actorSchema, roles } from './core/actor.js';
export type { LatePolicy } from './core/case-ledger.js';
export { markOverdue, refreshDeadlines, withStepRecorded } from './core/case-ledger.js';
export type {
  CaseLedger,
  CorrectionRecord,
  FlagRecord,
  LateRecord,
  OverdueRecord,
  ReturnRecord,
  StepRecord,
  TransferRecord,
  WaiverRecord,
  WarningRecord,
} from './core/case-records.js';
export { emptyLedger } from './core/case-records.js';
export type { Enforcement, EnforcementCheckSpec } from './core/check-helpers.js';
export {
  chronologyCheck,
  deadlineDueCheck,
  enforcementCheck,
  fail,
  pass,
  payload,
} from './core/check-helpers.js';
export type { CaseCheckInput } from './core/check-input.js';
export { checkInputBuilder } from './core/check-input.js';
export {
  deadlineReachedEventSchema,
  eventBaseShape,
  eventSchema,
  localDateSchema,
  opaqueIdSchema,
  reasonSchema,
} from './core/event-base.js';
export type { ExplainOptions } from './core/explain-event.js';
export { explainEvent, invalidExplanation } from './core/explain-event.js';
export type { CheckResult, Explanation } from './core/explanation.js';
export type { MermaidOptions } from './core/mermaid.js';
export { toMermaid } from './core/mermaid.js';
export { eventParser, parsePayload } from './core/parse-payload.js';
export type { Deadline, ProcessDefinition, ProcessParts } from './core/process-definition.js';
export { defineProcess } from './core/process-definition.js';
export type { RulesInForce } from './core/rules-context.js';
export { rulesOn } from './core/rules-context.js';
export type { Check, CheckInputBase, CheckOutcome, InputRefusal, StepSpec, ToCheckInput } from './core/step-spec.js';
export {
  blockingFailures,
  guardsFor,
  isCheckInput,
  runStep,
  stepAllows,
  stepWarnings,
  warningFailures,
} from './core/step-spec.js';
export { ledgerGuards, timelinessMeta, timelinessRegion } from './core/timeliness.js';
export type { LifeMeetingCheckInput } from './life-meeting/life-meeting.check-input.js';
export type {
  AbsenteeRecord,
  AccountabilityRecord,
  LifeMeetingContext,
  LifeMeetingOutcome,
  MeetingRecord,
  NoticeRecord,
  PendingItem,
  PostponementRecord,
  PostponementRequest,
  ProblemRecord,
} from './life-meeting/life-meeting.context.js';
export { lifeMeetingDeadlines, lifeMeetingPending } from './life-meeting/life-meeting.deadlines.js';
export type { LifeMeetingOutput } from './life-meeting/life-meeting.machine.js';
export { lifeMeetingMachine } from './life-meeting/life-meeting.machine.js';
export type { LifeMeetingBucket, MeetingPeriod } from './life-meeting/life-meeting.period.js';
export { meetingPeriod, periodOf, quarterOf } from './life-meeting/life-meeting.period.js';
export type { LifeMeetingSnapshot } from './life-meeting/life-meeting.process.js';
export { explainLifeMeeting, lifeMeetingProcess } from './life-meeting/life-meeting.process.js';
export type {
  LifeMeetingEvent,
  LifeMeetingEventInput,
  LifeMeetingInput,
  LifeMeetingKind,
  LifeMeetingStep,
  ProblemHandling,
} from './life-meeting/life-meeting.schema.js';
export {
  lifeMeetingContents,
  lifeMeetingEventSchema,
  lifeMeetingInputSchema,
  lifeMeetingKinds,
  lifeMeetingSteps,
  problemHandlings,
} from './life-meeting/life-meeting.schema.js';
export type { LifeMeetingStepName } from './life-meeting/life-meeting.steps.js';
export { lifeMeetingStepSpecs } from './life-meeting/life-meeting.steps.js';
export { lifeMeetingTitle } from './life-meeting/life-meeting.updates.js';
export type { DevelopmentCheckInput } from './member-development/member-development.checks.js';
export type {
  ContactRecord,
  DevelopmentContext,
  DevelopmentOutcome,
  IntroducerRecord,
  VoteRecord,
} from './member-development/member-development.context.js';
export { developmentDeadlines } from './member-development/member-development.deadlines.js';
export type { DevelopmentOutput } from './member-development/member-development.machine.js';
export { memberDevelopmentMachine } from './member-development/member-development.machine.js';
export type { DevelopmentSnapshot } from './member-development/member-development.process.js';
export { explainDevelopment, memberDevelopmentProcess } from './member-development/member-development.process.js';
export type { ReviewFinding, ReviewRules, StepDates } from './member-development/member-development.review.js';
export { reviewDevelopmentCase, reviewStepDates } from './member-development/member-development.review.js';
export type {
  DevelopmentEvent,
  DevelopmentImportPoint,
  DevelopmentInput,
  DevelopmentStep,
} from './member-development/member-development.schema.js';
export {
  developmentEventSchema,
  developmentEventSchemas,
  developmentImportPoints,
  developmentInputSchema,
  developmentSteps,
} from './member-development/member-development.schema.js';
export type { DevelopmentStepName } from './member-development/member-development.steps.js';
export { developmentStepSpecs } from './member-development/member-development.steps.js';
export type { ProbationCheckInput } from './probation/probation.checks.js';
export {
  conversionApplicationLead,
  durationInMonths,
  probationEndFrom,
  probationVoteRuleIds,
} from './probation/probation.checks.js';
export type {
  ConversionVoteRecord,
  ExtensionRecord,
  ProbationContext,
  ProbationOutcome,
  ProbationRound,
} from './probation/probation.context.js';
export { probationDeadlines, transferredDuringProbation } from './probation/probation.deadlines.js';
export type { ProbationOutput } from './probation/probation.machine.js';
export { probationMachine } from './probation/probation.machine.js';
export type { ProbationSnapshot } from './probation/probation.process.js';
export { explainProbation, probationInputFromAdmission, probationProcess } from './probation/probation.process.js';
export type {
  ProbationDecision,
  ProbationEvent,
  ProbationImportPoint,
  ProbationInput,
  ProbationStep,
} from './probation/probation.schema.js';
export {
  probationDecisions,
  probationEventSchema,
  probationEventSchemas,
  probationImportPoints,
  probationInputSchema,
  probationSteps,
} from './probation/probation.schema.js';
export type { ProbationStepName } from './probation/probation.steps.js';
export { probationStepSpecs } from './probation/probation.steps.js';
export type { ProbationFinding } from './probation/probation.updates.js';
export { reviewProbationCase } from './probation/probation.updates.js';
export type { TransferCheckInput } from './relationship-transfer/relationship-transfer.checks.js';
export type {
  CorrectionAttemptRecord,
  EscalationRecord,
  HistoryEntry,
  LetterRecord,
  MobileRecord,
  RelationshipTransferContext,
  RollState,
  TemporaryRecord,
  TransferOutcome,
  TransferRuleSections,
  WithdrawalCandidateRecord,
} from './relationship-transfer/relationship-transfer.context.js';
export { relationshipTransferDeadlines } from './relationship-transfer/relationship-transfer.deadlines.js';
export type { RelationshipTransferOutput } from './relationship-transfer/relationship-transfer.machine.js';
export { relationshipTransferMachine } from './relationship-transfer/relationship-transfer.machine.js';
export type { RelationshipTransferSnapshot } from './relationship-transfer/relationship-transfer.process.js';
export {
  explainRelationshipTransfer,
  relationshipTransferProcess,
  transferOrganisation,
} from './relationship-transfer/relationship-transfer.process.js';
export type {
  HopAction,
  OrgNode,
  RouteHop,
  RouteOrgKind,
  RouteResult,
  TrackDecision,
  TransferTrack,
} from './relationship-transfer/relationship-transfer.route.js';
export { computeRoute, decideTrack, routeOrgKinds } from './relationship-transfer/relationship-transfer.route.js';
export type {
  RelationshipTransferEvent,
  RelationshipTransferInput,
} from './relationship-transfer/relationship-transfer.schema.js';
export {
  orgNodeSchema,
  relationshipTransferEventSchema,
  relationshipTransferEventSchemas,
  relationshipTransferInputSchema,
} from './relationship-transfer/relationship-transfer.schema.js';
export type { TransferStepName } from './relationship-transfer/relationship-transfer.steps.js';
export { relationshipTransferStepSpecs } from './relationship-transfer/relationship-transfer.steps.js';

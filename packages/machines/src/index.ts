export type { Actor, Role } from './core/actor.js';
export { actorSchema, roles } from './core/actor.js';
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
export {
  deadlineReachedEventSchema,
  eventBaseShape,
  localDateSchema,
  opaqueIdSchema,
  reasonSchema,
} from './core/event-base.js';
export type { ExplainOptions } from './core/explain-event.js';
export { explainEvent } from './core/explain-event.js';
export type { CheckResult, Explanation } from './core/explanation.js';
export { parsePayload } from './core/parse-payload.js';
export type { Deadline, ProcessDefinition } from './core/process-definition.js';
export type { RulesInForce } from './core/rules-context.js';
export { rulesOn } from './core/rules-context.js';
export type { Check, CheckInputBase, CheckOutcome, StepSpec } from './core/step-spec.js';
export { blockingFailures, guardsFor, runStep, stepAllows, warningFailures } from './core/step-spec.js';
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
export type { ReviewFinding } from './member-development/member-development.review.js';
export { reviewDevelopmentCase } from './member-development/member-development.review.js';
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

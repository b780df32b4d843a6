import { InvalidPayloadError, type RuleProfile } from '@dangwu/rules';
import type { SnapshotFrom } from 'xstate';
import type { Actor } from '../core/actor.js';
import { explainEvent } from '../core/explain-event.js';
import type { Explanation } from '../core/explanation.js';
import { defineProcess, type ProcessDefinition } from '../core/process-definition.js';
import type { DevelopmentOutput } from '../member-development/member-development.machine.js';
import { type ProbationCheckInput, toProbationInput } from './probation.checks.js';
import type { ProbationContext } from './probation.context.js';
import { probationMachine } from './probation.machine.js';
import { type ProbationInput, probationEventSchema, probationInputSchema } from './probation.schema.js';
import { probationStepSpecs } from './probation.steps.js';

/** A snapshot of the probation machine. */
export type ProbationSnapshot = SnapshotFrom<typeof probationMachine>;

const orderRules = {
  COLLECT_OPINIONS: {
    ruleId: 'PROB-OUTCOMES',
    zh: '须先由本人提出转正申请',
    en: 'The member must apply for conversion first',
  },
  RECORD_COMMITTEE_REVIEW: {
    ruleId: 'PROB-OUTCOMES',
    zh: '支委会审查在征求意见之后',
    en: 'The committee review follows the opinions',
  },
  HOLD_VOTE: {
    ruleId: 'PROB-OUTCOMES',
    zh: '支部大会表决在转正申请、征求意见和支委会审查之后',
    en: 'The vote follows the application, the opinions and the committee review',
  },
  APPROVE_CONVERSION: {
    ruleId: 'PROB-OUTCOMES',
    zh: '须经支部大会讨论通过后报上级党委批准',
    en: 'Approval follows a branch resolution',
  },
  APPROVE_EXTENSION: {
    ruleId: 'PROB-OUTCOMES',
    zh: '须经支部大会讨论通过后报上级党委批准',
    en: 'Approval follows a branch resolution',
  },
  APPROVE_CANCELLATION: {
    ruleId: 'PROB-OUTCOMES',
    zh: '须经支部大会讨论通过后报上级党委批准',
    en: 'Approval follows a branch resolution',
  },
  TALK_AND_ANNOUNCE: {
    ruleId: 'PROB-OUTCOMES',
    zh: '谈话和宣布在上级党委批准转正之后',
    en: 'The talk and announcement follow the approval of conversion',
  },
  TERMINATE: {
    ruleId: 'PROB-OUTCOMES',
    zh: '取消预备党员资格须经支部大会讨论通过（HOLD_VOTE，决定 cancel）并报上级党委批准 (EC-28)',
    en: 'Cancellation needs a branch resolution (HOLD_VOTE with decision cancel) and higher approval (EC-28)',
  },
} as const;

/**
 * Why `event` is or is not allowed now: every failing check with its rule id, zh-CN and English
 * text and, for time rules, the earliest date it will pass.
 */
export function explainProbation(snapshot: ProbationSnapshot, event: unknown): Explanation {
  return explainEvent<ProbationContext, ProbationCheckInput>(snapshot, event, {
    eventSchema: probationEventSchema,
    steps: probationStepSpecs,
    toInput: toProbationInput,
    orderRules,
  });
}

/**
 * The probation machine's input from a finished development case: the probation starts on the
 * date the admission resolution passed (EC-25). Throws when the case did not end in admission or
 * ran under another profile.
 */
export function probationInputFromAdmission(
  output: DevelopmentOutput,
  profile: RuleProfile,
  actor: Actor,
): ProbationInput {
  if (output.outcome?.kind !== 'admitted' || output.probationStart === null) {
    throw new InvalidPayloadError('input', [
      {
        path: 'outcome',
        ruleId: 'PROB-OUTCOMES',
        message: {
          zh: '发展案例未以接收为预备党员结束，不能开始预备期',
          en: 'The development case did not end in admission; probation cannot start',
        },
      },
    ]);
  }
  if (output.profileId !== profile.id) {
    throw new InvalidPayloadError('input', [
      {
        path: 'profile',
        message: {
          zh: `发展案例按规则 ${output.profileId} 办理，不能改用 ${profile.id}`,
          en: `The development case ran under ${output.profileId}, not ${profile.id}`,
        },
      },
    ]);
  }
  return probationInputSchema.parse({
    caseId: output.caseId,
    personId: output.personId,
    orgId: output.orgId,
    actor,
    profile,
    probationStart: output.probationStart,
  });
}

/** The probation process as the runtime and the testing kit run it. */
export const probationProcess: ProcessDefinition<typeof probationMachine> = defineProcess({
  id: 'probation',
  version: '1.0.0',
  title: { zh: '预备党员教育考察和转正', en: 'Probation and conversion' },
  machine: probationMachine,
  inputSchema: probationInputSchema,
  eventSchema: probationEventSchema,
  explain: explainProbation,
  organisationOf: (snapshot) => snapshot.context.orgId,
});

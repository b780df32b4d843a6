import type { SnapshotFrom } from 'xstate';
import { explainEvent } from '../core/explain-event.js';
import type { Explanation } from '../core/explanation.js';
import { defineProcess, type ProcessDefinition } from '../core/process-definition.js';
import { type DevelopmentCheckInput, toDevelopmentInput } from './member-development.checks.js';
import type { DevelopmentContext } from './member-development.context.js';
import { memberDevelopmentMachine } from './member-development.machine.js';
import { developmentEventSchema, developmentInputSchema } from './member-development.schema.js';
import { developmentStepSpecs } from './member-development.steps.js';

/** A snapshot of the development machine. */
export type DevelopmentSnapshot = SnapshotFrom<typeof memberDevelopmentMachine>;

const orderRules = {
  FILL_FORM: {
    ruleId: 'DEV-PREREVIEW',
    zh: '入党志愿书须在基层党委预审合格后发放 (EC-10)',
    en: 'The form is issued only after passing pre-review (EC-10)',
  },
  HOLD_VOTE: { ruleId: 'DEV-PREREVIEW', zh: '须先填写入党志愿书', en: 'The application form must be filled in first' },
  PROPOSE_TARGET: {
    ruleId: 'DEV-ACTIVIST-MIN-TRAINING',
    zh: '须先确定为入党积极分子并指定培养联系人',
    en: 'The person must first be an activist with contacts assigned',
  },
  APPROVE: {
    ruleId: 'DEV-HIGHER-INTERVIEW',
    zh: '审批前须经支部大会通过和上级谈话',
    en: 'Approval follows the branch vote and the higher interview',
  },
  TAKE_OATH: {
    ruleId: 'DEV-OATH',
    zh: '宣誓在党委批准之后；本规则无宣誓环节时不适用',
    en: 'The oath follows approval, where the profile has one',
  },
} as const;

/**
 * Why `event` is or is not allowed now: every failing check with its rule id, zh-CN and English
 * text and, for time rules, the earliest date it will pass.
 */
export function explainDevelopment(snapshot: DevelopmentSnapshot, event: unknown): Explanation {
  return explainEvent<DevelopmentContext, DevelopmentCheckInput>(snapshot, event, {
    eventSchema: developmentEventSchema,
    steps: developmentStepSpecs,
    toInput: toDevelopmentInput,
    orderRules,
  });
}

/** The development process as the runtime and the testing kit run it. */
export const memberDevelopmentProcess: ProcessDefinition<typeof memberDevelopmentMachine> = defineProcess({
  id: 'member-development',
  version: '1.0.0',
  title: { zh: '发展党员', en: 'Member development' },
  machine: memberDevelopmentMachine,
  inputSchema: developmentInputSchema,
  eventSchema: developmentEventSchema,
  explain: explainDevelopment,
  organisationOf: (snapshot) => snapshot.context.orgId,
});

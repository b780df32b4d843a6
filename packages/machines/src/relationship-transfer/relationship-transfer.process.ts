import type { SnapshotFrom } from 'xstate';
import { explainEvent } from '../core/explain-event.js';
import type { Explanation } from '../core/explanation.js';
import { defineProcess, type ProcessDefinition } from '../core/process-definition.js';
import { currentHop, type TransferCheckInput, toTransferInput } from './relationship-transfer.checks.js';
import type { RelationshipTransferContext } from './relationship-transfer.context.js';
import { relationshipTransferMachine } from './relationship-transfer.machine.js';
import { relationshipTransferEventSchema, relationshipTransferInputSchema } from './relationship-transfer.schema.js';
import { relationshipTransferStepSpecs } from './relationship-transfer.steps.js';

/** A snapshot of the relationship-transfer machine. */
export type RelationshipTransferSnapshot = SnapshotFrom<typeof relationshipTransferMachine>;

const orderRules = {
  ACCEPT: {
    ruleId: 'REL-ROUTING',
    zh: '接收在转出方开具介绍信之后',
    en: 'The receiving side acts after the letter is issued',
  },
  REGISTER: {
    ruleId: 'REL-ROUTING',
    zh: '接收登记在介绍信逐级转递到接收党支部之后',
    en: 'Registration follows the letter down to the receiving branch',
  },
  RECORD_RECEIPT: {
    ruleId: 'REL-LETTER-CARRIER',
    zh: '回执在接收党支部登记之后记录',
    en: 'The receipt is recorded after the receiving branch registers the member',
  },
  REISSUE_LETTER: {
    ruleId: 'REL-LETTER-VALIDITY',
    zh: '只有已开具、已过期或被退回的介绍信才能重开',
    en: 'Only a letter issued and then expired or returned is re-issued',
  },
  ESCALATE: {
    ruleId: 'REL-ROUTING',
    zh: '上级代办只在接收方逾期未办理时适用',
    en: 'A superior acts only for a receiving side that is overdue',
  },
  RECORD_CORRECTION_ATTEMPT: {
    ruleId: 'REL-NONTRANSFER-6M',
    zh: '纠正在调动后超过六个月仍未办理（逾期）时记录；全国规定不转组织关系本身不是触发条件',
    en: 'A correction follows a non-transfer of over six months (overdue); nationally not transferring is not itself a trigger',
  },
  FLAG_WITHDRAWAL_CANDIDATE: {
    ruleId: 'WDR-SELF-WITHDRAWAL',
    zh: '自行脱党候选只在尚未办理转出时标记',
    en: 'A self-withdrawal candidate is flagged only before the transfer starts',
  },
} as const;

/**
 * Why `event` is or is not allowed now: every failing check with its rule id, zh-CN and English
 * text, the earliest date for time rules and, for an expired letter, the remedy (EC-29).
 */
export function explainRelationshipTransfer(snapshot: RelationshipTransferSnapshot, event: unknown): Explanation {
  return explainEvent<RelationshipTransferContext, TransferCheckInput>(snapshot, event, {
    eventSchema: relationshipTransferEventSchema,
    steps: relationshipTransferStepSpecs,
    toInput: toTransferInput,
    orderRules,
  });
}

/**
 * The organisation whose turn it is: the acting organisation of the hop due now on a formal transfer,
 * the receiving branch once transferred, the inflow organisation for a registered mobile member, and
 * otherwise the outgoing branch. A host scoping access by organisation then admits that organisation
 * and its superiors (who may escalate).
 */
export function transferOrganisation(context: RelationshipTransferContext): string {
  if (context.outcome?.kind === 'transferred') return context.toOrgId;
  if (context.outcome) return context.fromOrgId;
  if (context.track.track === 'mobile') return context.mobile ? context.toOrgId : context.fromOrgId;
  const hop = currentHop(context);
  const letter = context.letters.at(-1);
  if (!hop || letter?.status === 'returned') return context.fromOrgId;
  return hop.actingOrgId;
}

/** The relationship-transfer process as the runtime and the testing kit run it. */
export const relationshipTransferProcess: ProcessDefinition<typeof relationshipTransferMachine> = defineProcess({
  id: 'relationship-transfer',
  version: '1.0.0',
  title: { zh: '组织关系转接', en: 'Organisational relationship transfer' },
  machine: relationshipTransferMachine,
  inputSchema: relationshipTransferInputSchema,
  eventSchema: relationshipTransferEventSchema,
  explain: explainRelationshipTransfer,
  organisationOf: (snapshot) => transferOrganisation(snapshot.context),
});

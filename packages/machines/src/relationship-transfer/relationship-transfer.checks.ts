import { addDays, deadlineFrom, describeDuration, type LocalDate, maxDate, minimumPeriodMetOn } from '@dangwu/rules';
import type { Actor } from '../core/actor.js';
import { chronologyCheck, deadlineDueCheck, enforcementCheck, fail, pass, payload } from '../core/check-helpers.js';
import { type CaseCheckInput, checkInputBuilder } from '../core/check-input.js';
import { rulesOn } from '../core/rules-context.js';
import type { Check, CheckOutcome } from '../core/step-spec.js';
import type {
  LetterRecord,
  RelationshipTransferContext,
  TransferRuleSections,
} from './relationship-transfer.context.js';
import {
  chainUp,
  type HopAction,
  hopActionText,
  orgById,
  outgoingSide,
  type RouteHop,
  rolesByOrgKind,
} from './relationship-transfer.route.js';
import { type RelationshipTransferEvent, relationshipTransferEventSchema } from './relationship-transfer.schema.js';

/** What every transfer check reads: the case, the event and the rules in force on the event's date. */
export type TransferCheckInput = CaseCheckInput<
  RelationshipTransferContext,
  RelationshipTransferEvent,
  TransferRuleSections
>;

/**
 * Builds the check input, or null for a payload that does not parse (guards then refuse); an event
 * dated before the profile's first version gets a `rulesInForce` refusal.
 */
export const toTransferInput = checkInputBuilder(
  relationshipTransferEventSchema,
  (context: RelationshipTransferContext) => context.rules,
);

type TransferCheck = Check<TransferCheckInput>;

/** The hop due now, if the route has one left. */
export function currentHop(context: RelationshipTransferContext): RouteHop | undefined {
  return context.route[context.hop];
}

/** The letter in force: the last one issued. */
export function currentLetter(context: RelationshipTransferContext): LetterRecord | undefined {
  return context.letters.at(-1);
}

/** Whether a hop is done by the receiving side. */
export const isReceivingAction = (action: HopAction | undefined): boolean =>
  action === 'accept' || action === 'register';

/** The hop that issues the letter (and records the receipt). */
export function issuerHop(context: RelationshipTransferContext): RouteHop | undefined {
  return context.route.find((hop) => hop.action === 'issue');
}

/** The first hop of the receiving side: where the letter arrives. */
export function arrivalHop(context: RelationshipTransferContext): RouteHop | undefined {
  return context.route.find((hop) => isReceivingAction(hop.action));
}

/** Whether the event would be the letter's arrival at the receiving side. */
export function isArrival(context: RelationshipTransferContext): boolean {
  return isReceivingAction(currentHop(context)?.action) && currentLetter(context)?.status === 'in-transit';
}

/** The latest date recorded on the case; a new step cannot be dated before it. */
export function latestStepDate(context: RelationshipTransferContext): LocalDate {
  return context.history.reduce((latest, entry) => maxDate(latest, entry.on), context.openedOn);
}

/** Whether `actor` acts for organisation `orgId` in a role that organisation's kind acts in. */
function actsFor(context: RelationshipTransferContext, actor: Actor, orgId: string): CheckOutcome {
  const org = orgById(context.orgs, orgId);
  if (actor.orgId !== orgId) {
    return fail(
      `执行人所在组织 ${actor.orgId} 不是应办理的组织 ${orgId}`,
      `The actor's organisation ${actor.orgId} is not the organisation due to act (${orgId})`,
    );
  }
  const allowed = org ? rolesByOrgKind[org.kind] : [];
  if (!actor.roles.some((role) => allowed.includes(role))) {
    return fail(
      `${orgId} 应由 ${allowed.join('、')} 办理，执行人角色为 ${actor.roles.join('、')}`,
      `${orgId} acts through ${allowed.join(', ')}; the actor acted as ${actor.roles.join(', ')}`,
    );
  }
  return pass(`由 ${orgId} 办理`, `Done by ${orgId}`);
}

/** CASE-CHRONOLOGY: a step is not dated before the steps already recorded. */
export const chronology: TransferCheck = chronologyCheck(({ context }) => latestStepDate(context));

/** REL-ROUTING: the hop due now is `action`, and the actor acts for that hop's organisation (or its escalated superior). */
export function onRoute(action: HopAction): TransferCheck {
  return {
    name: 'actorOnRoute',
    ruleId: 'REL-ROUTING',
    severity: 'block',
    evaluate: ({ context, event }) => {
      const hop = currentHop(context);
      if (!hop) return fail('转接路线已全部办完', 'Every hop of the route is done');
      const position = `第${hop.index + 1}/${context.route.length}环节`;
      const positionEn = `hop ${hop.index + 1} of ${context.route.length}`;
      if (hop.action !== action) {
        return fail(
          `当前是${position}：由 ${hop.actingOrgId} ${hopActionText[hop.action].zh}，不是${hopActionText[action].zh}`,
          `Now at ${positionEn}: ${hop.actingOrgId} is to ${hopActionText[hop.action].en}, not ${hopActionText[action].en}`,
        );
      }
      const outcome = actsFor(context, event.actor, hop.actingOrgId);
      if (outcome.ok) return pass(`${position} 由 ${hop.actingOrgId} 办理`, `${positionEn} done by ${hop.actingOrgId}`);
      const onPath = context.route.some((other) => other.actingOrgId === event.actor.orgId);
      const where = onPath ? '' : '（该组织不在转接路线上）';
      const whereEn = onPath ? '' : ' (that organisation is not on the route)';
      return fail(`${position}：${outcome.message.zh}${where}`, `${positionEn}: ${outcome.message.en}${whereEn}`);
    },
  };
}

/** REL-LETTER-CARRIER: the channel is one the profile accepts (the document knows only paper letters). */
export const channelAllowed: TransferCheck = {
  name: 'channelAllowed',
  ruleId: 'REL-LETTER-CARRIER',
  severity: 'block',
  evaluate: (input) => {
    const channel = payload(input, 'ISSUE_LETTER')?.channel ?? payload(input, 'REISSUE_LETTER')?.channel;
    if (!channel) return null;
    const channels = input.rules.values.relationship.channels;
    return channels.includes(channel)
      ? pass(`可以${channel === 'paper' ? '纸质介绍信' : '网上转接'}办理`, `The ${channel} channel is accepted`)
      : fail(
          `本规则只接受${channels.map((item) => (item === 'paper' ? '纸质介绍信（附回执）' : '网上转接')).join('或')}`,
          `The profile accepts only ${channels.join(' or ')}`,
        );
  },
};

/** The remedy for an expired letter (EC-29), offered in the explanation. */
function expiredText(letter: LetterRecord, context: RelationshipTransferContext): { zh: string; en: string } {
  const length = describeDuration(rulesOn(context.rules, letter.issuedOn).values.relationship.letterValidity);
  return {
    zh: `介绍信（${letter.issuedOn} 开具，有效期${length.zh}）已于 ${letter.validUntil} 到期。补救：由原党支部出具证明并本人重新申请开具介绍信，或由开具单位 ${letter.issuerOrgId} 重新开具（REISSUE_LETTER）`,
    en: `The letter issued ${letter.issuedOn} (valid ${length.en}) expired after ${letter.validUntil}. Remedy: a certificate from the original branch with a new application, or a re-issue by ${letter.issuerOrgId} (REISSUE_LETTER)`,
  };
}

function letterExpiry(severity: 'block' | 'warn'): TransferCheck {
  return enforcementCheck<TransferCheckInput>({
    name: severity === 'block' ? 'letterValid' : 'letterValidWarning',
    ruleId: 'REL-LETTER-VALIDITY',
    severity,
    setting: ({ rules }) => rules.values.relationship.expiredLetter,
    evaluate: ({ context, event }) => {
      const letter = currentLetter(context);
      if (!letter || !isArrival(context)) return null;
      if (event.occurredOn <= letter.validUntil) {
        return pass(`介绍信在有效期内（至 ${letter.validUntil}）`, `The letter is valid (until ${letter.validUntil})`);
      }
      const text = expiredText(letter, context);
      return severity === 'block'
        ? fail(`${text.zh}；过期介绍信不予接收`, `${text.en}; an expired letter is not accepted`)
        : fail(
            `${text.zh}；本规则为"一般不超过"，予以提醒后接收`,
            `${text.en}; the profile's limit is soft, so it is accepted with a warning`,
          );
    },
  });
}

/** REL-LETTER-VALIDITY, EC-29: an expired letter is refused on arrival where the profile says 'reject'. */
export const letterValid = letterExpiry('block');

/** REL-LETTER-VALIDITY, §16 E-11: where the limit is "一般" ('warn'), an expired letter is accepted with a warning. */
export const letterValidWarning = letterExpiry('warn');

/** REL-LETTER-VALIDITY: a letter still in transit is re-issued only once it has expired. */
export const letterExpired: TransferCheck = {
  name: 'letterExpired',
  ruleId: 'REL-LETTER-VALIDITY',
  severity: 'block',
  evaluate: ({ context, event }) => {
    const letter = currentLetter(context);
    if (!letter) return fail('尚未开具介绍信', 'No letter has been issued');
    if (letter.status !== 'in-transit') {
      return fail('介绍信已送达，不能重开', 'The letter has arrived; it cannot be re-issued');
    }
    return event.occurredOn > letter.validUntil
      ? pass(
          `介绍信已于 ${letter.validUntil} 到期，可以重开`,
          `The letter expired after ${letter.validUntil}; it may be re-issued`,
        )
      : fail(
          `介绍信仍在有效期内（至 ${letter.validUntil}），无需重开`,
          `The letter is valid until ${letter.validUntil}; no re-issue is needed`,
          addDays(letter.validUntil, 1),
        );
  },
};

/** REL-ROUTING: the organisation that issued the letter re-issues it. */
export const issuerActs: TransferCheck = {
  name: 'issuerActs',
  ruleId: 'REL-ROUTING',
  severity: 'block',
  evaluate: ({ context, event }) => {
    const issuer = issuerHop(context);
    if (!issuer) return fail('转接路线没有开具环节', 'The route has no issuing hop');
    return actsFor(context, event.actor, issuer.orgId);
  },
};

/** REL-ROUTING: only the receiving organisation due to act now refuses the transfer. */
export const receivingSideActs: TransferCheck = {
  name: 'receivingSideActs',
  ruleId: 'REL-ROUTING',
  severity: 'block',
  evaluate: ({ context, event }) => {
    const hop = currentHop(context);
    if (!hop || !isReceivingAction(hop.action)) {
      return fail('当前不是接收方办理环节', 'It is not the receiving side’s turn');
    }
    return actsFor(context, event.actor, hop.actingOrgId);
  },
};

/** Id of the receiving deadline of the hop due now, if it is a receiving hop. */
export function receivingDeadlineId(context: RelationshipTransferContext): string | null {
  const hop = currentHop(context);
  const letter = currentLetter(context);
  if (!hop || !letter || !isReceivingAction(hop.action) || letter.status === 'returned') return null;
  return `receive-hop-${hop.index + 1}-letter-${letter.no}`;
}

/** REL-ROUTING: a receiving organisation may be passed over only once its time to act has run out (and is marked overdue). */
export const escalationDue: TransferCheck = {
  name: 'escalationDue',
  ruleId: 'REL-ROUTING',
  severity: 'block',
  evaluate: ({ context }) => {
    const id = receivingDeadlineId(context);
    if (id === null) return fail('当前不是接收方办理环节', 'It is not the receiving side’s turn');
    if (context.overdue.some((entry) => entry.deadlineId === id)) {
      return pass('接收方逾期未办理', 'The receiving side did not act in time');
    }
    const deadline = context.deadlines.find((candidate) => candidate.id === id);
    const due = deadline?.due;
    return fail(
      `接收方办理期限${due ? `（${due}）` : ''}尚未逾期，不能由上级代办`,
      `The receiving side's time${due ? ` (until ${due})` : ''} has not run out; its superior cannot act yet`,
      due ? addDays(due, 1) : undefined,
    );
  },
};

/** REL-ROUTING: the superior of the organisation that did not act escalates (and then acts in its place). */
export const superiorActs: TransferCheck = {
  name: 'superiorActs',
  ruleId: 'REL-ROUTING',
  severity: 'block',
  evaluate: ({ context, event }) => {
    const hop = currentHop(context);
    const parentId = hop ? orgById(context.orgs, hop.actingOrgId)?.parentId : null;
    if (!parentId) {
      return fail('组织树中没有该组织的上级组织', 'The tree has no superior of the organisation due to act');
    }
    return actsFor(context, event.actor, parentId);
  },
};

/** The outgoing side (the member's branch, its superiors and their organisation departments) acts, or the member for themself. */
export function outgoingSideActs(ruleId: string, memberMay: boolean): TransferCheck {
  return {
    name: 'outgoingSideActs',
    ruleId,
    severity: 'block',
    evaluate: ({ context, event }) => {
      const { actor } = event;
      if (memberMay && actor.roles.includes('member')) {
        return actor.id === context.personId
          ? pass('党员本人办理', 'The member acts for themself')
          : fail('党员只能为本人办理', 'A member acts only for themself');
      }
      const side = outgoingSide(context.orgs, context.fromOrgId);
      if (!side.includes(actor.orgId)) {
        return fail(
          `执行人所在组织 ${actor.orgId} 不是转出方（${side.join('、')}）`,
          `The actor's organisation ${actor.orgId} is not on the outgoing side (${side.join(', ')})`,
        );
      }
      return actsFor(context, actor, actor.orgId);
    },
  };
}

/** REL-MOBILE-DEFINITION: the inflow organisation (or a superior of it) registers a mobile member. */
export const inflowActs: TransferCheck = {
  name: 'inflowActs',
  ruleId: 'REL-MOBILE-DEFINITION',
  severity: 'block',
  evaluate: ({ context, event }) => {
    const inflow = [context.toOrgId, ...chainUp(context.orgs, context.toOrgId).map((org) => org.id)];
    if (!inflow.includes(event.actor.orgId)) {
      return fail(
        `流动党员由流入地党组织 ${context.toOrgId} 登记管理，执行人所在组织为 ${event.actor.orgId}`,
        `The inflow organisation ${context.toOrgId} registers a mobile member; the actor is from ${event.actor.orgId}`,
      );
    }
    return pass('流入地党组织办理', 'Done by the inflow organisation');
  },
};

/** REL-MOBILE-DEFINITION: either the inflow or the outflow side ends a mobile period. */
export const eitherSideActs: TransferCheck = {
  name: 'eitherSideActs',
  ruleId: 'REL-MOBILE-DEFINITION',
  severity: 'block',
  evaluate: (input) => {
    const inflow = inflowActs.evaluate(input);
    return inflow?.ok ? inflow : outgoingSideActs('REL-MOBILE-DEFINITION', true).evaluate(input);
  },
};

/** REL-TEMP-ABSENCE: an absence up to the short limit takes a certificate only; a longer one may take a temporary relationship. */
export const arrangementFits: TransferCheck = {
  name: 'arrangementFits',
  ruleId: 'REL-TEMP-ABSENCE',
  severity: 'block',
  evaluate: (input) => {
    const issue = payload(input, 'ISSUE_CERTIFICATE');
    if (!issue) return null;
    if (input.context.track.track === 'certificate' && issue.arrangement !== 'certificate') {
      return fail(
        '外出在规定期限以内，只开具党员证明信，不建立临时组织关系',
        'An absence within the short limit takes a certificate letter, not a temporary relationship',
      );
    }
    return pass('临时安排符合外出期限', 'The arrangement fits the length of the absence');
  },
};

/** The last day of the non-transfer period, where the profile makes not transferring a trigger. */
export function nonTransferDue(context: RelationshipTransferContext): LocalDate | null {
  const rules = rulesOn(context.rules, context.movedOn);
  const after = rules.values.relationship.nonTransferFlagAfter;
  return after ? deadlineFrom(context.movedOn, after, rules.dates).date : null;
}

/**
 * REL-NONTRANSFER-6M (document, §16 B17): a member who has not transferred for more than six months
 * is flagged only after the case went overdue and the organisation recorded an attempt to correct it.
 */
export const nonTransferCorrected: TransferCheck = {
  name: 'nonTransferCorrected',
  ruleId: 'REL-NONTRANSFER-6M',
  severity: 'block',
  evaluate: ({ context, event }) => {
    const due = nonTransferDue(context);
    if (due === null) return null;
    if (event.occurredOn <= due || !context.overdue.some((entry) => entry.deadlineId === 'non-transfer')) {
      return fail(
        `调动（${context.movedOn}）后超过六个月（${due} 之后）仍不办理组织关系，且经纠正仍不办理的，才视为自行脱党`,
        `Only a member who has not transferred for over six months after the move (${context.movedOn}; after ${due}) and persists after correction is flagged`,
        addDays(due, 1),
      );
    }
    if (context.correctionAttempts.length === 0) {
      return fail(
        '须先由基层党组织发现并纠正（RECORD_CORRECTION_ATTEMPT），坚持不改的才视为自行脱党',
        'The organisation must first try to correct it (RECORD_CORRECTION_ATTEMPT); only persistence is flagged',
      );
    }
    return pass(
      `超过六个月未转且经 ${context.correctionAttempts.length} 次纠正仍不办理`,
      `Over six months without transfer after ${context.correctionAttempts.length} correction attempt(s)`,
    );
  },
};

/**
 * WDR-SELF-WITHDRAWAL (党章 Art. 9, EC-31): where not transferring is not itself a trigger (national),
 * a candidate needs six consecutive months without org life, dues or assigned work, without good reason.
 */
export const article9Facts: TransferCheck = {
  name: 'article9Facts',
  ruleId: 'WDR-SELF-WITHDRAWAL',
  severity: 'block',
  evaluate: (input) => {
    const flag = payload(input, 'FLAG_WITHDRAWAL_CANDIDATE');
    if (!flag || nonTransferDue(input.context) !== null) return null;
    const length = input.rules.values.withdrawal.consecutiveAbsence;
    const text = describeDuration(length);
    if (flag.goodReason) {
      return fail('有正当理由的，不认为是自行脱党', 'With a good reason on record it is not self-withdrawal');
    }
    const since = [flag.facts.noOrgLifeSince, flag.facts.noDuesSince, flag.facts.noAssignedWorkSince].filter(
      (date): date is LocalDate => date !== undefined,
    );
    const metOn = since.map((date) => minimumPeriodMetOn(date, length, input.rules.dates).date).sort()[0];
    if (metOn !== undefined && flag.occurredOn >= metOn) {
      return pass(
        `连续${text.zh}不参加组织生活、不交纳党费或不做党所分配的工作`,
        `${text.en} in a row without org life, dues or assigned work`,
      );
    }
    return fail(
      `不转组织关系本身不构成自行脱党；须有党章第九条事实：无正当理由连续${text.zh}不参加党的组织生活、或不交纳党费、或不做党所分配的工作${metOn ? `（最早 ${metOn}）` : ''}`,
      `Not transferring is not itself a trigger; 党章 Art. 9 needs ${text.en} in a row without org life, dues or assigned work, without good reason${metOn ? ` (earliest ${metOn})` : ''}`,
      metOn,
    );
  },
};

/** WDR-WARNING-CARD: where the profile sets a correction period, it runs before a candidate is flagged. */
export const correctionPeriodElapsed: TransferCheck = {
  name: 'correctionPeriodElapsed',
  ruleId: 'WDR-WARNING-CARD',
  severity: 'block',
  evaluate: ({ context, event, rules }) => {
    const period = rules.values.withdrawal.warningCardCorrection;
    const last = context.correctionAttempts.at(-1);
    if (!period || !last) return null;
    const metOn = minimumPeriodMetOn(last.on, period, rules.dates).date;
    const text = describeDuration(period);
    return event.occurredOn >= metOn
      ? pass(`整改期限${text.zh}已满`, `The ${text.en} correction period has run`)
      : fail(
          `整改期限${text.zh}未满，最早 ${metOn}`,
          `The ${text.en} correction period has not run; earliest ${metOn}`,
          metOn,
        );
  },
};

/** The deadline named by DEADLINE_REACHED is pending, not yet marked, and its day has passed. */
export const deadlineDue: TransferCheck = deadlineDueCheck();

import { deadlineFrom, type LocalDate, projectProfile } from '@dangwu/rules';
import { produce } from 'immer';
import { refreshDeadlines } from '../core/case-ledger.js';
import { emptyLedger } from '../core/case-records.js';
import { rulesOn } from '../core/rules-context.js';
import { stepWarnings } from '../core/step-spec.js';
import {
  arrivalHop,
  currentHop,
  currentLetter,
  isReceivingAction,
  issuerHop,
  nonTransferDue,
  toTransferInput,
} from './relationship-transfer.checks.js';
import type {
  HistoryEntry,
  LetterRecord,
  RelationshipTransferContext,
  RollState,
  TransferOutcome,
  WithdrawalCandidateRecord,
} from './relationship-transfer.context.js';
import { relationshipTransferDeadlines } from './relationship-transfer.deadlines.js';
import { computeRoute, decideTrack, orgById, type RouteHop } from './relationship-transfer.route.js';
import {
  type RelationshipTransferEvent,
  type RelationshipTransferInput,
  relationshipTransferInputSchema,
} from './relationship-transfer.schema.js';
import { relationshipTransferStepSpecs, type TransferStepName } from './relationship-transfer.steps.js';

/** The initial context from validated input: the profile is projected, the track decided and the route computed. */
export function initialTransferContext(raw: RelationshipTransferInput): RelationshipTransferContext {
  const input = relationshipTransferInputSchema.parse(raw);
  const rules = projectProfile(input.profile, ['common', 'relationship', 'withdrawal']);
  const inForce = rulesOn(rules, input.openedOn);
  const absence = input.absence ?? null;
  const track = decideTrack(absence, input.mobile, inForce);
  const route = track.track === 'formal' ? computeRoute(input.orgs, input.fromOrgId, input.toOrgId, inForce) : null;
  const hops = route?.ok ? route.hops : [];
  const context: RelationshipTransferContext = {
    ...emptyLedger(),
    caseId: input.caseId,
    personId: input.personId,
    fromOrgId: input.fromOrgId,
    toOrgId: input.toOrgId,
    orgs: input.orgs,
    rules,
    track,
    openedOn: input.openedOn,
    movedOn: input.movedOn ?? absence?.from ?? input.openedOn,
    absence,
    route: hops,
    hop: 0,
    hopsDone: hops.map(() => null),
    letters: [],
    escalations: [],
    correctionAttempts: [],
    temporary: null,
    mobile: null,
    roll: { outgoing: true, incoming: false },
    continuingCases: input.continuingCases,
    history: [
      {
        eventType: 'OPEN',
        on: input.openedOn,
        versionId: inForce.versionId,
        actorId: input.actor.id,
        orgId: input.actor.orgId,
        hop: null,
      },
    ],
    candidate: null,
    outcome: null,
  };
  return { ...context, deadlines: relationshipTransferDeadlines(context) };
}

/** Recomputes the pending deadlines of a transfer case (see {@link refreshDeadlines}). */
const refresh = (context: RelationshipTransferContext, on: LocalDate): RelationshipTransferContext =>
  refreshDeadlines(context, relationshipTransferDeadlines(context), on);

/** The next letter of the case, in transit from `issuerOrgId`, valid as the rules in force on `on` say. */
export function newLetter(
  context: RelationshipTransferContext,
  on: LocalDate,
  channel: LetterRecord['channel'],
  basis: LetterRecord['basis'],
  issuerOrgId: string,
): LetterRecord {
  const rules = rulesOn(context.rules, on);
  return {
    no: context.letters.length + 1,
    channel,
    issuedOn: on,
    validUntil: deadlineFrom(on, rules.values.relationship.letterValidity, rules.dates).date,
    issuerOrgId,
    basis,
    status: 'in-transit',
    arrivedOn: null,
  };
}

/** `letters` with the last one replaced by `last`. */
const withLastLetter = (letters: readonly LetterRecord[], last: LetterRecord): LetterRecord[] => [
  ...letters.slice(0, -1),
  last,
];

/** The hop after the current one is done: marks it, and on arrival, registration and receipt updates the letter and the rolls. */
function completeHop(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
): RelationshipTransferContext {
  const hop = currentHop(context);
  if (!hop) return context;
  const letter = currentLetter(context);
  const arriving = isReceivingAction(hop.action) && letter?.status === 'in-transit';
  const hopsDone = [...context.hopsDone];
  hopsDone[hop.index] = {
    on: event.occurredOn,
    versionId: rulesOn(context.rules, event.occurredOn).versionId,
    actorId: event.actor.id,
  };
  return {
    ...context,
    hopsDone,
    hop: hop.index + 1,
    letters:
      letter && arriving
        ? withLastLetter(context.letters, { ...letter, status: 'arrived', arrivedOn: event.occurredOn })
        : context.letters,
    roll: rollAfter(context.roll, hop.action),
  };
}

/** The rolls after a hop: registration puts the member on the receiving roll, the receipt takes them off the outgoing one. */
function rollAfter(roll: RollState, action: RouteHop['action']): RollState {
  if (action === 'register') return { ...roll, incoming: true };
  if (action === 'receipt') return { ...roll, outgoing: false };
  return roll;
}

/** Issues the first or a new letter; a new one restarts the receiving side at the arrival hop. */
function issueLetter(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
  channel: LetterRecord['channel'],
  basis: LetterRecord['basis'],
): RelationshipTransferContext {
  const issuer = issuerHop(context);
  const arrival = arrivalHop(context);
  if (!issuer || !arrival) return context;
  const previous = currentLetter(context);
  const letters =
    previous?.status === 'in-transit'
      ? withLastLetter(context.letters, { ...previous, status: 'superseded' })
      : context.letters;
  const restarts = (index: number) => index >= arrival.index;
  return {
    ...context,
    letters: [...letters, newLetter(context, event.occurredOn, channel, basis, issuer.orgId)],
    hop: arrival.index,
    hopsDone: context.hopsDone.map((done, index) => (restarts(index) ? null : done)),
    // Escalated hops go back to their own organisations; the others are kept, not copied.
    route: context.route.map((hop) =>
      restarts(hop.index) && hop.actingOrgId !== hop.orgId ? { ...hop, actingOrgId: hop.orgId } : hop,
    ),
  };
}

const candidateRemoval = {
  automatic: false,
  inScope: false,
  requires: {
    zh: '本流程只作标记，不除名；除名须经支部党员大会决定并报上级党组织批准（党章第九条），在本流程之外办理',
    en: 'This process only flags; removal needs a branch members’ meeting decision approved by the higher organisation (党章 Art. 9), outside this process',
  },
} as const;

/**
 * Applies the payload of an event to the case: route hops, letters, rolls, escalations, arrangements.
 * The hop and letter updates are built by hand rather than through immer: they run at every step of a
 * transfer, and `refreshDeadlines`, which every step ends with, freezes what they make.
 */
export function applyEvent(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
): RelationshipTransferContext {
  switch (event.type) {
    case 'FORWARD':
    case 'ACCEPT':
    case 'REGISTER':
    case 'FILE_TRANSFER':
    case 'RECORD_RECEIPT':
      return completeHop(context, event);
    case 'ISSUE_LETTER':
      return issueLetter(completeHop(context, event), event, event.channel, 'original');
    case 'REISSUE_LETTER':
      return issueLetter(context, event, event.channel ?? currentLetter(context)?.channel ?? 'paper', event.basis);
    // REFUSE, ESCALATE and RECORD_CORRECTION_ATTEMPT are rare, so they stay with immer.
    case 'REFUSE':
      return produce(context, (draft) => {
        const letter = draft.letters.at(-1);
        if (letter) letter.status = 'returned';
        draft.returns.push({
          from: currentHop(context)?.actingOrgId ?? '',
          on: event.occurredOn,
          reason: event.reason,
        });
      });
    case 'ESCALATE':
      return produce(context, (draft) => {
        const hop = draft.route[draft.hop];
        const parentId = hop ? orgById(context.orgs, hop.actingOrgId)?.parentId : null;
        if (!hop || !parentId) return;
        draft.escalations.push({
          hop: hop.index,
          fromOrgId: hop.actingOrgId,
          toOrgId: parentId,
          byActorId: event.actor.id,
          on: event.occurredOn,
          reason: event.reason,
        });
        hop.actingOrgId = parentId;
      });
    case 'RECORD_CORRECTION_ATTEMPT':
      return produce(context, (draft) => {
        draft.correctionAttempts.push({ on: event.occurredOn, method: event.method, actorId: event.actor.id });
      });
    case 'FLAG_WITHDRAWAL_CANDIDATE': {
      const candidate: WithdrawalCandidateRecord = {
        on: event.occurredOn,
        ruleId: nonTransferDue(context) === null ? 'WDR-SELF-WITHDRAWAL' : 'REL-NONTRANSFER-6M',
        facts: event.facts,
        removal: candidateRemoval,
      };
      return { ...context, candidate };
    }
    case 'ISSUE_CERTIFICATE':
      return {
        ...context,
        temporary: {
          arrangement: event.arrangement,
          issuedOn: event.occurredOn,
          hostOrgId: context.toOrgId,
          votingAtHost: false,
        },
      };
    case 'ISSUE_MOBILE_CARD':
      return { ...context, mobile: { cardIssuedOn: event.occurredOn, registeredOn: null } };
    case 'REGISTER_MOBILE':
      return context.mobile ? { ...context, mobile: { ...context.mobile, registeredOn: event.occurredOn } } : context;
    default:
      return context;
  }
}

const hopEvents = new Set<string>(['FORWARD', 'ISSUE_LETTER', 'ACCEPT', 'REGISTER', 'FILE_TRANSFER', 'RECORD_RECEIPT']);

/**
 * Records a step: the warnings of its checks (run on the case as it was), the payload, an entry in
 * the history with the rule version in force; then recomputes deadlines and moves resolved overdue
 * entries to `late`. Built by hand, as {@link applyEvent} is, and frozen by `refreshDeadlines`.
 */
export function recordStep(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
  guard: TransferStepName,
): RelationshipTransferContext {
  const warnings = stepWarnings(relationshipTransferStepSpecs[guard], toTransferInput(context, event));
  const hop = currentHop(context);
  const applied = applyEvent(context, event);
  const entry: HistoryEntry = {
    eventType: event.type,
    on: event.occurredOn,
    versionId: rulesOn(context.rules, event.occurredOn).versionId,
    actorId: event.actor.id,
    orgId: event.actor.orgId,
    hop: hop && hopEvents.has(event.type) ? hop.index : null,
  };
  const recorded: RelationshipTransferContext = {
    ...applied,
    history: [...applied.history, entry],
    warnings: warnings.length === 0 ? applied.warnings : [...applied.warnings, ...warnings],
  };
  return refresh(recorded, event.occurredOn);
}

/** Records how the case ended. */
export function closeCase(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
  kind: TransferOutcome['kind'],
): RelationshipTransferContext {
  const reason = 'reason' in event ? event.reason : null;
  return refresh({ ...context, outcome: { kind, on: event.occurredOn, reason } }, event.occurredOn);
}

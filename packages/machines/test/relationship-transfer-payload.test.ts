import type { LocalDate } from '@dangwu/rules';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { markOverdue, refreshDeadlines } from '../src/core/case-ledger.js';
import { rulesOn } from '../src/core/rules-context.js';
import { stepWarnings } from '../src/core/step-spec.js';
import {
  arrivalHop,
  currentHop,
  currentLetter,
  isReceivingAction,
  issuerHop,
  toTransferInput,
} from '../src/relationship-transfer/relationship-transfer.checks.js';
import type {
  LetterRecord,
  RelationshipTransferContext,
} from '../src/relationship-transfer/relationship-transfer.context.js';
import { relationshipTransferDeadlines } from '../src/relationship-transfer/relationship-transfer.deadlines.js';
import {
  type RelationshipTransferEvent,
  type RelationshipTransferInput,
  relationshipTransferEventSchema,
} from '../src/relationship-transfer/relationship-transfer.schema.js';
import {
  relationshipTransferStepSpecs,
  type TransferStepName,
} from '../src/relationship-transfer/relationship-transfer.steps.js';
import {
  at,
  reached,
  startTransfer,
  transferInput,
} from '../src/relationship-transfer/relationship-transfer.test-helpers.js';
import {
  applyEvent,
  initialTransferContext,
  newLetter,
  recordStep,
} from '../src/relationship-transfer/relationship-transfer.updates.js';

// The immer versions the hand-built updates replaced, kept as the reference they must agree with.

function completeHop(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
): RelationshipTransferContext {
  const hop = currentHop(context);
  if (!hop) return context;
  const arriving = isReceivingAction(hop.action) && currentLetter(context)?.status === 'in-transit';
  return produce(context, (draft) => {
    draft.hopsDone[hop.index] = {
      on: event.occurredOn,
      versionId: rulesOn(context.rules, event.occurredOn).versionId,
      actorId: event.actor.id,
    };
    draft.hop = hop.index + 1;
    const letter = draft.letters.at(-1);
    if (letter && arriving) {
      letter.status = 'arrived';
      letter.arrivedOn = event.occurredOn;
    }
    if (hop.action === 'register') draft.roll.incoming = true;
    if (hop.action === 'receipt') draft.roll.outgoing = false;
  });
}

function issueLetter(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
  channel: LetterRecord['channel'],
  basis: LetterRecord['basis'],
): RelationshipTransferContext {
  const issuer = issuerHop(context);
  const arrival = arrivalHop(context);
  if (!issuer || !arrival) return context;
  const letter = newLetter(context, event.occurredOn, channel, basis, issuer.orgId);
  return produce(context, (draft) => {
    const previous = draft.letters.at(-1);
    if (previous && previous.status === 'in-transit') previous.status = 'superseded';
    draft.letters.push(letter);
    draft.hop = arrival.index;
    for (const hop of draft.route) {
      if (hop.index >= arrival.index) {
        draft.hopsDone[hop.index] = null;
        hop.actingOrgId = hop.orgId;
      }
    }
  });
}

/** The old applyEvent for the events whose updates changed; the others it leaves to the one in use. */
function referenceApplyEvent(
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
    default:
      return applyEvent(context, event);
  }
}

const hopEvents = new Set<string>(['FORWARD', 'ISSUE_LETTER', 'ACCEPT', 'REGISTER', 'FILE_TRANSFER', 'RECORD_RECEIPT']);

function referenceRecordStep(
  context: RelationshipTransferContext,
  event: RelationshipTransferEvent,
  guard: TransferStepName,
): RelationshipTransferContext {
  const warnings = stepWarnings(relationshipTransferStepSpecs[guard], toTransferInput(context, event));
  const hop = currentHop(context);
  const applied = referenceApplyEvent(context, event);
  const recorded = produce(applied, (draft) => {
    draft.history.push({
      eventType: event.type,
      on: event.occurredOn,
      versionId: rulesOn(context.rules, event.occurredOn).versionId,
      actorId: event.actor.id,
      orgId: event.actor.orgId,
      hop: hop && hopEvents.has(event.type) ? hop.index : null,
    });
    draft.warnings.push(...warnings);
  });
  return refreshDeadlines(recorded, relationshipTransferDeadlines(recorded), event.occurredOn);
}

/** `value` with every object and array in it frozen, so that an update writing to it throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Whether `value` and every object and array in it are frozen. */
const everyObjectFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(everyObjectFrozen));

/** One event of a case and the guard the machine records it under (none for a deadline marked overdue). */
interface Step {
  readonly guard: TransferStepName | null;
  readonly raw: { readonly type: string };
}

const step = (guard: TransferStepName, ...event: Parameters<typeof at>): Step => ({ guard, raw: at(...event) });
const overdue = (...event: Parameters<typeof reached>): Step => ({ guard: null, raw: reached(...event) });

const parsed = (raw: unknown): RelationshipTransferEvent => relationshipTransferEventSchema.parse(raw);

/** National, online, b1 (gbA) → b3 (gbB): up through gbA, the department issues the letter. */
const issuedAcross: readonly Step[] = [
  step('mayForward', 'FORWARD', '2026-03-02' as LocalDate, 'b1'),
  step('mayForward', 'FORWARD', '2026-03-04' as LocalDate, 'gbA'),
  step('mayIssueLetter', 'ISSUE_LETTER', '2026-03-10' as LocalDate, 'dept', { channel: 'online' }),
];

interface Variant {
  readonly name: string;
  readonly input: RelationshipTransferInput;
  readonly steps: readonly Step[];
  /** What the case must have come to, so that the walk is known to reach the updates it is meant to. */
  readonly reaches: (context: RelationshipTransferContext) => void;
}

const statuses = (context: RelationshipTransferContext) => context.letters.map((letter) => letter.status);

const variants: readonly Variant[] = [
  {
    name: 'the national route across general branches (the letter arrives, the rolls change)',
    input: transferInput('national', 'b3', '2026-03-02' as LocalDate),
    steps: [
      ...issuedAcross,
      step('mayAccept', 'ACCEPT', '2026-03-12' as LocalDate, 'gbB'),
      step('mayRegister', 'REGISTER', '2026-03-15' as LocalDate, 'b3'),
      step('mayRecordReceipt', 'RECORD_RECEIPT', '2026-03-20' as LocalDate, 'dept'),
    ],
    reaches: (context) => {
      expect(statuses(context)).toEqual(['arrived']);
      expect(context.letters[0]?.arrivedOn).toBe('2026-03-12');
      expect(context.roll).toEqual({ outgoing: false, incoming: true });
      expect(context.hopsDone.every((done) => done !== null)).toBe(true);
    },
  },
  {
    name: 'the document route within a general branch, registered after the letter expired (a warning) and filed',
    input: transferInput('document', 'b2', '2026-03-02' as LocalDate),
    steps: [
      step('mayIssueLetter', 'ISSUE_LETTER', '2026-03-02' as LocalDate, 'b1', { channel: 'paper' }),
      step('mayRegister', 'REGISTER', '2026-06-03' as LocalDate, 'b2'),
      step('mayFile', 'FILE_TRANSFER', '2026-06-04' as LocalDate, 'dept'),
      step('mayRecordReceipt', 'RECORD_RECEIPT', '2026-06-05' as LocalDate, 'b1'),
    ],
    reaches: (context) => {
      expect(statuses(context)).toEqual(['arrived']);
      expect(context.warnings.map((warning) => warning.ruleId)).toEqual(['REL-LETTER-VALIDITY']);
      expect(context.roll).toEqual({ outgoing: false, incoming: true });
    },
  },
  {
    name: 'an expired letter re-issued (the first superseded, the second arrives)',
    input: transferInput('national', 'b3', '2026-03-02' as LocalDate),
    steps: [
      ...issuedAcross,
      step('mayReissueExpired', 'REISSUE_LETTER', '2026-06-12' as LocalDate, 'dept', {
        basis: 'certificate-and-application',
      }),
      step('mayAccept', 'ACCEPT', '2026-06-15' as LocalDate, 'gbB'),
      step('mayRegister', 'REGISTER', '2026-06-16' as LocalDate, 'b3'),
      step('mayRecordReceipt', 'RECORD_RECEIPT', '2026-06-20' as LocalDate, 'dept'),
    ],
    reaches: (context) => {
      expect(statuses(context)).toEqual(['superseded', 'arrived']);
      expect(context.letters[1]).toMatchObject({ channel: 'online', basis: 'certificate-and-application' });
    },
  },
  {
    name: 'a letter refused after an escalation and re-issued (the receiving hops restart, the escalated one back at gbB)',
    input: transferInput('national', 'b3', '2026-03-02' as LocalDate),
    steps: [
      ...issuedAcross,
      overdue('receive-hop-4-letter-1', '2026-04-10' as LocalDate),
      step('mayEscalate', 'ESCALATE', '2026-04-12' as LocalDate, 'cmte', { reason: 'NO-RESPONSE' }),
      step('mayAccept', 'ACCEPT', '2026-04-13' as LocalDate, 'cmte'),
      step('mayRefuse', 'REFUSE', '2026-04-14' as LocalDate, 'b3', { reason: 'WRONG-UNIT' }),
      step('mayReissueReturned', 'REISSUE_LETTER', '2026-04-20' as LocalDate, 'dept', { basis: 'reissue' }),
    ],
    reaches: (context) => {
      expect(statuses(context)).toEqual(['returned', 'in-transit']);
      expect(context.escalations).toHaveLength(1);
      expect(context.route[3]).toMatchObject({ orgId: 'gbB', actingOrgId: 'gbB' });
      expect(context.hop).toBe(3);
      expect(context.hopsDone.slice(3)).toEqual([null, null, null]);
    },
  },
];

describe('relationship-transfer recordStep and applyEvent', () => {
  it.each(variants)('the machine accepts every step of $name', ({ input, steps }) => {
    const driver = startTransfer('live', input);
    for (const { raw } of steps) driver.accept(raw);
  });

  it.each(variants)(
    'agree with the immer version at every step of $name, on frozen cases, and freeze what they return',
    ({ input, steps, reaches }) => {
      // Frozen from the start, so an update that wrote to the case it was given would throw.
      let context = deepFreeze(initialTransferContext(input));
      for (const { guard, raw } of steps) {
        if (guard === null) {
          context = markOverdue(context, raw);
          continue;
        }
        const event = parsed(raw);
        expect(applyEvent(context, event)).toEqual(referenceApplyEvent(context, event));
        const recorded = recordStep(context, event, guard);
        expect(recorded).toEqual(referenceRecordStep(context, event, guard));
        expect(everyObjectFrozen(recorded)).toBe(true);
        context = recorded;
      }
      reaches(context);
    },
  );
});

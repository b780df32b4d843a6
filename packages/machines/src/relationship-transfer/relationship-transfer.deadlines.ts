import { type Bilingual, deadlineFrom, describeDuration, type LocalDate } from '@dangwu/rules';
import type { Deadline } from '../core/process-definition.js';
import { rulesOn } from '../core/rules-context.js';
import {
  arrivalHop,
  currentHop,
  currentLetter,
  nonTransferDue,
  receivingDeadlineId,
} from './relationship-transfer.checks.js';
import type { RelationshipTransferContext } from './relationship-transfer.context.js';
import { hopActionText } from './relationship-transfer.route.js';

const dated = (id: string, ruleId: string, due: LocalDate, text: Bilingual, provisional = false): Deadline => ({
  id,
  ruleId,
  due,
  raises: { type: 'DEADLINE_REACHED', deadlineId: id },
  text,
  provisional,
});

/** The date the hop due now became due: the previous hop's date, or the letter's for the arrival hop. */
function hopStartedOn(context: RelationshipTransferContext): LocalDate | null {
  const hop = currentHop(context);
  const letter = currentLetter(context);
  if (!hop || !letter) return null;
  if (hop.index === arrivalHop(context)?.index) return letter.issuedOn;
  return context.hopsDone[hop.index - 1]?.on ?? null;
}

/**
 * The deadlines pending on a transfer case, derived from its records alone: the receiving side's time
 * to act (REL-ROUTING, `receivingActWithin`), the letter's validity (REL-LETTER-VALIDITY), the
 * non-transfer period where the profile has one (REL-NONTRANSFER-6M) and an absence's expected end
 * (REL-TEMP-ABSENCE). Missing one never blocks the case; it marks it overdue.
 */
export function relationshipTransferDeadlines(context: RelationshipTransferContext): Deadline[] {
  if (context.outcome) return [];
  const deadlines: Deadline[] = [];
  const started = context.hopsDone.some((record) => record !== null);
  const nonTransfer = nonTransferDue(context);
  if (context.track.track === 'formal' && !started && nonTransfer) {
    deadlines.push(
      dated('non-transfer', 'REL-NONTRANSFER-6M', nonTransfer, {
        zh: `调动后六个月内办理组织关系转接（${context.movedOn} 起）`,
        en: `Transfer the relationship within six months of the move (${context.movedOn})`,
      }),
    );
  }
  const letter = currentLetter(context);
  const hop = currentHop(context);
  const receivingId = receivingDeadlineId(context);
  const anchor = hopStartedOn(context);
  if (hop && receivingId && anchor) {
    const rules = rulesOn(context.rules, anchor);
    const within = rules.values.relationship.receivingActWithin;
    const due = deadlineFrom(anchor, within, rules.dates);
    const length = describeDuration(within);
    deadlines.push(
      dated(
        receivingId,
        'REL-ROUTING',
        due.date,
        {
          zh: `${hop.actingOrgId} 在${length.zh}内${hopActionText[hop.action].zh}（逾期可由上级组织代办）`,
          en: `${hop.actingOrgId} is to ${hopActionText[hop.action].en} within ${length.en} (its superior may act once overdue)`,
        },
        due.provisional,
      ),
    );
  }
  if (letter?.status === 'in-transit') {
    deadlines.push(
      dated(`letter-${letter.no}`, 'REL-LETTER-VALIDITY', letter.validUntil, {
        zh: `介绍信有效期至 ${letter.validUntil}，须在此前送达接收党组织`,
        en: `The letter is valid until ${letter.validUntil}; it must reach the receiving organisation by then`,
      }),
    );
  }
  if (context.temporary && context.absence) {
    deadlines.push(
      dated('absence-end', 'REL-TEMP-ABSENCE', context.absence.until, {
        zh: `预计 ${context.absence.until} 结束外出；延长超过规定期限的应正式转接组织关系`,
        en: `The absence is expected to end on ${context.absence.until}; a longer absence needs a formal transfer`,
      }),
    );
  }
  return deadlines;
}

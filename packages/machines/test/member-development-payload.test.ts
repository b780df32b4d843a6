import { evaluateVote, type LocalDate } from '@dangwu/rules';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { rulesOn } from '../src/core/rules-context.js';
import type { DevelopmentContext } from '../src/member-development/member-development.context.js';
import type { DevelopmentEvent } from '../src/member-development/member-development.schema.js';
import { applyPayload, initialDevelopmentContext } from '../src/member-development/member-development.updates.js';
import { developmentInput, ev, goodVote, twoContacts, twoIntroducers } from './development-fixtures.js';

/** The immer version applyPayload replaced, kept as the reference it must agree with. */
function reference(context: DevelopmentContext, event: DevelopmentEvent): DevelopmentContext {
  return produce(context, (draft) => {
    switch (event.type) {
      case 'ASSIGN_CONTACTS':
        draft.contacts = event.contacts;
        break;
      case 'REPLACE_CONTACT':
        draft.contacts = [...draft.contacts.filter((contact) => contact.id !== event.replacedId), event.contact];
        break;
      case 'RECORD_REPORT':
        draft.reports.push(event.occurredOn);
        break;
      case 'RECORD_ASSESSMENT':
        draft.assessments.push(event.occurredOn);
        break;
      case 'SET_INTRODUCERS':
        draft.introducers = event.introducers;
        break;
      case 'RECORD_TRAINING':
        draft.training = { days: event.days, hours: event.hours };
        break;
      case 'HOLD_VOTE': {
        const rules = rulesOn(context.rules, event.occurredOn);
        const outcome = evaluateVote(event.votes, event.method, event.candidates, rules.values.development.vote);
        draft.votes.push({
          on: event.occurredOn,
          count: event.votes,
          method: event.method,
          passed: outcome.passed,
          versionId: rules.versionId,
        });
        break;
      }
      case 'CLOSE_NOTICE':
        if (event.objections > 0) {
          draft.investigation = { notice: context.steps.vote ? 'post-vote' : 'target', objections: event.objections };
        }
        break;
      case 'CONCLUDE_INVESTIGATION':
        draft.investigation = null;
        break;
      case 'RETURN':
        draft.returns.push({ from: JSON.stringify(event.type), on: event.occurredOn, reason: event.reason });
        break;
      case 'WAIVE':
        draft.waivers.push({
          id: `waiver-${draft.waivers.length + 1}`,
          ruleId: event.ruleId,
          on: event.occurredOn,
          approvedBy: event.actor.id,
          reason: event.reason,
        });
        break;
      case 'TRANSFER':
        draft.transfers.push({ fromOrgId: draft.orgId, toOrgId: event.toOrgId, on: event.occurredOn });
        draft.orgId = event.toOrgId;
        break;
      default:
        break;
    }
  });
}

const on = '2025-06-02' as LocalDate;
const events = [
  ev('ASSIGN_CONTACTS', on, 'branch-committee', twoContacts),
  ev('REPLACE_CONTACT', on, 'branch-committee', { replacedId: 'c1', contact: { id: 'c3', fullMember: true } }),
  ev('RECORD_REPORT', on, 'applicant', { form: 'written' }),
  ev('RECORD_ASSESSMENT', on, 'branch-committee', { result: 'satisfactory' }),
  ev('SET_INTRODUCERS', on, 'branch-committee', twoIntroducers),
  ev('RECORD_TRAINING', on, 'base-committee', { days: 3, hours: 24 }),
  ev('HOLD_VOTE', on, 'branch-assembly', goodVote),
  ev('HOLD_VOTE', on, 'branch-assembly', { ...goodVote, method: 'show-of-hands' }),
  ev('CLOSE_NOTICE', on, 'branch-committee', { postedOn: '2025-05-25', objections: 2 }),
  ev('CLOSE_NOTICE', on, 'branch-committee', { postedOn: '2025-05-25', objections: 0 }),
  ev('CONCLUDE_INVESTIGATION', on, 'branch-committee', { affectsAdmission: false, reason: 'unfounded' }),
  ev('RETURN', on, 'base-committee', { reason: 'incomplete file' }),
  ev('WAIVE', on, 'base-committee', { ruleId: 'DEV-TRAINING-MIN', reason: 'special case' }),
  ev('TRANSFER', on, 'org-dept', { toOrgId: 'branch-2' }),
  ev('RECORD_TALK', on, 'branch-secretary'),
  ev('TAKE_OATH', on, 'branch-committee'),
] as unknown as DevelopmentEvent[];

/** Cases at different points: new, and one with contacts, a vote recorded and an investigation open. */
function cases(): DevelopmentContext[] {
  const fresh = initialDevelopmentContext(developmentInput('national', '2025-03-03'));
  const busy: DevelopmentContext = {
    ...fresh,
    contacts: twoContacts.contacts,
    steps: {
      ...fresh.steps,
      vote: { on: '2025-05-20' as LocalDate, versionId: fresh.steps.applied?.versionId ?? '', actorId: 'x' },
    },
    investigation: { notice: 'target', objections: 1 },
    waivers: [{ id: 'waiver-1', ruleId: 'DEV-APPROVAL-DEADLINE', on, approvedBy: 'y', reason: 'earlier' }],
  };
  return [fresh, busy];
}

describe('member-development applyPayload', () => {
  it('agrees with the immer version for every kind of payload, and leaves a case without one as it is', () => {
    for (const context of cases()) {
      for (const event of events) {
        const applied = applyPayload(structuredClone(context), event);
        expect(applied).toEqual(reference(structuredClone(context), event));
        const untouched = structuredClone(context);
        if (reference(untouched, event) === untouched) expect(applyPayload(untouched, event)).toBe(untouched);
      }
    }
  });
});

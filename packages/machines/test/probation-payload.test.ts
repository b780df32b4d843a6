import { evaluateVote, type LocalDate, national } from '@dangwu/rules';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { rulesOn } from '../src/core/rules-context.js';
import { probationVoteRuleIds } from '../src/probation/probation.checks.js';
import type { ProbationContext } from '../src/probation/probation.context.js';
import type { ProbationEvent } from '../src/probation/probation.schema.js';
import { applyPayload, initialProbationContext } from '../src/probation/probation.updates.js';
import { as, ev } from './development-fixtures.js';

/** The immer version applyPayload replaced, kept as the reference it must agree with. */
function reference(context: ProbationContext, event: ProbationEvent): ProbationContext {
  return produce(context, (draft) => {
    switch (event.type) {
      case 'RECORD_REPORT':
        draft.reports.push(event.occurredOn);
        break;
      case 'CLOSE_NOTICE':
        draft.noticeObjections = event.objections;
        break;
      case 'HOLD_VOTE': {
        const rules = rulesOn(context.rules, event.occurredOn);
        const outcome = evaluateVote(
          event.votes,
          event.method,
          event.candidates,
          rules.values.probation.vote,
          probationVoteRuleIds,
        );
        const vote = {
          on: event.occurredOn,
          count: event.votes,
          method: event.method,
          decision: event.decision,
          extensionMonths: event.extensionMonths ?? null,
          reason: event.reason ?? null,
          passed: outcome.passed,
          versionId: rules.versionId,
        };
        draft.votes.push(vote);
        if (outcome.passed) draft.pending = vote;
        break;
      }
      case 'TRANSFER':
        draft.transfers.push({ fromOrgId: draft.orgId, toOrgId: event.toOrgId, on: event.occurredOn });
        draft.orgId = event.toOrgId;
        break;
      default:
        break;
    }
  });
}

const on = '2026-05-20' as LocalDate;
const votes = { due: 16, present: 12, for: 10, against: 2, abstain: 0, writtenFor: 0, writtenAgainst: 0 };
const events = [
  ev('RECORD_REPORT', on, 'member'),
  ev('CLOSE_NOTICE', on, 'branch-committee', { postedOn: '2026-05-10', objections: 3 }),
  ev('CLOSE_NOTICE', on, 'branch-committee', { postedOn: '2026-05-10', objections: 0 }),
  ev('HOLD_VOTE', on, 'branch-assembly', { votes, method: 'secret-ballot', candidates: 1, decision: 'convert' }),
  ev('HOLD_VOTE', on, 'branch-assembly', {
    votes,
    method: 'show-of-hands',
    candidates: 1,
    decision: 'extend',
    extensionMonths: 6,
    reason: 'needs more time',
  }),
  ev('TRANSFER', on, 'org-dept', { toOrgId: 'branch-2' }),
  ev('RECORD_TALK', on, 'branch-committee'),
] as unknown as ProbationEvent[];

describe('probation applyPayload', () => {
  it('agrees with the immer version for every kind of payload, and leaves a case without one as it is', () => {
    const fresh = initialProbationContext({
      caseId: 'prob-1',
      personId: 'p-1',
      orgId: 'branch-1',
      actor: as('branch-committee'),
      profile: national,
      probationStart: '2025-06-10',
    } as never);
    for (const context of [fresh, { ...fresh, noticeObjections: 3 }]) {
      for (const event of events) {
        expect(applyPayload(structuredClone(context), event)).toEqual(reference(structuredClone(context), event));
        const untouched = structuredClone(context);
        if (reference(untouched, event) === untouched) expect(applyPayload(untouched, event)).toBe(untouched);
      }
    }
  });
});

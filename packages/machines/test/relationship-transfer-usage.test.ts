// #region usage
import {
  type Explanation,
  explainRelationshipTransfer,
  parsePayload,
  relationshipTransferInputSchema,
  relationshipTransferMachine,
} from '@dangwu/machines';
import { national } from '@dangwu/rules';
import { createActor } from 'xstate';

/** Moves member `m-42` from a branch of the sales general branch to one of the plant general branch, online. */
export function transferMember() {
  // The host supplies the organisations involved and their superiors up to a common one.
  const orgs = [
    { id: 'committee', parentId: null, kind: 'party-committee' },
    { id: 'org-dept', parentId: 'committee', kind: 'org-dept' },
    { id: 'gb-sales', parentId: 'committee', kind: 'general-branch' },
    { id: 'gb-plant', parentId: 'committee', kind: 'general-branch' },
    { id: 'b-sales-1', parentId: 'gb-sales', kind: 'branch' },
    { id: 'b-plant-2', parentId: 'gb-plant', kind: 'branch' },
  ] as const;
  const by = (orgId: string, role: 'branch-secretary' | 'general-branch' | 'org-dept') => ({
    id: `${role}@${orgId}`,
    roles: [role],
    orgId,
  });
  const input = parsePayload(
    relationshipTransferInputSchema,
    {
      caseId: 'rel-2026-017',
      personId: 'm-42',
      fromOrgId: 'b-sales-1',
      toOrgId: 'b-plant-2',
      orgs,
      openedOn: '2026-06-01',
      continuingCases: ['probation-m-42'],
      actor: by('b-sales-1', 'branch-secretary'),
      profile: national,
    },
    'input',
  );
  const actor = createActor(relationshipTransferMachine, { input }).start();

  // Ask before sending: the explanation says why an event is refused, with the rule id.
  const send = (event: { type: string } & Record<string, unknown>): Explanation => {
    const explanation = explainRelationshipTransfer(actor.getSnapshot(), event);
    if (explanation.verdict === 'allowed') actor.send(event as never);
    return explanation;
  };

  const route = actor.getSnapshot().context.route.map((hop) => `${hop.orgId}: ${hop.action}`);
  send({ type: 'FORWARD', occurredOn: '2026-06-01', actor: by('b-sales-1', 'branch-secretary') });
  send({ type: 'FORWARD', occurredOn: '2026-06-03', actor: by('gb-sales', 'general-branch') });
  send({ type: 'ISSUE_LETTER', channel: 'online', occurredOn: '2026-06-05', actor: by('org-dept', 'org-dept') });
  const deadlines = actor.getSnapshot().context.deadlines.map((deadline) => `${deadline.ruleId} ${deadline.due}`);
  const tooEarly = send({ type: 'REGISTER', occurredOn: '2026-06-08', actor: by('b-plant-2', 'branch-secretary') });
  send({ type: 'ACCEPT', occurredOn: '2026-06-08', actor: by('gb-plant', 'general-branch') });
  send({ type: 'REGISTER', occurredOn: '2026-06-10', actor: by('b-plant-2', 'branch-secretary') });
  send({ type: 'RECORD_RECEIPT', occurredOn: '2026-06-12', actor: by('org-dept', 'org-dept') });

  // Once done, the output says which roll the member is on and where continuing cases go (EC-05).
  const output = actor.getSnapshot().output;
  const transfers =
    output?.receivingOrgId && output.outcome
      ? output.continuingCases.map((caseId) => ({
          caseId,
          event: {
            type: 'TRANSFER',
            toOrgId: output.receivingOrgId,
            occurredOn: output.outcome?.on,
            actor: by('org-dept', 'org-dept'),
          },
        }))
      : [];
  return { route, deadlines, tooEarly: tooEarly.message.zh, roll: output?.roll, transfers };
}

// #endregion usage

import { describe, expect, it } from 'vitest';

describe('relationship transfer usage (docs/processes/relationship-transfer.md)', () => {
  it('runs the documented example', () => {
    const result = transferMember();
    expect(result.route).toEqual([
      'b-sales-1: forward',
      'gb-sales: forward',
      'org-dept: issue',
      'gb-plant: accept',
      'b-plant-2: register',
      'org-dept: receipt',
    ]);
    expect(result.deadlines).toEqual(['REL-ROUTING 2026-07-05', 'REL-LETTER-VALIDITY 2026-09-05']);
    expect(result.tooEarly).toContain('不是接收登记');
    expect(result.roll).toEqual({ outgoing: false, incoming: true });
    expect(result.transfers).toEqual([
      {
        caseId: 'probation-m-42',
        event: {
          type: 'TRANSFER',
          toOrgId: 'b-plant-2',
          occurredOn: '2026-06-12',
          actor: { id: 'org-dept@org-dept', roles: ['org-dept'], orgId: 'org-dept' },
        },
      },
    ]);
  });
});

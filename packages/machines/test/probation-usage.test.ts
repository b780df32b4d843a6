// The usage example of docs/processes/probation.md lives here, between `// #region usage` and
// `// #endregion usage`, so it runs and asserts its results; the docs test in @dangwu/cli checks that
// the page shows exactly this region.
import {
  type DevelopmentOutput,
  type Explanation,
  explainProbation,
  memberDevelopmentMachine,
  parsePayload,
  probationInputFromAdmission,
  probationInputSchema,
  probationMachine,
  type Role,
} from '@dangwu/machines';
import { documentRules, InvalidPayloadError, national, type RuleProfile } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';

const at = (role: Role) => ({ id: `u-${role}`, roles: [role], orgId: 'branch-3' });

/** A development case imported just before the oath and finished: admitted by the vote of 2025-06-10. */
function finishedDevelopment(): DevelopmentOutput {
  const development = createActor(memberDevelopmentMachine, {
    input: {
      caseId: 'dev-2024-031',
      personId: 'p-1024',
      orgId: 'branch-3',
      birthDate: '2001-11-20',
      appliedOn: '2024-01-08',
      actor: at('branch-secretary'),
      profile: national,
      import: { at: 'awaitingOath', steps: { vote: '2025-06-10', approved: '2025-07-20' } },
    },
  }).start();
  development.send({ type: 'TAKE_OATH', occurredOn: '2025-07-25', actor: at('branch-committee') });
  const output = development.getSnapshot().output;
  if (!output) throw new Error('the development case did not finish');
  return output;
}

const lawfulVotes = { due: 16, present: 12, for: 10, against: 2, abstain: 0, writtenFor: 0, writtenAgainst: 0 };

function start(profile: RuleProfile, probationStart: string) {
  const input = parsePayload(
    probationInputSchema,
    { caseId: 'prob-1', personId: 'p-1', orgId: 'branch-3', actor: at('branch-committee'), profile, probationStart },
    'input',
  );
  const actor = createActor(probationMachine, { input }).start();
  const send = (type: string, occurredOn: string, role: Role, payload: object = {}): Explanation => {
    const event = { type, occurredOn, actor: at(role), ...payload };
    const why = explainProbation(actor.getSnapshot(), event);
    if (why.verdict === 'allowed') actor.send(event as never);
    return why;
  };
  return { actor, send };
}

describe('docs/processes/probation.md usage', () => {
  it('converts a probationary member admitted on 2025-06-10; 党龄 runs from the end of probation (EC-27)', () => {
    const admission = finishedDevelopment();
    // #region usage
    const by = (role: Role) => ({ id: `u-${role}`, roles: [role], orgId: 'branch-3' });
    // `admission` is the output of a finished development case; the probation starts on its vote date (EC-25).
    const input = probationInputFromAdmission(admission, national, by('branch-committee'));
    const actor = createActor(probationMachine, { input }).start();
    const endDue = actor.getSnapshot().context.deadlines.map(({ ruleId, due }) => `${ruleId} ${due}`);

    // Ask before sending: explain gives the verdict, the failing rule ids and the earliest date.
    const send = (type: string, occurredOn: string, role: Role, payload: object = {}): Explanation => {
      const event = { type, occurredOn, actor: by(role), ...payload };
      const why = explainProbation(actor.getSnapshot(), event);
      if (why.verdict === 'allowed') actor.send(event as never);
      return why;
    };
    const tooEarly = send('APPLY_FOR_CONVERSION', '2026-04-01', 'applicant');
    send('APPLY_FOR_CONVERSION', '2026-05-15', 'applicant');
    send('COLLECT_OPINIONS', '2026-05-25', 'party-group'); // document profile: the branch committee (EC-42)
    send('RECORD_COMMITTEE_REVIEW', '2026-06-01', 'branch-committee');

    // The conversion vote: more than half of those due in favour, secret ballot, one person at a time.
    const votes = { due: 16, present: 12, for: 10, against: 2, abstain: 0, writtenFor: 0, writtenAgainst: 0 };
    const motion = { votes, method: 'secret-ballot', candidates: 1, decision: 'convert' };
    const beforeEnd = send('HOLD_VOTE', '2026-06-05', 'branch-assembly', motion);
    send('HOLD_VOTE', '2026-06-12', 'branch-assembly', motion);
    const approvalDue = actor.getSnapshot().context.deadlines.map(({ ruleId, due }) => `${ruleId} ${due}`);

    // The higher committee misses its 3 months: the case shows it overdue, but approval is never blocked.
    send('DEADLINE_REACHED', '2026-09-13', 'system', { deadlineId: 'approval' });
    const late = send('APPROVE_CONVERSION', '2026-10-08', 'base-committee');
    send('TALK_AND_ANNOUNCE', '2026-10-15', 'branch-secretary');
    const output = actor.getSnapshot().output; // partyAgeFrom: the end of probation, not the approval date
    // #endregion usage

    expect(input.probationStart).toBe('2025-06-10');
    expect(endDue).toEqual(['PROB-DISCUSS-TIMING 2026-06-10']);
    expect(tooEarly.verdict).toBe('refused');
    expect(tooEarly.failures[0]).toMatchObject({ ruleId: 'PROB-DISCUSS-TIMING', earliest: '2026-05-10' });
    expect(tooEarly.message.zh).toContain('最早 2026-05-10');
    expect(beforeEnd.failures[0]).toMatchObject({ ruleId: 'PROB-DISCUSS-TIMING', earliest: '2026-06-10' });
    expect(approvalDue).toEqual(['PROB-APPROVAL-DEADLINE 2026-09-12']);
    expect(late.verdict).toBe('allowed');
    expect(late.warnings.map((warning) => warning.ruleId)).toEqual(['PROB-APPROVAL-DEADLINE']);
    const { context, value } = actor.getSnapshot();
    expect(value).toEqual({ case: 'fullMember', timeliness: 'closed' });
    expect(context.late).toMatchObject([{ deadlineId: 'approval', due: '2026-09-12', doneOn: '2026-10-08' }]);
    expect(context.votes[0]).toMatchObject({ passed: true, decision: 'convert', versionId: 'NAT-2026' });
    expect(output).toMatchObject({
      outcome: { kind: 'converted', on: '2026-10-15' },
      probationStart: '2025-06-10',
      endsOn: '2026-06-10',
      partyAgeFrom: '2026-06-10',
      fullMemberOn: '2026-06-10',
      approvedOn: '2026-10-08',
    });
  });

  it('refuses to start probation from a case that did not end in admission, or under another profile', () => {
    const admission = finishedDevelopment();
    expect(() => probationInputFromAdmission(admission, documentRules, at('branch-committee'))).toThrow(
      InvalidPayloadError,
    );
    const withdrawn: DevelopmentOutput = {
      ...admission,
      outcome: { kind: 'withdrawn', on: '2025-01-01', reason: 'X' },
    };
    expect(() => probationInputFromAdmission(withdrawn, national, at('branch-committee'))).toThrow(/PROB-OUTCOMES/);
  });

  it('document profile: quarterly reports, opinions by the branch committee (EC-42)', () => {
    const { actor, send } = start(documentRules, '2025-03-03');
    expect(actor.getSnapshot().context.deadlines.map(({ id, ruleId, due }) => [id, ruleId, due])).toEqual([
      ['probation-end', 'PROB-DISCUSS-TIMING', '2026-03-03'],
      ['report-after-2025-03-03', 'PROB-REPORT-FREQ', '2025-06-03'],
    ]);
    send('RECORD_REPORT', '2025-05-30', 'applicant', { form: 'written' });
    expect(actor.getSnapshot().context.deadlines[1]?.due).toBe('2025-08-30');
    // No report after May: applying is allowed, with a PROB-REPORT-FREQ warning.
    expect(send('APPLY_FOR_CONVERSION', '2026-02-10', 'applicant').warnings[0]?.ruleId).toBe('PROB-REPORT-FREQ');
    expect(send('COLLECT_OPINIONS', '2026-02-15', 'party-group').verdict).toBe('refused');
    expect(send('COLLECT_OPINIONS', '2026-02-15', 'branch-committee').verdict).toBe('allowed');
  });

  it('extension: once, 6 to 12 months; the end date and 党龄 move with it (PROB-EXTENSION, EC-26)', () => {
    const { actor, send } = start(national, '2025-06-10');
    send('APPLY_FOR_CONVERSION', '2026-05-15', 'applicant');
    send('COLLECT_OPINIONS', '2026-05-25', 'party-group');
    send('RECORD_COMMITTEE_REVIEW', '2026-06-01', 'branch-committee');
    const extend = {
      votes: lawfulVotes,
      method: 'secret-ballot',
      candidates: 1,
      decision: 'extend',
      reason: 'NEEDS-TIME',
    };
    const short = send('HOLD_VOTE', '2026-06-12', 'branch-assembly', { ...extend, extensionMonths: 3 });
    expect(short.failures[0]?.ruleId).toBe('PROB-EXTENSION');
    send('HOLD_VOTE', '2026-06-12', 'branch-assembly', { ...extend, extensionMonths: 6 });
    expect(send('APPROVE_EXTENSION', '2026-07-01', 'base-committee').verdict).toBe('allowed');
    expect(actor.getSnapshot().context.endsOn).toBe('2026-12-10');
    expect(actor.getSnapshot().value).toMatchObject({ case: 'probationary' });
    send('APPLY_FOR_CONVERSION', '2026-11-20', 'applicant');
    send('COLLECT_OPINIONS', '2026-11-25', 'party-group');
    send('RECORD_COMMITTEE_REVIEW', '2026-12-01', 'branch-committee');
    const again = send('HOLD_VOTE', '2026-12-10', 'branch-assembly', { ...extend, extensionMonths: 6 });
    expect(again.failures[0]?.ruleId).toBe('PROB-EXTENSION');
    send('HOLD_VOTE', '2026-12-10', 'branch-assembly', { ...extend, decision: 'convert', reason: undefined });
    send('APPROVE_CONVERSION', '2026-12-20', 'base-committee');
    send('TALK_AND_ANNOUNCE', '2026-12-28', 'branch-secretary');
    expect(actor.getSnapshot().output).toMatchObject({ extensionMonths: [6], partyAgeFrom: '2026-12-10' });
  });

  it('transfer (EC-05) under NAT-2026 postpones the discussion by up to 6 months; cancellation for discipline (EC-28)', () => {
    const moved = start(national, '2025-09-01');
    moved.send('TRANSFER', '2026-06-01', 'org-dept', { toOrgId: 'branch-8' });
    expect(moved.actor.getSnapshot().context.orgId).toBe('branch-8');
    expect(moved.actor.getSnapshot().context.deadlines).toMatchObject([
      { id: 'probation-end', ruleId: 'PROB-DISCUSS-TIMING', due: '2027-03-01' },
    ]);

    const breach = start(national, '2025-09-01');
    const cancel = { votes: lawfulVotes, method: 'secret-ballot', candidates: 1, decision: 'cancel' };
    expect(breach.send('HOLD_VOTE', '2026-01-10', 'branch-assembly', cancel).failures[0]?.ruleId).toBe('PROB-OUTCOMES');
    breach.send('HOLD_VOTE', '2026-01-10', 'branch-assembly', { ...cancel, reason: 'SERIOUS-BREACH' });
    breach.send('APPROVE_CANCELLATION', '2026-02-01', 'base-committee');
    expect(breach.actor.getSnapshot().output?.outcome).toEqual({
      kind: 'cancelled',
      on: '2026-02-01',
      reason: 'SERIOUS-BREACH',
    });
  });

  it('EC-24 a probation from 29 Feb ends on 28 Feb; the document inherits the secret ballot for conversion', () => {
    expect(start(national, '2024-02-29').actor.getSnapshot().context.endsOn).toBe('2025-02-28');
    const { send } = start(documentRules, '2025-03-03');
    send('APPLY_FOR_CONVERSION', '2026-02-10', 'applicant');
    send('COLLECT_OPINIONS', '2026-02-15', 'branch-committee');
    send('RECORD_COMMITTEE_REVIEW', '2026-02-20', 'branch-committee');
    const motion = { votes: lawfulVotes, candidates: 1, decision: 'convert' };
    const hands = send('HOLD_VOTE', '2026-03-03', 'branch-assembly', { ...motion, method: 'show-of-hands' });
    expect(hands.failures[0]?.ruleId).toBe('PROB-VOTE-RULES');
    expect(send('HOLD_VOTE', '2026-03-03', 'branch-assembly', { ...motion, method: 'secret-ballot' }).verdict).toBe(
      'allowed',
    );
  });

  it('import: a probation already past the committee review resumes at the vote', () => {
    const input = parsePayload(
      probationInputSchema,
      {
        caseId: 'prob-imported',
        personId: 'p-7',
        orgId: 'branch-3',
        actor: at('branch-committee'),
        profile: national,
        probationStart: '2025-05-20',
        import: {
          at: 'committeeReviewed',
          steps: { conversionApplied: '2026-04-25', opinionsCollected: '2026-05-05', committeeReviewed: '2026-05-12' },
        },
      },
      'input',
    );
    const actor = createActor(probationMachine, { input }).start();
    expect(actor.getSnapshot().value).toMatchObject({ case: 'branchVote' });
    expect(actor.getSnapshot().context.steps.conversionApplied?.versionId).toBe('NAT-2020');
  });
});

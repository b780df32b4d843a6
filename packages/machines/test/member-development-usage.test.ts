// The usage example of docs/processes/member-development.md lives here, between `// #region usage`
// and `// #endregion usage`, so it runs and asserts its results; the docs test in @dangwu/cli checks
// that the page shows exactly this region.
import {
  developmentInputSchema,
  type Explanation,
  explainDevelopment,
  memberDevelopmentMachine,
  parsePayload,
  type Role,
} from '@dangwu/machines';
import { documentRules, InvalidPayloadError, national } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';

const system = { id: 'clock', roles: ['system' as const], orgId: 'branch-3' };

describe('docs/processes/member-development.md usage', () => {
  it('develops a 2025 applicant under the national profile; steps from 2026-05-11 follow NAT-2026 (EC-43)', () => {
    // #region usage
    const by = (role: Role) => ({ id: `u-${role}`, roles: [role], orgId: 'branch-3' });
    // Validate the host's input first: an applicant under 18 on appliedOn is refused here (EC-01).
    const input = parsePayload(
      developmentInputSchema,
      {
        caseId: 'dev-2025-008',
        personId: 'p-1024', // opaque ids, never names
        orgId: 'branch-3',
        birthDate: '2003-09-01',
        appliedOn: '2025-03-03',
        actor: by('branch-secretary'),
        profile: national, // or documentRules
      },
      'input',
    );
    const actor = createActor(memberDevelopmentMachine, { input }).start();
    const talkDue = actor.getSnapshot().context.deadlines.map(({ ruleId, due }) => `${ruleId} ${due}`);

    // Ask before sending: explain gives the verdict, the failing rule ids and the earliest date.
    const send = (type: string, occurredOn: string, role: Role, payload: object = {}): Explanation => {
      const event = { type, occurredOn, actor: by(role), ...payload };
      const why = explainDevelopment(actor.getSnapshot(), event);
      if (why.verdict === 'allowed') actor.send(event as never);
      return why;
    };
    send('RECORD_TALK', '2025-03-20', 'branch-secretary');
    send('DESIGNATE_ACTIVIST', '2025-04-10', 'branch-committee');
    send('FILE_ACTIVIST', '2025-04-15', 'base-committee');
    send('ASSIGN_CONTACTS', '2025-04-20', 'branch-committee', { contacts: [{ id: 'm-7', fullMember: true }] });
    const tooEarly = send('PROPOSE_TARGET', '2026-03-02', 'branch-committee'); // not yet a year as an activist

    // Listed under NAT-2026: the higher committee consents, then a notice of at least 5 working days.
    send('PROPOSE_TARGET', '2026-05-18', 'branch-committee');
    send('APPROVE_TARGET', '2026-05-20', 'higher-committee');
    send('CLOSE_NOTICE', '2026-05-29', 'branch-committee', { postedOn: '2026-05-21', objections: 0 });
    const introducers = ['m-7', 'm-9'].map((id) => ({ id, fullMember: true })); // two 正式党员
    send('SET_INTRODUCERS', '2026-06-01', 'branch-committee', { introducers });
    send('RECORD_POLITICAL_REVIEW', '2026-06-10', 'branch-committee', { conclusion: 'qualified' });
    send('RECORD_TRAINING', '2026-06-20', 'base-committee', { days: 3, hours: 24 });
    send('RECORD_COMMITTEE_REVIEW', '2026-06-25', 'branch-committee');
    send('RECORD_PREREVIEW', '2026-06-30', 'base-committee', { passed: true });
    const deadlines = actor.getSnapshot().context.deadlines.map(({ ruleId, due }) => `${ruleId} ${due}`);
    // #endregion usage

    expect(talkDue).toEqual(['DEV-APPLY-TALK-DEADLINE 2025-04-03']);
    expect(tooEarly.verdict).toBe('refused');
    expect(tooEarly.failures[0]).toMatchObject({ ruleId: 'DEV-ACTIVIST-MIN-TRAINING', earliest: '2026-04-10' });
    expect(tooEarly.message.zh).toContain('最早 2026-04-10');
    // NAT-2026: the branch vote within one month of passing 预审.
    expect(deadlines).toEqual(['DEV-PREREVIEW-TO-VOTE 2026-07-30']);
    const { value, context } = actor.getSnapshot();
    expect(value).toEqual({ case: 'formFilling', timeliness: 'onTime' });
    expect(context.steps.talked?.versionId).toBe('NAT-2020'); // the 2014 development values, unchanged to 2026-05-10
    expect(context.steps.targetApproved?.versionId).toBe('NAT-2026');
    expect(context.steps.targetFiled).toBeUndefined();
    expect(context.warnings).toEqual([]);

    // The rest of the national path: vote, higher interview, approval, filing, oath.
    const vote = { due: 16, present: 12, for: 10, against: 2, abstain: 0, writtenFor: 0, writtenAgainst: 0 };
    send('FILL_FORM', '2026-07-05', 'applicant');
    send('HOLD_VOTE', '2026-07-15', 'branch-assembly', { votes: vote, method: 'secret-ballot', candidates: 1 });
    expect(actor.getSnapshot().context.deadlines).toMatchObject([
      { ruleId: 'DEV-APPROVAL-DEADLINE', due: '2026-10-15' },
    ]);
    send('RECORD_INTERVIEW', '2026-07-25', 'org-commissioner');
    send('APPROVE', '2026-08-20', 'base-committee', { approvingOrgKind: 'party-committee' });
    expect(actor.getSnapshot().context.deadlines).toMatchObject([{ ruleId: 'DEV-OATH', due: '2026-09-20' }]);
    send('FILE_APPROVAL', '2026-08-25', 'org-dept');
    expect(send('TAKE_OATH', '2026-09-01', 'branch-committee').verdict).toBe('allowed');
    expect(actor.getSnapshot().output).toMatchObject({
      caseId: 'dev-2025-008',
      outcome: { kind: 'admitted', on: '2026-09-01' },
      probationStart: '2026-07-15', // the day the branch resolution passed (EC-25)
      approvedOn: '2026-08-20',
    });
  });

  it('refuses an applicant under 18 before any actor starts (EC-01)', () => {
    const young = {
      caseId: 'dev-x',
      personId: 'p-x',
      orgId: 'branch-3',
      birthDate: '2008-03-04',
      appliedOn: '2026-03-03',
      actor: { id: 'u-1', roles: ['branch-secretary'], orgId: 'branch-3' },
      profile: national,
    };
    expect(() => parsePayload(developmentInputSchema, young, 'input')).toThrow(InvalidPayloadError);
    expect(() => parsePayload(developmentInputSchema, young, 'input')).toThrow(/DEV-APPLICANT-MIN-AGE/);
  });

  it('shows the structural differences of the document profile, overdue deadlines, corrections and waivers', () => {
    const by = (role: Role) => ({ id: `u-${role}`, roles: [role], orgId: 'branch-3' });
    const start = (profile: typeof national, appliedOn: string) =>
      createActor(memberDevelopmentMachine, {
        input: parsePayload(
          developmentInputSchema,
          {
            caseId: 'c',
            personId: 'p',
            orgId: 'branch-3',
            birthDate: '1990-01-01',
            appliedOn,
            actor: by('branch-secretary'),
            profile,
          },
          'input',
        ),
      }).start();

    // Document: no talk, a year of observation before 积极分子 (EC-03), no filing, quarterly reports.
    const doc = start(documentRules, '2024-01-10');
    const talk = explainDevelopment(doc.getSnapshot(), {
      type: 'RECORD_TALK',
      occurredOn: '2024-01-20',
      actor: by('branch-secretary'),
    });
    expect(talk.failures[0]?.ruleId).toBe('DEV-APPLY-TALK-DEADLINE');
    expect(doc.getSnapshot().context.deadlines).toEqual([]);
    const early = explainDevelopment(doc.getSnapshot(), {
      type: 'DESIGNATE_ACTIVIST',
      occurredOn: '2024-12-01',
      actor: by('branch-committee'),
    });
    expect(early.failures[0]).toMatchObject({ ruleId: 'DEV-APPLY-TO-ACTIVIST-MIN', earliest: '2025-01-10' });

    // National: the talk deadline goes overdue, never blocks, and is kept as met late.
    const nat = start(national, '2025-01-31');
    expect(nat.getSnapshot().context.deadlines).toMatchObject([{ id: 'talk', due: '2025-02-28' }]);
    nat.send({ type: 'DEADLINE_REACHED', deadlineId: 'talk', occurredOn: '2025-03-01', actor: system });
    expect(nat.getSnapshot().value).toMatchObject({ timeliness: 'overdue' });
    nat.send({ type: 'RECORD_TALK', occurredOn: '2025-03-10', actor: by('branch-secretary') });
    expect(nat.getSnapshot().value).toMatchObject({ timeliness: 'onTime' });
    expect(nat.getSnapshot().context.late).toMatchObject([{ deadlineId: 'talk', doneOn: '2025-03-10' }]);

    // A correction is audited (old and new value, reason); the history is never edited in place.
    nat.send({
      type: 'CORRECT',
      step: 'talked',
      on: '2025-03-09',
      reason: 'TYPO',
      occurredOn: '2025-03-12',
      actor: by('branch-committee'),
    });
    expect(nat.getSnapshot().context.corrections).toMatchObject([
      { step: 'talked', oldValue: '"2025-03-10"', newValue: '"2025-03-09"', reason: 'TYPO' },
    ]);

    // Waivers (特殊情况) exist only where the profile has the clause: national training yes, document no.
    const waive = { type: 'WAIVE', ruleId: 'DEV-TRAINING-MIN', reason: 'SPECIAL', actor: by('base-committee') };
    expect(explainDevelopment(nat.getSnapshot(), { ...waive, occurredOn: '2025-03-12' }).verdict).toBe('allowed');
    expect(explainDevelopment(doc.getSnapshot(), { ...waive, occurredOn: '2024-01-20' }).verdict).toBe('refused');
  });
});

// The usage example of docs/processes/democratic-life-meeting.md lives here, between
// `// #region usage` and `// #endregion usage`, so it runs and asserts its results; the docs test in
// @dangwu/cli checks that the page shows exactly this region.
import { explainLifeMeeting, lifeMeetingMachine, lifeMeetingProcess, type Role } from '@dangwu/machines';
import { documentRules } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';

describe('docs/processes/democratic-life-meeting.md usage', () => {
  it('runs the 党支部民主生活会 of the first half of 2026 under the document profile', () => {
    // #region usage
    const by = (role: Role) => ({ id: `u-${role}`, roles: [role], orgId: 'branch-7' });
    const actor = createActor(lifeMeetingMachine, {
      input: {
        caseId: 'olm-2026-h1',
        orgId: 'branch-7',
        period: { year: 2026, half: 1 }, // documentRules: twice a year; national: { year: 2026 }
        kind: 'branch',
        members: 9,
        profile: documentRules,
        actor: by('branch-secretary'),
      },
    }).start();

    actor.send({
      type: 'DECIDE_TOPIC',
      occurredOn: '2026-06-01',
      actor: by('branch-committee'),
      contents: ['democratic-centralism', 'integrity'],
      focusProblems: ['focus-1'], // 一、两个突出问题, by opaque id
      plannedDate: '2026-06-19',
    });
    // Deadlines are dates: the period's due date and the latest day to report the date upward.
    expect(lifeMeetingProcess.deadlines(actor.getSnapshot()).map(({ id, due }) => [id, due])).toEqual([
      ['meeting', '2026-06-30'],
      ['upper-notice', '2026-06-16'],
    ]);

    // Ask before sending: a report to the higher organisation two days ahead is refused.
    const late = {
      type: 'NOTIFY_UPPER',
      occurredOn: '2026-06-17',
      actor: by('branch-secretary'),
      meetingDate: '2026-06-19',
    };
    const why = explainLifeMeeting(actor.getSnapshot(), late);
    expect(why.verdict).toBe('refused');
    expect(why.failures[0]).toMatchObject({ ruleId: 'OLM-PRENOTICE-UPPER', earliest: '2026-06-20' });
    expect(why.message.zh).toContain('会期最早为 2026-06-20');

    actor.send({
      type: 'SOLICIT_OPINIONS',
      occurredOn: '2026-06-03',
      actor: by('org-commissioner'),
      talks: 6,
      forums: 1,
    });
    actor.send({
      type: 'NOTIFY_UPPER',
      occurredOn: '2026-06-15',
      actor: by('branch-secretary'),
      meetingDate: '2026-06-19',
    });
    actor.send({
      type: 'NOTIFY_MEMBERS',
      occurredOn: '2026-06-15',
      actor: by('branch-secretary'),
      meetingDate: '2026-06-19',
    });
    actor.send({ type: 'PREPARE_SPEECHES', occurredOn: '2026-06-17', actor: by('branch-committee'), prepared: 9 });
    actor.send({
      type: 'HOLD_MEETING',
      occurredOn: '2026-06-19',
      actor: by('branch-secretary'),
      due: 9,
      present: 8,
      speeches: 8,
      documentsStudied: true,
      opinionsReported: true,
      absentees: [{ id: 'm-4', writtenStatement: true }],
      problemsRaised: ['q-1'],
    });
    const afterMeeting = actor.getSnapshot().context;
    expect(afterMeeting.deadlines.map(({ id, due }) => [id, due])).toEqual([['rectification', '2026-07-19']]);
    // "及时" has no number: the written report is pending without a date.
    expect(afterMeeting.pending.map(({ id, due }) => [id, due])).toEqual([
      ['rectification', '2026-07-19'],
      ['report-upper', null],
      ['feedback', null],
      ['criticism-m-4', null],
      ['problem-q-1', null],
    ]);

    actor.send({
      type: 'PASS_ON_CRITICISM',
      occurredOn: '2026-06-20',
      actor: by('branch-secretary'),
      absenteeId: 'm-4',
    });
    actor.send({
      type: 'RECORD_RECTIFICATION_PLAN',
      occurredOn: '2026-07-10',
      actor: by('branch-committee'),
      measures: 2,
      responsibleId: 'leader-2',
    });
    actor.send({ type: 'REPORT_UPPER', occurredOn: '2026-07-12', actor: by('branch-secretary') });
    actor.send({
      type: 'GIVE_FEEDBACK',
      occurredOn: '2026-07-15',
      actor: by('branch-committee'),
      audiences: ['members', 'public'],
    });
    // q-1 was neither solved nor reported upward: closing holds the chair accountable (OLM-ESCALATE).
    actor.send({ type: 'CLOSE', occurredOn: '2026-07-20', actor: by('branch-secretary') });
    expect(actor.getSnapshot().value).toEqual({ case: 'chairAccountable', timeliness: 'onTime' });
    actor.send({
      type: 'RESOLVE_PROBLEMS',
      occurredOn: '2026-07-25',
      actor: by('branch-committee'),
      problemIds: ['q-1'],
      how: 'reported-upward',
    });
    expect(actor.getSnapshot().output?.outcome).toEqual({
      kind: 'closed',
      on: '2026-07-25',
      chairAccountable: true,
      reason: null,
    });
    // #endregion usage
  });
});

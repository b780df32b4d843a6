import { defineRules, documentRules, InvalidPayloadError, national, workingDays } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { DevelopmentOutput } from '../member-development/member-development.machine.js';
import { memberDevelopmentMachine } from '../member-development/member-development.machine.js';
import { probationMachine } from './probation.machine.js';
import { explainProbation, probationInputFromAdmission, probationProcess } from './probation.process.js';
import {
  actorAs,
  ev,
  goodVotes,
  type ProbationScenario,
  probationInput,
  runScenario,
  type ScenarioMode,
  scenarioModes,
  vote,
} from './probation.test-helpers.js';

/** National probation from 2026-06-01 (ends 2027-06-01), up to the branch vote. */
function nationalToVote(mode: ScenarioMode): ProbationScenario {
  const s = runScenario(mode, probationInput('national', '2026-06-01'));
  s.accept(ev('APPLY_FOR_CONVERSION', '2027-05-10', 'applicant'));
  s.accept(ev('COLLECT_OPINIONS', '2027-05-15', 'party-group'));
  s.accept(ev('RECORD_COMMITTEE_REVIEW', '2027-05-20', 'branch-committee'));
  return s;
}

const deadline = (s: ProbationScenario, id: string) => s.context.deadlines.find((candidate) => candidate.id === id);

describe.each(scenarioModes)('probation (%s actor)', (mode) => {
  it('national happy path under the 2026 rules: application, party-group opinions, review, vote, approval, talk', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    expect(s.caseState).toBe('probationary');
    expect(s.context.endsOn).toBe('2027-06-01');
    expect(deadline(s, 'probation-end')).toMatchObject({ due: '2027-06-01', ruleId: 'PROB-DISCUSS-TIMING' });
    expect(s.context.deadlines.some((candidate) => candidate.ruleId === 'PROB-REPORT-FREQ')).toBe(false);
    s.accept(ev('APPLY_FOR_CONVERSION', '2027-05-10', 'applicant'));
    expect(s.caseState).toBe('opinions');
    s.accept(ev('COLLECT_OPINIONS', '2027-05-15', 'party-group'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2027-05-20', 'branch-committee'));
    expect(s.caseState).toBe('branchVote');
    s.accept(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('convert')));
    expect(s.caseState).toBe('awaitingApproval');
    expect(deadline(s, 'probation-end')).toBeUndefined();
    expect(deadline(s, 'approval')).toMatchObject({ due: '2027-09-01', ruleId: 'PROB-APPROVAL-DEADLINE' });
    s.accept(ev('APPROVE_CONVERSION', '2027-06-20', 'base-committee'));
    expect(s.caseState).toBe('talkAndAnnounce');
    s.accept(ev('TALK_AND_ANNOUNCE', '2027-06-25', 'branch-secretary'));
    expect(s.caseState).toBe('fullMember');
    expect(s.timeliness).toBe('closed');
    expect(s.snapshot.status).toBe('done');
    expect(s.snapshot.output).toMatchObject({
      outcome: { kind: 'converted', on: '2027-06-25' },
      partyAgeFrom: '2027-06-01',
      fullMemberOn: '2027-06-01',
      approvedOn: '2027-06-20',
      extensionMonths: [],
    });
    expect(s.context.steps.vote?.versionId).toBe('NAT-2026');
    expect(s.context.warnings).toEqual([]);
  });

  it('document happy path: quarterly reports, the branch committee gives the group opinion (EC-42)', () => {
    const s = runScenario(mode, probationInput('document', '2025-01-10'));
    expect(deadline(s, 'report-after-2025-01-10')).toMatchObject({ due: '2025-04-10', ruleId: 'PROB-REPORT-FREQ' });
    s.accept(ev('RECORD_REPORT', '2025-04-01', 'applicant', { form: 'written' }));
    expect(deadline(s, 'report-after-2025-04-01')?.due).toBe('2025-07-01');
    s.accept(ev('RECORD_REPORT', '2025-07-01', 'applicant', { form: 'oral' }));
    s.accept(ev('RECORD_REPORT', '2025-10-01', 'applicant', { form: 'written' }));
    expect(deadline(s, 'report-after-2025-10-01')?.due).toBe('2026-01-01');
    const apply = s.accept(ev('APPLY_FOR_CONVERSION', '2025-12-15', 'applicant'));
    expect(apply.warnings).toEqual([]);
    expect(s.context.deadlines.some((candidate) => candidate.ruleId === 'PROB-REPORT-FREQ')).toBe(false);
    const byGroup = s.send(ev('COLLECT_OPINIONS', '2025-12-20', 'party-group'));
    expect(byGroup.verdict).toBe('refused');
    expect(byGroup.failures[0]).toMatchObject({ check: 'allowedRoles', ruleId: 'PROB-OUTCOMES' });
    expect(byGroup.failures[0]?.message.en).toContain('branch-committee');
    s.accept(ev('COLLECT_OPINIONS', '2025-12-20', 'branch-committee'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2025-12-28', 'branch-committee'));
    s.accept(ev('HOLD_VOTE', '2026-01-10', 'branch-assembly', vote('convert')));
    s.accept(ev('APPROVE_CONVERSION', '2026-02-01', 'base-committee'));
    s.accept(ev('TALK_AND_ANNOUNCE', '2026-02-05', 'branch-secretary'));
    expect(s.snapshot.output).toMatchObject({
      profileId: 'document',
      partyAgeFrom: '2026-01-10',
      outcome: { kind: 'converted' },
    });
  });

  it('document: a missed quarterly report is overdue, never blocks, and is recorded late once made', () => {
    const s = runScenario(mode, probationInput('document', '2025-01-10'));
    const early = s.send(ev('DEADLINE_REACHED', '2025-04-10', 'system', { deadlineId: 'report-after-2025-01-10' }));
    expect(early).toMatchObject({
      verdict: 'refused',
      failures: [{ ruleId: 'CASE-DEADLINE', earliest: '2025-04-11' }],
    });
    s.accept(ev('DEADLINE_REACHED', '2025-04-11', 'system', { deadlineId: 'report-after-2025-01-10' }));
    expect(s.timeliness).toBe('overdue');
    expect(s.context.overdue[0]).toMatchObject({ ruleId: 'PROB-REPORT-FREQ', due: '2025-04-10' });
    s.accept(ev('RECORD_REPORT', '2025-04-20', 'applicant', { form: 'written' }));
    expect(s.timeliness).toBe('onTime');
    expect(s.context.late[0]).toMatchObject({ ruleId: 'PROB-REPORT-FREQ', doneOn: '2025-04-20' });
  });

  it('document: applying after a long silence records a PROB-REPORT-FREQ warning', () => {
    const s = runScenario(mode, probationInput('document', '2025-01-10'));
    const apply = s.accept(ev('APPLY_FOR_CONVERSION', '2025-12-15', 'applicant'));
    expect(apply.warnings[0]).toMatchObject({ ruleId: 'PROB-REPORT-FREQ', severity: 'warn' });
    expect(s.context.warnings[0]).toMatchObject({ ruleId: 'PROB-REPORT-FREQ', eventType: 'APPLY_FOR_CONVERSION' });
  });

  it('EC-24: a probation starting 2024-02-29 ends 2025-02-28 (feb28) and party age runs from it', () => {
    const s = runScenario(mode, probationInput('national', '2024-02-29'));
    expect(s.context.endsOn).toBe('2025-02-28');
    s.accept(ev('APPLY_FOR_CONVERSION', '2025-01-28', 'applicant'));
    s.accept(ev('COLLECT_OPINIONS', '2025-02-10', 'party-group'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2025-02-20', 'branch-committee'));
    const early = s.send(ev('HOLD_VOTE', '2025-02-27', 'branch-assembly', vote('convert')));
    expect(early.verdict).toBe('refused');
    expect(early.failures[0]).toMatchObject({ ruleId: 'PROB-DISCUSS-TIMING', earliest: '2025-02-28' });
    s.accept(ev('HOLD_VOTE', '2025-02-28', 'branch-assembly', vote('convert')));
    s.accept(ev('APPROVE_CONVERSION', '2025-03-15', 'base-committee'));
    s.accept(ev('TALK_AND_ANNOUNCE', '2025-03-20', 'branch-secretary'));
    expect(s.snapshot.output).toMatchObject({ partyAgeFrom: '2025-02-28', fullMemberOn: '2025-02-28' });
  });

  it('the application is refused more than a month before the end, with the earliest date', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    const early = s.send(ev('APPLY_FOR_CONVERSION', '2027-04-30', 'applicant'));
    expect(early.verdict).toBe('refused');
    expect(early.failures[0]).toMatchObject({ ruleId: 'PROB-DISCUSS-TIMING', earliest: '2027-05-01' });
    expect(early.message.en).toContain('earliest 2027-05-01');
    const beforeStart = s.send(ev('APPLY_FOR_CONVERSION', '2026-05-01', 'applicant'));
    expect(beforeStart.failures.map((failure) => failure.ruleId)).toContain('CASE-CHRONOLOGY');
    s.accept(ev('APPLY_FOR_CONVERSION', '2027-05-01', 'applicant'));
  });

  it('a vote before the probation end is refused with the end date as the earliest date (PROB-DISCUSS-TIMING)', () => {
    const s = nationalToVote(mode);
    const early = s.send(ev('HOLD_VOTE', '2027-05-25', 'branch-assembly', vote('convert')));
    expect(early.verdict).toBe('refused');
    expect(early.failures).toEqual([
      expect.objectContaining({ check: 'discussTiming', ruleId: 'PROB-DISCUSS-TIMING', earliest: '2027-06-01' }),
    ]);
    expect(early.message.zh).toContain('最早 2027-06-01');
    expect(s.caseState).toBe('branchVote');
  });

  it('EC-26: 5-month and 13-month extensions and a second extension are refused under PROB-EXTENSION', () => {
    const s = nationalToVote(mode);
    const short = s.send(
      ev(
        'HOLD_VOTE',
        '2027-06-01',
        'branch-assembly',
        vote('extend', { extensionMonths: 5, reason: 'needs-more-observation' }),
      ),
    );
    expect(short.verdict).toBe('refused');
    expect(short.failures[0]).toMatchObject({ ruleId: 'PROB-EXTENSION' });
    expect(short.failures[0]?.message.en).toContain('at least 6 months and at most 1 year; 5 months resolved');
    const long = s.send(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('extend', { extensionMonths: 13 })));
    expect(long.verdict).toBe('refused');
    expect(long.failures[0]?.message.zh).toContain('最长不超过1年');
    const missing = s.send(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('extend')));
    expect(missing.verdict).toBe('invalid');
    s.accept(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('extend', { extensionMonths: 6 })));
    expect(s.caseState).toBe('awaitingApproval');
    s.accept(ev('APPROVE_EXTENSION', '2027-06-15', 'base-committee'));
    expect(s.caseState).toBe('probationary');
    expect(s.context.endsOn).toBe('2027-12-01');
    expect(s.context.extensions).toEqual([
      { months: 6, fromEnd: '2027-06-01', toEnd: '2027-12-01', approvedOn: '2027-06-15' },
    ]);
    expect(s.context.rounds).toHaveLength(1);
    expect(deadline(s, 'probation-end')?.due).toBe('2027-12-01');
    s.accept(ev('APPLY_FOR_CONVERSION', '2027-11-10', 'applicant'));
    s.accept(ev('COLLECT_OPINIONS', '2027-11-15', 'party-group'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2027-11-20', 'branch-committee'));
    const second = s.send(ev('HOLD_VOTE', '2027-12-01', 'branch-assembly', vote('extend', { extensionMonths: 6 })));
    expect(second.verdict).toBe('refused');
    expect(second.failures[0]).toMatchObject({ ruleId: 'PROB-EXTENSION' });
    expect(second.failures[0]?.message.en).toContain('only once');
    s.accept(ev('HOLD_VOTE', '2027-12-01', 'branch-assembly', vote('convert')));
    s.accept(ev('APPROVE_CONVERSION', '2027-12-20', 'base-committee'));
    s.accept(ev('TALK_AND_ANNOUNCE', '2027-12-22', 'branch-secretary'));
    expect(s.snapshot.output).toMatchObject({ partyAgeFrom: '2027-12-01', endsOn: '2027-12-01', extensionMonths: [6] });
  });

  it('EC-27: approval four months after the vote is overdue, never blocked, and party age still runs from the end', () => {
    const s = nationalToVote(mode);
    s.accept(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('convert')));
    s.accept(ev('DEADLINE_REACHED', '2027-09-02', 'system', { deadlineId: 'approval' }));
    expect(s.timeliness).toBe('overdue');
    expect(s.context.overdue).toEqual([
      expect.objectContaining({ deadlineId: 'approval', ruleId: 'PROB-APPROVAL-DEADLINE', due: '2027-09-01' }),
    ]);
    const approval = s.accept(ev('APPROVE_CONVERSION', '2027-10-01', 'base-committee'));
    expect(approval.warnings[0]).toMatchObject({ ruleId: 'PROB-APPROVAL-DEADLINE' });
    expect(s.context.late[0]).toMatchObject({ ruleId: 'PROB-APPROVAL-DEADLINE', doneOn: '2027-10-01' });
    expect(s.context.warnings.map((warning) => warning.ruleId)).toContain('PROB-APPROVAL-DEADLINE');
    s.accept(ev('TALK_AND_ANNOUNCE', '2027-10-05', 'branch-secretary'));
    expect(s.snapshot.output).toMatchObject({
      partyAgeFrom: '2027-06-01',
      fullMemberOn: '2027-06-01',
      approvedOn: '2027-10-01',
    });
  });

  it('EC-13: exactly half in favour does not pass; the case stays for a re-vote', () => {
    const s = nationalToVote(mode);
    const half = { ...goodVotes, present: 12, for: 8, against: 4 };
    s.accept(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('convert', { votes: half })));
    expect(s.caseState).toBe('voteNotPassed');
    expect(s.context.votes[0]).toMatchObject({ passed: false, decision: 'convert' });
    expect(s.context.pending).toBeNull();
    expect(deadline(s, 'probation-end')).toBeDefined();
    s.accept(ev('HOLD_VOTE', '2027-06-08', 'branch-assembly', vote('convert')));
    expect(s.caseState).toBe('awaitingApproval');
  });

  it('EC-17: a show of hands is refused nationally under PROB-VOTE-RULES; EC-12 quorum too', () => {
    const s = nationalToVote(mode);
    const hands = s.send(
      ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('convert', { method: 'show-of-hands' })),
    );
    expect(hands.verdict).toBe('refused');
    expect(hands.failures[0]).toMatchObject({ check: 'voteLawful', ruleId: 'PROB-VOTE-RULES' });
    expect(hands.failures[0]?.message.en).toContain('secret ballot');
    const noQuorum = s.send(
      ev(
        'HOLD_VOTE',
        '2027-06-01',
        'branch-assembly',
        vote('convert', { votes: { ...goodVotes, present: 8, for: 8, against: 0 } }),
      ),
    );
    expect(noQuorum.failures[0]).toMatchObject({ ruleId: 'PROB-VOTE-RULES' });
    expect(s.caseState).toBe('branchVote');
  });

  it('a forbidden role is refused with an explanation naming the role rule', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    const bySecretary = s.send(ev('APPLY_FOR_CONVERSION', '2027-05-10', 'branch-secretary'));
    expect(bySecretary.verdict).toBe('refused');
    expect(bySecretary.failures).toEqual([expect.objectContaining({ check: 'allowedRoles', ruleId: 'PROB-OUTCOMES' })]);
    expect(bySecretary.failures[0]?.message.zh).toContain('申请人');
    expect(bySecretary.message.en).toContain('[PROB-OUTCOMES]');
  });

  it('an event the state does not accept is explained as not-accepted and leaves the snapshot unchanged', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    const before = s.persisted();
    const talk = s.send(ev('TALK_AND_ANNOUNCE', '2027-06-10', 'branch-secretary'));
    expect(talk.verdict).toBe('not-accepted');
    expect(talk.failures[0]).toMatchObject({ ruleId: 'PROB-OUTCOMES' });
    const terminate = s.send(ev('TERMINATE', '2026-09-01', 'branch-committee', { reason: 'discipline' }));
    expect(terminate.verdict).toBe('not-accepted');
    expect(terminate.message.en).toContain('HOLD_VOTE with decision cancel');
    expect(s.persisted()).toBe(before);
  });

  it('EC-28: a serious breach of discipline is cancelled by a branch vote during probation and approved', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    const convert = s.send(ev('HOLD_VOTE', '2026-09-01', 'branch-assembly', vote('convert')));
    expect(convert.failures[0]).toMatchObject({ check: 'disciplineOnly', ruleId: 'PROB-OUTCOMES' });
    const noReason = s.send(ev('HOLD_VOTE', '2026-09-01', 'branch-assembly', vote('cancel')));
    expect(noReason.failures[0]).toMatchObject({ check: 'reasonGiven', ruleId: 'PROB-OUTCOMES' });
    s.accept(
      ev('HOLD_VOTE', '2026-09-01', 'branch-assembly', vote('cancel', { reason: 'serious-breach-of-discipline' })),
    );
    expect(s.caseState).toBe('awaitingApproval');
    const wrong = s.send(ev('APPROVE_CONVERSION', '2026-09-10', 'base-committee'));
    expect(wrong.failures[0]).toMatchObject({ check: 'resolutionMatches', ruleId: 'PROB-OUTCOMES' });
    s.accept(ev('APPROVE_CANCELLATION', '2026-09-10', 'base-committee'));
    expect(s.caseState).toBe('cancelled');
    expect(s.snapshot.output).toMatchObject({
      outcome: { kind: 'cancelled', reason: 'serious-breach-of-discipline' },
      partyAgeFrom: null,
      fullMemberOn: null,
    });
  });

  it('EC-05: a transfer keeps the dates; a transferred-in member may be postponed six months without being overdue', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    s.accept(ev('TRANSFER', '2026-10-01', 'org-dept', { toOrgId: 'org-2' }));
    expect(s.context.orgId).toBe('org-2');
    expect(probationProcess.organisationOf(s.snapshot)).toBe('org-2');
    expect(s.context.transfers).toEqual([{ fromOrgId: 'org-1', toOrgId: 'org-2', on: '2026-10-01' }]);
    expect(s.context.probationStart).toBe('2026-06-01');
    expect(s.context.endsOn).toBe('2027-06-01');
    expect(deadline(s, 'probation-end')?.due).toBe('2027-12-01');
    const notYet = s.send(ev('DEADLINE_REACHED', '2027-06-02', 'system', { deadlineId: 'probation-end' }));
    expect(notYet).toMatchObject({ verdict: 'refused', failures: [{ earliest: '2027-12-02' }] });
    s.accept(ev('APPLY_FOR_CONVERSION', '2027-07-01', 'applicant'));
    s.accept(ev('COLLECT_OPINIONS', '2027-07-10', 'party-group'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2027-07-15', 'branch-committee'));
    s.accept(ev('HOLD_VOTE', '2027-08-01', 'branch-assembly', vote('convert')));
    s.accept(ev('APPROVE_CONVERSION', '2027-08-20', 'base-committee'));
    s.accept(ev('TALK_AND_ANNOUNCE', '2027-08-25', 'branch-secretary'));
    expect(s.context.overdue).toEqual([]);
    expect(s.context.late).toEqual([]);
    expect(s.snapshot.output).toMatchObject({ orgId: 'org-2', partyAgeFrom: '2027-06-01' });
  });

  it('without a transfer the probation-end deadline is the end date and can become overdue', () => {
    const s = nationalToVote(mode);
    s.accept(ev('DEADLINE_REACHED', '2027-06-02', 'system', { deadlineId: 'probation-end' }));
    expect(s.timeliness).toBe('overdue');
    s.accept(ev('HOLD_VOTE', '2027-06-10', 'branch-assembly', vote('convert')));
    expect(s.timeliness).toBe('onTime');
    expect(s.context.late[0]).toMatchObject({ ruleId: 'PROB-DISCUSS-TIMING', due: '2027-06-01', doneOn: '2027-06-10' });
  });

  it('CORRECT: a corrected start moves the end; a vote moved before the end is flagged, not undone', () => {
    const s = runScenario(mode, probationInput('national', '2026-06-01'));
    s.accept(ev('CORRECT', '2026-06-10', 'base-committee', { step: 'started', on: '2026-06-05', reason: 'typo' }));
    expect(s.context.endsOn).toBe('2027-06-05');
    expect(s.context.corrections[0]).toMatchObject({
      step: 'started',
      oldValue: '"2026-06-01"',
      newValue: '"2026-06-05"',
    });
    const missing = s.send(
      ev('CORRECT', '2026-06-10', 'base-committee', { step: 'vote', on: '2027-06-05', reason: 'typo' }),
    );
    expect(missing.failures[0]).toMatchObject({ ruleId: 'CASE-CORRECTION' });
    s.accept(ev('APPLY_FOR_CONVERSION', '2027-05-10', 'applicant'));
    s.accept(ev('COLLECT_OPINIONS', '2027-05-15', 'party-group'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2027-05-20', 'branch-committee'));
    s.accept(ev('HOLD_VOTE', '2027-06-05', 'branch-assembly', vote('convert')));
    s.accept(
      ev('CORRECT', '2027-06-10', 'base-committee', { step: 'vote', on: '2027-05-30', reason: 'minutes say 30 May' }),
    );
    expect(s.context.flags).toEqual([
      expect.objectContaining({ ruleId: 'PROB-DISCUSS-TIMING', step: 'vote', raisedOn: '2027-06-10' }),
    ]);
    expect(deadline(s, 'approval')?.due).toBe('2027-08-30');
    expect(s.caseState).toBe('awaitingApproval');
  });

  it('PROB-CONVERSION-NOTICE: a local profile with a 5-working-day notice runs it before the vote', () => {
    const local = defineRules(national, {
      id: 'local-notice',
      citation: 'local practice [S35]',
      values: { probation: { conversionNotice: workingDays(5) } },
    });
    const s = runScenario(mode, probationInput(local, '2026-06-01'));
    s.accept(ev('APPLY_FOR_CONVERSION', '2027-05-10', 'applicant'));
    s.accept(ev('COLLECT_OPINIONS', '2027-05-12', 'party-group'));
    s.accept(ev('RECORD_COMMITTEE_REVIEW', '2027-05-14', 'branch-committee'));
    expect(s.caseState).toBe('conversionNotice');
    const early = s.send(
      ev('CLOSE_NOTICE', '2027-05-20', 'branch-committee', { postedOn: '2027-05-17', objections: 0 }),
    );
    expect(early).toMatchObject({
      verdict: 'refused',
      failures: [{ ruleId: 'PROB-CONVERSION-NOTICE', earliest: '2027-05-25' }],
    });
    const withObjection = s.accept(
      ev('CLOSE_NOTICE', '2027-05-25', 'branch-committee', { postedOn: '2027-05-17', objections: 1 }),
    );
    expect(withObjection.warnings[0]).toMatchObject({ ruleId: 'PROB-CONVERSION-NOTICE' });
    expect(s.caseState).toBe('branchVote');
    expect(s.context.noticeObjections).toBe(1);
    s.accept(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('convert')));
  });

  it('imports a case under way at the committee review', () => {
    const s = runScenario(mode, {
      ...probationInput('national', '2026-06-01'),
      import: {
        at: 'committeeReviewed',
        steps: { conversionApplied: '2027-05-10', opinionsCollected: '2027-05-15', committeeReviewed: '2027-05-20' },
      },
    });
    expect(s.caseState).toBe('branchVote');
    expect(s.context.imported).toEqual({ at: 'committeeReviewed', on: '2027-05-20' });
    s.accept(ev('HOLD_VOTE', '2027-06-01', 'branch-assembly', vote('convert')));
  });
});

describe('probationInputFromAdmission', () => {
  it('hands the development machine output to the probation machine: the start is the vote date (EC-25)', () => {
    const development = createActor(memberDevelopmentMachine, {
      input: {
        caseId: 'case-1',
        personId: 'person-1',
        orgId: 'org-1',
        birthDate: '1998-03-02',
        appliedOn: '2024-01-10',
        actor: actorAs('branch-committee'),
        profile: national,
        import: {
          at: 'branchVote',
          steps: {
            talked: '2024-01-20',
            activist: '2024-03-01',
            targetProposed: '2025-03-10',
            introducers: '2025-04-01',
            politicalReview: '2025-05-01',
            training: '2025-06-01',
            committeeReview: '2025-06-10',
            prereview: '2025-06-20',
            formFilled: '2025-07-01',
          },
        },
      },
    }).start();
    development.send(
      ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', {
        votes: goodVotes,
        method: 'secret-ballot',
        candidates: 1,
      }) as never,
    );
    development.send(ev('RECORD_INTERVIEW', '2026-07-25', 'org-commissioner') as never);
    development.send(ev('APPROVE', '2026-08-20', 'base-committee', { approvingOrgKind: 'party-committee' }) as never);
    development.send(ev('TAKE_OATH', '2026-09-01', 'branch-committee') as never);
    const output = development.getSnapshot().output;
    expect(output).toMatchObject({ probationStart: '2026-07-15', outcome: { kind: 'admitted' } });
    if (!output) throw new Error('the development case did not finish');
    const input = probationInputFromAdmission(output, national, actorAs('branch-committee'));
    expect(input).toMatchObject({
      caseId: 'case-1',
      personId: 'person-1',
      orgId: 'org-1',
      probationStart: '2026-07-15',
    });
    const probation = createActor(probationMachine, { input }).start();
    expect(probation.getSnapshot().context.endsOn).toBe('2027-07-15');
  });

  it('refuses a development case that did not end in admission, or another profile', () => {
    const notAdmitted: DevelopmentOutput = {
      caseId: 'c',
      personId: 'p',
      orgId: 'o',
      profileId: 'national',
      outcome: { kind: 'withdrawn', on: '2026-01-01', reason: 'moved' },
      probationStart: null,
      approvedOn: null,
    };
    expect(() => probationInputFromAdmission(notAdmitted, national, actorAs('branch-committee'))).toThrow(
      InvalidPayloadError,
    );
    const admitted: DevelopmentOutput = {
      ...notAdmitted,
      outcome: { kind: 'admitted', on: '2026-01-01', reason: null },
      probationStart: '2025-12-01',
    };
    expect(() => probationInputFromAdmission(admitted, documentRules, actorAs('branch-committee'))).toThrow(
      InvalidPayloadError,
    );
    expect(probationInputFromAdmission(admitted, national, actorAs('branch-committee')).probationStart).toBe(
      '2025-12-01',
    );
  });

  it('every state has zh and en meta', () => {
    const states = Object.values(probationMachine.root.states).flatMap((region) => Object.values(region.states));
    expect(states.length).toBeGreaterThan(10);
    for (const state of states) expect(state.meta).toEqual({ zh: expect.any(String), en: expect.any(String) });
  });

  it('explain reports an invalid payload', () => {
    const s = createActor(probationMachine, { input: probationInput('national', '2026-06-01') }).start();
    expect(explainProbation(s.getSnapshot(), { type: 'APPLY_FOR_CONVERSION', occurredOn: '2027-02-30' }).verdict).toBe(
      'invalid',
    );
  });
});

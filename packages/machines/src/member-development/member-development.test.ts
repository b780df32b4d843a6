import { InvalidPayloadError } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { CaseDriver, type DriverMode, driverModes } from '../../test/case-driver.js';
import { developmentInput, ev, goodVote, twoContacts, twoIntroducers } from '../../test/development-fixtures.js';
import { parsePayload } from '../core/parse-payload.js';
import { memberDevelopmentMachine } from './member-development.machine.js';
import { explainDevelopment } from './member-development.process.js';
import { type DevelopmentInput, developmentInputSchema } from './member-development.schema.js';

const start = (mode: DriverMode, input: DevelopmentInput) =>
  new CaseDriver(memberDevelopmentMachine, input, mode, explainDevelopment);

const caseState = (driver: ReturnType<typeof start>) => (driver.snapshot.value as { case: unknown }).case;

/** National case applied 2025-03-01, cultivated from 2025-04-10, listed under the 2026 rules. */
function nationalToPreparing(mode: DriverMode) {
  const d = start(mode, developmentInput('national', '2025-03-01'));
  d.accept(ev('RECORD_TALK', '2025-03-20', 'branch-secretary'));
  d.accept(ev('DESIGNATE_ACTIVIST', '2025-04-10', 'branch-committee'));
  d.accept(ev('FILE_ACTIVIST', '2025-04-20', 'base-committee'));
  d.accept(ev('ASSIGN_CONTACTS', '2025-04-25', 'branch-committee', twoContacts));
  d.accept(ev('RECORD_ASSESSMENT', '2025-10-10', 'branch-committee', { result: 'satisfactory' }));
  d.accept(ev('PROPOSE_TARGET', '2026-05-12', 'branch-committee'));
  d.accept(ev('APPROVE_TARGET', '2026-05-20', 'higher-committee'));
  d.accept(ev('CLOSE_NOTICE', '2026-05-29', 'branch-committee', { postedOn: '2026-05-21', objections: 0 }));
  return d;
}

function nationalToVote(mode: DriverMode) {
  const d = nationalToPreparing(mode);
  d.accept(ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', twoIntroducers));
  d.accept(ev('RECORD_POLITICAL_REVIEW', '2026-06-10', 'branch-committee', { conclusion: 'qualified' }));
  d.accept(ev('RECORD_TRAINING', '2026-06-20', 'base-committee', { days: 3, hours: 24 }));
  d.accept(ev('RECORD_COMMITTEE_REVIEW', '2026-06-25', 'branch-committee'));
  d.accept(ev('RECORD_PREREVIEW', '2026-06-30', 'base-committee', { passed: true }));
  d.accept(ev('FILL_FORM', '2026-07-05', 'applicant'));
  return d;
}

describe.each(driverModes)('member development (%s actor)', (mode) => {
  it('national happy path under the 2026 rules: talk, filing, consent, 5-working-day notice, 预审, vote, oath', () => {
    const d = nationalToVote(mode);
    expect(d.context.deadlines.map((deadline) => deadline.id)).toContain('vote-after-prereview');
    d.accept(ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', goodVote));
    expect(caseState(d)).toBe('higherInterview');
    expect(d.context.deadlines.find((deadline) => deadline.id === 'approval')?.due).toBe('2026-10-15');
    d.accept(ev('RECORD_INTERVIEW', '2026-07-25', 'org-commissioner'));
    d.accept(ev('APPROVE', '2026-08-20', 'base-committee', { approvingOrgKind: 'party-committee' }));
    expect(caseState(d)).toBe('awaitingOath');
    expect(d.context.deadlines.find((deadline) => deadline.id === 'oath')).toMatchObject({
      due: '2026-09-20',
      ruleId: 'DEV-OATH',
    });
    d.accept(ev('FILE_APPROVAL', '2026-08-25', 'org-dept'));
    d.accept(ev('TAKE_OATH', '2026-09-01', 'branch-committee'));
    expect(d.snapshot.status).toBe('done');
    expect(d.snapshot.output).toMatchObject({
      probationStart: '2026-07-15',
      approvedOn: '2026-08-20',
      outcome: { kind: 'admitted' },
    });
    expect(d.context.steps.targetProposed?.versionId).toBe('NAT-2026');
    expect(d.context.steps.talked?.versionId).toBe('NAT-2020');
  });

  it('document happy path: one-year observation, no filing, review→training→introducers, show of hands, 3-day notice, announcement', () => {
    const d = start(mode, developmentInput('document', '2024-01-10'));
    const early = d.send(ev('DESIGNATE_ACTIVIST', '2024-12-01', 'branch-committee'));
    expect(early.verdict).toBe('refused');
    expect(early.failures[0]).toMatchObject({ ruleId: 'DEV-APPLY-TO-ACTIVIST-MIN', earliest: '2025-01-10' });
    d.accept(ev('DESIGNATE_ACTIVIST', '2025-01-10', 'branch-committee'));
    expect(caseState(d)).toEqual({ activist: 'awaitingContacts' });
    d.accept(ev('ASSIGN_CONTACTS', '2025-01-15', 'branch-committee', twoContacts));
    expect(d.context.deadlines.map((deadline) => deadline.ruleId)).toEqual([
      'DEV-ACTIVIST-REPORT-FREQ',
      'DEV-ACTIVIST-ASSESS-FREQ',
    ]);
    d.accept(ev('RECORD_REPORT', '2025-04-01', 'applicant', { form: 'written' }));
    d.accept(ev('PROPOSE_TARGET', '2026-01-10', 'branch-committee'));
    expect(caseState(d)).toEqual({ preparing: 'politicalReview' });
    d.accept(ev('RECORD_POLITICAL_REVIEW', '2026-01-20', 'branch-committee', { conclusion: 'qualified' }));
    d.accept(ev('RECORD_TRAINING', '2026-02-01', 'org-dept', { days: 5, hours: 40 }));
    d.accept(
      ev('SET_INTRODUCERS', '2026-02-05', 'branch-committee', {
        introducers: [
          { id: 'i1', fullMember: true, selfInvited: true },
          { id: 'i2', fullMember: true },
        ],
      }),
    );
    expect(caseState(d)).toBe('formFilling');
    d.accept(ev('FILL_FORM', '2026-02-10', 'introducer'));
    d.accept(ev('HOLD_VOTE', '2026-03-02', 'branch-assembly', { ...goodVote, method: 'show-of-hands' }));
    expect(caseState(d)).toBe('postVoteNotice');
    const tooSoon = d.send(
      ev('CLOSE_NOTICE', '2026-03-05', 'branch-committee', { postedOn: '2026-03-02', objections: 0 }),
    );
    expect(tooSoon.failures[0]).toMatchObject({ ruleId: 'DEV-POSTVOTE-NOTICE', earliest: '2026-03-06' });
    d.accept(ev('CLOSE_NOTICE', '2026-03-06', 'branch-committee', { postedOn: '2026-03-02', objections: 0 }));
    d.accept(ev('RECORD_INTERVIEW', '2026-03-10', 'org-dept'));
    d.accept(ev('APPROVE', '2026-03-20', 'base-committee', { approvingOrgKind: 'party-committee' }));
    expect(caseState(d)).toBe('announcing');
    d.accept(ev('ANNOUNCE', '2026-03-25', 'branch-committee'));
    expect(d.snapshot.output).toMatchObject({ probationStart: '2026-03-02', outcome: { kind: 'admitted' } });
    expect(d.context.warnings).toEqual([]);
  });

  it('EC-04 exactly one year as an activist is enough; one day less is refused with the earliest date [DEV-ACTIVIST-MIN-TRAINING]', () => {
    const d = start(mode, developmentInput('national', '2025-02-01'));
    d.accept(ev('RECORD_TALK', '2025-02-10', 'branch-secretary'));
    d.accept(ev('DESIGNATE_ACTIVIST', '2025-03-10', 'branch-committee'));
    d.accept(ev('FILE_ACTIVIST', '2025-03-12', 'base-committee'));
    d.accept(ev('ASSIGN_CONTACTS', '2025-03-15', 'branch-committee', twoContacts));
    const early = d.send(ev('PROPOSE_TARGET', '2026-03-09', 'branch-committee'));
    expect(early.verdict).toBe('refused');
    expect(early.message.zh).toContain('培养考察期未满1年');
    expect(early.message.zh).toContain('最早 2026-03-10');
    d.accept(ev('PROPOSE_TARGET', '2026-03-10', 'branch-committee'));
    // EC-43: proposed before 2026-05-11, so the 2014-era filing applies, not the 2026 consent.
    expect(caseState(d)).toEqual({ target: 'awaitingFiling' });
  });

  it('EC-06 contacts: three, a probationary member, or the same person twice are refused [DEV-CONTACT-COUNT]', () => {
    const d = start(mode, developmentInput('national', '2025-02-01'));
    d.accept(ev('RECORD_TALK', '2025-02-10', 'branch-secretary'));
    d.accept(ev('DESIGNATE_ACTIVIST', '2025-03-10', 'branch-committee'));
    d.accept(ev('FILE_ACTIVIST', '2025-03-12', 'base-committee'));
    const three = d.send(
      ev('ASSIGN_CONTACTS', '2025-03-15', 'branch-committee', {
        contacts: [
          { id: 'a', fullMember: true },
          { id: 'b', fullMember: true },
          { id: 'c', fullMember: true },
        ],
      }),
    );
    expect(three.failures.map((failure) => failure.ruleId)).toEqual(['DEV-CONTACT-COUNT']);
    const probationary = d.send(
      ev('ASSIGN_CONTACTS', '2025-03-15', 'branch-committee', { contacts: [{ id: 'a', fullMember: false }] }),
    );
    expect(probationary.failures[0]?.message.zh).toContain('预备党员不能担任');
    const twice = d.send(
      ev('ASSIGN_CONTACTS', '2025-03-15', 'branch-committee', {
        contacts: [
          { id: 'a', fullMember: true },
          { id: 'a', fullMember: true },
        ],
      }),
    );
    expect(twice.verdict).toBe('refused');
    const none = d.send(ev('ASSIGN_CONTACTS', '2025-03-15', 'branch-committee', { contacts: [] }));
    expect(none.verdict).toBe('refused');
  });

  it('EC-07/EC-08 introducers: probationary, 留党察看 or duplicate refused; under penalty and self-invited warn nationally', () => {
    const d = nationalToPreparing(mode);
    expect(caseState(d)).toEqual({ preparing: 'introducers' });
    const probationary = d.send(
      ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', {
        introducers: [
          { id: 'i1', fullMember: false },
          { id: 'i2', fullMember: true },
        ],
      }),
    );
    expect(probationary.failures.map((failure) => failure.ruleId)).toContain('DEV-INTRODUCER-ELIGIBILITY');
    const onProbation = d.send(
      ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', {
        introducers: [
          { id: 'i1', fullMember: true, underPartyProbation: true },
          { id: 'i2', fullMember: true },
        ],
      }),
    );
    expect(onProbation.verdict).toBe('refused');
    const duplicate = d.send(
      ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', {
        introducers: [
          { id: 'i1', fullMember: true },
          { id: 'i1', fullMember: true },
        ],
      }),
    );
    expect(duplicate.failures.map((failure) => failure.ruleId)).toContain('DEV-INTRODUCER-COUNT');
    const soft = d.accept(
      ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', {
        introducers: [
          { id: 'i1', fullMember: true, underPenalty: true },
          { id: 'i2', fullMember: true, selfInvited: true },
        ],
      }),
    );
    expect(soft.warnings.map((warning) => warning.ruleId).sort()).toEqual([
      'DEV-INTRODUCER-ELIGIBILITY',
      'DEV-INTRODUCER-SOURCE',
    ]);
    expect(d.context.warnings.map((warning) => warning.ruleId).sort()).toEqual([
      'DEV-INTRODUCER-ELIGIBILITY',
      'DEV-INTRODUCER-SOURCE',
    ]);
  });

  it('EC-09 training: 2.5 days and 26 hours passes nationally; the document needs 5 days or 40 hours and allows no waiver', () => {
    const national = nationalToPreparing(mode);
    national.accept(ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', twoIntroducers));
    national.accept(ev('RECORD_POLITICAL_REVIEW', '2026-06-10', 'branch-committee', { conclusion: 'qualified' }));
    const absurd = national.send(ev('RECORD_TRAINING', '2026-06-20', 'base-committee', { days: 1, hours: 200 }));
    expect(absurd.verdict).toBe('invalid');
    expect(absurd.failures[0]?.ruleId).toBe('DEV-TRAINING-MIN');
    national.accept(ev('RECORD_TRAINING', '2026-06-20', 'base-committee', { days: 2.5, hours: 26 }));

    const d = start(mode, developmentInput('document', '2023-01-10'));
    d.accept(ev('DESIGNATE_ACTIVIST', '2024-01-10', 'branch-committee'));
    d.accept(ev('ASSIGN_CONTACTS', '2024-01-15', 'branch-committee', twoContacts));
    d.accept(ev('PROPOSE_TARGET', '2025-01-10', 'branch-committee'));
    d.accept(ev('RECORD_POLITICAL_REVIEW', '2025-01-20', 'branch-committee', { conclusion: 'qualified' }));
    const short = d.send(ev('RECORD_TRAINING', '2025-02-01', 'org-dept', { days: 2.5, hours: 26 }));
    expect(short.failures[0]).toMatchObject({ ruleId: 'DEV-TRAINING-MIN' });
    const waiver = d.send(
      ev('WAIVE', '2025-02-01', 'base-committee', { ruleId: 'DEV-TRAINING-MIN', reason: '特殊情况' }),
    );
    expect(waiver.verdict).toBe('refused');
    const long = d.accept(ev('RECORD_TRAINING', '2025-02-01', 'org-dept', { days: 8, hours: 64 }));
    expect(long.warnings[0]?.ruleId).toBe('DEV-TRAINING-MIN');
  });

  it('EC-10 the 志愿书 cannot be filled before 预审: not accepted, with the ordering rule [DEV-PREREVIEW]', () => {
    const d = nationalToPreparing(mode);
    d.accept(ev('SET_INTRODUCERS', '2026-06-01', 'branch-committee', twoIntroducers));
    d.accept(ev('RECORD_POLITICAL_REVIEW', '2026-06-10', 'branch-committee', { conclusion: 'qualified' }));
    d.accept(ev('RECORD_TRAINING', '2026-06-20', 'base-committee', { days: 3, hours: 24 }));
    d.accept(ev('RECORD_COMMITTEE_REVIEW', '2026-06-25', 'branch-committee'));
    const early = d.send(ev('FILL_FORM', '2026-06-26', 'applicant'));
    expect(early.verdict).toBe('not-accepted');
    expect(early.failures[0]?.ruleId).toBe('DEV-PREREVIEW');
    d.accept(ev('RECORD_PREREVIEW', '2026-06-28', 'base-committee', { passed: false }));
    expect(caseState(d)).toEqual({ preparing: 'committeeReview' });
  });

  it('EC-12/13/16/17 votes: no quorum, batch and show of hands refused; exactly half in favour is a lawful vote that fails', () => {
    const d = nationalToVote(mode);
    const quorum = d.send(
      ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', {
        ...goodVote,
        votes: { ...goodVote.votes, present: 8, for: 8, against: 0, abstain: 0, writtenFor: 2 },
      }),
    );
    expect(quorum.failures[0]?.ruleId).toBe('DEV-VOTE-QUORUM');
    const hands = d.send(ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', { ...goodVote, method: 'show-of-hands' }));
    expect(hands.failures[0]?.message.en).toContain('secret ballot');
    const batch = d.send(ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', { ...goodVote, candidates: 2 }));
    expect(batch.verdict).toBe('refused');
    d.accept(
      ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', {
        ...goodVote,
        votes: { ...goodVote.votes, for: 8, against: 3, abstain: 1 },
      }),
    );
    expect(caseState(d)).toBe('voteNotPassed');
    expect(d.context.votes.at(-1)?.passed).toBe(false);
    d.accept(ev('HOLD_VOTE', '2026-07-20', 'branch-assembly', goodVote));
    expect(caseState(d)).toBe('higherInterview');
    expect(d.snapshot.context.votes.map((vote) => vote.passed)).toEqual([false, true]);
  });

  it('EC-19 a general branch cannot approve; EC-20 late approval is overdue but never blocks [DEV-APPROVAL-DEADLINE]', () => {
    const d = nationalToVote(mode);
    d.accept(ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', goodVote));
    d.accept(ev('RECORD_INTERVIEW', '2026-07-25', 'org-commissioner'));
    const generalBranch = d.send(ev('APPROVE', '2026-08-20', 'base-committee', { approvingOrgKind: 'general-branch' }));
    expect(generalBranch.failures[0]?.ruleId).toBe('DEV-APPROVAL-BODY');
    const early = d.send({
      type: 'DEADLINE_REACHED',
      deadlineId: 'approval',
      occurredOn: '2026-10-15',
      actor: { id: 'system', roles: ['system'], orgId: 'branch-1' },
    });
    expect(early.failures[0]).toMatchObject({ ruleId: 'CASE-DEADLINE', earliest: '2026-10-16' });
    d.accept({
      type: 'DEADLINE_REACHED',
      deadlineId: 'approval',
      occurredOn: '2026-10-16',
      actor: { id: 'system', roles: ['system'], orgId: 'branch-1' },
    });
    expect((d.snapshot.value as { timeliness: string }).timeliness).toBe('overdue');
    expect(d.context.overdue[0]).toMatchObject({ ruleId: 'DEV-APPROVAL-DEADLINE', due: '2026-10-15' });
    d.accept(ev('APPROVE', '2026-11-20', 'base-committee', { approvingOrgKind: 'party-committee' }));
    expect((d.snapshot.value as { timeliness: string }).timeliness).toBe('onTime');
    expect(d.context.late[0]).toMatchObject({ ruleId: 'DEV-APPROVAL-DEADLINE', doneOn: '2026-11-20' });
  });

  it('EC-21 an objection during the notice is investigated; an upheld objection ends the case with its reason', () => {
    const d = start(mode, developmentInput('national', '2025-03-01'));
    d.accept(ev('RECORD_TALK', '2025-03-20', 'branch-secretary'));
    d.accept(ev('DESIGNATE_ACTIVIST', '2025-04-10', 'branch-committee'));
    d.accept(ev('FILE_ACTIVIST', '2025-04-20', 'base-committee'));
    d.accept(ev('ASSIGN_CONTACTS', '2025-04-25', 'branch-committee', twoContacts));
    d.accept(ev('PROPOSE_TARGET', '2026-05-12', 'branch-committee'));
    d.accept(ev('APPROVE_TARGET', '2026-05-20', 'higher-committee'));
    d.accept(ev('CLOSE_NOTICE', '2026-05-25', 'branch-committee', { postedOn: '2026-05-21', objections: 1 }));
    expect(caseState(d)).toEqual({ target: 'investigating' });
    d.accept(
      ev('CONCLUDE_INVESTIGATION', '2026-06-05', 'branch-committee', {
        affectsAdmission: true,
        reason: 'OBJECTION-UPHELD',
      }),
    );
    expect(d.snapshot.status).toBe('done');
    expect(d.snapshot.output?.outcome).toMatchObject({ kind: 'terminated', reason: 'OBJECTION-UPHELD' });
  });

  it('EC-22 a 5-working-day notice posted 2026-04-30 runs across 劳动节 to 2026-05-11 [DEV-TARGET-NOTICE-DAYS]', () => {
    const d = start(mode, developmentInput('national', '2025-03-01'));
    d.accept(ev('RECORD_TALK', '2025-03-20', 'branch-secretary'));
    d.accept(ev('DESIGNATE_ACTIVIST', '2025-04-10', 'branch-committee'));
    d.accept(ev('FILE_ACTIVIST', '2025-04-20', 'base-committee'));
    d.accept(ev('ASSIGN_CONTACTS', '2025-04-25', 'branch-committee', twoContacts));
    d.accept(ev('PROPOSE_TARGET', '2026-05-11', 'branch-committee'));
    d.accept(ev('APPROVE_TARGET', '2026-05-11', 'higher-committee'));
    // Posted 05-11 (Mon, not counted): 05-12..05-15 and 05-18 are the five working days.
    const early = d.send(
      ev('CLOSE_NOTICE', '2026-05-18', 'branch-committee', { postedOn: '2026-05-11', objections: 0 }),
    );
    expect(early.failures[0]).toMatchObject({ ruleId: 'DEV-TARGET-NOTICE-DAYS', earliest: '2026-05-19' });
    d.accept(ev('CLOSE_NOTICE', '2026-05-19', 'branch-committee', { postedOn: '2026-05-11', objections: 0 }));
  });

  it('a forbidden role is refused with the rule naming who acts; an event the state does not take is reported, not ignored', () => {
    const d = start(mode, developmentInput('national', '2025-03-01'));
    const wrongRole = d.send(ev('RECORD_TALK', '2025-03-20', 'applicant'));
    expect(wrongRole.verdict).toBe('refused');
    expect(wrongRole.failures[0]).toMatchObject({ check: 'allowedRoles', ruleId: 'DEV-APPLY-TALK-DEADLINE' });
    const skip = d.send(ev('TAKE_OATH', '2025-03-20', 'branch-committee'));
    expect(skip.verdict).toBe('not-accepted');
    expect(skip.message.en).toContain('does not accept TAKE_OATH');
    const backdated = d.send(ev('RECORD_TALK', '2025-02-01', 'branch-secretary'));
    expect(backdated.failures[0]?.ruleId).toBe('CASE-CHRONOLOGY');
    const noTalk = d.send(ev('DESIGNATE_ACTIVIST', '2025-04-10', 'branch-committee'));
    expect(noTalk.failures[0]?.ruleId).toBe('DEV-APPLY-TALK-DEADLINE');
  });

  it('the talk deadline goes overdue after one month and is recorded as met late when the talk happens', () => {
    const d = start(mode, developmentInput('national', '2025-01-31'));
    expect(d.context.deadlines[0]).toMatchObject({
      id: 'talk',
      due: '2025-02-28',
      ruleId: 'DEV-APPLY-TALK-DEADLINE',
      provisional: false,
    });
    d.accept({
      type: 'DEADLINE_REACHED',
      deadlineId: 'talk',
      occurredOn: '2025-03-01',
      actor: { id: 'system', roles: ['system'], orgId: 'branch-1' },
    });
    expect(d.context.overdue).toHaveLength(1);
    d.accept(ev('RECORD_TALK', '2025-03-10', 'branch-secretary'));
    expect(d.context.overdue).toHaveLength(0);
    expect(d.context.late[0]).toMatchObject({ deadlineId: 'talk', doneOn: '2025-03-10' });
  });

  it('withdrawal by the applicant and termination by the organisation end the case with the reason kept', () => {
    const withdrawn = start(mode, developmentInput('national', '2025-03-01'));
    expect(withdrawn.send(ev('WITHDRAW', '2025-03-05', 'branch-committee', { reason: 'x' })).verdict).toBe('refused');
    withdrawn.accept(ev('WITHDRAW', '2025-03-05', 'applicant', { reason: 'PERSONAL' }));
    expect(withdrawn.snapshot.output?.outcome).toMatchObject({ kind: 'withdrawn', reason: 'PERSONAL' });
    expect(withdrawn.send(ev('RECORD_TALK', '2025-03-06', 'branch-secretary')).verdict).toBe('not-accepted');
    const ended = start(mode, developmentInput('document', '2025-03-01'));
    ended.accept(ev('TERMINATE', '2025-06-01', 'branch-committee', { reason: 'MOVED-AWAY' }));
    expect(ended.snapshot.output?.outcome).toMatchObject({ kind: 'terminated', reason: 'MOVED-AWAY' });
  });

  it('a correction is audited, re-runs the checks and flags later steps that no longer hold', () => {
    const d = start(mode, developmentInput('national', '2025-02-01'));
    d.accept(ev('RECORD_TALK', '2025-02-10', 'branch-secretary'));
    d.accept(ev('DESIGNATE_ACTIVIST', '2025-03-10', 'branch-committee'));
    d.accept(ev('FILE_ACTIVIST', '2025-03-12', 'base-committee'));
    d.accept(ev('ASSIGN_CONTACTS', '2025-03-15', 'branch-committee', twoContacts));
    d.accept(ev('PROPOSE_TARGET', '2026-03-10', 'branch-committee'));
    d.accept(
      ev('CORRECT', '2026-03-20', 'branch-committee', { step: 'activist', on: '2025-03-12', reason: 'WRONG-DATE' }),
    );
    expect(d.context.corrections[0]).toMatchObject({
      step: 'activist',
      oldValue: '"2025-03-10"',
      newValue: '"2025-03-12"',
    });
    expect(d.context.flags.map((flag) => flag.ruleId)).toEqual(['DEV-ACTIVIST-MIN-TRAINING']);
    expect(
      d.send(ev('CORRECT', '2026-03-20', 'branch-committee', { step: 'oath', on: '2025-03-12', reason: 'x' })).verdict,
    ).toBe('refused');
  });

  it('a waiver extends the approval limit to six months nationally and is visible in explain', () => {
    const d = nationalToVote(mode);
    d.accept(ev('HOLD_VOTE', '2026-07-15', 'branch-assembly', goodVote));
    d.accept(
      ev('WAIVE', '2026-07-20', 'higher-committee', { ruleId: 'DEV-APPROVAL-DEADLINE', reason: 'SPECIAL-CASE' }),
    );
    expect(d.context.deadlines.find((deadline) => deadline.id === 'approval')?.due).toBe('2027-01-15');
    expect(d.context.waivers[0]).toMatchObject({ ruleId: 'DEV-APPROVAL-DEADLINE', approvedBy: 'higher-committee-1' });
  });

  it('EC-05 a transfer moves the case to the receiving branch and keeps its dates', () => {
    const d = nationalToPreparing(mode);
    const before = d.context.steps;
    d.accept({ ...ev('TRANSFER', '2026-06-02', 'org-dept'), toOrgId: 'branch-2' });
    expect(d.context.orgId).toBe('branch-2');
    expect(d.context.steps.activist).toEqual(before.activist);
    expect(d.context.transfers[0]).toMatchObject({ fromOrgId: 'branch-1', toOrgId: 'branch-2' });
  });

  it('import: a case already at the branch vote starts there with its historical dates and rule versions', () => {
    const d = start(
      mode,
      developmentInput('national', '2024-01-05', {
        import: {
          at: 'branchVote',
          steps: {
            talked: '2024-01-20',
            activist: '2024-02-01',
            targetProposed: '2025-03-01',
            formFilled: '2025-06-01',
            prereview: '2025-05-20',
          },
        },
      }),
    );
    expect(caseState(d)).toBe('branchVote');
    expect(d.context.imported).toEqual({ at: 'branchVote', on: '2025-06-01' });
    expect(d.context.steps.activist?.versionId).toBe('NAT-2020');
    d.accept(ev('HOLD_VOTE', '2025-06-10', 'branch-assembly', goodVote));
  });
});

describe('member development input', () => {
  const parse = (birthDate: string, appliedOn: string) =>
    parsePayload(
      developmentInputSchema,
      developmentInput('national', appliedOn as '2026-01-01', { birthDate: birthDate as '2026-01-01' }),
      'input',
    );

  it('EC-01 an applicant under 18 on the application date is refused, naming the field and rule', () => {
    expect(() => parse('2008-03-02', '2026-03-01')).toThrow(InvalidPayloadError);
    try {
      parse('2008-03-02', '2026-03-01');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_INPUT',
        issues: [{ path: 'birthDate', ruleId: 'DEV-APPLICANT-MIN-AGE' }],
      });
    }
    expect(() => parse('2008-03-01', '2026-03-01')).not.toThrow();
  });

  it('an import is validated against the rules in force on its historical dates [DEV-ACTIVIST-MIN-TRAINING]', () => {
    const imported = (targetProposed: string) =>
      developmentInput('national', '2024-01-05', {
        import: {
          at: 'target',
          steps: { talked: '2024-01-20', activist: '2024-02-01', targetProposed: targetProposed as '2025-02-01' },
        },
      });
    expect(() => parsePayload(developmentInputSchema, imported('2025-02-01'), 'input')).not.toThrow();
    try {
      parsePayload(developmentInputSchema, imported('2025-01-31'), 'input');
      expect.unreachable('an activist period one day short must be refused');
    } catch (error) {
      expect(error).toMatchObject({
        issues: [{ path: 'import.steps.targetProposed', ruleId: 'DEV-ACTIVIST-MIN-TRAINING' }],
      });
    }
    const disordered = developmentInput('document', '2024-01-05', {
      import: { at: 'activist', steps: { activist: '2023-12-01' } },
    });
    expect(() => parsePayload(developmentInputSchema, disordered, 'input')).toThrow(
      /CASE-CHRONOLOGY|DEV-APPLY-TO-ACTIVIST-MIN/,
    );
  });

  it('EC-02 born 29 Feb: 18 on 28 Feb of a common year under the month-end rule', () => {
    expect(() => parse('2008-02-29', '2026-02-28')).not.toThrow();
    expect(() => parse('2008-02-29', '2026-02-27')).toThrow(/DEV-APPLICANT-MIN-AGE/);
  });
});

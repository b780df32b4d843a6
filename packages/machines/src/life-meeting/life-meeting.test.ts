import { describeRule, documentRules, InvalidPayloadError, national, versionOn } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { driverModes } from '../../test/case-driver.js';
import { ev } from '../../test/development-fixtures.js';
import {
  caseState,
  deadline,
  deadlineReached,
  documentHeld,
  documentPrepared,
  lifeMeetingInput,
  meetingPayload,
  nationalPrepared,
  pendingIds,
  preparationEvents,
  start,
  timeliness,
} from '../../test/life-meeting-fixtures.js';
import { toMermaid } from '../core/mermaid.js';
import { parsePayload } from '../core/parse-payload.js';
import { lifeMeetingMachine } from './life-meeting.machine.js';
import { lifeMeetingProcess } from './life-meeting.process.js';
import { lifeMeetingInputSchema } from './life-meeting.schema.js';

describe.each(driverModes)('life meeting (%s actor)', (mode) => {
  it('document happy path: 党支部民主生活会 for H1 2026, 3-day upper notice, rectification within one month, report "及时" pending', () => {
    const d = start(mode, lifeMeetingInput('document'));
    expect(d.context.title.zh).toBe('党支部民主生活会');
    expect(d.context.period).toMatchObject({ label: '2026-H1', start: '2026-01-01', end: '2026-06-30' });
    expect(deadline(d, 'meeting')).toMatchObject({ due: '2026-06-30', ruleId: 'OLM-FREQ' });
    d.accept(
      ev('DECIDE_TOPIC', '2026-05-20', 'branch-committee', {
        contents: ['democratic-centralism', 'integrity'],
        focusProblems: ['focus-1', 'focus-2'],
        plannedDate: '2026-06-18',
      }),
    );
    expect(caseState(d)).toEqual({ preparing: 'underway' });
    // The latest day the upper notice can be given for a meeting on 06-18.
    expect(deadline(d, 'upper-notice')).toMatchObject({ due: '2026-06-15', ruleId: 'OLM-PRENOTICE-UPPER' });
    d.accept(ev('SOLICIT_OPINIONS', '2026-05-25', 'org-commissioner', { talks: 8, forums: 1 }));
    d.accept(ev('SOLICIT_OPINIONS', '2026-05-28', 'branch-committee', { talks: 2, forums: 1 }));
    expect(d.context.opinions).toEqual({ talks: 10, forums: 2 });
    d.accept(ev('NOTIFY_UPPER', '2026-06-10', 'branch-secretary', { meetingDate: '2026-06-18' }));
    expect(deadline(d, 'upper-notice')).toBeUndefined();
    d.accept(ev('NOTIFY_MEMBERS', '2026-06-11', 'branch-secretary', { meetingDate: '2026-06-18' }));
    d.accept(ev('PREPARE_SPEECHES', '2026-06-15', 'branch-committee', { prepared: 12, leaderTalks: 3 }));
    const held = d.accept(
      ev(
        'HOLD_MEETING',
        '2026-06-18',
        'branch-secretary',
        meetingPayload({
          present: 11,
          speeches: 11,
          upperAttended: true,
          absentees: [{ id: 'm-7', writtenStatement: true }],
          problemsRaised: ['q-1', 'q-2'],
          resolvedOnSite: ['q-1'],
        }),
      ),
    );
    expect(held.warnings).toEqual([]);
    expect(caseState(d)).toEqual({ followUp: { rectification: 'pending', report: 'pending', feedback: 'pending' } });
    expect(d.context.meeting).toMatchObject({ on: '2026-06-18', bucket: '2026-H1', late: false, delegated: false });
    expect(d.context.deadlines.map((item) => [item.id, item.due])).toEqual([['rectification', '2026-07-18']]);
    // The document's "及时" report has no number: no deadline, but a visible pending step.
    expect(d.context.pending.find((item) => item.id === 'report-upper')).toMatchObject({
      ruleId: 'OLM-REPORT-UPPER',
      due: null,
    });
    expect(pendingIds(d)).toEqual(['rectification', 'report-upper', 'feedback', 'criticism-m-7', 'problem-q-2']);
    d.accept(ev('PASS_ON_CRITICISM', '2026-06-19', 'branch-secretary', { absenteeId: 'm-7' }));
    d.accept(
      ev('RECORD_RECTIFICATION_PLAN', '2026-07-10', 'branch-committee', {
        measures: 3,
        responsibleId: 'leader-2',
        problemIds: ['q-2'],
      }),
    );
    d.accept(ev('REPORT_UPPER', '2026-07-12', 'branch-secretary'));
    d.accept(ev('GIVE_FEEDBACK', '2026-07-15', 'branch-committee', { audiences: ['members', 'public'] }));
    expect(caseState(d)).toEqual({ followUp: { rectification: 'done', report: 'done', feedback: 'done' } });
    d.accept(ev('CLOSE', '2026-07-20', 'branch-secretary'));
    expect(d.snapshot.status).toBe('done');
    expect(timeliness(d)).toBe('closed');
    expect(d.snapshot.output).toMatchObject({
      period: '2026-H1',
      profileId: 'document',
      meetingOn: '2026-06-18',
      late: false,
      outcome: { kind: 'closed', chairAccountable: false },
    });
    expect(d.context.steps.meeting?.versionId).toBe('DOC');
    expect(d.context.warnings).toEqual([]);
    expect(d.context.late).toEqual([]);
  });

  it('national happy path: annual 组织生活会 in Q4 2026, no upper-notice step, written report within 15 days', () => {
    const d = nationalPrepared(mode);
    expect(d.context.title.zh).toBe('组织生活会');
    expect(d.context.period).toMatchObject({ label: '2026', end: '2026-12-31' });
    expect(deadline(d, 'upper-notice')).toBeUndefined();
    expect(pendingIds(d)).toEqual(['meeting']);
    d.accept(
      ev('HOLD_MEETING', '2026-11-26', 'branch-secretary', meetingPayload({ due: 20, present: 20, speeches: 20 })),
    );
    expect(d.context.deadlines.map((item) => [item.id, item.ruleId, item.due])).toEqual([
      ['report-upper', 'OLM-REPORT-UPPER', '2026-12-11'],
    ]);
    // No national limit for the rectification: pending, undated.
    expect(d.context.pending.find((item) => item.id === 'rectification')?.due).toBeNull();
    d.accept(ev('RECORD_RECTIFICATION_PLAN', '2026-12-01', 'branch-committee', { measures: 2, responsibleId: 'l-1' }));
    d.accept(ev('REPORT_UPPER', '2026-12-10', 'branch-secretary'));
    d.accept(ev('GIVE_FEEDBACK', '2026-12-15', 'branch-committee', { audiences: ['members'] }));
    d.accept(ev('CLOSE', '2026-12-20', 'branch-secretary'));
    expect(d.snapshot.output).toMatchObject({ period: '2026', meetingOn: '2026-11-26', outcome: { kind: 'closed' } });
    // NAT-2026 changes no life-meeting value: the projection keeps the version that last did.
    expect(d.context.steps.meeting?.versionId).toBe('NAT-2020');
    expect(d.context.warnings).toEqual([]);
  });

  it('national: a meeting outside Q4 is recorded with a warning; a late report goes overdue and is recorded late', () => {
    const d = start(mode, lifeMeetingInput('national', { kind: 'leadership-team' }));
    expect(d.context.title.zh).toBe('民主生活会');
    for (const event of preparationEvents('2026-08-10', {
      topic: '2026-07-01',
      opinions: '2026-07-05',
      upper: '2026-07-20',
      members: '2026-08-01',
      speeches: '2026-08-05',
    })) {
      d.accept(event);
    }
    const held = d.accept(ev('HOLD_MEETING', '2026-08-10', 'branch-secretary', meetingPayload()));
    expect(held.warnings.map((warning) => [warning.check, warning.ruleId])).toEqual([
      ['meetingInUsualQuarter', 'OLM-FREQ'],
    ]);
    expect(held.warnings[0]?.message.zh).toBe('一般在第4季度召开，本次在第3季度');
    expect(deadline(d, 'report-upper')?.due).toBe('2026-08-25');
    d.accept(deadlineReached('report-upper', '2026-08-26'));
    expect(timeliness(d)).toBe('overdue');
    d.accept(ev('REPORT_UPPER', '2026-09-02', 'branch-secretary'));
    expect(timeliness(d)).toBe('onTime');
    expect(d.context.late).toEqual([
      expect.objectContaining({
        deadlineId: 'report-upper',
        ruleId: 'OLM-REPORT-UPPER',
        due: '2026-08-25',
        doneOn: '2026-09-02',
      }),
    ]);
  });

  it('EC-40 calendar buckets: a meeting on 2026-06-30 belongs to H1; on 2026-07-01 it is late for H1 and the case shows overdue', () => {
    const onTime = documentPrepared(mode, '2026-06-30');
    onTime.accept(ev('HOLD_MEETING', '2026-06-30', 'branch-secretary', meetingPayload()));
    expect(onTime.context.meeting).toMatchObject({ bucket: '2026-H1', late: false });
    expect(onTime.context.late).toEqual([]);

    const late = documentPrepared(mode, '2026-06-30');
    const early = late.send(deadlineReached('meeting', '2026-06-30'));
    expect(early.failures[0]).toMatchObject({ ruleId: 'CASE-DEADLINE', earliest: '2026-07-01' });
    late.accept(deadlineReached('meeting', '2026-07-01'));
    expect(timeliness(late)).toBe('overdue');
    expect(late.context.overdue).toEqual([
      expect.objectContaining({ deadlineId: 'meeting', ruleId: 'OLM-FREQ', due: '2026-06-30' }),
    ]);
    expect(late.send(deadlineReached('meeting', '2026-07-02')).verdict).toBe('refused');
    // A missed deadline never blocks: the meeting is held, late, and kept on record.
    const held = late.accept(ev('HOLD_MEETING', '2026-07-01', 'branch-secretary', meetingPayload()));
    expect(held.warnings.map((warning) => [warning.check, warning.ruleId])).toEqual([
      ['meetingOnTime', 'OLM-FREQ'],
      ['heldOnAnnouncedDate', 'OLM-PRENOTICE-UPPER'],
    ]);
    expect(held.warnings[0]?.message.zh).toContain('2026年下半年');
    expect(late.context.meeting).toMatchObject({ bucket: '2026-H2', late: true });
    expect(late.context.late).toEqual([
      expect.objectContaining({ deadlineId: 'meeting', ruleId: 'OLM-FREQ', due: '2026-06-30', doneOn: '2026-07-01' }),
    ]);
    expect(timeliness(late)).toBe('onTime');

    // A date in H1 cannot count for the H2 meeting.
    const second = start(mode, lifeMeetingInput('document', { period: { year: 2026, half: 2 } }));
    const wrongBucket = second.send(
      ev('DECIDE_TOPIC', '2026-06-20', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['f'],
        plannedDate: '2026-06-28',
      }),
    );
    expect(wrongBucket.failures.map((failure) => failure.ruleId)).toEqual(['OLM-FREQ']);
    expect(deadline(second, 'meeting')?.due).toBe('2026-12-31');
  });

  it('EC-41 the document’s twice-a-year value is pinned; "每年至少一次" is recorded as the rejected alternative', () => {
    const values = versionOn(documentRules, '2026-06-30').values.lifeMeeting;
    expect(values.frequency).toEqual({ per: 'half-year', atLeast: 1 });
    const source = versionOn(documentRules, '2026-06-30').sources['OLM-FREQ'];
    expect(source?.citation).toContain('每年召开两次');
    expect(source?.rejected?.value).toContain('每年至少一次');
    expect(source?.rejected?.reason.zh).toContain('EC-41');
    expect(describeRule(documentRules, 'OLM-FREQ', '2026-06-30').value).toEqual({ per: 'half-year', atLeast: 1 });
    // Two buckets a year under the document, one under the national rules.
    const first = start(mode, lifeMeetingInput('document'));
    const second = start(mode, lifeMeetingInput('document', { period: { year: 2026, half: 2 } }));
    const annual = start(mode, lifeMeetingInput('national'));
    expect([first, second, annual].map((d) => deadline(d, 'meeting')?.due)).toEqual([
      '2026-06-30',
      '2026-12-31',
      '2026-12-31',
    ]);
    expect(versionOn(national, '2026-12-31').values.lifeMeeting.frequency).toEqual({ per: 'year', atLeast: 1 });
  });

  it('a forbidden role is refused naming its rule; a delegated chair is recorded (MTG-CONVENER)', () => {
    const d = start(mode, lifeMeetingInput('document'));
    const member = d.send(
      ev('DECIDE_TOPIC', '2026-05-20', 'member', {
        contents: ['integrity'],
        focusProblems: ['f'],
        plannedDate: '2026-06-18',
      }),
    );
    expect(member.failures).toEqual([expect.objectContaining({ check: 'allowedRoles', ruleId: 'OLM-PREP-STEPS' })]);
    expect(member.message.zh).toContain('党支部书记、支部委员会');
    const prepared = documentPrepared(mode);
    const byMember = prepared.send(ev('HOLD_MEETING', '2026-06-18', 'member', meetingPayload()));
    expect(byMember.failures).toEqual([expect.objectContaining({ check: 'allowedRoles', ruleId: 'MTG-CONVENER' })]);
    prepared.accept(ev('HOLD_MEETING', '2026-06-18', 'branch-committee', meetingPayload()));
    expect(prepared.context.meeting).toMatchObject({ chairId: 'branch-committee-1', delegated: true });
  });

  it('an event the state does not accept is reported as not-accepted with its ordering rule, never ignored', () => {
    const d = start(mode, lifeMeetingInput('document'));
    const meeting = d.send(ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload()));
    expect(meeting.verdict).toBe('not-accepted');
    expect(meeting.failures[0]?.ruleId).toBe('OLM-PREP-STEPS');
    expect(meeting.message.en).toContain('does not accept HOLD_MEETING');
    expect(d.send(ev('REPORT_UPPER', '2026-06-18', 'branch-secretary')).verdict).toBe('not-accepted');
    const held = documentHeld(mode);
    const again = held.send(
      ev('DECIDE_TOPIC', '2026-06-20', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['f'],
        plannedDate: '2026-06-25',
      }),
    );
    expect(again.verdict).toBe('not-accepted');
    expect(
      held.send(ev('ESCALATE_TO_DISCIPLINE', '2026-06-20', 'higher-committee', { reason: 'X' })).failures[0]?.ruleId,
    ).toBe('OLM-ESCALATE');
    held.accept(ev('REPORT_UPPER', '2026-06-20', 'branch-secretary'));
    const twice = held.send(ev('REPORT_UPPER', '2026-06-21', 'branch-secretary'));
    expect(twice.verdict).toBe('not-accepted');
  });
});

describe('life meeting input and definition', () => {
  it('EC-41 the period follows the profile’s frequency: a half under the document, the year nationally', () => {
    expect(() =>
      parsePayload(lifeMeetingInputSchema, lifeMeetingInput('document', { period: { year: 2026 } }), 'input'),
    ).toThrow(InvalidPayloadError);
    try {
      parsePayload(lifeMeetingInputSchema, lifeMeetingInput('national', { period: { year: 2026, half: 2 } }), 'input');
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT', issues: [{ path: 'period.half', ruleId: 'OLM-FREQ' }] });
    }
    expect(() => parsePayload(lifeMeetingInputSchema, lifeMeetingInput('national', { members: 0 }), 'input')).toThrow(
      /members/,
    );
    expect(() =>
      parsePayload(lifeMeetingInputSchema, lifeMeetingInput('national', { period: { year: 2013 } }), 'input'),
    ).toThrow(/OLM-FREQ/);
  });

  it('every state carries zh-CN and English meta, and the diagram draws the accountability state', () => {
    const missing: string[] = [];
    const visit = (node: AnyStateNode) => {
      const meta = node.meta as { zh?: string; en?: string } | undefined;
      if (!meta?.zh || !meta.en) missing.push(node.id);
      for (const child of Object.values(node.states)) visit(child);
    };
    visit(lifeMeetingMachine.root);
    expect(missing).toEqual([]);
    const diagram = toMermaid(lifeMeetingMachine);
    expect(diagram).toContain('case_followUp --> case_chairAccountable : CLOSE [mayCloseChairAccountable]');
  });

  it('the process definition reads deadlines and the organisation from a snapshot', () => {
    const d = start('live', lifeMeetingInput('document'));
    expect(lifeMeetingProcess.id).toBe('life-meeting');
    expect(lifeMeetingProcess.deadlines(d.snapshot)).toEqual(d.context.deadlines);
    expect(lifeMeetingProcess.organisationOf(d.snapshot)).toBe('branch-1');
    expect(lifeMeetingProcess.explain(d.snapshot, { type: 'NOPE' }).verdict).toBe('invalid');
  });
});

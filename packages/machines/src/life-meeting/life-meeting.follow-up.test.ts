import { describe, expect, it } from 'vitest';
import { type DriverMode, driverModes } from '../../test/case-driver.js';
import { ev } from '../../test/development-fixtures.js';
import {
  caseState,
  deadline,
  deadlineReached,
  documentHeld,
  documentPrepared,
  meetingPayload,
  nationalPrepared,
  pendingIds,
  timeliness,
} from '../../test/life-meeting-fixtures.js';

describe.each(driverModes)('life meeting attendance, rectification and accountability (%s actor)', (mode) => {
  it('OLM-ATTENDANCE: an absentee without a written statement is recorded with a warning (document), not refused', () => {
    const d = documentPrepared(mode);
    const absentees = [
      { id: 'm-7', writtenStatement: false },
      { id: 'm-8', writtenStatement: true },
    ];
    const held = d.accept(
      ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload({ present: 10, speeches: 10, absentees })),
    );
    expect(held.verdict).toBe('allowed');
    expect(held.warnings).toEqual([
      expect.objectContaining({ check: 'absenteeStatements', ruleId: 'OLM-ATTENDANCE', severity: 'warn' }),
    ]);
    expect(d.context.warnings).toEqual([
      expect.objectContaining({ eventType: 'HOLD_MEETING', ruleId: 'OLM-ATTENDANCE', on: '2026-06-18' }),
    ]);
    expect(d.context.warnings[0]?.message.zh).toContain('1名缺席人员未提交书面发言');
    expect(d.context.absentees.map((absentee) => [absentee.id, absentee.writtenStatement])).toEqual([
      ['m-7', false],
      ['m-8', true],
    ]);

    const national = nationalPrepared(mode);
    const nationalHeld = national.accept(
      ev(
        'HOLD_MEETING',
        '2026-11-26',
        'branch-secretary',
        meetingPayload({ due: 20, present: 18, speeches: 18, absentees }),
      ),
    );
    expect(nationalHeld.warnings).toEqual([]);

    const miscounted = documentPrepared(mode).send(
      ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload({ present: 12, absentees })),
    );
    expect(miscounted.verdict).toBe('invalid');
    expect(miscounted.failures[0]?.ruleId).toBe('OLM-ATTENDANCE');
  });

  it('OLM-ATTENDANCE: the criticism passed on to each absentee is tracked until done; closing waits for it', () => {
    const d = documentHeld(mode, {
      present: 10,
      speeches: 10,
      absentees: [
        { id: 'm-7', writtenStatement: true },
        { id: 'm-8', writtenStatement: true },
      ],
    });
    expect(pendingIds(d).filter((id) => id.startsWith('criticism-'))).toEqual(['criticism-m-7', 'criticism-m-8']);
    d.accept(ev('RECORD_RECTIFICATION_PLAN', '2026-06-25', 'branch-committee', { measures: 1, responsibleId: 'l-1' }));
    d.accept(ev('REPORT_UPPER', '2026-06-26', 'branch-secretary'));
    d.accept(ev('GIVE_FEEDBACK', '2026-06-27', 'branch-committee', { audiences: ['members', 'public'] }));
    const tooSoon = d.send(ev('CLOSE', '2026-06-28', 'branch-secretary'));
    expect(tooSoon.failures).toEqual([
      expect.objectContaining({ check: 'criticismPassedOn', ruleId: 'OLM-ATTENDANCE' }),
    ]);
    expect(tooSoon.message.zh).toContain('尚未向2名缺席人转告');
    // 主持人委托出席会议的其他人员 may pass it on.
    d.accept(ev('PASS_ON_CRITICISM', '2026-06-28', 'member', { absenteeId: 'm-7' }));
    expect(d.context.absentees[0]).toMatchObject({ criticismPassedOn: '2026-06-28', passedOnBy: 'member-1' });
    expect(d.send(ev('PASS_ON_CRITICISM', '2026-06-28', 'member', { absenteeId: 'm-7' })).verdict).toBe('refused');
    expect(d.send(ev('PASS_ON_CRITICISM', '2026-06-28', 'member', { absenteeId: 'm-9' })).failures[0]?.message.en).toBe(
      'm-9 is not an absentee of this meeting',
    );
    expect(d.send(ev('CLOSE', '2026-06-28', 'branch-secretary')).verdict).toBe('refused');
    d.accept(ev('PASS_ON_CRITICISM', '2026-06-29', 'branch-secretary', { absenteeId: 'm-8' }));
    expect(pendingIds(d)).toEqual([]);
    d.accept(ev('CLOSE', '2026-06-30', 'branch-secretary'));
    expect(d.snapshot.status).toBe('done');
  });

  it('OLM-RECTIFY-DEADLINE: rectification after one month goes overdue, then is recorded as met late', () => {
    const d = documentHeld(mode);
    expect(deadline(d, 'rectification')?.due).toBe('2026-07-18');
    expect(d.send(deadlineReached('rectification', '2026-07-18')).failures[0]).toMatchObject({
      ruleId: 'CASE-DEADLINE',
      earliest: '2026-07-19',
    });
    d.accept(deadlineReached('rectification', '2026-07-19'));
    expect(timeliness(d)).toBe('overdue');
    expect(d.context.overdue).toEqual([
      expect.objectContaining({ deadlineId: 'rectification', ruleId: 'OLM-RECTIFY-DEADLINE', due: '2026-07-18' }),
    ]);
    // Still overdue while other follow-up steps are done.
    d.accept(ev('REPORT_UPPER', '2026-07-20', 'branch-secretary'));
    expect(timeliness(d)).toBe('overdue');
    d.accept(ev('RECORD_RECTIFICATION_PLAN', '2026-07-25', 'branch-committee', { measures: 2, responsibleId: 'l-1' }));
    expect(timeliness(d)).toBe('onTime');
    expect(d.context.overdue).toEqual([]);
    expect(d.context.late).toEqual([
      expect.objectContaining({ deadlineId: 'rectification', ruleId: 'OLM-RECTIFY-DEADLINE', doneOn: '2026-07-25' }),
    ]);
  });

  it('OLM-ESCALATE: closing with unresolved problems goes to chairAccountable; resolving or escalating ends it, never silently', () => {
    const followedUp = (m: DriverMode) => {
      const d = documentHeld(m, { problemsRaised: ['q-1', 'q-2', 'q-3'] });
      d.accept(
        ev('RECORD_RECTIFICATION_PLAN', '2026-07-01', 'branch-committee', {
          measures: 2,
          responsibleId: 'l-1',
          problemIds: ['q-1'],
        }),
      );
      d.accept(ev('REPORT_UPPER', '2026-07-02', 'branch-secretary'));
      d.accept(ev('GIVE_FEEDBACK', '2026-07-03', 'branch-committee', { audiences: ['members', 'public'] }));
      return d;
    };
    const d = followedUp(mode);
    const unknown = d.send(
      ev('RESOLVE_PROBLEMS', '2026-07-04', 'branch-committee', { problemIds: ['q-1'], how: 'resolved' }),
    );
    expect(unknown.failures[0]?.ruleId).toBe('OLM-ESCALATE');
    d.accept(ev('CLOSE', '2026-07-05', 'branch-secretary'));
    expect(caseState(d)).toBe('chairAccountable');
    expect(d.snapshot.status).toBe('active');
    expect(d.context.accountability).toEqual({
      on: '2026-07-05',
      chairId: 'branch-secretary-1',
      ruleId: 'OLM-ESCALATE',
      openProblems: ['q-2', 'q-3'],
    });
    expect(d.context.flags).toEqual([expect.objectContaining({ ruleId: 'OLM-ESCALATE', raisedOn: '2026-07-05' })]);
    expect(pendingIds(d)).toEqual(['problem-q-2', 'problem-q-3']);
    const byBranch = d.send(ev('ESCALATE_TO_DISCIPLINE', '2026-07-06', 'branch-secretary', { reason: 'X' }));
    expect(byBranch.failures).toEqual([expect.objectContaining({ check: 'allowedRoles', ruleId: 'OLM-ESCALATE' })]);
    d.accept(ev('RESOLVE_PROBLEMS', '2026-07-06', 'branch-committee', { problemIds: ['q-2'], how: 'reported-upward' }));
    expect(caseState(d)).toBe('chairAccountable');
    d.accept(ev('RESOLVE_PROBLEMS', '2026-07-08', 'branch-committee', { problemIds: ['q-3'], how: 'referred' }));
    expect(caseState(d)).toBe('closed');
    expect(d.snapshot.output?.outcome).toMatchObject({ kind: 'closed', chairAccountable: true });
    expect(d.context.accountability?.openProblems).toEqual(['q-2', 'q-3']);

    const escalated = followedUp(mode);
    escalated.accept(ev('CLOSE', '2026-07-05', 'branch-secretary'));
    escalated.accept(ev('ESCALATE_TO_DISCIPLINE', '2026-07-10', 'higher-committee', { reason: 'NOT-HANDLED' }));
    expect(caseState(escalated)).toBe('escalated');
    expect(escalated.snapshot.output?.outcome).toMatchObject({
      kind: 'escalated',
      chairAccountable: true,
      reason: 'NOT-HANDLED',
    });
  });

  it('OLM-ESCALATE nationally: no accountability clause, so the case cannot close while a problem raised is open', () => {
    const d = nationalPrepared(mode);
    d.accept(ev('HOLD_MEETING', '2026-11-26', 'branch-secretary', meetingPayload({ problemsRaised: ['q-1'] })));
    d.accept(ev('RECORD_RECTIFICATION_PLAN', '2026-12-01', 'branch-committee', { measures: 1, responsibleId: 'l-1' }));
    d.accept(ev('REPORT_UPPER', '2026-12-02', 'branch-secretary'));
    d.accept(ev('GIVE_FEEDBACK', '2026-12-03', 'branch-committee', { audiences: ['members'] }));
    const refused = d.send(ev('CLOSE', '2026-12-04', 'branch-secretary'));
    expect(refused.failures).toEqual([expect.objectContaining({ check: 'problemsHandled', ruleId: 'OLM-ESCALATE' })]);
    d.accept(ev('RESOLVE_PROBLEMS', '2026-12-05', 'branch-committee', { problemIds: ['q-1'], how: 'resolved' }));
    d.accept(ev('CLOSE', '2026-12-06', 'branch-secretary'));
    expect(d.snapshot.output?.outcome).toMatchObject({ kind: 'closed', chairAccountable: false });
  });
});

import { describe, expect, it } from 'vitest';
import { driverModes } from '../../test/case-driver.js';
import { ev } from '../../test/development-fixtures.js';
import {
  deadline,
  deadlineReached,
  lifeMeetingInput,
  meetingPayload,
  nationalPrepared,
  pendingIds,
  preparationEvents,
  start,
  timeliness,
} from '../../test/life-meeting-fixtures.js';

describe.each(driverModes)('life meeting preparation, notices and postponement (%s actor)', (mode) => {
  it('OLM-PRENOTICE-UPPER: a notice 2 days before the meeting is refused with the earliest meeting date; so is an early meeting', () => {
    const d = start(mode, lifeMeetingInput('document'));
    d.accept(
      ev('DECIDE_TOPIC', '2026-06-01', 'branch-committee', {
        contents: ['mass-line'],
        focusProblems: ['f-1'],
        plannedDate: '2026-06-12',
      }),
    );
    expect(deadline(d, 'upper-notice')?.due).toBe('2026-06-09');
    d.accept(ev('SOLICIT_OPINIONS', '2026-06-02', 'org-commissioner', { talks: 3, forums: 0 }));
    const short = d.send(ev('NOTIFY_UPPER', '2026-06-10', 'branch-secretary', { meetingDate: '2026-06-12' }));
    expect(short.verdict).toBe('refused');
    expect(short.failures).toEqual([
      expect.objectContaining({ check: 'upperNoticeLead', ruleId: 'OLM-PRENOTICE-UPPER', earliest: '2026-06-13' }),
    ]);
    expect(short.message.zh).toContain('会期最早为 2026-06-13');
    expect(short.message.en).toContain('earliest 2026-06-13');
    d.accept(ev('NOTIFY_UPPER', '2026-06-10', 'branch-secretary', { meetingDate: '2026-06-13' }));
    expect(d.context.plannedDate).toBe('2026-06-13');
    d.accept(ev('NOTIFY_MEMBERS', '2026-06-10', 'branch-secretary', { meetingDate: '2026-06-13' }));
    d.accept(ev('PREPARE_SPEECHES', '2026-06-11', 'branch-committee', { prepared: 12 }));
    const early = d.send(ev('HOLD_MEETING', '2026-06-12', 'branch-secretary', meetingPayload()));
    expect(early.failures).toEqual([
      expect.objectContaining({ check: 'upperNoticeRun', ruleId: 'OLM-PRENOTICE-UPPER', earliest: '2026-06-13' }),
    ]);
    d.accept(ev('HOLD_MEETING', '2026-06-13', 'branch-secretary', meetingPayload()));
  });

  it('OLM-PRENOTICE-UPPER: under the document a meeting without any upper notice is refused, nationally it is not required', () => {
    const d = start(mode, lifeMeetingInput('document'));
    for (const event of preparationEvents('2026-06-18', {
      topic: '2026-05-20',
      opinions: '2026-05-25',
      upper: null,
      members: '2026-06-11',
      speeches: '2026-06-15',
    })) {
      d.accept(event);
    }
    const refused = d.send(ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload()));
    expect(refused.failures.map((failure) => failure.ruleId)).toEqual(['OLM-PRENOTICE-UPPER']);
    expect(refused.failures[0]?.message.zh).toContain('尚未报告');
    const national = nationalPrepared(mode);
    expect(national.send(ev('HOLD_MEETING', '2026-11-26', 'branch-secretary', meetingPayload())).verdict).toBe(
      'allowed',
    );
  });

  it('OLM-RESCHEDULE: postponing without consent is refused; the higher organisation’s consent moves the due date', () => {
    const d = start(mode, lifeMeetingInput('document'));
    const plannedLate = d.send(
      ev('DECIDE_TOPIC', '2026-06-01', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['f-1'],
        plannedDate: '2026-07-10',
      }),
    );
    expect(plannedLate.failures).toEqual([
      expect.objectContaining({ check: 'plannedWithinDueDate', ruleId: 'OLM-RESCHEDULE' }),
    ]);
    expect(plannedLate.message.zh).toContain('延期召开必须报告上级党组织同意');
    d.accept(
      ev('DECIDE_TOPIC', '2026-06-01', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['f-1'],
        plannedDate: '2026-06-25',
      }),
    );
    expect(
      d.send(ev('NOTIFY_UPPER', '2026-06-10', 'branch-secretary', { meetingDate: '2026-07-10' })).failures,
    ).toEqual([expect.objectContaining({ ruleId: 'OLM-RESCHEDULE' })]);
    const noRequest = d.send(ev('CONSENT_POSTPONEMENT', '2026-06-10', 'higher-committee'));
    expect(noRequest.failures).toEqual([
      expect.objectContaining({ check: 'postponementRequested', ruleId: 'OLM-RESCHEDULE' }),
    ]);
    const notLater = d.send(
      ev('REQUEST_POSTPONEMENT', '2026-06-12', 'branch-secretary', { until: '2026-06-30', reason: 'FLOOD' }),
    );
    expect(notLater.failures[0]?.ruleId).toBe('OLM-RESCHEDULE');
    d.accept(ev('REQUEST_POSTPONEMENT', '2026-06-12', 'branch-secretary', { until: '2026-07-31', reason: 'FLOOD' }));
    expect(d.context.dueDate).toBe('2026-06-30');
    expect(pendingIds(d)).toContain('postponement');
    const selfConsent = d.send(ev('CONSENT_POSTPONEMENT', '2026-06-13', 'branch-secretary'));
    expect(selfConsent.failures).toEqual([
      expect.objectContaining({ check: 'allowedRoles', ruleId: 'OLM-RESCHEDULE' }),
    ]);
    d.accept(ev('CONSENT_POSTPONEMENT', '2026-06-15', 'higher-committee'));
    expect(d.context.dueDate).toBe('2026-07-31');
    expect(deadline(d, 'meeting')?.due).toBe('2026-07-31');
    expect(d.context.postponements).toEqual([
      expect.objectContaining({ from: '2026-06-30', until: '2026-07-31', approvedBy: 'higher-committee-1' }),
    ]);
    d.accept(ev('REQUEST_POSTPONEMENT', '2026-06-16', 'branch-secretary', { until: '2026-08-31', reason: 'AGAIN' }));
    d.accept(ev('DECLINE_POSTPONEMENT', '2026-06-17', 'higher-committee', { reason: 'NO' }));
    expect(d.context.dueDate).toBe('2026-07-31');
    d.accept(ev('SOLICIT_OPINIONS', '2026-06-18', 'org-commissioner', { talks: 4, forums: 1 }));
    d.accept(ev('NOTIFY_UPPER', '2026-06-20', 'branch-secretary', { meetingDate: '2026-07-10' }));
    d.accept(ev('NOTIFY_MEMBERS', '2026-06-21', 'branch-secretary', { meetingDate: '2026-07-10' }));
    d.accept(ev('PREPARE_SPEECHES', '2026-07-01', 'branch-committee', { prepared: 12 }));
    const held = d.accept(ev('HOLD_MEETING', '2026-07-10', 'branch-secretary', meetingPayload()));
    expect(held.warnings).toEqual([]);
    expect(d.context.meeting).toMatchObject({ bucket: '2026-H2', late: false });
    expect(d.context.late).toEqual([]);
  });

  it('OLM-RESCHEDULE: once the due date has passed, planning the overdue meeting is catching up, not a postponement', () => {
    const d = start(mode, lifeMeetingInput('document'));
    d.accept(
      ev('DECIDE_TOPIC', '2026-06-01', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['f-1'],
        plannedDate: '2026-06-25',
      }),
    );
    d.accept(ev('SOLICIT_OPINIONS', '2026-06-05', 'org-commissioner', { talks: 2, forums: 1 }));
    d.accept(deadlineReached('upper-notice', '2026-06-23'));
    d.accept(deadlineReached('meeting', '2026-07-01'));
    expect(d.context.overdue.map((entry) => entry.ruleId)).toEqual(['OLM-PRENOTICE-UPPER', 'OLM-FREQ']);
    d.accept(ev('NOTIFY_UPPER', '2026-07-02', 'branch-secretary', { meetingDate: '2026-07-06' }));
    expect(timeliness(d)).toBe('overdue');
    d.accept(ev('NOTIFY_MEMBERS', '2026-07-02', 'branch-secretary', { meetingDate: '2026-07-06' }));
    d.accept(ev('PREPARE_SPEECHES', '2026-07-03', 'branch-committee', { prepared: 12 }));
    const held = d.accept(ev('HOLD_MEETING', '2026-07-06', 'branch-secretary', meetingPayload()));
    expect(held.warnings.map((warning) => warning.ruleId)).toEqual(['OLM-FREQ']);
    expect(d.context.late.map((entry) => [entry.deadlineId, entry.doneOn])).toEqual([
      ['upper-notice', '2026-07-02'],
      ['meeting', '2026-07-06'],
    ]);
    expect(timeliness(d)).toBe('onTime');
  });

  it('§16 B7 the document takes up one or two 突出问题; 0 or 3 are refused; opinions need a talk or a forum', () => {
    const d = start(mode, lifeMeetingInput('document'));
    for (const focusProblems of [[], ['a', 'b', 'c']]) {
      const refused = d.send(
        ev('DECIDE_TOPIC', '2026-05-20', 'branch-committee', {
          contents: ['integrity'],
          focusProblems,
          plannedDate: '2026-06-18',
        }),
      );
      expect(refused.failures).toEqual([
        expect.objectContaining({ check: 'focusProblemCount', ruleId: 'OLM-PREP-STEPS' }),
      ]);
    }
    d.accept(
      ev('DECIDE_TOPIC', '2026-05-20', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['a', 'b'],
        plannedDate: '2026-06-18',
      }),
    );
    expect(
      d.send(ev('SOLICIT_OPINIONS', '2026-05-21', 'org-commissioner', { talks: 0, forums: 0 })).failures[0]?.ruleId,
    ).toBe('OLM-PREP-STEPS');
    const national = start(mode, lifeMeetingInput('national'));
    national.accept(
      ev('DECIDE_TOPIC', '2026-10-01', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: [],
        plannedDate: '2026-11-18',
      }),
    );
  });

  it('HOLD_MEETING waits for the preparation: opinions, the members’ notice before the day, speeches', () => {
    const d = start(mode, lifeMeetingInput('document'));
    d.accept(
      ev('DECIDE_TOPIC', '2026-05-20', 'branch-committee', {
        contents: ['integrity'],
        focusProblems: ['a'],
        plannedDate: '2026-06-18',
      }),
    );
    d.accept(ev('NOTIFY_UPPER', '2026-06-10', 'branch-secretary', { meetingDate: '2026-06-18' }));
    const bare = d.send(ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload()));
    expect(bare.failures).toEqual([
      expect.objectContaining({ check: 'preparationComplete', ruleId: 'OLM-PREP-STEPS' }),
    ]);
    expect(bare.failures[0]?.message.zh).toBe('会前准备未完成：广泛征求意见、会前通知参会党员、做好发言准备');
    d.accept(ev('SOLICIT_OPINIONS', '2026-06-11', 'org-commissioner', { talks: 1, forums: 0 }));
    d.accept(ev('PREPARE_SPEECHES', '2026-06-12', 'branch-committee', { prepared: 12 }));
    expect(d.send(ev('PREPARE_SPEECHES', '2026-06-12', 'branch-committee', { prepared: 11 })).verdict).toBe('refused');
    d.accept(ev('NOTIFY_MEMBERS', '2026-06-18', 'branch-secretary', { meetingDate: '2026-06-18' }));
    expect(d.send(ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload())).failures[0]?.message.en).toBe(
      'Preparation is incomplete: notifying the members before the day',
    );
  });
});

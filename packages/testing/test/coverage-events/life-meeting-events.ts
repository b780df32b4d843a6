import { addDays, type LocalDate } from '@dangwu/rules';
import type { AnyMachineSnapshot } from 'xstate';
import type { EventFactory } from '../../src/index.js';

const reason = { reason: '测试理由' };
const planned = (snapshot: AnyMachineSnapshot, today: LocalDate): LocalDate => snapshot.context.plannedDate ?? today;
const meeting = (extra: Record<string, unknown> = {}) => ({
  due: 12,
  present: 12,
  speeches: 12,
  documentsStudied: true,
  opinionsReported: true,
  ...extra,
});

/** Payload factories for every life-meeting event a case can take on its way (coverage). */
export const lifeMeetingEvents: Readonly<Record<string, EventFactory>> = {
  DECIDE_TOPIC: (_snapshot, today) => ({
    contents: ['democratic-centralism', 'integrity'],
    focusProblems: ['focus-1'],
    plannedDate: addDays(today, 30),
  }),
  SOLICIT_OPINIONS: () => ({ talks: 8, forums: 1 }),
  NOTIFY_UPPER: (snapshot, today) => ({ meetingDate: planned(snapshot, today) }),
  NOTIFY_MEMBERS: (snapshot, today) => ({ meetingDate: planned(snapshot, today) }),
  PREPARE_SPEECHES: () => ({ prepared: 12, leaderTalks: 3 }),
  HOLD_MEETING: (snapshot, today) => {
    const on = planned(snapshot, today) > today ? planned(snapshot, today) : today;
    return [
      { occurredOn: on, ...meeting() },
      {
        occurredOn: on,
        ...meeting({ present: 11, speeches: 11, absentees: [{ id: 'absent-1', writtenStatement: false }] }),
        problemsRaised: ['problem-1'],
      },
    ];
  },
  PASS_ON_CRITICISM: () => ({ absenteeId: 'absent-1' }),
  RECORD_RECTIFICATION_PLAN: () => ({ measures: 2, responsibleId: 'leader-1' }),
  REPORT_UPPER: () => ({}),
  GIVE_FEEDBACK: () => ({ audiences: ['members'] }),
  RESOLVE_PROBLEMS: () => [
    { problemIds: ['problem-1'], how: 'resolved' },
    { problemIds: ['problem-1'], how: 'rectification' },
  ],
  CLOSE: () => ({}),
  ESCALATE_TO_DISCIPLINE: () => reason,
};

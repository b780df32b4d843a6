import { documentRules, type LocalDate, national } from '@dangwu/rules';
import { lifeMeetingMachine } from '../src/life-meeting/life-meeting.machine.js';
import { explainLifeMeeting } from '../src/life-meeting/life-meeting.process.js';
import type { LifeMeetingInput } from '../src/life-meeting/life-meeting.schema.js';
import { CaseDriver, type DriverMode } from './case-driver.js';
import { as, ev } from './development-fixtures.js';

/**
 * Input for a branch meeting of 12 members: under the document profile the first half of 2026
 * (twice a year), under the national profile the year 2026.
 */
export function lifeMeetingInput(
  profile: 'national' | 'document',
  extra: Partial<LifeMeetingInput> = {},
): LifeMeetingInput {
  return {
    caseId: 'olm-1',
    orgId: 'branch-1',
    period: profile === 'document' ? { year: 2026, half: 1 } : { year: 2026 },
    kind: 'branch',
    members: 12,
    profile: profile === 'national' ? national : documentRules,
    actor: as('branch-secretary'),
    ...extra,
  };
}

/** A DEADLINE_REACHED event sent by the host's scheduler. */
export const deadlineReached = (deadlineId: string, occurredOn: LocalDate) =>
  ev('DEADLINE_REACHED', occurredOn, 'system', { deadlineId });

/** HOLD_MEETING payload: 12 due, all present and speaking, documents studied, opinions reported. */
export function meetingPayload(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    due: 12,
    present: 12,
    speeches: 12,
    documentsStudied: true,
    opinionsReported: true,
    ...extra,
  };
}

/** The preparation events in order for a meeting on `meetingDate`, each on its date (no upper notice when `upper` is null). */
export function preparationEvents(
  meetingDate: LocalDate,
  dates: {
    topic: LocalDate;
    opinions: LocalDate;
    upper: LocalDate | null;
    members: LocalDate;
    speeches: LocalDate;
  },
): Record<string, unknown>[] {
  return [
    ev('DECIDE_TOPIC', dates.topic, 'branch-committee', {
      contents: ['democratic-centralism', 'integrity'],
      focusProblems: ['focus-1'],
      plannedDate: meetingDate,
    }),
    ev('SOLICIT_OPINIONS', dates.opinions, 'org-commissioner', { talks: 8, forums: 1 }),
    ...(dates.upper ? [ev('NOTIFY_UPPER', dates.upper, 'branch-secretary', { meetingDate })] : []),
    ev('NOTIFY_MEMBERS', dates.members, 'branch-secretary', { meetingDate }),
    ev('PREPARE_SPEECHES', dates.speeches, 'branch-committee', { prepared: 12, leaderTalks: 3 }),
  ];
}

/** A driver of the life-meeting machine in `mode` (live or restored at every step). */
export const start = (mode: DriverMode, input: LifeMeetingInput) =>
  new CaseDriver(lifeMeetingMachine, input, mode, explainLifeMeeting);

/** The driver {@link start} returns. */
export type Driver = ReturnType<typeof start>;

/** The case region's state value. */
export const caseState = (d: Driver) => (d.snapshot.value as { case: unknown }).case;
/** The timeliness region's state value. */
export const timeliness = (d: Driver) => (d.snapshot.value as { timeliness: unknown }).timeliness;
/** The pending deadline with this id. */
export const deadline = (d: Driver, id: string) => d.context.deadlines.find((candidate) => candidate.id === id);
/** Ids of the pending follow-up items. */
export const pendingIds = (d: Driver) => d.context.pending.map((item) => item.id);

/** Document H1 2026 up to the meeting on 2026-06-18: topic 05-20, upper notice 06-10, members 06-11. */
export function documentPrepared(mode: DriverMode, meetingDate: LocalDate = '2026-06-18') {
  const d = start(mode, lifeMeetingInput('document'));
  for (const event of preparationEvents(meetingDate, {
    topic: '2026-05-20',
    opinions: '2026-05-25',
    upper: '2026-06-10',
    members: '2026-06-11',
    speeches: '2026-06-15',
  })) {
    d.accept(event);
  }
  return d;
}

/** Document case held on 2026-06-18 with `extra` meeting data. */
export function documentHeld(mode: DriverMode, extra: Record<string, unknown> = {}) {
  const d = documentPrepared(mode);
  d.accept(ev('HOLD_MEETING', '2026-06-18', 'branch-secretary', meetingPayload(extra)));
  return d;
}

/** National annual 2026 up to the meeting on 2026-11-26 (no upper notice is required nationally). */
export function nationalPrepared(mode: DriverMode) {
  const d = start(mode, lifeMeetingInput('national', { members: 20 }));
  for (const event of preparationEvents('2026-11-26', {
    topic: '2026-11-02',
    opinions: '2026-11-05',
    upper: null,
    members: '2026-11-20',
    speeches: '2026-11-23',
  })) {
    d.accept(event);
  }
  return d;
}

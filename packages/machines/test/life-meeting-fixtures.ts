import { documentRules, type LocalDate, national } from '@dangwu/rules';
import type { LifeMeetingInput } from '../src/life-meeting/life-meeting.schema.js';
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

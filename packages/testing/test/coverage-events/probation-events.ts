import type { EventFactory } from '../../src/index.js';

const reason = { reason: '测试理由' };
const vote = (forCount: number, decision: 'convert' | 'extend' | 'cancel', extra: Record<string, unknown> = {}) => ({
  votes: { due: 16, present: 12, for: forCount, against: 12 - forCount, abstain: 0, writtenFor: 0, writtenAgainst: 0 },
  method: 'secret-ballot',
  candidates: 1,
  decision,
  ...extra,
});

/** Payload factories for every probation event a case can take on its way (coverage). */
export const probationEvents: Readonly<Record<string, EventFactory>> = {
  APPLY_FOR_CONVERSION: () => ({}),
  COLLECT_OPINIONS: () => ({}),
  RECORD_COMMITTEE_REVIEW: () => ({}),
  CLOSE_NOTICE: (_snapshot, today) => ({ postedOn: today, objections: 0 }),
  HOLD_VOTE: () => [
    vote(10, 'convert'),
    vote(4, 'convert'),
    vote(10, 'extend', { extensionMonths: 6, ...reason }),
    vote(10, 'cancel', reason),
  ],
  APPROVE_CONVERSION: () => ({}),
  APPROVE_EXTENSION: () => ({}),
  APPROVE_CANCELLATION: () => ({}),
  TALK_AND_ANNOUNCE: () => ({}),
};

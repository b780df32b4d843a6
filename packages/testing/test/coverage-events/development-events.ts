import type { EventFactory } from '../../src/index.js';

const reason = { reason: '测试理由' };
const votes = (forCount: number) => ({
  votes: { due: 16, present: 12, for: forCount, against: 12 - forCount, abstain: 0, writtenFor: 0, writtenAgainst: 0 },
  method: 'secret-ballot',
  candidates: 1,
});

/** Payload factories for every development event a case can take on its way (coverage). */
export const developmentEvents: Readonly<Record<string, EventFactory>> = {
  RECORD_TALK: () => ({}),
  DESIGNATE_ACTIVIST: () => ({}),
  FILE_ACTIVIST: () => ({}),
  ASSIGN_CONTACTS: () => ({
    contacts: [
      { id: 'c1', fullMember: true },
      { id: 'c2', fullMember: true },
    ],
  }),
  PROPOSE_TARGET: () => ({}),
  FILE_TARGET: () => ({}),
  APPROVE_TARGET: () => ({}),
  RETURN: () => reason,
  CLOSE_NOTICE: (_snapshot, today) => [
    { postedOn: today, objections: 0 },
    { postedOn: today, objections: 1 },
  ],
  CONCLUDE_INVESTIGATION: () => [
    { affectsAdmission: false, ...reason },
    { affectsAdmission: true, ...reason },
  ],
  SET_INTRODUCERS: () => ({
    introducers: [
      { id: 'i1', fullMember: true },
      { id: 'i2', fullMember: true },
    ],
  }),
  RECORD_POLITICAL_REVIEW: () => [{ conclusion: 'qualified' }, { conclusion: 'unqualified' }],
  RECORD_TRAINING: () => ({ days: 5, hours: 40 }),
  RECORD_COMMITTEE_REVIEW: () => ({}),
  RECORD_PREREVIEW: () => [{ passed: true }, { passed: false }],
  FILL_FORM: () => ({}),
  HOLD_VOTE: () => [votes(10), votes(4)],
  RECORD_INTERVIEW: () => ({}),
  APPROVE: () => ({ approvingOrgKind: 'party-committee' }),
  REJECT_ADMISSION: () => ({ approvingOrgKind: 'party-committee', ...reason }),
  FILE_APPROVAL: () => ({}),
  TAKE_OATH: () => ({}),
  ANNOUNCE: () => ({}),
  WITHDRAW: () => reason,
  TERMINATE: () => reason,
};

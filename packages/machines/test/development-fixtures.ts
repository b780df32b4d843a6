import { documentRules, type LocalDate, national } from '@dangwu/rules';
import type { Role } from '../src/core/actor.js';
import type { DevelopmentInput } from '../src/member-development/member-development.schema.js';

/** An actor of the test branch acting in `role`. */
export const as = (role: Role, id = `${role}-1`) => ({ id, roles: [role], orgId: 'branch-1' });

/** An event of `type` on `occurredOn` by an actor in `role`. */
export const ev = (type: string, occurredOn: LocalDate, role: Role, extra: Record<string, unknown> = {}) => ({
  type,
  occurredOn,
  actor: as(role),
  ...extra,
});

/** Input for a development case under the national or document profile. */
export function developmentInput(
  profile: 'national' | 'document',
  appliedOn: LocalDate,
  extra: Partial<DevelopmentInput> = {},
): DevelopmentInput {
  return {
    caseId: 'case-1',
    personId: 'person-1',
    orgId: 'branch-1',
    birthDate: '2000-06-15',
    appliedOn,
    actor: as('branch-secretary'),
    profile: profile === 'national' ? national : documentRules,
    ...extra,
  };
}

/** A lawful vote: 16 due, 12 present, 10 for, by secret ballot, one person. */
export const goodVote = {
  votes: { due: 16, present: 12, for: 10, against: 1, abstain: 1, writtenFor: 0, writtenAgainst: 0 },
  method: 'secret-ballot',
  candidates: 1,
};

/** Two full-member contacts. */
export const twoContacts = {
  contacts: [
    { id: 'c1', fullMember: true },
    { id: 'c2', fullMember: true },
  ],
};

/** Two eligible introducers. */
export const twoIntroducers = {
  introducers: [
    { id: 'i1', fullMember: true },
    { id: 'i2', fullMember: true },
  ],
};

// The bench's workloads: the fixture process and member development under the national profile.
import { memberDevelopmentProcess, type ProcessDefinition } from '@dangwu/machines';
import { national } from '@dangwu/rules';
import type { AnyStateMachine } from 'xstate';
import { reviewMachine, reviewProcess } from '../test/fixtures/review-process.js';
import { actor } from '../test/support/world.js';

/** One process as the bench drives it: how to start an instance and the events it then takes, in order. */
export interface Workload {
  readonly name: string;
  readonly definition: ProcessDefinition;
  readonly machine: AnyStateMachine;
  readonly who: ReturnType<typeof actor>;
  input(id: string): unknown;
  /** The i-th event an instance takes; `undefined` once its stream is over (start a new instance). */
  event(i: number): Record<string, unknown> | undefined;
}

export const fixtureWho = actor('branch-1');
export const fixture: Workload = {
  name: 'fixture review process',
  definition: reviewProcess(),
  machine: reviewMachine,
  who: fixtureWho,
  input: () => ({ orgId: 'branch-1', openedOn: '2026-03-01' }),
  event: () => ({ type: 'NOTE', occurredOn: '2026-03-02', actor: fixtureWho, count: 1 }),
};

const by = (role: string) => ({ id: `u-${role}`, roles: [role], orgId: 'branch-1' });
const developmentStream: Record<string, unknown>[] = [
  ['RECORD_TALK', '2025-03-20', 'branch-secretary'],
  ['DESIGNATE_ACTIVIST', '2025-04-10', 'branch-committee'],
  ['FILE_ACTIVIST', '2025-04-15', 'base-committee'],
  ['ASSIGN_CONTACTS', '2025-04-20', 'branch-committee', { contacts: [{ id: 'm-7', fullMember: true }] }],
  ['RECORD_REPORT', '2025-07-10', 'applicant', { form: 'written' }],
  ['RECORD_ASSESSMENT', '2025-07-20', 'branch-committee', { result: 'satisfactory' }],
  ['RECORD_REPORT', '2025-10-10', 'applicant', { form: 'oral' }],
  ['RECORD_ASSESSMENT', '2025-10-20', 'branch-committee', { result: 'satisfactory' }],
  ['PROPOSE_TARGET', '2026-05-18', 'branch-committee'],
  ['APPROVE_TARGET', '2026-05-20', 'higher-committee'],
  ['CLOSE_NOTICE', '2026-05-29', 'branch-committee', { postedOn: '2026-05-21', objections: 0 }],
  [
    'SET_INTRODUCERS',
    '2026-06-01',
    'branch-committee',
    {
      introducers: [
        { id: 'm-7', fullMember: true },
        { id: 'm-9', fullMember: true },
      ],
    },
  ],
  ['RECORD_POLITICAL_REVIEW', '2026-06-10', 'branch-committee', { conclusion: 'qualified' }],
  ['RECORD_TRAINING', '2026-06-20', 'base-committee', { days: 3, hours: 24 }],
  ['RECORD_COMMITTEE_REVIEW', '2026-06-25', 'branch-committee'],
  ['RECORD_PREREVIEW', '2026-06-30', 'base-committee', { passed: true }],
  ['FILL_FORM', '2026-07-05', 'applicant'],
  [
    'HOLD_VOTE',
    '2026-07-15',
    'branch-assembly',
    {
      votes: { due: 16, present: 12, for: 10, against: 2, abstain: 0, writtenFor: 0, writtenAgainst: 0 },
      method: 'secret-ballot',
      candidates: 1,
    },
  ],
  ['RECORD_INTERVIEW', '2026-07-25', 'org-commissioner'],
  ['APPROVE', '2026-08-20', 'base-committee', { approvingOrgKind: 'party-committee' }],
  ['FILE_APPROVAL', '2026-08-25', 'org-dept'],
  ['TAKE_OATH', '2026-09-01', 'branch-committee'],
].map(([type, occurredOn, role, extra]) => ({
  type,
  occurredOn,
  actor: by(role as string),
  ...(extra as object | undefined),
}));
export const development: Workload = {
  name: 'member-development (national profile)',
  definition: memberDevelopmentProcess,
  machine: memberDevelopmentProcess.machine,
  who: by('branch-secretary') as ReturnType<typeof actor>,
  input: (id) => ({
    caseId: id,
    personId: `p-${id}`,
    orgId: 'branch-1',
    birthDate: '2003-09-01',
    appliedOn: '2025-03-03',
    actor: by('branch-secretary'),
    profile: national,
  }),
  event: (i) => developmentStream[i],
};

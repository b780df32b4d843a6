// The bench's workloads: the fixture process, and member development, the life meeting and the relationship
// transfer under the national profile.
import {
  lifeMeetingProcess,
  memberDevelopmentProcess,
  type ProcessDefinition,
  relationshipTransferProcess,
} from '@dangwu/machines';
import { national } from '@dangwu/rules';
import type { AnyStateMachine } from 'xstate';
import type { OrgDirectory } from '../src/index.js';
import { reviewMachine, reviewProcess } from '../test/fixtures/review-process.js';
import { actor } from '../test/support/world.js';

/** One process as the bench drives it: how to start an instance and the events it then takes, in order. */
export interface Workload {
  readonly name: string;
  readonly definition: ProcessDefinition;
  readonly machine: AnyStateMachine;
  readonly who: ReturnType<typeof actor>;
  /** The organisation tree its actors act in, when the test world's does not hold them. */
  readonly orgs?: OrgDirectory;
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

const by = (role: string, orgId = 'branch-1') =>
  ({ id: `u-${role}`, roles: [role], orgId }) as ReturnType<typeof actor>;
/** One event: its type, date, the role sending it, its other members and the sender's organisation. */
type Row = readonly [type: string, occurredOn: string, role: string, extra?: object, orgId?: string];
const streamOf = (rows: readonly Row[]): Record<string, unknown>[] =>
  rows.map(([type, occurredOn, role, extra, orgId]) => ({ type, occurredOn, actor: by(role, orgId), ...extra }));

/**
 * A process of @dangwu/machines under the national profile: each case opened by branch-1's secretary with
 * `input` (besides its id, opener and profile), then sent `stream`.
 */
function realWorkload(
  name: string,
  definition: ProcessDefinition,
  input: (id: string) => Record<string, unknown>,
  stream: readonly Record<string, unknown>[],
  orgs?: OrgDirectory,
): Workload {
  const who = by('branch-secretary');
  return {
    name,
    definition,
    machine: definition.machine,
    who,
    ...(orgs === undefined ? {} : { orgs }),
    input: (id) => ({ caseId: id, ...input(id), actor: who, profile: national }),
    event: (i) => stream[i],
  };
}

const developmentStream = streamOf([
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
]);
export const development = realWorkload(
  'member-development (national profile)',
  memberDevelopmentProcess,
  (id) => ({ personId: `p-${id}`, orgId: 'branch-1', birthDate: '2003-09-01', appliedOn: '2025-03-03' }),
  developmentStream,
);

// The demo's 2025 meeting of branch-1 (olm-2025): an absentee's written statement, a problem raised and
// rectified, the report upward late (no warning: it is recorded in `late`), then closed.
const lifeMeetingStream = streamOf([
  [
    'DECIDE_TOPIC',
    '2025-11-03',
    'branch-committee',
    { contents: ['democratic-centralism', 'integrity'], focusProblems: ['focus-1'], plannedDate: '2025-12-10' },
  ],
  ['SOLICIT_OPINIONS', '2025-11-10', 'org-commissioner', { talks: 12, forums: 1 }],
  ['NOTIFY_MEMBERS', '2025-12-01', 'branch-secretary', { meetingDate: '2025-12-10' }],
  ['PREPARE_SPEECHES', '2025-12-05', 'branch-committee', { prepared: 16, leaderTalks: 3 }],
  [
    'HOLD_MEETING',
    '2025-12-10',
    'branch-secretary',
    {
      due: 16,
      present: 15,
      speeches: 15,
      documentsStudied: true,
      opinionsReported: true,
      absentees: [{ id: 'm-x', writtenStatement: true }],
      problemsRaised: ['q-1'],
    },
  ],
  [
    'RECORD_RECTIFICATION_PLAN',
    '2025-12-18',
    'branch-committee',
    { measures: 2, responsibleId: 'm-lead', problemIds: ['q-1'] },
  ],
  ['REPORT_UPPER', '2026-01-06', 'branch-secretary'],
  ['GIVE_FEEDBACK', '2026-01-08', 'branch-committee', { audiences: ['members'] }],
  ['CLOSE', '2026-01-09', 'branch-secretary'],
]);
export const lifeMeeting = realWorkload(
  'life meeting (national profile)',
  lifeMeetingProcess,
  () => ({ orgId: 'branch-1', period: { year: 2025 }, kind: 'branch', members: 16 }),
  lifeMeetingStream,
);

/** The demo's transfer tree: branch-1 → gb-1 → committee → gb-2 → branch-2, its letter from org-dept. */
const transferTree = [
  { id: 'committee', parentId: null, kind: 'party-committee' },
  { id: 'org-dept', parentId: 'committee', kind: 'org-dept' },
  { id: 'gb-1', parentId: 'committee', kind: 'general-branch' },
  { id: 'gb-2', parentId: 'committee', kind: 'general-branch' },
  { id: 'branch-1', parentId: 'gb-1', kind: 'branch' },
  { id: 'branch-2', parentId: 'gb-2', kind: 'branch' },
];
// The demo's transfer of member E (rel-e): each hop acted on by the organisation the route hands it to.
const transferStream = streamOf([
  ['FORWARD', '2025-06-02', 'branch-secretary', {}, 'branch-1'],
  ['FORWARD', '2025-06-04', 'general-branch', {}, 'gb-1'],
  ['ISSUE_LETTER', '2025-06-05', 'org-dept', { channel: 'paper' }, 'org-dept'],
  ['ACCEPT', '2025-06-09', 'general-branch', {}, 'gb-2'],
  ['REGISTER', '2025-06-10', 'branch-secretary', {}, 'branch-2'],
  ['RECORD_RECEIPT', '2025-06-16', 'org-dept', {}, 'org-dept'],
]);
export const relationshipTransfer = realWorkload(
  'relationship transfer (national profile)',
  relationshipTransferProcess,
  (id) => ({
    personId: `p-${id}`,
    fromOrgId: 'branch-1',
    toOrgId: 'branch-2',
    orgs: transferTree,
    openedOn: '2025-06-02',
  }),
  transferStream,
  // The engine's directory is the same tree: the test world's has neither the committee nor its department.
  { parentOf: (orgId) => transferTree.find((org) => org.id === orgId)?.parentId ?? undefined },
);

/** Every workload the bench runs, in its order. */
export const workloads: readonly Workload[] = [fixture, development, lifeMeeting, relationshipTransfer];

// The vocabulary of the demo script: its organisations, actors and the start/send steps it is written in.
import type { Actor, Role } from '@dangwu/machines';
import { type LocalDate, national } from '@dangwu/rules';

/** One dated act of the demo branch: start a case or send an event, and whether the rules allow it. */
export interface ScriptStep {
  /** The date of the act. */
  readonly on: LocalDate;
  /** Case alias (also the instance id). */
  readonly instance: string;
  /** What happens, in Chinese, for the timeline. */
  readonly text: string;
  /** `start` a new case of `processId` with `input`, or `send` an event. */
  readonly act:
    | { readonly kind: 'start'; readonly processId: string; readonly input: Record<string, unknown> }
    | { readonly kind: 'send'; readonly event: Record<string, unknown> };
  /** The outcome the script expects; a different outcome stops the demo (the rules changed). */
  readonly expect: 'allowed' | 'refused';
}

/** The organisation tree of the demo: a party committee with two general branches of one branch each. */
export const demoOrgs: Readonly<Record<string, string | undefined>> = {
  committee: undefined,
  'org-dept': 'committee',
  'gb-1': 'committee',
  'gb-2': 'committee',
  'branch-1': 'gb-1',
  'branch-2': 'gb-2',
};

const ORG_OF: Partial<Record<Role, string>> = {
  'base-committee': 'committee',
  'higher-committee': 'committee',
  // The organisation department acts for the committee, except on transfer hops routed through it.
  'org-dept': 'committee',
  'general-branch': 'gb-1',
};

/** An actor of the demo acting in `role`, in the organisation that role belongs to. */
export const demoActor = (role: Role, orgId = ORG_OF[role] ?? 'branch-1'): Actor => ({
  id: `${role}@${orgId}`,
  roles: [role],
  orgId,
});

/** An event payload: `type` on `on` by the demo actor in `role`, with `extra` members. */
export const act = (on: LocalDate, role: Role, type: string, extra: Record<string, unknown> = {}, orgId?: string) => ({
  type,
  occurredOn: on,
  actor: demoActor(role, orgId),
  ...extra,
});

/** A vote payload: `inFavour` of `present` (of `due`) for one candidate, the rest against. */
export const vote = (due: number, present: number, inFavour: number, method = 'secret-ballot') => ({
  votes: { due, present, for: inFavour, against: present - inFavour, abstain: 0 },
  method,
  candidates: 1,
});

/** A step sending `event` to `instance`, expected to be allowed unless said otherwise. */
export const send = (
  on: LocalDate,
  instance: string,
  text: string,
  event: Record<string, unknown>,
  expect: 'allowed' | 'refused' = 'allowed',
): ScriptStep => ({
  on,
  instance,
  text,
  act: { kind: 'send', event },
  expect,
});

/** A step starting case `instance` of `processId`. */
export const start = (
  on: LocalDate,
  instance: string,
  text: string,
  processId: string,
  input: Record<string, unknown>,
): ScriptStep => ({
  on,
  instance,
  text,
  act: { kind: 'start', processId, input },
  expect: 'allowed',
});

/** The input of a development case of `personId` in branch-1 under the national rules. */
export const devInput = (personId: string, appliedOn: LocalDate, extra: Record<string, unknown> = {}) => ({
  caseId: `dev-${personId}`,
  personId,
  orgId: 'branch-1',
  birthDate: '1998-05-20',
  appliedOn,
  actor: demoActor('branch-secretary'),
  profile: national,
  ...extra,
});

/** The organisation tree a relationship transfer routes through. */
export const transferOrgs = [
  { id: 'committee', parentId: null, kind: 'party-committee' },
  { id: 'org-dept', parentId: 'committee', kind: 'org-dept' },
  { id: 'gb-1', parentId: 'committee', kind: 'general-branch' },
  { id: 'gb-2', parentId: 'committee', kind: 'general-branch' },
  { id: 'branch-1', parentId: 'gb-1', kind: 'branch' },
  { id: 'branch-2', parentId: 'gb-2', kind: 'branch' },
];

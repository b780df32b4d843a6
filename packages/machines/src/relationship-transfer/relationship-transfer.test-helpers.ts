import { documentRules, type LocalDate, national } from '@dangwu/rules';
import { CaseDriver, type DriverMode } from '../../test/case-driver.js';
import type { Role } from '../core/actor.js';
import { relationshipTransferMachine } from './relationship-transfer.machine.js';
import { explainRelationshipTransfer } from './relationship-transfer.process.js';
import type { OrgNode } from './relationship-transfer.route.js';
import type { RelationshipTransferInput } from './relationship-transfer.schema.js';

/**
 * The test tree: a party committee `cmte` with its organisation department `dept`, two general
 * branches `gbA` (branches `b1`, `b2`) and `gbB` (branch `b3`), and a directly attached branch `b4`.
 */
export const testOrgs: readonly OrgNode[] = [
  { id: 'cmte', parentId: null, kind: 'party-committee' },
  { id: 'dept', parentId: 'cmte', kind: 'org-dept' },
  { id: 'gbA', parentId: 'cmte', kind: 'general-branch' },
  { id: 'gbB', parentId: 'cmte', kind: 'general-branch' },
  { id: 'b1', parentId: 'gbA', kind: 'branch' },
  { id: 'b2', parentId: 'gbA', kind: 'branch' },
  { id: 'b3', parentId: 'gbB', kind: 'branch' },
  { id: 'b4', parentId: 'cmte', kind: 'branch' },
];

const defaultRole: Record<string, Role> = {
  cmte: 'base-committee',
  dept: 'org-dept',
  gbA: 'general-branch',
  gbB: 'general-branch',
};

/** An actor of organisation `orgId`, in `role` or the usual role of that organisation. */
export const actorOf = (orgId: string, role: Role = defaultRole[orgId] ?? 'branch-secretary') => ({
  id: `${role}@${orgId}`,
  roles: [role],
  orgId,
});

/** The member moving, acting for themself. */
export const member = { id: 'person-1', roles: ['member' as const], orgId: 'b1' };

/** An event of `type` on `occurredOn` by an actor of `orgId`. */
export const at = (type: string, occurredOn: LocalDate, orgId: string, extra: Record<string, unknown> = {}) => ({
  type,
  occurredOn,
  actor: actorOf(orgId),
  ...extra,
});

/** The host's DEADLINE_REACHED event for `deadlineId` on `occurredOn`. */
export const reached = (deadlineId: string, occurredOn: LocalDate) => ({
  type: 'DEADLINE_REACHED',
  deadlineId,
  occurredOn,
  actor: { id: 'scheduler', roles: ['system' as const], orgId: 'cmte' },
});

/** Input of a transfer case from `b1` to `toOrgId` under the national or document profile. */
export function transferInput(
  profile: 'national' | 'document',
  toOrgId: string,
  openedOn: LocalDate,
  extra: Partial<RelationshipTransferInput> = {},
): RelationshipTransferInput {
  return {
    caseId: 'transfer-1',
    personId: 'person-1',
    fromOrgId: 'b1',
    toOrgId,
    orgs: [...testOrgs],
    openedOn,
    actor: actorOf('b1'),
    profile: profile === 'national' ? national : documentRules,
    ...extra,
  };
}

/** Starts a transfer case on the case driver in `mode`. */
export const startTransfer = (mode: DriverMode, input: RelationshipTransferInput) =>
  new CaseDriver(relationshipTransferMachine, input, mode, explainRelationshipTransfer);

/** The `case` region's state value. */
export const caseState = (driver: ReturnType<typeof startTransfer>): unknown =>
  (driver.snapshot.value as { case: unknown }).case;

/** The `timeliness` region's state value. */
export const timeliness = (driver: ReturnType<typeof startTransfer>): unknown =>
  (driver.snapshot.value as { timeliness: unknown }).timeliness;

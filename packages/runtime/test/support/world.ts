import type { Actor, Role } from '@dangwu/machines';
import type { OrgDirectory } from '../../src/index.js';

/** root → general-1 → branch-1, branch-2; root → general-2 → branch-3. */
export const orgs: OrgDirectory = {
  parentOf: (orgId) =>
    ({
      'general-1': 'root',
      'general-2': 'root',
      'branch-1': 'general-1',
      'branch-2': 'general-1',
      'branch-3': 'general-2',
    })[orgId],
};

export function actor(orgId: string, roles: Role[] = ['branch-committee'], id = `u-${orgId}`): Actor {
  return { id, roles, orgId };
}

export function event(type: string, occurredOn: string, extra: Record<string, unknown> = {}, who = actor('branch-1')) {
  return { type, occurredOn, actor: who, ...extra };
}

/** 2026-03-01 00:00 in Asia/Shanghai. */
export const MARCH_1 = Date.UTC(2026, 1, 28, 16);
export const DAY = 86_400_000;

import type { Actor } from '@dangwu/machines';
import { ForbiddenError } from '../errors/runtime-errors.js';
import type { SecurityEntry } from '../records/security-entry.js';
import type { Store } from '../store/store.js';
import { isWithinOrg, type OrgDirectory } from './org-scope.js';

/** Logs a refused attempt to the security log and throws {@link ForbiddenError}. */
export type Refuse = (
  actor: Pick<Actor, 'id' | 'orgId'>,
  action: SecurityEntry['action'],
  target: { instanceId?: string; orgId?: string; eventType?: string | undefined },
  reason: { zh: string; en: string },
) => Promise<never>;

/** Refuses (and logs) an actor outside the subtree of the instance it reads or acts on; else returns. */
export type Authorise = (
  actor: Pick<Actor, 'id' | 'orgId'>,
  action: SecurityEntry['action'],
  record: { readonly id: string; readonly orgId: string },
  eventType?: string,
) => Promise<void>;

/** The engine's refusals, logged with the instant `nowIso` gives. */
export function createRefusal(deps: {
  readonly store: Store;
  readonly orgs: OrgDirectory;
  readonly nowIso: () => string;
}): { refuse: Refuse; authorise: Authorise } {
  const { store, orgs, nowIso } = deps;
  const refuse: Refuse = async (actor, action, target, reason) => {
    await store.appendSecurity({
      schemaVersion: 1,
      recordedAt: nowIso(),
      actorId: actor.id,
      actorOrgId: actor.orgId,
      action,
      instanceId: target.instanceId ?? null,
      targetOrgId: target.orgId ?? null,
      eventType: target.eventType ?? null,
      reason: reason.en,
    });
    throw new ForbiddenError(actor.id, reason);
  };
  const authorise: Authorise = async (actor, action, record, eventType) => {
    if (isWithinOrg(orgs, actor.orgId, record.orgId)) return;
    await refuse(
      actor,
      action,
      { instanceId: record.id, orgId: record.orgId, eventType },
      {
        zh: `组织 ${actor.orgId} 不能访问组织 ${record.orgId} 的实例`,
        en: `organisation ${actor.orgId} may not access instances of organisation ${record.orgId}`,
      },
    );
  };
  return { refuse, authorise };
}

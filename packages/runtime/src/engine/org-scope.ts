/** The host's organisation tree, as the engine needs it. */
export interface OrgDirectory {
  /** Parent of an organisation, or undefined for a root (or an organisation the host does not know). */
  parentOf(orgId: string): string | undefined;
}

/** A tree in which every organisation is a root: each actor sees only its own organisation. */
export const flatOrgs: OrgDirectory = { parentOf: () => undefined };

const MAX_DEPTH = 64;

/** The organisation and its ancestors, root first. Stops at 64 levels so a cyclic host tree cannot hang. */
export function orgPathOf(orgs: OrgDirectory, orgId: string): string[] {
  const path = [orgId];
  let current = orgs.parentOf(orgId);
  while (current !== undefined && path.length < MAX_DEPTH && !path.includes(current)) {
    path.push(current);
    current = orgs.parentOf(current);
  }
  return path.reverse();
}

/** Whether `orgId` is `scopeOrgId` or lies below it in the host's tree (the walk of {@link orgPathOf}, without the path). */
export function isWithinOrg(orgs: OrgDirectory, scopeOrgId: string, orgId: string): boolean {
  if (orgId === scopeOrgId) return true;
  return orgPathOf(orgs, orgId).includes(scopeOrgId);
}

import * as z from 'zod';

/**
 * Roles an actor can hold (catalogue §2–§3 actors). A transition lists the roles allowed to cause it;
 * the host maps its own users to these.
 */
export const roles = [
  'applicant',
  'member',
  'contact',
  'introducer',
  'party-group',
  'branch-secretary',
  'org-commissioner',
  'branch-committee',
  'branch-assembly',
  'general-branch',
  'base-committee',
  'org-dept',
  'higher-committee',
  'system',
] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/** Who performed an act: an opaque id (never a name), the roles they acted in, and their organisation. */
export interface Actor {
  /** Opaque id assigned by the host. */
  readonly id: string;
  /** Roles the actor acted in for this event. */
  readonly roles: readonly Role[];
  /** Id of the organisation the actor belongs to or acts for. */
  readonly orgId: string;
}

/** Zod schema of an {@link Actor}. */
export const actorSchema = z
  .object({
    id: z.string().min(1, { error: '执行人编号不能为空 / actor id is required' }).max(128),
    roles: z.array(z.enum(roles)).min(1, { error: '执行人至少要有一个角色 / actor needs at least one role' }),
    orgId: z.string().min(1, { error: '组织编号不能为空 / organisation id is required' }).max(128),
  })
  .strict();

import { roles } from '@dangwu/machines';
import type { EventFactory } from '../../src/index.js';

/** The organisation tree of the transfer cases: a committee, its department, two general branches and four branches. */
export const transferOrgs = [
  { id: 'cmte', parentId: null, kind: 'party-committee' },
  { id: 'dept', parentId: 'cmte', kind: 'org-dept' },
  { id: 'gbA', parentId: 'cmte', kind: 'general-branch' },
  { id: 'gbB', parentId: 'cmte', kind: 'general-branch' },
  { id: 'b1', parentId: 'gbA', kind: 'branch' },
  { id: 'b2', parentId: 'gbA', kind: 'branch' },
  { id: 'b3', parentId: 'gbB', kind: 'branch' },
  { id: 'b4', parentId: 'cmte', kind: 'branch' },
] as const;

const everyRole = roles.filter((role) => role !== 'system');
const reason = { reason: '测试理由' };

/**
 * The payload once per organisation of the tree, by an officer holding every role and by the member
 * (`p-1`) themself: the transfer's checks name the organisation due to act, and a member acts only for
 * themself (REL-ROUTING, REL-TEMP-ABSENCE).
 */
const fromEveryOrg =
  (payload: Record<string, unknown> | readonly Record<string, unknown>[] = {}): EventFactory =>
  () =>
    transferOrgs.flatMap((org) =>
      (Array.isArray(payload) ? payload : [payload]).flatMap((fields: Record<string, unknown>) => [
        { ...fields, actor: { id: `acting@${org.id}`, roles: everyRole, orgId: org.id } },
        { ...fields, actor: { id: 'p-1', roles: ['member'], orgId: org.id } },
      ]),
    );

/** Payload factories for every relationship-transfer event (coverage). */
export const relationshipTransferEvents: Readonly<Record<string, EventFactory>> = {
  FORWARD: fromEveryOrg(),
  ISSUE_LETTER: fromEveryOrg({ channel: 'online' }),
  ACCEPT: fromEveryOrg(),
  REGISTER: fromEveryOrg(),
  FILE_TRANSFER: fromEveryOrg(),
  RECORD_RECEIPT: fromEveryOrg(),
  REFUSE: fromEveryOrg(reason),
  ESCALATE: fromEveryOrg(reason),
  REISSUE_LETTER: fromEveryOrg({ basis: 'reissue' }),
  WITHDRAW: fromEveryOrg(reason),
  RECORD_CORRECTION_ATTEMPT: fromEveryOrg({ method: 'talk' }),
  FLAG_WITHDRAWAL_CANDIDATE: fromEveryOrg({ facts: {}, goodReason: false }),
  ISSUE_CERTIFICATE: fromEveryOrg([{ arrangement: 'certificate' }, { arrangement: 'temporary-relationship' }]),
  END_ABSENCE: fromEveryOrg(),
  ISSUE_MOBILE_CARD: fromEveryOrg(),
  REGISTER_MOBILE: fromEveryOrg(),
  END_MOBILE: fromEveryOrg(reason),
};

import { addDuration, type Bilingual, describeDuration, type LocalDate } from '@dangwu/rules';
import type { Role } from '../core/actor.js';
import type { RulesInForce } from '../core/rules-context.js';

/** Kinds of organisation a transfer route passes through. */
export const routeOrgKinds = ['branch', 'general-branch', 'party-committee', 'org-dept'] as const;

/** One of {@link routeOrgKinds}. */
export type RouteOrgKind = (typeof routeOrgKinds)[number];

/** A node of the organisation tree the host supplies: only the organisations the move involves and their superiors. */
export interface OrgNode {
  /** Opaque organisation id. */
  readonly id: string;
  /** The superior organisation; null at the top of the tree supplied. An `org-dept` hangs under its party committee. */
  readonly parentId: string | null;
  /** What kind of organisation it is. */
  readonly kind: RouteOrgKind;
}

/** What an organisation does at one hop of the route. */
export type HopAction = 'forward' | 'issue' | 'accept' | 'register' | 'file' | 'receipt';

/** One hop of the computed route, with the organisation that acts there now. */
export interface RouteHop {
  /** Position in the route, from 0. */
  readonly index: number;
  /** The organisation the route assigns to the hop. */
  readonly orgId: string;
  /** What it does there. */
  readonly action: HopAction;
  /** Who acts now: `orgId`, or a superior after an escalation. */
  readonly actingOrgId: string;
}

/** How a move is handled (REL-TEMP-ABSENCE, REL-MOBILE-DEFINITION, EC-30). */
export type TransferTrack = 'certificate' | 'temporary' | 'formal' | 'mobile';

/** The track chosen for a case and why. */
export interface TrackDecision {
  /** The track. */
  readonly track: TransferTrack;
  /** The rule that chose it. */
  readonly ruleId: string;
  /** Why, in both languages. */
  readonly message: Bilingual;
}

/** The roles an actor of an organisation of each kind acts in. */
export const rolesByOrgKind: Readonly<Record<RouteOrgKind, readonly Role[]>> = {
  branch: ['branch-secretary', 'branch-committee', 'org-commissioner'],
  'general-branch': ['general-branch'],
  'party-committee': ['base-committee', 'higher-committee'],
  'org-dept': ['org-dept'],
};

/** Every role an organisation can act in on a route. */
export const routeRoles: readonly Role[] = Object.values(rolesByOrgKind).flat();

/** The zh-CN and English name of each hop action. */
export const hopActionText: Readonly<Record<HopAction, Bilingual>> = {
  forward: { zh: '审核转递', en: 'review and forward' },
  issue: { zh: '开具介绍信', en: 'issue the letter' },
  accept: { zh: '接收转递', en: 'accept and pass down' },
  register: { zh: '接收登记', en: 'register the member' },
  file: { zh: '报组织部备案', en: 'file with the organisation department' },
  receipt: { zh: '记录回执', en: 'record the receipt' },
};

/** The node with `id`, if the host supplied it. */
export function orgById(orgs: readonly OrgNode[], id: string): OrgNode | undefined {
  return orgs.find((org) => org.id === id);
}

/** `id` and its superiors, nearest first; stops at a missing parent or a cycle. */
export function chainUp(orgs: readonly OrgNode[], id: string): OrgNode[] {
  const chain: OrgNode[] = [];
  let node = orgById(orgs, id);
  while (node && !chain.includes(node)) {
    chain.push(node);
    node = node.parentId === null ? undefined : orgById(orgs, node.parentId);
  }
  return chain;
}

/** The organisation department under a party committee, if supplied. */
function orgDeptUnder(orgs: readonly OrgNode[], committeeId: string): OrgNode | undefined {
  return orgs.find((org) => org.kind === 'org-dept' && org.parentId === committeeId);
}

/** The organisations of the outgoing side: the outgoing branch, its superiors and their organisation departments. */
export function outgoingSide(orgs: readonly OrgNode[], fromOrgId: string): string[] {
  const chain = chainUp(orgs, fromOrgId).map((org) => org.id);
  const departments = orgs.filter(
    (org) => org.kind === 'org-dept' && org.parentId !== null && chain.includes(org.parentId),
  );
  return [...chain, ...departments.map((org) => org.id)];
}

/** A route, or the reason none can be computed (the input is then refused). */
export type RouteResult =
  | { readonly ok: true; readonly hops: RouteHop[] }
  | { readonly ok: false; readonly message: Bilingual };

const failure = (zh: string, en: string): RouteResult => ({ ok: false, message: { zh, en } });

/**
 * REL-ROUTING: the chain of approvals from the outgoing branch to the receiving branch, computed from
 * the host's organisation tree. Within one general branch the branches deal directly (filed with the
 * organisation department where the profile says so); otherwise the letter goes up to the common
 * ancestor, through its organisation department where the profile routes via it, and down again.
 * The issuing organisation records the receipt at the end.
 */
export function computeRoute(
  orgs: readonly OrgNode[],
  fromOrgId: string,
  toOrgId: string,
  rules: RulesInForce<'relationship'>,
): RouteResult {
  const from = orgById(orgs, fromOrgId);
  const to = orgById(orgs, toOrgId);
  if (!from || !to) return failure('转出和接收党支部都须在组织树中', 'Both branches must be in the organisation tree');
  if (from.kind !== 'branch' || to.kind !== 'branch') {
    return failure('转出和接收组织须是党支部', 'The outgoing and receiving organisations must be branches');
  }
  if (from.id === to.id)
    return failure('转出和接收是同一党支部，无需转接', 'The same branch on both sides: nothing to transfer');
  const up = chainUp(orgs, from.id);
  const down = chainUp(orgs, to.id);
  const ancestor = up.find((node) => down.includes(node));
  if (!ancestor) {
    return failure(
      '组织树中找不到共同的上级组织，请提供到共同上级为止的各级组织',
      'No common superior in the tree; supply the organisations up to a common superior',
    );
  }
  const outgoing = up.slice(0, up.indexOf(ancestor));
  const incoming = down.slice(0, down.indexOf(ancestor)).reverse();
  const { crossGeneralBranchVia, withinGeneralBranchFiling } = rules.values.relationship;
  let sending: OrgNode[];
  let filing: OrgNode | undefined;
  if (ancestor.kind === 'general-branch') {
    sending = outgoing;
    if (withinGeneralBranchFiling) {
      const committee = chainUp(orgs, ancestor.id).find((node) => node.kind === 'party-committee');
      filing = committee ? orgDeptUnder(orgs, committee.id) : undefined;
      if (!filing) {
        return failure(
          `同一党总支内转接须报组织部备案，请在组织树中提供 ${ancestor.id} 所属党委的组织部`,
          `A transfer within a general branch is filed with the organisation department; supply the department of the committee above ${ancestor.id}`,
        );
      }
    }
  } else if (ancestor.kind === 'party-committee') {
    const department = crossGeneralBranchVia === 'org-dept' ? orgDeptUnder(orgs, ancestor.id) : undefined;
    if (crossGeneralBranchVia === 'org-dept' && !department) {
      return failure(
        `跨党总支转接须经组织部办理，请在组织树中提供 ${ancestor.id} 的组织部`,
        `A transfer between general branches goes through the organisation department; supply the department of ${ancestor.id}`,
      );
    }
    sending = department ? [...outgoing, department] : outgoing;
  } else {
    return failure('共同上级须是党总支或党委', 'The common superior must be a general branch or a party committee');
  }
  const issuer = sending.at(-1) ?? from;
  const steps: { orgId: string; action: HopAction }[] = [
    ...sending.map((node) => ({ orgId: node.id, action: node === issuer ? ('issue' as const) : ('forward' as const) })),
    ...incoming.map((node) => ({ orgId: node.id, action: node === to ? ('register' as const) : ('accept' as const) })),
    ...(filing ? [{ orgId: filing.id, action: 'file' as const }] : []),
    { orgId: issuer.id, action: 'receipt' },
  ];
  return { ok: true, hops: steps.map((step, index) => ({ index, ...step, actingOrgId: step.orgId })) };
}

/**
 * EC-30, REL-TEMP-ABSENCE: the track for an expected absence. Up to `temporaryNoTransferUpTo`
 * inclusive ("以内"): a certificate for temporary organisational life; over `formalTransferAfter`
 * exclusive ("超过", so exactly six months is not over): a formal transfer; in between: a
 * certificate or a temporary relationship. A mobile member (流动党员) is its own track; a move
 * without an absence is a formal transfer.
 */
export function decideTrack(
  absence: { readonly from: LocalDate; readonly until: LocalDate } | null,
  mobile: boolean,
  rules: RulesInForce<'relationship'>,
): TrackDecision {
  if (mobile) {
    return {
      track: 'mobile',
      ruleId: 'REL-MOBILE-DEFINITION',
      message: {
        zh: '流动党员：发放《流动党员活动证》，以流入地党组织为主、流出地和流入地党组织共同管理',
        en: 'Mobile member: a mobile-member card; managed mainly by the inflow organisation, jointly with the outflow one',
      },
    };
  }
  if (!absence) {
    return {
      track: 'formal',
      ruleId: 'REL-ROUTING',
      message: { zh: '工作调动等正式转接组织关系', en: 'A move: formal transfer of the relationship' },
    };
  }
  const { temporaryNoTransferUpTo, formalTransferAfter } = rules.values.relationship;
  const upTo = addDuration(absence.from, temporaryNoTransferUpTo, rules.dates).date;
  const after = addDuration(absence.from, formalTransferAfter, rules.dates).date;
  const short = describeDuration(temporaryNoTransferUpTo);
  const long = describeDuration(formalTransferAfter);
  const span = `${absence.from} 至 ${absence.until}`;
  const spanEn = `${absence.from} to ${absence.until}`;
  if (absence.until <= upTo) {
    return {
      track: 'certificate',
      ruleId: 'REL-TEMP-ABSENCE',
      message: {
        zh: `外出 ${span}，在${short.zh}以内（至 ${upTo}）：不转组织关系，开具党员证明信参加临时组织生活`,
        en: `Away ${spanEn}, within ${short.en} (to ${upTo}): no transfer; a certificate letter for temporary organisational life`,
      },
    };
  }
  if (absence.until > after) {
    return {
      track: 'formal',
      ruleId: 'REL-TEMP-ABSENCE',
      message: {
        zh: `外出 ${span}，超过${long.zh}（${after} 之后）：正式转接组织关系`,
        en: `Away ${spanEn}, over ${long.en} (after ${after}): formal transfer`,
      },
    };
  }
  return {
    track: 'temporary',
    ruleId: 'REL-TEMP-ABSENCE',
    message: {
      zh: `外出 ${span}，超过${short.zh}但不超过${long.zh}：开具证明信或建立临时组织关系，在流入地无表决权`,
      en: `Away ${spanEn}, over ${short.en} but not over ${long.en}: a certificate or a temporary relationship, without a vote at the host`,
    },
  };
}

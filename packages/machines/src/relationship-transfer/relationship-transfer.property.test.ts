import { addDays, type LocalDate } from '@dangwu/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles } from '../core/actor.js';
import type { RelationshipTransferContext } from './relationship-transfer.context.js';
import { explainRelationshipTransfer } from './relationship-transfer.process.js';
import { orgById, rolesByOrgKind } from './relationship-transfer.route.js';
import { member, reached, startTransfer, testOrgs, transferInput } from './relationship-transfer.test-helpers.js';

const eventKinds = [
  'FORWARD',
  'ISSUE_LETTER',
  'ACCEPT',
  'REGISTER',
  'FILE_TRANSFER',
  'RECORD_RECEIPT',
  'REFUSE',
  'ESCALATE',
  'REISSUE_LETTER',
  'WITHDRAW',
  'RECORD_CORRECTION_ATTEMPT',
  'FLAG_WITHDRAWAL_CANDIDATE',
  'ISSUE_CERTIFICATE',
  'END_ABSENCE',
  'ISSUE_MOBILE_CARD',
  'REGISTER_MOBILE',
  'END_MOBILE',
  'DEADLINE_REACHED',
] as const;

const orgIds = [...testOrgs.map((org) => org.id), 'host-9'];

const mostly = fc.integer({ min: 0, max: 4 }).map((value) => value > 0);

const drawArbitrary = fc.record({
  kind: fc.constantFrom(...eventKinds),
  /** Send the event the case expects next instead of `kind`, so sequences get somewhere. */
  follow: fc.boolean(),
  /** Days since the previous event: mostly short, sometimes long enough for a letter to expire. */
  gap: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 20 }), weight: 4 },
    { arbitrary: fc.integer({ min: 60, max: 120 }), weight: 1 },
  ),
  /** Pick the organisation due to act (or its superior for ESCALATE); otherwise any organisation. */
  dueOrg: mostly,
  orgIndex: fc.nat(),
  /** Use a role that organisation acts in; otherwise any role. */
  fittingRole: mostly,
  roleIndex: fc.nat(),
  pick: fc.nat(),
});

type Draw = typeof drawArbitrary extends fc.Arbitrary<infer T> ? T : never;

const scenarios = [
  { to: 'b3', extra: {} },
  { to: 'b2', extra: {} },
  { to: 'b4', extra: {} },
  { to: 'b3', extra: { movedOn: '2025-12-01' as LocalDate } },
  { to: 'host-9', extra: { absence: { from: '2026-03-01' as LocalDate, until: '2026-05-01' as LocalDate } } },
  { to: 'host-9', extra: { absence: { from: '2026-03-01' as LocalDate, until: '2026-08-01' as LocalDate } } },
  { to: 'host-9', extra: { mobile: true } },
] as const;

function dueOrgFor(context: RelationshipTransferContext, kind: Draw['kind']): string {
  const hop = context.route[context.hop];
  if (kind === 'REISSUE_LETTER' || kind === 'RECORD_RECEIPT') {
    return context.route.find((candidate) => candidate.action === 'issue')?.orgId ?? context.fromOrgId;
  }
  if (kind === 'ESCALATE' && hop) return orgById(context.orgs, hop.actingOrgId)?.parentId ?? hop.actingOrgId;
  if (kind === 'REGISTER_MOBILE' || kind === 'END_MOBILE') return context.toOrgId;
  return hop?.actingOrgId ?? context.fromOrgId;
}

const hopEvent = {
  forward: 'FORWARD',
  issue: 'ISSUE_LETTER',
  accept: 'ACCEPT',
  register: 'REGISTER',
  file: 'FILE_TRANSFER',
  receipt: 'RECORD_RECEIPT',
} as const;

function expectedKind(context: RelationshipTransferContext): Draw['kind'] | null {
  const action = context.route[context.hop]?.action;
  if (action) return hopEvent[action];
  if (context.track.track === 'mobile') return context.mobile ? 'REGISTER_MOBILE' : 'ISSUE_MOBILE_CARD';
  return context.track.track === 'formal' ? null : 'ISSUE_CERTIFICATE';
}

function buildEvent(raw: Draw, on: LocalDate, context: RelationshipTransferContext): Record<string, unknown> {
  const draw = { ...raw, kind: (raw.follow ? expectedKind(context) : null) ?? raw.kind };
  if (draw.kind === 'DEADLINE_REACHED') {
    const ids = context.deadlines.map((deadline) => deadline.id);
    return reached(ids[draw.pick % Math.max(ids.length, 1)] ?? 'letter-1', on);
  }
  const orgId = draw.dueOrg ? dueOrgFor(context, draw.kind) : (orgIds[draw.orgIndex % orgIds.length] ?? 'b1');
  const kind = orgById(context.orgs, orgId)?.kind ?? 'branch';
  const fitting = rolesByOrgKind[kind];
  const role = draw.fittingRole
    ? (fitting[draw.roleIndex % fitting.length] ?? 'branch-secretary')
    : (roles[draw.roleIndex % roles.length] ?? 'member');
  const actor = role === 'member' ? member : { id: `${role}@${orgId}`, roles: [role], orgId };
  const base = { type: draw.kind, occurredOn: on, actor };
  const channel = draw.pick % 3 === 0 ? 'online' : 'paper';
  switch (draw.kind) {
    case 'ISSUE_LETTER':
      return { ...base, channel };
    case 'REISSUE_LETTER':
      return { ...base, basis: draw.pick % 2 === 0 ? 'reissue' : 'certificate-and-application' };
    case 'REFUSE':
    case 'ESCALATE':
    case 'WITHDRAW':
    case 'END_MOBILE':
      return { ...base, reason: 'RECORDED-REASON' };
    case 'RECORD_CORRECTION_ATTEMPT':
      return { ...base, method: 'talk' };
    case 'FLAG_WITHDRAWAL_CANDIDATE':
      return draw.pick % 2 === 0 ? { ...base, facts: { noOrgLifeSince: '2025-12-01' } } : base;
    case 'ISSUE_CERTIFICATE':
      return { ...base, arrangement: draw.pick % 2 === 0 ? 'certificate' : 'temporary-relationship' };
    default:
      return base;
  }
}

/** A draw that sends what the case expects next, by the organisation due, `gap` days later. */
const next = (gap: number, kind: Draw['kind'] = 'FORWARD', follow = true): Draw => ({
  kind,
  follow,
  gap,
  dueOrg: true,
  orgIndex: 0,
  fittingRole: true,
  roleIndex: 0,
  pick: 1,
});

/** Sequences that always run: an expired letter on arrival under each profile, then a re-issue or completion. */
const examples: ['live' | 'restored', 'national' | 'document', (typeof scenarios)[number], Draw[]][] = [
  [
    'restored',
    'national',
    scenarios[0],
    [next(0), next(1), next(1), next(100), next(1, 'REISSUE_LETTER', false), next(2), next(2), next(2)],
  ],
  ['live', 'document', scenarios[1], [next(0), next(100), next(1), next(1)]],
];

describe('relationship transfer properties', () => {
  it('random event sequences: refused events change nothing, no expired letter arrives under "reject", one roll after completion', () => {
    const seen = { transferred: 0, expiredRefused: 0, lateArrivalWarned: 0, reissued: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom('live' as const, 'restored' as const),
        fc.constantFrom('national' as const, 'document' as const),
        fc.constantFrom(...scenarios),
        fc.array(drawArbitrary, { minLength: 1, maxLength: 40 }),
        (mode, profile, scenario, draws) => {
          const d = startTransfer(mode, transferInput(profile, scenario.to, '2026-03-02', scenario.extra));
          let on: LocalDate = '2026-03-02';
          for (const draw of draws) {
            on = addDays(on, draw.gap);
            const event = buildEvent(draw, on, d.context);
            const before = d.persisted();
            const explanation = explainRelationshipTransfer(d.snapshot, event);
            const verdict = explanation.verdict;
            if (explanation.failures.some((failure) => failure.check === 'letterValid')) seen.expiredRefused += 1;
            if (verdict === 'allowed' && draw.kind === 'REISSUE_LETTER') seen.reissued += 1;
            d.send(event);
            if (verdict !== 'allowed') expect(d.persisted()).toBe(before);
            const { context } = d;
            if (profile === 'national') {
              for (const letter of context.letters) {
                if (letter.arrivedOn !== null) expect(letter.arrivedOn <= letter.validUntil).toBe(true);
              }
            } else {
              const lateArrivals = context.letters.filter(
                (letter) => letter.arrivedOn !== null && letter.arrivedOn > letter.validUntil,
              );
              const warned = context.warnings.filter((warning) => warning.ruleId === 'REL-LETTER-VALIDITY');
              expect(warned).toHaveLength(lateArrivals.length);
              if (verdict === 'allowed' && explanation.warnings.length > 0) seen.lateArrivalWarned += 1;
            }
            expect(context.roll.outgoing || context.roll.incoming).toBe(true);
            if (d.snapshot.status === 'done') {
              expect(context.roll.outgoing).not.toBe(context.roll.incoming);
              expect(context.roll.incoming).toBe(context.outcome?.kind === 'transferred');
              if (context.outcome?.kind === 'transferred') seen.transferred += 1;
            }
          }
        },
      ),
      { numRuns: 150, examples },
    );
    // The sequences must reach the situations the properties are about, or they prove nothing.
    expect(seen.transferred).toBeGreaterThan(0);
    expect(seen.expiredRefused).toBeGreaterThan(0);
    expect(seen.lateArrivalWarned).toBeGreaterThan(0);
    expect(seen.reissued).toBeGreaterThan(0);
  });
});

import { addDays, type LocalDate } from '@dangwu/rules';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AnyStateNode, createActor } from 'xstate';
import { CaseDriver, driverModes } from '../../test/case-driver.js';
import { developmentInput, twoContacts, twoIntroducers } from '../../test/development-fixtures.js';
import type { Role } from '../core/actor.js';
import { memberDevelopmentMachine } from './member-development.machine.js';
import { explainDevelopment } from './member-development.process.js';
import { developmentStepSpecs } from './member-development.steps.js';

const roles: Role[] = [
  'applicant',
  'branch-secretary',
  'branch-committee',
  'branch-assembly',
  'base-committee',
  'higher-committee',
  'org-dept',
  'introducer',
  'system',
];

const payloads: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  RECORD_TALK: fc.constant({}),
  DESIGNATE_ACTIVIST: fc.constant({}),
  FILE_ACTIVIST: fc.constant({}),
  ASSIGN_CONTACTS: fc.oneof(fc.constant(twoContacts), fc.constant({ contacts: [{ id: 'x', fullMember: false }] })),
  RECORD_REPORT: fc.constant({ form: 'written' }),
  RECORD_ASSESSMENT: fc.constant({ result: 'satisfactory' }),
  PROPOSE_TARGET: fc.constant({}),
  FILE_TARGET: fc.constant({}),
  APPROVE_TARGET: fc.constant({}),
  CLOSE_NOTICE: fc.record({ postedOn: fc.constant('2026-06-01'), objections: fc.integer({ min: 0, max: 2 }) }),
  CONCLUDE_INVESTIGATION: fc.record({
    affectsAdmission: fc.constantFrom(false, false, true),
    reason: fc.constant('R'),
  }),
  SET_INTRODUCERS: fc.constant(twoIntroducers),
  RECORD_POLITICAL_REVIEW: fc.record({
    conclusion: fc.constantFrom('qualified', 'qualified', 'qualified', 'unqualified'),
  }),
  RECORD_TRAINING: fc.record({ days: fc.integer({ min: 0, max: 8 }), hours: fc.integer({ min: 0, max: 60 }) }),
  RECORD_COMMITTEE_REVIEW: fc.constant({}),
  RECORD_PREREVIEW: fc.record({ passed: fc.boolean() }),
  FILL_FORM: fc.constant({}),
  HOLD_VOTE: fc.record({
    votes: fc
      .record({ present: fc.integer({ min: 6, max: 16 }), share: fc.integer({ min: 0, max: 100 }) })
      .map(({ present, share }) => ({
        due: 16,
        present,
        for: Math.floor((present * share) / 100),
        against: 0,
        abstain: 0,
      })),
    method: fc.constantFrom('secret-ballot', 'show-of-hands'),
    candidates: fc.integer({ min: 1, max: 2 }),
  }),
  RECORD_INTERVIEW: fc.constant({}),
  APPROVE: fc.record({ approvingOrgKind: fc.constantFrom('party-committee', 'general-branch') }),
  REJECT_ADMISSION: fc.record({ approvingOrgKind: fc.constant('party-committee'), reason: fc.constant('R') }),
  FILE_APPROVAL: fc.constant({}),
  TAKE_OATH: fc.constant({}),
  ANNOUNCE: fc.constant({}),
  RETURN: fc.constant({ reason: 'MORE-MATERIAL' }),
  WITHDRAW: fc.constant({ reason: 'R' }),
  WAIVE: fc.record({ ruleId: fc.constantFrom('DEV-TRAINING-MIN', 'DEV-APPROVAL-DEADLINE'), reason: fc.constant('R') }),
  DEADLINE_REACHED: fc.record({ deadlineId: fc.constantFrom('talk', 'approval', 'oath', 'vote-after-prereview') }),
  GARBAGE: fc.constant({ nonsense: 1 }),
};

/** A dated event: a type, a payload, a role and a day offset from the previous event. */
const eventArbitrary = fc.constantFrom(...Object.keys(payloads)).chain((type) =>
  fc.record({
    type: fc.constant(type),
    payload: payloads[type] ?? fc.constant({}),
    role: fc.constantFrom(...roles),
    gap: fc.integer({ min: 0, max: 200 }),
  }),
);

describe.each(driverModes)('member development invariants (%s actor)', (mode) => {
  it('never probationary without a passing vote and an approval; a refused event changes nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'national' | 'document'>('national', 'document'),
        fc.array(eventArbitrary, { maxLength: 40 }),
        (profile, events) => {
          // CaseDriver itself fails the property if explain and the machine ever disagree, or if a
          // refused event changed the persisted snapshot.
          const driver = new CaseDriver(
            memberDevelopmentMachine,
            developmentInput(profile, '2024-03-01'),
            mode,
            explainDevelopment,
          );
          let day: LocalDate = '2024-03-01';
          for (const { type, payload, role, gap } of events) {
            day = addDays(day, gap);
            driver.send({
              type,
              occurredOn: day,
              actor: { id: `${role}-1`, roles: [role], orgId: 'branch-1' },
              ...payload,
            });
            const context = driver.context;
            if (context.outcome?.kind === 'admitted') {
              expect(context.votes.some((vote) => vote.passed)).toBe(true);
              expect(context.steps.approved).toBeDefined();
            }
            if (context.steps.approved) expect(context.votes.some((vote) => vote.passed)).toBe(true);
          }
        },
      ),
      { numRuns: mode === 'live' ? 150 : 60 },
    );
  });
});

const endings = new Set(['WITHDRAW', 'TERMINATE', 'WAIVE', 'RETURN', 'REJECT_ADMISSION']);

describe.each(driverModes)('member development guided walks (%s actor)', (mode) => {
  it('walking only the events the state offers, admission always rests on a passing vote, an approval and the profile’s last step', () => {
    let admitted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<'national' | 'document'>('national', 'document'),
        fc.array(
          fc.record({ pick: fc.nat(), payload: fc.nat(), role: fc.nat(100), gap: fc.integer({ min: 0, max: 120 }) }),
          { minLength: 20, maxLength: 80 },
        ),
        (profile, choices) => {
          const driver = new CaseDriver(
            memberDevelopmentMachine,
            developmentInput(profile, '2024-03-01'),
            mode,
            explainDevelopment,
          );
          let day: LocalDate = '2024-03-01';
          for (const choice of choices) {
            if (driver.snapshot.status !== 'active') break;
            const offered = driver.snapshot._nodes
              .flatMap((node) => Object.keys(node.on))
              .filter((type) => type !== 'DEADLINE_REACHED' && type !== 'CORRECT' && type !== 'TRANSFER')
              // Endings are rare in real cases; offering them at every step would end almost every walk early.
              .filter((type) => choice.pick % 25 === 0 || !endings.has(type));
            const type = offered[choice.pick % offered.length];
            if (!type) break;
            day = addDays(day, choice.gap);
            const spec = Object.values(developmentStepSpecs).find((candidate) => candidate.eventType === type);
            const role =
              choice.role < 85 && spec ? (spec.roles[choice.payload % spec.roles.length] ?? 'member') : 'member';
            const sampled = fc.sample(payloads[type] ?? fc.constant({}), { seed: choice.payload, numRuns: 1 })[0] ?? {};
            // A notice is posted on some day before it is closed, not on a fixed date.
            const payload =
              type === 'CLOSE_NOTICE' ? { ...sampled, postedOn: addDays(day, -(choice.gap % 15)) } : sampled;
            driver.send({
              type,
              occurredOn: day,
              actor: { id: `${role}-1`, roles: [role], orgId: 'branch-1' },
              ...payload,
            });
          }
          const context = driver.context;
          if (context.outcome?.kind === 'admitted') {
            admitted += 1;
            expect(context.votes.some((vote) => vote.passed)).toBe(true);
            expect(context.steps.approved).toBeDefined();
            expect(profile === 'national' ? context.steps.oath : context.steps.announced).toBeDefined();
          }
        },
      ),
      { numRuns: 120 },
    );
    // The walk must actually reach admission sometimes, or the property above proves nothing.
    expect(admitted).toBeGreaterThan(0);
  });
});

describe('timers', () => {
  it('the machine has no XState delayed transitions: deadlines are data the host fires, never a long setTimeout', () => {
    const delayed = allStateNodes(memberDevelopmentMachine.root).filter((node) => node.after.length > 0);
    expect(delayed.map((node) => node.id)).toEqual([]);
  });

  it('started with the real clock, nothing fires early: deadlines stay pending and nothing goes overdue', async () => {
    const actor = createActor(memberDevelopmentMachine, { input: developmentInput('national', '2026-11-20') }).start();
    const seen: string[] = [];
    actor.subscribe((snapshot) => seen.push(JSON.stringify(snapshot.value)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const snapshot = actor.getSnapshot();
    expect(snapshot.context.deadlines.map((deadline) => [deadline.id, deadline.due])).toEqual([['talk', '2026-12-20']]);
    expect(snapshot.context.overdue).toEqual([]);
    expect(seen).toEqual([]);
    actor.stop();
  });
});

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...(Object.values(node.states) as AnyStateNode[]).flatMap(allStateNodes)];
}

import { addDays, type LocalDate } from '@dangwu/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../core/actor.js';
import { probationMachine } from './probation.machine.js';
import { explainProbation } from './probation.process.js';
import { probationSteps } from './probation.schema.js';
import { actorAs, goodVotes, probationInput, runScenario } from './probation.test-helpers.js';

const eventKinds = [
  'RECORD_REPORT',
  'APPLY_FOR_CONVERSION',
  'COLLECT_OPINIONS',
  'RECORD_COMMITTEE_REVIEW',
  'CLOSE_NOTICE',
  'HOLD_VOTE',
  'APPROVE_CONVERSION',
  'APPROVE_EXTENSION',
  'APPROVE_CANCELLATION',
  'TALK_AND_ANNOUNCE',
  'TERMINATE',
  'CORRECT',
  'TRANSFER',
  'DEADLINE_REACHED',
] as const;

type Kind = (typeof eventKinds)[number];

const rightRoles: Record<Kind, readonly Role[]> = {
  RECORD_REPORT: ['applicant'],
  APPLY_FOR_CONVERSION: ['applicant'],
  COLLECT_OPINIONS: ['party-group', 'branch-committee'],
  RECORD_COMMITTEE_REVIEW: ['branch-committee'],
  CLOSE_NOTICE: ['branch-committee'],
  HOLD_VOTE: ['branch-assembly'],
  APPROVE_CONVERSION: ['base-committee'],
  APPROVE_EXTENSION: ['base-committee'],
  APPROVE_CANCELLATION: ['base-committee'],
  TALK_AND_ANNOUNCE: ['branch-secretary'],
  TERMINATE: ['branch-committee'],
  CORRECT: ['base-committee'],
  TRANSFER: ['org-dept'],
  DEADLINE_REACHED: ['system'],
};

const stepArbitrary = fc.record({
  kind: fc.constantFrom(...eventKinds),
  gap: fc.integer({ min: 0, max: 150 }),
  rightRole: fc.boolean(),
  roleIndex: fc.nat(),
  pick: fc.nat(),
  decision: fc.constantFrom('convert', 'extend', 'cancel'),
  extensionMonths: fc.integer({ min: 4, max: 14 }),
  half: fc.boolean(),
  showOfHands: fc.boolean(),
  withReason: fc.boolean(),
  back: fc.integer({ min: 0, max: 60 }),
});

type StepDraw = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildEvent(draw: StepDraw, on: LocalDate, deadlineIds: readonly string[]): Record<string, unknown> {
  const allowed = rightRoles[draw.kind];
  const role = draw.rightRole
    ? (allowed[draw.pick % allowed.length] ?? 'system')
    : (roles[draw.roleIndex % roles.length] ?? 'system');
  const base = { type: draw.kind, occurredOn: on, actor: actorAs(role) };
  switch (draw.kind) {
    case 'RECORD_REPORT':
      return { ...base, form: 'written' };
    case 'CLOSE_NOTICE':
      return { ...base, postedOn: addDays(on, -draw.back), objections: draw.pick % 2 };
    case 'HOLD_VOTE':
      return {
        ...base,
        votes: draw.half ? { ...goodVotes, for: 8, against: 4 } : goodVotes,
        method: draw.showOfHands ? 'show-of-hands' : 'secret-ballot',
        candidates: 1,
        decision: draw.decision,
        ...(draw.decision === 'extend' ? { extensionMonths: draw.extensionMonths } : {}),
        ...(draw.withReason ? { reason: 'recorded-reason' } : {}),
      };
    case 'TERMINATE':
      return { ...base, reason: 'discipline' };
    case 'CORRECT':
      return {
        ...base,
        step: probationSteps[draw.pick % probationSteps.length],
        on: addDays(on, -draw.back),
        reason: 'fix',
      };
    case 'TRANSFER':
      return { ...base, toOrgId: `org-${draw.pick % 3}` };
    case 'DEADLINE_REACHED':
      return { ...base, deadlineId: deadlineIds[draw.pick % Math.max(deadlineIds.length, 1)] ?? 'approval' };
    default:
      return base;
  }
}

const caseStates = new Set(Object.keys(probationMachine.root.states.case?.states ?? {}));
const timelinessStates = new Set(Object.keys(probationMachine.root.states.timeliness?.states ?? {}));

describe('probation machine properties', () => {
  it('random event sequences keep the invariants', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('live' as const, 'restored' as const),
        fc.constantFrom('national' as const, 'document' as const),
        fc.constantFrom('2024-02-29', '2025-01-10', '2026-06-01'),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 30 }),
        (mode, profile, start, draws) => {
          const s = runScenario(mode, probationInput(profile, start));
          let on = start as LocalDate;
          for (const draw of draws) {
            on = addDays(on, draw.gap);
            const event = buildEvent(
              draw,
              on,
              s.context.deadlines.map((deadline) => deadline.id),
            );
            const before = s.persisted();
            const verdict = explainProbation(s.snapshot, event).verdict;
            s.send(event);
            if (verdict !== 'allowed') expect(s.persisted()).toBe(before);
            const value = s.snapshot.value as { case: string; timeliness: string };
            expect(caseStates.has(value.case)).toBe(true);
            expect(timelinessStates.has(value.timeliness)).toBe(true);
            if (value.case === 'fullMember') {
              expect(s.context.steps.approved).toBeDefined();
              expect(s.snapshot.output?.partyAgeFrom).toBe(s.context.endsOn);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a guided random walk reaches full membership, and only through approval', () => {
    const expected: Record<string, Kind> = {
      probationary: 'APPLY_FOR_CONVERSION',
      opinions: 'COLLECT_OPINIONS',
      committeeReview: 'RECORD_COMMITTEE_REVIEW',
      branchVote: 'HOLD_VOTE',
      voteNotPassed: 'HOLD_VOTE',
      awaitingApproval: 'APPROVE_CONVERSION',
      talkAndAnnounce: 'TALK_AND_ANNOUNCE',
    };
    let reached = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('national' as const, 'document' as const),
        fc.array(
          fc.record({
            follow: fc.integer({ min: 0, max: 9 }),
            kind: fc.constantFrom(...eventKinds),
            gap: fc.integer({ min: 0, max: 60 }),
            pick: fc.nat(),
            decision: fc.constantFrom('convert', 'extend'),
          }),
          { minLength: 5, maxLength: 40 },
        ),
        (profile, draws) => {
          const s = runScenario('live', probationInput(profile, '2026-06-01'));
          let on = '2026-06-01' as LocalDate;
          for (const draw of draws) {
            on = addDays(on, draw.gap);
            const state = (s.snapshot.value as { case: string }).case;
            const wanted = expected[state];
            const kind =
              draw.follow > 1 && wanted
                ? wanted === 'APPROVE_CONVERSION' && s.context.pending?.decision === 'extend'
                  ? 'APPROVE_EXTENSION'
                  : wanted
                : draw.kind;
            const event = buildEvent(
              {
                ...draw,
                kind,
                rightRole: true,
                roleIndex: 0,
                extensionMonths: 6,
                half: false,
                showOfHands: false,
                withReason: true,
                back: 0,
              },
              on,
              s.context.deadlines.map((deadline) => deadline.id),
            );
            s.send(event);
            if ((s.snapshot.value as { case: string }).case === 'fullMember') {
              reached += 1;
              expect(s.context.steps.approved).toBeDefined();
              expect(s.context.steps.approved?.on).toBeDefined();
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(reached).toBeGreaterThan(0);
  });
});

import { addDays, type LocalDate } from '@dangwu/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseDriver } from '../../test/case-driver.js';
import { as } from '../../test/development-fixtures.js';
import { lifeMeetingInput } from '../../test/life-meeting-fixtures.js';
import { type Role, roles } from '../core/actor.js';
import { openProblems } from './life-meeting.check-input.js';
import type { LifeMeetingContext } from './life-meeting.context.js';
import { lifeMeetingMachine } from './life-meeting.machine.js';
import { explainLifeMeeting } from './life-meeting.process.js';
import { problemHandlings } from './life-meeting.schema.js';

const eventKinds = [
  'DECIDE_TOPIC',
  'SOLICIT_OPINIONS',
  'NOTIFY_UPPER',
  'NOTIFY_MEMBERS',
  'PREPARE_SPEECHES',
  'REQUEST_POSTPONEMENT',
  'CONSENT_POSTPONEMENT',
  'DECLINE_POSTPONEMENT',
  'HOLD_MEETING',
  'PASS_ON_CRITICISM',
  'RECORD_RECTIFICATION_PLAN',
  'REPORT_UPPER',
  'GIVE_FEEDBACK',
  'RESOLVE_PROBLEMS',
  'CLOSE',
  'ESCALATE_TO_DISCIPLINE',
  'DEADLINE_REACHED',
] as const;

type Kind = (typeof eventKinds)[number];

const rightRoles: Record<Kind, readonly Role[]> = {
  DECIDE_TOPIC: ['branch-committee'],
  SOLICIT_OPINIONS: ['org-commissioner', 'branch-committee'],
  NOTIFY_UPPER: ['branch-secretary'],
  NOTIFY_MEMBERS: ['branch-secretary'],
  PREPARE_SPEECHES: ['branch-committee'],
  REQUEST_POSTPONEMENT: ['branch-secretary'],
  CONSENT_POSTPONEMENT: ['higher-committee'],
  DECLINE_POSTPONEMENT: ['higher-committee'],
  HOLD_MEETING: ['branch-secretary', 'branch-committee'],
  PASS_ON_CRITICISM: ['branch-secretary', 'member'],
  RECORD_RECTIFICATION_PLAN: ['branch-committee'],
  REPORT_UPPER: ['branch-secretary'],
  GIVE_FEEDBACK: ['branch-committee'],
  RESOLVE_PROBLEMS: ['branch-committee'],
  CLOSE: ['branch-secretary'],
  ESCALATE_TO_DISCIPLINE: ['higher-committee'],
  DEADLINE_REACHED: ['system'],
};

const drawArbitrary = fc.record({
  kind: fc.constantFrom(...eventKinds),
  follow: fc.integer({ min: 0, max: 9 }),
  gap: fc.integer({ min: 0, max: 8 }),
  rightRole: fc.integer({ min: 0, max: 9 }),
  roleIndex: fc.nat(),
  pick: fc.nat({ max: 1_000 }),
  offset: fc.integer({ min: -3, max: 25 }),
  flag: fc.boolean(),
});

type Draw = typeof drawArbitrary extends fc.Arbitrary<infer T> ? T : never;

const problemIds = ['p-0', 'p-1', 'p-2', 'p-3'];

/** The event a careful secretary would send next, so random walks also reach the meeting and its end. */
function nextKind(
  context: LifeMeetingContext,
  value: { case: unknown },
  document: boolean,
  flag: boolean,
): Kind | null {
  const { steps } = context;
  if (value.case === 'chairAccountable') return flag ? 'RESOLVE_PROBLEMS' : 'ESCALATE_TO_DISCIPLINE';
  if (typeof value.case === 'object' && value.case !== null && 'preparing' in value.case) {
    if (!steps.topic) return 'DECIDE_TOPIC';
    if (!steps.opinions) return 'SOLICIT_OPINIONS';
    if (document && !steps.upperNotice) return 'NOTIFY_UPPER';
    if (!steps.membersNotice) return 'NOTIFY_MEMBERS';
    if (!steps.speeches) return 'PREPARE_SPEECHES';
    return 'HOLD_MEETING';
  }
  if (typeof value.case === 'object' && value.case !== null && 'followUp' in value.case) {
    if (context.absentees.some((absentee) => absentee.criticismPassedOn === null)) return 'PASS_ON_CRITICISM';
    if (!steps.rectification) return 'RECORD_RECTIFICATION_PLAN';
    if (!steps.report) return 'REPORT_UPPER';
    if (!steps.feedback) return 'GIVE_FEEDBACK';
    // Nationally open problems must be handled first; under the document closing anyway tests OLM-ESCALATE.
    return openProblems(context).length > 0 && (!document || flag) ? 'RESOLVE_PROBLEMS' : 'CLOSE';
  }
  return null;
}

/** A random event of `kind`; `careful` picks a payload a careful secretary would send (still random in its details). */
function buildEvent(
  kind: Kind,
  draw: Draw,
  on: LocalDate,
  context: LifeMeetingContext,
  careful: boolean,
): Record<string, unknown> {
  const allowed = rightRoles[kind];
  const role =
    careful || draw.rightRole > 0
      ? (allowed[draw.pick % allowed.length] ?? 'system')
      : (roles[draw.roleIndex % roles.length] ?? 'system');
  const base = { type: kind, occurredOn: on, actor: as(role) };
  const planned = addDays(on, Math.max(draw.offset, 0));
  switch (kind) {
    case 'DECIDE_TOPIC':
      return {
        ...base,
        contents: ['integrity'],
        focusProblems: problemIds.slice(0, careful ? 1 : draw.pick % 4),
        plannedDate: planned,
      };
    case 'SOLICIT_OPINIONS':
      return { ...base, talks: draw.pick % 3, forums: careful || draw.flag ? 1 : 0 };
    case 'NOTIFY_UPPER':
    case 'NOTIFY_MEMBERS':
      return { ...base, meetingDate: planned };
    case 'PREPARE_SPEECHES':
      return { ...base, prepared: draw.pick % 14 };
    case 'REQUEST_POSTPONEMENT':
      return { ...base, until: addDays(context.dueDate, draw.offset), reason: 'R' };
    case 'DECLINE_POSTPONEMENT':
    case 'ESCALATE_TO_DISCIPLINE':
      return { ...base, reason: 'R' };
    case 'HOLD_MEETING': {
      const absent = draw.pick % 3;
      const raised = problemIds.slice(0, (draw.pick >> 2) % 4);
      return {
        ...base,
        due: 12,
        present: 12 - absent,
        speeches: 12 - absent - (draw.flag ? 0 : 1),
        documentsStudied: draw.flag,
        opinionsReported: true,
        absentees: Array.from({ length: absent }, (_, index) => ({ id: `a-${index}`, writtenStatement: index !== 1 })),
        problemsRaised: raised,
        resolvedOnSite: draw.flag ? raised.slice(0, 1) : [],
      };
    }
    case 'PASS_ON_CRITICISM': {
      const waiting = context.absentees.find((absentee) => absentee.criticismPassedOn === null);
      return { ...base, absenteeId: (careful || draw.flag) && waiting ? waiting.id : `a-${draw.pick % 3}` };
    }
    case 'RECORD_RECTIFICATION_PLAN':
      return { ...base, measures: 1, responsibleId: 'l-1', problemIds: draw.flag ? [problemIds[draw.pick % 4]] : [] };
    case 'GIVE_FEEDBACK':
      return { ...base, audiences: draw.flag ? ['members', 'public'] : ['members'] };
    case 'RESOLVE_PROBLEMS': {
      const open = openProblems(context).map((problem) => problem.id);
      const ids =
        (careful || draw.flag) && open.length > 0
          ? open.slice(0, 1 + (draw.pick % open.length))
          : [problemIds[draw.pick % 4]];
      return { ...base, problemIds: ids, how: problemHandlings[draw.pick % problemHandlings.length] };
    }
    case 'DEADLINE_REACHED':
      return {
        ...base,
        deadlineId: context.deadlines[draw.pick % Math.max(context.deadlines.length, 1)]?.id ?? 'meeting',
      };
    default:
      return base;
  }
}

describe('life meeting properties', () => {
  it('random event sequences: no meeting before its upper notice has run (document), a refused event changes nothing, no silent end with open problems', () => {
    const reached = { meeting: 0, closed: 0, accountable: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom('live' as const, 'restored' as const),
        fc.constantFrom('national' as const, 'document' as const),
        fc.array(drawArbitrary, { minLength: 1, maxLength: 60, size: 'max' }),
        (mode, profile, draws) => {
          const d = new CaseDriver(lifeMeetingMachine, lifeMeetingInput(profile), mode, explainLifeMeeting);
          let on: LocalDate = profile === 'document' ? '2026-01-05' : '2026-09-01';
          let sawAccountable = false;
          for (const draw of draws) {
            on = addDays(on, draw.gap);
            const value = d.snapshot.value as { case: unknown };
            const guided = draw.follow > 1 ? nextKind(d.context, value, profile === 'document', draw.flag) : null;
            const event = buildEvent(guided ?? draw.kind, draw, on, d.context, guided !== null && draw.follow > 4);
            const before = d.persisted();
            const explanation = d.send(event);
            if (explanation.verdict !== 'allowed') {
              reached.refused += 1;
              expect(d.persisted()).toBe(before);
            }
            const context = d.context;
            // OLM-PRENOTICE-UPPER: the meeting is never held before the 3-day upper notice has run.
            if (profile === 'document' && context.meeting) {
              const last = context.upperNotices.at(-1);
              expect(last).toBeDefined();
              if (last) expect(addDays(last.on, 3) <= context.meeting.on).toBe(true);
            }
            const state = (d.snapshot.value as { case: unknown }).case;
            if (state === 'chairAccountable') {
              sawAccountable = true;
              expect(context.accountability?.openProblems.length).toBeGreaterThan(0);
              expect(openProblems(context).length).toBeGreaterThan(0);
            }
            // OLM-ESCALATE: the case never ends silently with problems left open.
            if (d.snapshot.status === 'done') {
              expect(context.outcome).not.toBeNull();
              if (openProblems(context).length > 0) {
                expect(context.outcome?.kind).toBe('escalated');
                expect(context.accountability).not.toBeNull();
              }
              if (context.accountability) expect(context.outcome?.chairAccountable).toBe(true);
              expect([context.steps.rectification, context.steps.report, context.steps.feedback]).not.toContain(
                undefined,
              );
            }
            if (profile === 'national') expect(context.accountability).toBeNull();
            if (d.snapshot.status === 'done') break;
          }
          if (d.context.meeting) reached.meeting += 1;
          if (d.snapshot.status === 'done') reached.closed += 1;
          if (sawAccountable) reached.accountable += 1;
        },
      ),
      { numRuns: 400 },
    );
    // The properties are not vacuous: walks reach the meeting, the end and the accountability state.
    expect(reached.meeting).toBeGreaterThan(100);
    expect(reached.closed).toBeGreaterThan(50);
    expect(reached.accountable).toBeGreaterThan(5);
    expect(reached.refused).toBeGreaterThan(200);
  }, 60_000);
});

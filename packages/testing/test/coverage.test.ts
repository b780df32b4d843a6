import {
  lifeMeetingProcess,
  memberDevelopmentProcess,
  probationProcess,
  relationshipTransferProcess,
} from '@dangwu/machines';
import { days, defineRules, documentRules, national, type RuleOverrides, type RuleProfile } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { type CoverageOptions, type CoverageReport, combineCoverage, coverage } from '../src/index.js';
import { developmentEvents } from './coverage-events/development-events.js';
import { lifeMeetingEvents } from './coverage-events/life-meeting-events.js';
import { probationEvents } from './coverage-events/probation-events.js';
import { relationshipTransferEvents, transferOrgs } from './coverage-events/relationship-transfer-events.js';

const actor = { id: 'u-secretary', roles: ['branch-secretary'], orgId: 'branch-1' };

/** A named run: a profile (and start date) under which the machine is explored. */
interface Run {
  readonly name: string;
  readonly options: CoverageOptions;
}

const local = (id: string, values: RuleOverrides): RuleProfile =>
  defineRules(national, { id, citation: `${id} 测试规则`, values });

const development = (name: string, profile: RuleProfile, startOn: '2016-03-01' | '2024-03-01' | '2026-06-01'): Run => ({
  name,
  options: {
    process: memberDevelopmentProcess as CoverageOptions['process'],
    profile,
    startOn,
    input: { caseId: 'dev-1', personId: 'p-1', orgId: 'branch-1', birthDate: '1990-01-01', appliedOn: startOn, actor },
    events: developmentEvents,
  },
});

const probation = (name: string, profile: RuleProfile): Run => ({
  name,
  options: {
    process: probationProcess as CoverageOptions['process'],
    profile,
    startOn: '2026-06-01',
    input: { caseId: 'prob-1', personId: 'p-1', orgId: 'branch-1', actor, probationStart: '2026-06-01' },
    events: probationEvents,
    // The pending vote's decision tells a conversion from an extension or a cancellation awaiting approval.
    distinguish: (snapshot) => snapshot.context.pending?.decision ?? null,
  },
});

const lifeMeeting = (name: string, profile: RuleProfile, period: { year: number; half?: 1 | 2 }): Run => ({
  name,
  options: {
    process: lifeMeetingProcess as CoverageOptions['process'],
    profile,
    startOn: '2026-01-05',
    input: { caseId: 'olm-1', orgId: 'branch-1', actor, period, kind: 'branch', members: 12 },
    events: lifeMeetingEvents,
    // Whether problems raised at the meeting are still open decides how CLOSE goes.
    distinguish: (snapshot) =>
      (snapshot.context.problems ?? []).filter((problem: { handled: unknown }) => !problem.handled).length,
  },
});

const transfer = (name: string, profile: RuleProfile, extra: Record<string, unknown>): Run => ({
  name,
  options: {
    process: relationshipTransferProcess as CoverageOptions['process'],
    profile,
    startOn: '2026-06-01',
    input: {
      caseId: 'rel-1',
      personId: 'p-1',
      fromOrgId: 'b1',
      toOrgId: 'b3',
      orgs: transferOrgs,
      openedOn: '2026-06-01',
      actor: { ...actor, orgId: 'b1' },
      ...extra,
    },
    events: relationshipTransferEvents,
  },
});

const machines: Record<string, readonly Run[]> = {
  memberDevelopment: [
    development('national (NAT-2026)', national, '2026-06-01'),
    development('national (NAT-2020)', national, '2024-03-01'),
    development('national (NAT-2014)', national, '2016-03-01'),
    development('document', documentRules, '2026-06-01'),
  ],
  probation: [
    probation('national', national),
    probation('document', documentRules),
    probation(
      'local: conversion notice 5 days',
      local('conversion-notice', { probation: { conversionNotice: days(5) } }),
    ),
  ],
  lifeMeeting: [
    lifeMeeting('national', national, { year: 2026 }),
    lifeMeeting('document', documentRules, { year: 2026, half: 1 }),
    lifeMeeting('local: chair accountable', local('chair-accountable', { lifeMeeting: { chairAccountable: true } }), {
      year: 2026,
    }),
  ],
  relationshipTransfer: [
    transfer('national: formal transfer', national, {}),
    transfer('national: moved seven months ago', national, { movedOn: '2025-11-01' }),
    transfer('national: temporary absence', national, {
      toOrgId: 'b2',
      absence: { from: '2026-06-01', until: '2026-10-01' },
    }),
    transfer('national: mobile member', national, { toOrgId: 'b2', mobile: true }),
    transfer('document: formal transfer', documentRules, {}),
  ],
};

const reports = new Map<string, { runs: { name: string; report: CoverageReport }[]; all: CoverageReport }>();
for (const [machine, runs] of Object.entries(machines)) {
  const done = runs.map((run) => ({ name: run.name, report: coverage(run.options) }));
  reports.set(machine, { runs: done, all: combineCoverage(done.map((run) => run.report)) });
}

describe.each(Object.keys(machines))('path coverage of %s', (machine) => {
  const found = reports.get(machine);

  it('reaches every stable state under at least one profile', () => {
    expect(found?.all.unreached).toEqual([]);
    expect(found?.all.reached.length).toBeGreaterThan(5);
  });

  it('lists which profile reaches each state that some profile does not', () => {
    const runs = found?.runs ?? [];
    const optional = (found?.all.reached ?? []).filter((state) =>
      runs.some((run) => run.report.unreached.includes(state)),
    );
    const byState = Object.fromEntries(
      optional.map((state) => [state, runs.filter((run) => run.report.reached.includes(state)).map((run) => run.name)]),
    );
    console.info(`${machine}: optional states and the profiles that reach them`, byState);
    for (const reachedBy of Object.values(byState)) expect(reachedBy.length).toBeGreaterThan(0);
  });
});

describe('coverage reports what it could not reach', () => {
  const run = development('national (NAT-2026)', national, '2026-06-01').options;
  const { PROPOSE_TARGET: _left, ...withoutTarget } = developmentEvents;

  it('lists the states behind an event it was given no payload for', () => {
    const report = coverage({ ...run, events: withoutTarget });
    expect(report.unreached).toContain('case.target.awaitingConsent');
    expect(report.unreached).toContain('case.admitted');
    expect(report.reached).toContain('case.activist.cultivating');
    expect(report.transient).toContain('case.activist.routing');
    expect(report.paths['case.activist.cultivating']).toEqual([
      'RECORD_TALK',
      'DESIGNATE_ACTIVIST',
      'FILE_ACTIVIST',
      'ASSIGN_CONTACTS',
    ]);
  });

  it('reads generated events as the engine does: an undefined member in a payload changes nothing', () => {
    const withAside = Object.fromEntries(
      Object.entries(developmentEvents).map(([type, factory]) => [
        type,
        (...args: Parameters<typeof factory>) => {
          const made = factory(...args);
          const aside = (payload: object) => ({ ...payload, aside: undefined });
          return made === null ? null : Array.isArray(made) ? made.map(aside) : aside(made);
        },
      ]),
    ) as typeof developmentEvents;
    expect(coverage({ ...run, events: withAside }).reached).toEqual(coverage(run).reached);
  });

  it('repeats a state-keeping event so a guard that counts them can pass, up to maxRepeats', () => {
    const machine = memberDevelopmentProcess.machine.provide({
      guards: { mayProposeTarget: ({ context }) => context.assessments.length >= 2 },
    });
    const counting = { ...run, process: { ...memberDevelopmentProcess, machine } as CoverageOptions['process'] };
    const events = { ...developmentEvents, RECORD_ASSESSMENT: () => ({ result: 'satisfactory' }) };
    expect(coverage({ ...counting, events }).unreached).not.toContain('case.target.awaitingConsent');
    expect(coverage({ ...counting, events, maxRepeats: 1 }).unreached).toContain('case.target.awaitingConsent');
  });
});

import { createScenario, type Scenario, type ScenarioMode } from '@dangwu/testing';
import { type countyDevelopmentMachine, countyDevelopmentProcess } from './county-process.js';
import { countyRules } from './county-rules.js';

/** A county case: applied 2026-06-01, talked with, named an activist on 2026-06-15 and given contacts. */
export async function countyActivist(mode: ScenarioMode = 'live'): Promise<Scenario<typeof countyDevelopmentMachine>> {
  const secretary = { id: 'u-secretary', roles: ['branch-secretary' as const], orgId: 'branch-1' };
  const input = {
    caseId: 'dev-1',
    personId: 'p-1',
    orgId: 'branch-1',
    birthDate: '2000-01-01',
    appliedOn: '2026-06-01',
    actor: secretary,
  };
  const s = await createScenario({
    process: countyDevelopmentProcess,
    profile: countyRules,
    input,
    startOn: '2026-06-01',
    mode,
  });
  await s.advance('P9D');
  await s.send({ type: 'RECORD_TALK', actor: 'branch-secretary' });
  await s.advanceTo('2026-06-15');
  await s.send({ type: 'DESIGNATE_ACTIVIST', actor: 'branch-committee' });
  await s.send({ type: 'FILE_ACTIVIST', actor: 'base-committee' });
  await s.send({ type: 'ASSIGN_CONTACTS', actor: 'branch-committee', contacts: [{ id: 'c1', fullMember: true }] });
  return s;
}

/** The branch records a half-yearly assessment today. */
export const assess = (s: Scenario<typeof countyDevelopmentMachine>) =>
  s.send({ type: 'RECORD_ASSESSMENT', actor: 'branch-committee', result: 'satisfactory' });

/** A county case two years on, assessed twice, proposed as 发展对象 and consented: the notice is posted today. */
export async function countyNotice(mode: ScenarioMode = 'live'): Promise<Scenario<typeof countyDevelopmentMachine>> {
  const s = await countyActivist(mode);
  await s.advanceTo('2026-12-10');
  await assess(s);
  await s.advanceTo('2027-06-08');
  await assess(s);
  await s.advanceTo('2028-06-15');
  await s.send({ type: 'PROPOSE_TARGET', actor: 'branch-committee' });
  await s.send({ type: 'APPROVE_TARGET', actor: 'base-committee' });
  return s;
}

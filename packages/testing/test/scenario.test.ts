import { memberDevelopmentProcess } from '@dangwu/machines';
import { national } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import { createScenario, ScenarioAssertionError, type ScenarioMode } from '../src/index.js';

const secretary = { id: 'u-secretary', roles: ['branch-secretary' as const], orgId: 'branch-1' };
const input = {
  caseId: 'dev-1',
  personId: 'p-1',
  orgId: 'branch-1',
  birthDate: '2000-01-01',
  appliedOn: '2026-06-01',
  actor: secretary,
};
const modes: readonly ScenarioMode[] = ['live', 'restored', 'runtime'];

const start = (mode: ScenarioMode) =>
  createScenario({ process: memberDevelopmentProcess, profile: national, input, startOn: '2026-06-01', mode });

describe.each(modes)('scenario on the development process (%s)', (mode) => {
  it('refuses the activist before the talk, with the rule, and changes nothing', async () => {
    const s = await start(mode);
    const refusal = await s.expectRefused(
      { type: 'DESIGNATE_ACTIVIST', actor: 'branch-committee' },
      'DEV-APPLY-TALK-DEADLINE',
    );
    expect(refusal.verdict).toBe('refused');
    await s.expectState('case.applied');
    await s.expectDeadline('DEV-APPLY-TALK-DEADLINE', '2026-07-01');
  });

  it('fires a deadline the day after it is due and marks it overdue', async () => {
    const s = await start(mode);
    await s.advanceTo('2026-07-01');
    await s.expectState('timeliness.onTime');
    await s.advance('P1D');
    await s.expectOverdue('DEV-APPLY-TALK-DEADLINE');
    await s.expectState('timeliness.overdue');
  });

  it('walks the talk, the activist and the filing; events default to today and role shorthand', async () => {
    const s = await start(mode);
    await s.advance('P10D');
    await s.send({ type: 'RECORD_TALK', actor: 'branch-secretary' });
    await s.expectAllowed({ type: 'DESIGNATE_ACTIVIST', actor: 'branch-committee' });
    await s.send({ type: 'DESIGNATE_ACTIVIST', actor: 'branch-committee' });
    const snapshot = await s.snapshot();
    expect(snapshot.context.steps.activist?.on).toBe('2026-06-11');
    expect(s.today).toBe('2026-06-11');
  });

  it('reads an input and events with undefined members as the engine does: JSON drops them', async () => {
    const s = await createScenario({
      process: memberDevelopmentProcess,
      profile: national,
      input: { ...input, aside: undefined },
      startOn: '2026-06-01',
      mode,
    });
    await s.send({ type: 'RECORD_TALK', actor: 'branch-secretary', aside: undefined });
    await s.expectState('case.talked');
  });

  it('throws a bilingual ScenarioAssertionError when an expectation fails', async () => {
    const s = await start(mode);
    const failure = await s.expectState('case.activist').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ScenarioAssertionError);
    expect(String((failure as Error).message)).toMatch(/应处于状态 case\.activist[\s\S]*Expected state case\.activist/);
    await expect(s.send({ type: 'DESIGNATE_ACTIVIST', actor: 'branch-committee' })).rejects.toThrow(/was not accepted/);
    await expect(
      s.expectRefused({ type: 'RECORD_TALK', actor: 'branch-secretary' }, 'DEV-APPLY-TALK-DEADLINE'),
    ).rejects.toThrow(ScenarioAssertionError);
    await expect(s.expectDeadline('DEV-APPLY-TALK-DEADLINE', '2026-07-02')).rejects.toThrow(/2026-07-01/);
    await expect(s.advanceTo('2026-05-01')).rejects.toThrow(/cannot go back/);
  });
});

import type { Role } from '@dangwu/machines';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, createManualClock, createMemoryStore } from '../src/index.js';
import { reviewProcess } from './fixtures/review-process.js';
import { startCase } from './support/two-processes.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

// explain answers as send acts: an event send would refuse for its actor (another organisation's, or the
// runtime's own system role) is not explained as allowed.

const reader = actor('root');
const organisations = ['root', 'general-1', 'general-2', 'branch-1', 'branch-2', 'branch-3'];

async function caseInBranch1() {
  const store = createMemoryStore();
  const engine = createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
  await startCase(engine, 'i1');
  return { store, engine };
}

describe('explain and the actor an event names', () => {
  it.each([
    ['another branch', actor('branch-2'), 'RUNTIME-ORG-SCOPE', '不能操作组织 branch-1 的实例'],
    ['the system role', actor('branch-1', ['system']), 'RUNTIME-SYSTEM-ROLE', '系统角色仅供运行时使用'],
  ])('refuses an event from %s, naming the runtime rule, and logs nothing', async (_who, who, ruleId, zh) => {
    const { engine } = await caseInBranch1();
    const note = event('NOTE', '2026-03-02', { count: 1 }, who);
    const explanation = await engine.explain('i1', note, { actor: reader });
    expect(explanation).toMatchObject({ verdict: 'refused', failures: [{ ruleId, ok: false, severity: 'block' }] });
    expect(explanation.message.zh).toContain(zh);
    expect(explanation.message.en).toContain(`[${ruleId}]`);
    expect(await engine.securityLog()).toEqual([]);
    await expect(engine.send({ instanceId: 'i1', event: note })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an outsider’s event for its organisation before the process’s own verdict, as send does', async () => {
    const { engine } = await caseInBranch1();
    const approve = event('APPROVE', '2026-03-02', { present: 5, total: 5 }, actor('branch-2'));
    expect(await engine.explain('i1', approve, { actor: reader })).toMatchObject({
      verdict: 'refused',
      failures: [{ ruleId: 'RUNTIME-ORG-SCOPE' }],
    });
    await expect(engine.send({ instanceId: 'i1', event: approve })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps the process’s own verdict for an insider’s event the state does not take', async () => {
    const { engine } = await caseInBranch1();
    const approve = event('APPROVE', '2026-03-02', { present: 5, total: 5 }, actor('branch-1'));
    expect((await engine.explain('i1', approve, { actor: reader })).verdict).toBe('not-accepted');
  });

  it('says allowed exactly when send accepts the event, for any actor (property)', async () => {
    const roles: Role[] = ['branch-committee', 'branch-secretary', 'system'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...organisations), fc.subarray(roles, { minLength: 1 }), async (orgId, held) => {
        const { engine } = await caseInBranch1();
        const note = event('NOTE', '2026-03-02', { count: 1 }, actor(orgId, held));
        const explanation = await engine.explain('i1', note, { actor: reader });
        const sent = await engine.send({ instanceId: 'i1', event: note }).then(
          () => true,
          () => false,
        );
        expect(explanation.verdict === 'allowed').toBe(sent);
      }),
      { numRuns: 60 },
    );
  });
});

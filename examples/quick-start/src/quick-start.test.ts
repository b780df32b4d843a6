import { describe, expect, it } from 'vitest';
// #region quick-start
import { type Actor, memberDevelopmentProcess } from '@dangwu/machines';
import { national } from '@dangwu/rules';
import { createEngine } from '@dangwu/runtime';
import { createSqliteStore } from '@dangwu/runtime/sqlite';

const engine = createEngine({ store: createSqliteStore({ path: ':memory:' }), processes: [memberDevelopmentProcess] });
const secretary: Actor = { id: 'u-secretary', roles: ['branch-secretary'], orgId: 'branch-1' };
const committee: Actor = { id: 'u-committee', roles: ['branch-committee'], orgId: 'branch-1' };

const input = { caseId: 'dev-1', personId: 'p-1', orgId: 'branch-1', birthDate: '2000-01-01', appliedOn: '2026-11-02' };
await engine.start({
  processId: 'member-development',
  instanceId: 'dev-1',
  actor: secretary,
  input: { ...input, actor: secretary, profile: national },
});

// Ask before acting: why can't the branch name the applicant an activist today?
const activist = { type: 'DESIGNATE_ACTIVIST', occurredOn: '2026-11-03', actor: committee };
const why = await engine.explain('dev-1', activist, { actor: committee });
console.log(why.verdict, why.message.zh); // refused 不能办理：须先由党组织派人与申请人谈话 [DEV-APPLY-TALK-DEADLINE]

await engine.send({ instanceId: 'dev-1', event: { type: 'RECORD_TALK', occurredOn: '2026-11-20', actor: secretary } });
await engine.send({ instanceId: 'dev-1', event: { ...activist, occurredOn: '2026-11-25' } });
const view = await engine.get('dev-1', { actor: committee });
console.log(
  view.state,
  view.deadlines.map((deadline) => `${deadline.ruleId} ${deadline.due}`),
);
// #endregion quick-start

describe('README quick start', () => {
  it('explains the refusal, then records the talk and names the activist with dated deadlines', () => {
    expect(why.verdict).toBe('refused');
    expect(why.failures[0]?.ruleId).toBe('DEV-APPLY-TALK-DEADLINE');
    expect(view.state).toContain('case.activist.awaitingFiling');
    expect(view.deadlines.map((deadline) => deadline.ruleId)).toEqual(['DEV-ACTIVIST-ASSESS-FREQ']);
    expect(view.deadlines[0]?.due).toBe('2027-05-25');
  });
});

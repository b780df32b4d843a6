import { describe, expect, it } from 'vitest';
import { assess, countyActivist } from './county-case.js';

describe.each(['live', 'restored', 'runtime'] as const)('the county guard (%s)', (mode) => {
  it('refuses 发展对象 until two assessments are on record, as LOCAL-RULE', async () => {
    const s = await countyActivist(mode);
    await s.advanceTo('2028-06-15'); // two years: the profile's own checks all pass
    const why = await s.expectRefused({ type: 'PROPOSE_TARGET', actor: 'branch-committee' }, 'LOCAL-RULE');
    expect(why.failures.map((failure) => failure.check)).toEqual(['customGuard']);
    await assess(s);
    await assess(s);
    await s.send({ type: 'PROPOSE_TARGET', actor: 'branch-committee' });
    await s.expectState('case.target.awaitingConsent');
  });
});

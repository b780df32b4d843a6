import { expect, it } from 'vitest';
import { assess, countyActivist } from './county-case.js';

it('asks for two years as an activist, and says from when (DEV-ACTIVIST-MIN-TRAINING)', async () => {
  const s = await countyActivist();
  await s.advance('P6M');
  await assess(s);
  await s.advanceTo('2027-06-15'); // one year: enough under the national rules, not in the county
  await assess(s);
  const why = await s.expectRefused({ type: 'PROPOSE_TARGET', actor: 'branch-committee' }, 'DEV-ACTIVIST-MIN-TRAINING');
  expect(why.failures[0]?.earliest).toBe('2028-06-15');
  await s.advanceTo('2028-06-15');
  await s.expectAllowed({ type: 'PROPOSE_TARGET', actor: 'branch-committee' });
});

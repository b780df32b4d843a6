import { it } from 'vitest';
import { countyActivist } from './county-case.js';

it('fires the half-yearly assessment deadline on the virtual clock (DEV-ACTIVIST-ASSESS-FREQ)', async () => {
  const s = await countyActivist('runtime');
  await s.expectDeadline('DEV-ACTIVIST-ASSESS-FREQ', '2026-12-15');
  await s.advanceTo('2026-12-15');
  await s.expectState('timeliness.onTime');
  await s.advance('P1D');
  await s.expectOverdue('DEV-ACTIVIST-ASSESS-FREQ');
  await s.expectState('timeliness.overdue');
});

import { expect, it } from 'vitest';
import { countyNotice } from './county-case.js';

it('keeps the notice before 发展对象 open for 7 working days (DEV-TARGET-NOTICE-DAYS)', async () => {
  const s = await countyNotice();
  const close = { type: 'CLOSE_NOTICE', actor: 'branch-committee', postedOn: s.today, objections: 0 } as const;
  await s.advanceTo('2028-06-23'); // 5 working days: the national notice would have run
  const why = await s.expectRefused(close, 'DEV-TARGET-NOTICE-DAYS');
  expect(why.failures[0]?.earliest).toBe('2028-06-27');
  await s.advanceTo('2028-06-27');
  await s.send(close);
  await s.expectState('case.preparing.introducers');
});

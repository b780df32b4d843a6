import { memberDevelopmentProcess } from '@dangwu/machines';
import { dateFromParts, type LocalDate, national } from '@dangwu/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addIsoDuration, createScenario, parseIsoDuration } from '../src/index.js';

const safeDate = fc
  .record({
    year: fc.integer({ min: 1990, max: 2060 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => dateFromParts(year, month, day));
const anyDate = fc
  .record({
    year: fc.integer({ min: 1990, max: 2060 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => dateFromParts(year, month, day));

describe('ISO-8601 date durations', () => {
  it('parses each unit and refuses time parts, signs and the empty duration', () => {
    expect(parseIsoDuration('P1Y2M3W4D')).toEqual({ years: 1, months: 2, weeks: 3, days: 4 });
    expect(parseIsoDuration('P10D')).toEqual({ years: 0, months: 0, weeks: 0, days: 10 });
    for (const bad of ['P', 'PT1H', '-P1D', 'P1.5D', '3M', 'P1D1M', ''])
      expect(() => parseIsoDuration(bad)).toThrow(/ISO-8601/);
  });

  it('clamps a month to its end: 31 January + P1M is the last day of February', () => {
    expect(addIsoDuration('2026-01-31', 'P1M')).toBe('2026-02-28');
    expect(addIsoDuration('2028-01-31', 'P1M')).toBe('2028-02-29');
    expect(addIsoDuration('2024-02-29', 'P1Y')).toBe('2025-02-28');
    expect(addIsoDuration('2024-02-29', 'P1Y', 'mar1')).toBe('2025-03-01');
  });

  it('P1M then P1M equals P2M, and PnY equals P(12n)M, for month-end-safe dates', () => {
    fc.assert(
      fc.property(safeDate, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (date, a, b) => {
        expect(addIsoDuration(addIsoDuration(date, `P${a}M`), `P${b}M`)).toBe(addIsoDuration(date, `P${a + b}M`));
        expect(addIsoDuration(date, `P${a}Y`)).toBe(addIsoDuration(date, `P${a * 12}M`));
      }),
    );
  });

  it('never moves a date back, and days and weeks add up exactly', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(30), fc.nat(10), fc.nat(400), (date, m, w, d) => {
        const moved = addIsoDuration(date, `P${m}M${w}W${d}D`);
        expect(moved >= date).toBe(true);
        expect(addIsoDuration(addIsoDuration(date, `P${w}W`), `P${d}D`)).toBe(addIsoDuration(date, `P${w * 7 + d}D`));
      }),
    );
  });

  it('advanceTo is monotonic: the clock only moves forward, whatever order the dates come in', async () => {
    const input = {
      caseId: 'c',
      personId: 'p',
      orgId: 'branch-1',
      birthDate: '2000-01-01',
      appliedOn: '2026-06-01',
      actor: { id: 'u', roles: ['branch-secretary'], orgId: 'branch-1' },
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          safeDate.filter((date) => date >= '2026-06-01'),
          { maxLength: 6 },
        ),
        async (dates) => {
          const s = await createScenario({
            process: memberDevelopmentProcess,
            profile: national,
            input,
            startOn: '2026-06-01',
          });
          let last: LocalDate = s.today;
          for (const date of dates) {
            const moved = await s.advanceTo(date).then(
              (today) => today,
              () => null,
            );
            if (date >= last) expect(moved).toBe(date);
            else expect(moved).toBeNull();
            last = s.today;
            expect(s.today >= date || moved === null).toBe(true);
          }
          s.stop();
        },
      ),
      { numRuns: 30 },
    );
  });
});

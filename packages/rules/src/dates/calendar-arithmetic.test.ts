import { describe, expect, it } from 'vitest';
import { addMonths, addYears, ageOn, endOfMonth, previousDay } from './calendar-arithmetic.js';

describe('addMonths (catalogue §13.1 "N个月内")', () => {
  it('keeps the day of month when it exists', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
  });

  it('crosses year ends both ways', () => {
    expect(addMonths('2025-12-10', 1)).toBe('2026-01-10');
    expect(addMonths('2026-01-10', -1)).toBe('2025-12-10');
    expect(addMonths('2025-03-10', 6)).toBe('2025-09-10');
  });
});

describe('addYears with 29 February (EC-24)', () => {
  it('a probation from 2024-02-29 ends on 2025-02-28 under feb28', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 1, 'feb28')).toBe('2025-02-28');
  });

  it('and on 2025-03-01 under mar1', () => {
    expect(addYears('2024-02-29', 1, 'mar1')).toBe('2025-03-01');
  });

  it('lands on 29 February again in a leap year under either policy', () => {
    expect(addYears('2024-02-29', 4, 'feb28')).toBe('2028-02-29');
    expect(addYears('2024-02-29', 4, 'mar1')).toBe('2028-02-29');
  });

  it('EC-04: one year from 2025-03-10 is 2026-03-10', () => {
    expect(addYears('2025-03-10', 1)).toBe('2026-03-10');
  });
});

describe('ageOn', () => {
  it('EC-01: turns 18 on the birthday, not the day before', () => {
    expect(ageOn('2008-05-11', '2026-05-10')).toBe(17);
    expect(ageOn('2008-05-11', '2026-05-11')).toBe(18);
    expect(ageOn('2008-05-11', '2026-05-12')).toBe(18);
  });

  it('EC-02: born 2008-02-29 is 18 on 2026-02-28 under feb28', () => {
    expect(ageOn('2008-02-29', '2026-02-27', 'feb28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28', 'feb28')).toBe(18);
    expect(ageOn('2008-02-29', '2026-03-01', 'feb28')).toBe(18);
  });

  it('EC-02: born 2008-02-29 is 18 only on 2026-03-01 under mar1', () => {
    expect(ageOn('2008-02-29', '2026-02-28', 'mar1')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01', 'mar1')).toBe(18);
  });

  it('is 0 before the first birthday and never negative', () => {
    expect(ageOn('2026-01-01', '2026-12-31')).toBe(0);
    expect(ageOn('2026-01-01', '2025-01-01')).toBe(0);
  });
});

describe('endOfMonth and previousDay', () => {
  it('finds month ends, leap years included', () => {
    expect(endOfMonth('2024-02-03')).toBe('2024-02-29');
    expect(endOfMonth('2025-02-03')).toBe('2025-02-28');
    expect(endOfMonth('2026-04-30')).toBe('2026-04-30');
  });

  it('steps back over a year end', () => {
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
  });
});

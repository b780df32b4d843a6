import { describe, expect, it } from 'vitest';
import { months, workingDays } from '../dates/duration.js';
import { DangwuError } from '../errors/dangwu-error.js';
import { documentRules } from './document.js';
import { national } from './national.js';
import { versionById, versionOn } from './version-on.js';

describe('versionOn (EC-43)', () => {
  it('EC-43 2026-05-10 is still under NAT-2020, 2026-05-11 starts NAT-2026', () => {
    expect(versionOn(national, '2026-05-10').id).toBe('NAT-2020');
    expect(versionOn(national, '2026-05-11').id).toBe('NAT-2026');
  });

  it('EC-43 a date before 2014-05-28 has no national version and throws UNKNOWN_VERSION', () => {
    expect(() => versionOn(national, '2014-05-27')).toThrow(DangwuError);
    try {
      versionOn(national, '2014-05-27');
      expect.unreachable('versionOn should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(DangwuError);
      if (!(error instanceof DangwuError)) return;
      expect(error.code).toBe('UNKNOWN_VERSION');
      expect(error.text.zh).toContain('2014-05-27');
      expect(error.text.en).toContain('2014-05-28');
    }
  });

  it('EC-43 2014-05-28 is the first day of NAT-2014', () => {
    expect(versionOn(national, '2014-05-28').id).toBe('NAT-2014');
    expect(versionOn(national, '2018-10-27').id).toBe('NAT-2014');
  });

  it('EC-43 2018-10-28 starts NAT-2018 (支部工作条例) and 2020-07-13 starts NAT-2020', () => {
    expect(versionOn(national, '2018-10-28').id).toBe('NAT-2018');
    expect(versionOn(national, '2020-07-12').id).toBe('NAT-2018');
    expect(versionOn(national, '2020-07-13').id).toBe('NAT-2020');
  });

  it('EC-43 the national versions are sorted by effectiveFrom', () => {
    const dates = national.versions.map((version) => version.effectiveFrom);
    expect(dates).toEqual([...dates].sort());
    expect(national.versions.map((version) => version.id)).toEqual(['NAT-2014', 'NAT-2018', 'NAT-2020', 'NAT-2026']);
  });

  it('EC-43 the document profile has one version, DOC, on any date from 2000 on', () => {
    for (const date of ['2000-01-01', '2014-05-27', '2018-10-28', '2026-05-10', '2026-05-11', '2099-12-31'] as const) {
      expect(versionOn(documentRules, date).id).toBe('DOC');
    }
  });

  it('EC-43 versionById finds a version and throws UNKNOWN_VERSION for an unknown id', () => {
    expect(versionById(national, 'NAT-2018').effectiveFrom).toBe('2018-10-28');
    expect(() => versionById(national, 'NAT-2000')).toThrow(expect.objectContaining({ code: 'UNKNOWN_VERSION' }));
  });
});

describe('NAT-2026 vs NAT-2014 values (catalogue §0.1 item 2)', () => {
  const nat2026 = versionOn(national, '2026-05-11').values.development;
  const nat2014 = versionOn(national, '2014-05-28').values.development;
  const nat2020 = versionOn(national, '2026-05-10').values.development;

  it('DEV-TARGET-NOTICE-DAYS 2026: a notice of 5 working days before the 发展对象; 2014: no notice', () => {
    expect(nat2026.targetNotice).toEqual(workingDays(5));
    expect(nat2014.targetNotice).toBeNull();
    expect(nat2020.targetNotice).toBeNull();
  });

  it("DEV-TARGET-DECISION 2026: the higher committee's consent; 2014: filing only", () => {
    expect(nat2026.targetDecision).toBe('consent');
    expect(nat2014.targetDecision).toBe('filing');
    expect(nat2020.targetDecision).toBe('filing');
  });

  it('DEV-OATH 2026: within 1 month of approval; 2014: required with no time limit', () => {
    expect(nat2026.oath).toEqual({ required: true, within: months(1) });
    expect(nat2014.oath).toEqual({ required: true, within: null });
  });

  it('DEV-PREREVIEW-TO-VOTE 2026: the branch vote within 1 month of the pre-review; 2014: no limit', () => {
    expect(nat2026.prereviewToVoteWithin).toEqual(months(1));
    expect(nat2014.prereviewToVoteWithin).toBeNull();
  });

  it('PROB-DISCUSS-TIMING 2026: a transferred member’s conversion may be postponed 6 months; 2014: no', () => {
    expect(versionOn(national, '2026-05-11').values.probation.transferPostponeMax).toEqual(months(6));
    expect(versionOn(national, '2014-05-28').values.probation.transferPostponeMax).toBeNull();
  });

  it('DEV-VOTE-METHOD the 2014 text already required a secret ballot', () => {
    expect(nat2014.vote.methods).toEqual(['secret-ballot']);
    expect(nat2026.vote.methods).toEqual(['secret-ballot']);
  });
});

import { describe, expect, it } from 'vitest';
import { months, years } from '../dates/duration.js';
import { describeRule } from './describe-rule.js';
import { documentRules } from './document.js';
import { national } from './national.js';
import { isRuleId, type RuleId, ruleCatalogue } from './rule-catalogue.js';
import type { RuleProfile } from './rule-profile.js';
import { ruleValuesSchema } from './schema/rule-values.js';
import { versionOn } from './version-on.js';

const profiles: readonly RuleProfile[] = [national, documentRules];
const ruleIds = Object.keys(ruleCatalogue) as RuleId[];
const documentVersion = versionOn(documentRules, '2026-06-01');
const doc = (id: RuleId) => describeRule(documentRules, id, '2026-06-01');

describe('built-in profiles are complete and valid', () => {
  for (const profile of profiles) {
    for (const version of profile.versions) {
      it(`EC-43 ${profile.id} ${version.id} parses with ruleValuesSchema unchanged`, () => {
        const parsed = ruleValuesSchema.safeParse(version.values);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
        expect(parsed.data).toEqual(version.values);
      });

      it(`EC-43 every rule id cited by ${profile.id} ${version.id} is in the rule catalogue`, () => {
        const unknown = Object.keys(version.sources).filter((id) => !isRuleId(id));
        expect(unknown).toEqual([]);
        for (const source of Object.values(version.sources)) {
          expect(source?.citation.trim()).not.toBe('');
        }
      });

      it(`EC-43 every catalogue rule with a path has a defined value in ${profile.id} ${version.id}`, () => {
        const missing = ruleIds.filter((id) => {
          if (ruleCatalogue[id].path === null) return false;
          const description = describeRule(profile, id, version.effectiveFrom);
          expect(description.versionId).toBe(version.id);
          return description.value === undefined;
        });
        expect(missing).toEqual([]);
      });
    }
  }

  it('DEV-POLITICAL-REVIEW describeRule returns no value for rules without a path', () => {
    const description = describeRule(national, 'DEV-POLITICAL-REVIEW', '2026-06-01');
    expect(ruleCatalogue['DEV-POLITICAL-REVIEW'].path).toBeNull();
    expect(description.value).toBeUndefined();
    expect(description.citation).toContain('第十六条');
  });

  it('DEV-APPLICANT-MIN-AGE and every other catalogue entry has text in both languages', () => {
    for (const id of ruleIds) {
      expect(ruleCatalogue[id].text.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(ruleCatalogue[id].text.en.trim()).not.toBe('');
    }
  });
});

describe('document profile: inherited values (§13.2)', () => {
  it.each(['DEV-APPLICANT-MIN-AGE', 'PROB-LENGTH', 'DEV-VOTE-QUORUM'] as const)(
    '§13.2 %s is inherited from the national rules and marked so',
    (id) => {
      const description = doc(id);
      expect(description.origin).toBe('inherited');
      expect(description.citation).toContain('沿用全国规定');
      const nationalValue = describeRule(national, id, '2014-05-28').value;
      expect(description.value).toEqual(nationalValue);
    },
  );

  it('§13.2 EC-01 the inherited minimum age is 18 and the probation 1 year', () => {
    expect(doc('DEV-APPLICANT-MIN-AGE').value).toBe(18);
    expect(doc('PROB-LENGTH').value).toEqual(years(1));
    expect(doc('DEV-VOTE-QUORUM').value).toEqual({ numerator: 1, denominator: 2, comparison: 'moreThan' });
  });

  it('EC-03 DEV-APPLY-TO-ACTIVIST-MIN is the document’s own 1 year; national has no minimum', () => {
    const description = doc('DEV-APPLY-TO-ACTIVIST-MIN');
    expect(description.origin).toBe('document');
    expect(description.value).toEqual(years(1));
    expect(description.citation).toContain('2(2)');
    for (const version of national.versions) {
      expect(version.values.development.applyToActivistMin).toBeNull();
    }
  });
});

describe('document profile: pinned contradictions (EC-41)', () => {
  it('EC-41 MTG-MEMBERS-MEETING-FREQ pins 2 per quarter and records the rejected monthly value with a bilingual reason', () => {
    expect(documentVersion.values.meetings.membersMeeting).toEqual({ per: 'quarter', atLeast: 2 });
    const source = documentVersion.sources['MTG-MEMBERS-MEETING-FREQ'];
    expect(source?.origin).toBe('document');
    expect(source?.citation).toContain('一季度两次');
    expect(source?.rejected?.value).toContain('每月');
    const reason = source?.rejected?.reason;
    expect(reason?.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(reason?.en.trim()).not.toBe('');
    expect(reason?.zh).not.toBe(reason?.en);
  });

  it('EC-41 the 党课 and 民主生活会 contradictions are also pinned with a rejected alternative', () => {
    expect(documentVersion.values.meetings.lecture).toEqual({ per: 'quarter', atLeast: 1 });
    expect(documentVersion.sources['MTG-LECTURE-FREQ']?.rejected?.value).toContain('每月');
    expect(documentVersion.values.lifeMeeting.frequency).toEqual({ per: 'half-year', atLeast: 1 });
    expect(documentVersion.sources['OLM-FREQ']?.rejected?.value).toContain('至少一次');
  });
});

describe('document vs national data (EC-09, EC-17, EC-42)', () => {
  it('EC-09 DEV-TRAINING-MIN document: 5 days or 40 hours, typical maximum 7, not waivable', () => {
    expect(documentVersion.values.development.training).toEqual({
      minDays: 5,
      minHours: 40,
      typicalMaxDays: 7,
      waivable: false,
    });
  });

  it('EC-09 DEV-TRAINING-MIN national: 3 days or 24 hours, waivable in every version', () => {
    for (const version of national.versions) {
      expect(version.values.development.training).toEqual({
        minDays: 3,
        minHours: 24,
        typicalMaxDays: null,
        waivable: true,
      });
    }
  });

  it('EC-17 DEV-VOTE-METHOD document allows a show of hands; national only a secret ballot', () => {
    expect(documentVersion.values.development.vote.methods).toContain('show-of-hands');
    expect(versionOn(national, '2026-06-01').values.development.vote.methods).toEqual(['secret-ballot']);
  });

  it("EC-42 the document has no 党小组, so the branch committee gives the conversion opinion (probation.groupOpinionBy 'branch-committee')", () => {
    expect(documentVersion.values.probation.groupOpinionBy).toBe('branch-committee');
    expect(documentVersion.values.meetings.groupMeeting).toBeNull();
    for (const version of national.versions) {
      expect(version.values.probation.groupOpinionBy).toBe('party-group');
    }
  });

  it('DEV-POSTVOTE-NOTICE the document posts a 3-day notice after the branch vote; national does not', () => {
    expect(documentVersion.values.development.postVoteNotice).toEqual({ amount: 3, unit: 'days' });
    expect(versionOn(national, '2026-06-01').values.development.postVoteNotice).toBeNull();
  });

  it('DEV-OATH the document has no oath; NAT-2026 requires one within 1 month', () => {
    expect(documentVersion.values.development.oath).toEqual({ required: false, within: null });
    expect(versionOn(national, '2026-06-01').values.development.oath).toEqual({ required: true, within: months(1) });
  });
});

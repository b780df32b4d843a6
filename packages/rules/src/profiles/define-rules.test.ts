import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarDuration, type DurationUnit, months, workingDays, years } from '../dates/duration.js';
import { type Issue, RuleValidationError } from '../errors/dangwu-error.js';
import { defineRules, type LocalRulesDefinition, type RuleOverrides } from './define-rules.js';
import { documentRules } from './document.js';
import { national } from './national.js';
import type { RuleProfile } from './rule-profile.js';
import { ruleValuesSchema } from './schema/rule-values.js';

const CITATION = 'X县委组织部〔2026〕3号';

const county = defineRules(national, {
  id: 'county-x',
  citation: CITATION,
  values: { development: { targetNotice: workingDays(7), activistMinTraining: years(2) } },
});

/** The issues of a definition that must be rejected. */
function rejection(base: RuleProfile, definition: LocalRulesDefinition): readonly Issue[] {
  try {
    defineRules(base, definition);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleValidationError);
    if (error instanceof RuleValidationError) {
      expect(error.code).toBe('INVALID_RULES');
      return error.issues;
    }
  }
  throw new Error('expected defineRules to throw a RuleValidationError');
}

function expectBilingual(issues: readonly Issue[]): void {
  for (const issue of issues) {
    expect(issue.message.zh.trim()).not.toBe('');
    expect(issue.message.en.trim()).not.toBe('');
    expect(issue.message.zh).not.toBe(issue.message.en);
  }
}

describe('defineRules: a county profile', () => {
  it('DEV-TARGET-NOTICE-DAYS DEV-ACTIVIST-MIN-TRAINING the override changes both values in every version', () => {
    expect(county.versions.map((version) => version.id)).toEqual(national.versions.map((version) => version.id));
    for (const version of county.versions) {
      expect(version.values.development.targetNotice).toEqual(workingDays(7));
      expect(version.values.development.activistMinTraining).toEqual(years(2));
    }
  });

  it('DEV-TRAINING-MIN DEV-VOTE-PASS every other value is kept from the base version', () => {
    county.versions.forEach((version, index) => {
      const base = national.versions[index];
      expect(base).toBeDefined();
      if (!base) return;
      expect(version.effectiveFrom).toBe(base.effectiveFrom);
      const { targetNotice: _notice, activistMinTraining: _training, ...otherDevelopment } = version.values.development;
      const {
        targetNotice: _baseNotice,
        activistMinTraining: _baseTraining,
        ...baseOtherDevelopment
      } = base.values.development;
      expect(otherDevelopment).toEqual(baseOtherDevelopment);
      expect({ ...version.values, development: null }).toEqual({ ...base.values, development: null });
    });
  });

  it('DEV-TARGET-NOTICE-DAYS the changed rules cite the local document with origin override; the others keep theirs', () => {
    for (const [index, version] of county.versions.entries()) {
      expect(version.sources['DEV-TARGET-NOTICE-DAYS']).toEqual({ citation: CITATION, origin: 'override' });
      expect(version.sources['DEV-ACTIVIST-MIN-TRAINING']).toEqual({ citation: CITATION, origin: 'override' });
      const base = national.versions[index];
      expect(version.sources['DEV-VOTE-PASS']).toEqual(base?.sources['DEV-VOTE-PASS']);
      const overridden = Object.entries(version.sources)
        .filter(([, source]) => source?.origin === 'override')
        .map(([id]) => id)
        .sort();
      expect(overridden).toEqual(['DEV-ACTIVIST-MIN-TRAINING', 'DEV-TARGET-NOTICE-DAYS']);
    }
  });

  it('DEV-TARGET-NOTICE-DAYS the profile records its id, its base and a default bilingual name', () => {
    expect(county.id).toBe('county-x');
    expect(county.basedOn).toBe('national');
    expect(county.name.zh).toContain('county-x');
    expect(county.name.en).toContain('county-x');
    expect(county.calendarYears).toEqual([]);
  });

  it('EC-43 a version-specific override only touches that version [DEV-OATH]', () => {
    const local = defineRules(national, {
      id: 'county-y',
      citation: CITATION,
      versions: { 'NAT-2026': { development: { oath: { within: months(2) } } } },
    });
    for (const [index, version] of local.versions.entries()) {
      const base = national.versions[index];
      if (version.id === 'NAT-2026') {
        expect(version.values.development.oath).toEqual({ required: true, within: months(2) });
        expect(version.sources['DEV-OATH']).toEqual({ citation: CITATION, origin: 'override' });
      } else {
        expect(version.values).toEqual(base?.values);
        expect(version.sources).toEqual(base?.sources);
      }
    }
  });

  it('EC-43 a version-specific override is applied after the values for every version', () => {
    const local = defineRules(national, {
      id: 'county-z',
      citation: CITATION,
      values: { development: { targetNotice: workingDays(7) } },
      versions: { 'NAT-2014': { development: { targetNotice: null } } },
    });
    expect(local.versions.map((version) => version.values.development.targetNotice)).toEqual([
      null,
      workingDays(7),
      workingDays(7),
      workingDays(7),
    ]);
  });

  it('§13.2 a profile can be derived from the document profile too [DEV-APPLY-TO-ACTIVIST-MIN]', () => {
    const local = defineRules(documentRules, {
      id: 'unit-a',
      citation: CITATION,
      values: { development: { applyToActivistMin: months(6) } },
    });
    expect(local.basedOn).toBe('document');
    expect(local.versions[0]?.values.development.applyToActivistMin).toEqual(months(6));
    expect(local.versions[0]?.sources['DEV-APPLY-TO-ACTIVIST-MIN']?.origin).toBe('override');
  });

  it('DEV-TARGET-NOTICE-DAYS DEV-TRAINING-MIN the base profile is not mutated', () => {
    const before = structuredClone(national);
    const documentBefore = structuredClone(documentRules);
    defineRules(national, {
      id: 'county-x',
      citation: CITATION,
      values: {
        development: { targetNotice: workingDays(7), activistMinTraining: years(2), training: { minDays: 4 } },
      },
      versions: { 'NAT-2026': { dues: { rounding: 'down' } } },
    });
    defineRules(documentRules, { id: 'unit-b', citation: CITATION, values: { meetings: { themeDay: null } } });
    expect(national).toEqual(before);
    expect(documentRules).toEqual(documentBefore);
  });
});

describe('defineRules: rejected overrides (RuleValidationError)', () => {
  it('DEV-TARGET-NOTICE-DAYS an unknown key names its own path (development.notARule)', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      // @ts-expect-error -- notARule is not a rule; the type rejects it and so must the runtime check.
      values: { development: { notARule: 1 } },
    });
    expect(issues).toHaveLength(1);
    expectBilingual(issues);
    expect(issues[0]?.message.en).toContain('notARule');
    expect(issues[0]?.path).toBe('values.development.notARule');
  });

  it('DEV-TARGET-NOTICE-DAYS a negative duration is rejected at its amount', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      values: { development: { targetNotice: workingDays(-1) } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['values.development.targetNotice.amount']);
    expect(issues[0]?.message).toEqual({ zh: '时长不能为负', en: 'a duration cannot be negative' });
  });

  it('DEV-CONTACT-COUNT a minimum above the maximum is rejected', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      values: { development: { contactCount: { min: 3, max: 2 } } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['values.development.contactCount.min']);
    expectBilingual(issues);
  });

  it('DEV-VOTE-PASS a pass threshold of 1/3 (below one half) is rejected', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      values: { development: { vote: { pass: { numerator: 1, denominator: 3, comparison: 'moreThan' } } } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['values.development.vote.pass']);
    expect(issues[0]?.message.zh).toContain('半数');
    expect(issues[0]?.message.en).toContain('one half');
  });

  it('EC-43 an unknown version id is rejected', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      versions: { 'NAT-1999': { development: { introducerCount: 2 } } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['versions.NAT-1999']);
    expect(issues[0]?.message.en).toContain('NAT-1999');
    expectBilingual(issues);
  });

  it('DEV-VOTE-PASS DEV-CONTACT-COUNT all problems of one definition are listed together, each once', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      values: {
        development: {
          // @ts-expect-error -- unknown key, rejected at run time too.
          notARule: 1,
          targetNotice: workingDays(-1),
          contactCount: { min: 3, max: 2 },
          vote: { pass: { numerator: 1, denominator: 3, comparison: 'moreThan' } },
        },
      },
      versions: { 'NAT-1999': { development: { introducerCount: 2 } } },
    });
    const paths = issues.map((issue) => issue.path);
    expect([...paths].sort()).toEqual(
      [
        'values.development.notARule',
        'values.development.targetNotice.amount',
        'values.development.contactCount.min',
        'values.development.vote.pass',
        'versions.NAT-1999',
      ].sort(),
    );
    expect(new Set(paths).size).toBe(paths.length);
    expectBilingual(issues);
    const error = new RuleValidationError(issues);
    expect(error.message).toContain('versions.NAT-1999');
  });

  it('EC-43 a bad shared value is reported under values even when a version also has its own patch', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      values: { development: { targetNotice: workingDays(-1) } },
      versions: { 'NAT-2026': { development: { introducerCount: 2 } } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['values.development.targetNotice.amount']);
  });

  it('EC-43 a bad version patch is reported under versions.<id>', () => {
    const issues = rejection(national, {
      id: 'county-x',
      citation: CITATION,
      versions: { 'NAT-2026': { development: { introducerCount: 0 } } },
    });
    expect(issues.map((issue) => issue.path)).toEqual(['versions.NAT-2026.development.introducerCount']);
    expectBilingual(issues);
  });

  it('DEV-TARGET-NOTICE-DAYS a definition with an empty profile id is rejected', () => {
    const issues = rejection(national, { id: ' ', citation: CITATION });
    expect(issues.map((issue) => issue.path)).toEqual(['id']);
    expectBilingual(issues);
  });
});

/** Duration rules whose value may be any non-negative duration without breaking another rule. */
const freeDurationPaths = [
  ['development', 'applyTalkWithin'],
  ['development', 'applyToActivistMin'],
  ['development', 'activistReportEvery'],
  ['development', 'activistAssessEvery'],
  ['development', 'activistMinTraining'],
  ['development', 'targetNotice'],
  ['development', 'leavingSoonWithin'],
  ['development', 'prereviewToVoteWithin'],
  ['development', 'postVoteNotice'],
  ['probation', 'length'],
  ['probation', 'reportEvery'],
  ['probation', 'approvalWithin'],
  ['probation', 'transferPostponeMax'],
  ['probation', 'conversionNotice'],
  ['lifeMeeting', 'preNoticeUpper'],
  ['lifeMeeting', 'rectifyWithin'],
  ['lifeMeeting', 'reportUpperWithin'],
  ['relationship', 'letterValidity'],
  ['relationship', 'temporaryNoTransferUpTo'],
  ['relationship', 'formalTransferAfter'],
  ['relationship', 'receivingActWithin'],
  ['withdrawal', 'consecutiveAbsence'],
  ['withdrawal', 'warningCardCorrection'],
  ['dues', 'backPaymentMax'],
  ['elections', 'term'],
  ['elections', 'termShiftMax'],
  ['other', 'secretaryTrainingEvery'],
] as const;

type DurationPath = (typeof freeDurationPaths)[number];

const unit = fc.constantFrom<DurationUnit>('years', 'months', 'days', 'workingDays');

/** Builds `{ section: { field: duration, … }, … }` from chosen paths. */
function overridesFrom(entries: readonly (readonly [DurationPath, CalendarDuration])[]): RuleOverrides {
  const sections: Record<string, Record<string, CalendarDuration>> = {};
  for (const [[section, field], duration] of entries) {
    const fields = sections[section] ?? {};
    fields[field] = duration;
    sections[section] = fields;
  }
  return sections as RuleOverrides;
}

describe('defineRules properties', () => {
  it('DEV-ACTIVIST-MIN-TRAINING PROB-LENGTH REL-LETTER-VALIDITY any subset of valid duration overrides yields a profile whose every version parses', () => {
    const entry = fc.tuple(
      fc.constantFrom(...freeDurationPaths),
      fc.record({ amount: fc.integer({ min: 0, max: 1000 }), unit }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { minLength: 1, maxLength: freeDurationPaths.length, selector: ([path]) => path }),
        fc.constantFrom(national, documentRules),
        (entries, base) => {
          const local = defineRules(base, { id: 'county-p', citation: CITATION, values: overridesFrom(entries) });
          for (const version of local.versions) {
            expect(ruleValuesSchema.safeParse(version.values).success).toBe(true);
            for (const [[section, field], duration] of entries) {
              const sectionValues: Record<string, unknown> = version.values[section];
              expect(sectionValues[field]).toEqual(duration);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('DEV-TARGET-NOTICE-DAYS PROB-LENGTH a negative amount on any duration rule is always rejected at that path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...freeDurationPaths),
        fc.integer({ min: -1_000_000, max: -1 }),
        unit,
        (path, amount, durationUnit) => {
          const issues = rejection(national, {
            id: 'county-n',
            citation: CITATION,
            values: overridesFrom([[path, { amount, unit: durationUnit }]]),
          });
          expect(issues.map((issue) => issue.path)).toContain(`values.${path[0]}.${path[1]}.amount`);
          expectBilingual(issues);
        },
      ),
      { numRuns: 60 },
    );
  });
});

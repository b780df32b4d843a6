// The code samples of docs/guides/rules.md live here, between `// #region name` and
// `// #endregion name`, so every sample in the guide runs and asserts its result. The last test checks
// that the guide shows exactly these regions.
import {
  calendarFor,
  countWorkingDays,
  defineRules,
  describeRule,
  documentRules,
  evaluateVote,
  isWorkingDay,
  meetsRatio,
  minimumCount,
  monthlyDues,
  national,
  periodElapsedOn,
  RuleValidationError,
  versionOn,
  voteCountSchema,
  workingDays,
  years,
} from '@dangwu/rules';
import { describe, expect, it } from 'vitest';

describe('docs/guides/rules.md samples', () => {
  it('EC-43 pick the version in force on the date of the step', () => {
    // #region version-on
    const before = versionOn(national, '2026-05-10');
    const after = versionOn(national, '2026-05-11');
    expect(before.id).toBe('NAT-2020');
    expect(after.id).toBe('NAT-2026');
    expect(before.values.development.targetNotice).toBeNull();
    expect(after.values.development.targetNotice).toEqual(workingDays(5));
    expect(() => versionOn(national, '2014-05-27')).toThrow(expect.objectContaining({ code: 'UNKNOWN_VERSION' }));
    // #endregion version-on
  });

  it('§13.2 EC-41 the document profile: inherited values and pinned contradictions', () => {
    // #region document-profile
    const age = describeRule(documentRules, 'DEV-APPLICANT-MIN-AGE', '2026-06-01');
    expect(age.value).toBe(18);
    expect(age.origin).toBe('inherited');

    const meetings = describeRule(documentRules, 'MTG-MEMBERS-MEETING-FREQ', '2026-06-01');
    expect(meetings.value).toEqual({ per: 'quarter', atLeast: 2 });
    expect(meetings.origin).toBe('document');

    const source = versionOn(documentRules, '2026-06-01').sources['MTG-MEMBERS-MEETING-FREQ'];
    expect(source?.rejected?.value).toContain('每月一次');
    expect(source?.rejected?.reason.en).toContain('two per quarter');
    // #endregion document-profile
  });

  it('DEV-TARGET-NOTICE-DAYS DEV-ACTIVIST-MIN-TRAINING a county override', () => {
    // #region define-rules
    const county = defineRules(national, {
      id: 'county-x',
      citation: 'X县委组织部〔2026〕3号',
      values: { development: { targetNotice: workingDays(7), activistMinTraining: years(2) } },
    });
    expect(county.basedOn).toBe('national');
    const rule = describeRule(county, 'DEV-TARGET-NOTICE-DAYS', '2026-06-01');
    expect(rule.value).toEqual(workingDays(7));
    expect(rule.origin).toBe('override');
    expect(rule.citation).toBe('X县委组织部〔2026〕3号');
    // Rules the county did not touch keep the national value and citation.
    expect(describeRule(county, 'DEV-VOTE-PASS', '2026-06-01').origin).toBe('national');
    // #endregion define-rules
  });

  it('DEV-CONTACT-COUNT DEV-VOTE-PASS a bad override is refused with every issue', () => {
    // #region define-rules-error
    let refused: unknown;
    try {
      defineRules(national, {
        id: 'county-x',
        citation: 'X县委组织部〔2026〕3号',
        values: {
          development: {
            contactCount: { min: 3, max: 2 },
            vote: { pass: { numerator: 1, denominator: 3, comparison: 'moreThan' } },
          },
        },
      });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RuleValidationError);
    if (refused instanceof RuleValidationError) {
      expect(refused.code).toBe('INVALID_RULES');
      expect(refused.issues.map((issue) => issue.path)).toEqual([
        'values.development.contactCount.min',
        'values.development.vote.pass',
      ]);
      expect(refused.issues[1]?.message).toEqual({
        zh: '通过门槛不能低于半数',
        en: 'a pass threshold cannot be below one half',
      });
    }
    // #endregion define-rules-error
  });

  it('EC-22 EC-23 working days across 劳动节 2026', () => {
    // #region working-days
    const calendar = calendarFor([]);
    // 05-01..05-05 are days off; Saturday 05-09 is a 调休 working day.
    expect(isWorkingDay(calendar, '2026-05-04')).toBe(false);
    expect(isWorkingDay(calendar, '2026-05-09')).toBe(true);

    // Posted on 04-30; the posting day does not count. Working days: 05-06, 07, 08, 09, 11.
    const notice = periodElapsedOn('2026-04-30', workingDays(5), { calendar });
    expect(notice).toEqual({ date: '2026-05-12', provisional: false });
    expect(countWorkingDays(calendar, '2026-04-30', '2026-05-11').count).toBe(5);

    // 2030 has no published State Council notice yet: the answer is provisional (EC-23).
    expect(periodElapsedOn('2030-06-03', workingDays(5), { calendar }).provisional).toBe(true);
    // #endregion working-days
  });

  it('EC-12 EC-13 EC-14 vote arithmetic in integers', () => {
    // #region vote
    const rules = versionOn(national, '2026-06-01').values.development.vote;
    const count = voteCountSchema.parse({ due: 16, present: 10, for: 8, against: 2, abstain: 0 });
    const outcome = evaluateVote(count, 'secret-ballot', 1, rules);
    expect(outcome.invalid).toEqual([]); // 10 of 16 present: the meeting may vote
    expect(outcome.passed).toBe(false); // 8 is not more than half of the 16 due (EC-14)
    expect(outcome.needed).toBe(9);
    expect(outcome.summary.zh).toBe('赞成 8 票，未超过1/2应到会人数 16（需要 9 票），未通过');

    const fourFifths = { numerator: 4, denominator: 5, comparison: 'moreThan' } as const;
    expect(meetsRatio(8, 10, fourFifths)).toBe(false); // EC-36: 8 × 5 > 10 × 4 is false
    expect(minimumCount(10, fourFifths)).toBe(9);
    // #endregion vote
  });

  it('EC-32 dues in integer fen', () => {
    // #region dues
    const dues = versionOn(national, '2026-06-01').values.dues;
    expect(monthlyDues(300_000, 'employed', dues)).toEqual({
      fen: 1500,
      rateBasisPoints: 50,
      ruleId: 'DUES-RATE-EMPLOYED',
    });
    expect(monthlyDues(300_001, 'employed', dues).fen).toBe(3000); // 1% of the whole 3000.01 元
    expect(monthlyDues(300, 'employed', dues).fen).toBe(2); // 1.5 fen, rounded half-up
    expect(monthlyDues(300, 'employed', { ...dues, rounding: 'down' }).fen).toBe(1);
    // #endregion dues
  });
});

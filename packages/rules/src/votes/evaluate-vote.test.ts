import { describe, expect, it } from 'vitest';
import { documentRules } from '../profiles/document.js';
import { national } from '../profiles/national.js';
import { versionOn } from '../profiles/version-on.js';
import { admissionVoteRuleIds, evaluateVote, type VoteRuleIds } from './evaluate-vote.js';
import type { VoteCount } from './vote-count.js';
import type { VoteRules } from './vote-rules.js';

/** The admission vote rules of the national profile as they stand after the 2026 revision. */
const nationalVote: VoteRules = versionOn(national, '2026-06-01').values.development.vote;
/** The admission vote rules of the source document (举手或无记名). */
const documentVote: VoteRules = versionOn(documentRules, '2026-06-01').values.development.vote;

function vote(partial: Partial<VoteCount> & Pick<VoteCount, 'due' | 'present'>): VoteCount {
  return { for: 0, against: 0, abstain: 0, writtenFor: 0, writtenAgainst: 0, ...partial };
}

describe('evaluateVote: quorum (DEV-VOTE-QUORUM)', () => {
  it('EC-12 attendance of exactly half (8 of 16) cannot vote [DEV-VOTE-QUORUM]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 8, for: 8 }), 'secret-ballot', 1, nationalVote);
    expect(outcome.invalid).toHaveLength(1);
    expect(outcome.invalid[0]?.ruleId).toBe('DEV-VOTE-QUORUM');
    expect(outcome.invalid[0]?.message.en).toContain('at least 9 needed');
    expect(outcome.invalid[0]?.message.zh).toContain('至少 9 人');
    expect(outcome.passed).toBe(false);
  });

  it('EC-12 attendance of 9 of 16 is a quorum [DEV-VOTE-QUORUM]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 9, for: 9 }), 'secret-ballot', 1, nationalVote);
    expect(outcome.invalid).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('EC-12 written opinions never count toward attendance: 8 present + 3 written of 16 is still no quorum [DEV-VOTE-QUORUM]', () => {
    const outcome = evaluateVote(
      vote({ due: 16, present: 8, for: 8, writtenFor: 3 }),
      'secret-ballot',
      1,
      nationalVote,
    );
    expect(outcome.invalid.map((finding) => finding.ruleId)).toEqual(['DEV-VOTE-QUORUM']);
    expect(outcome.passed).toBe(false);
  });

  it('EC-12 a vote without quorum is not passed even with a majority of those due in favour [DEV-VOTE-QUORUM]', () => {
    // 11 in favour would pass on count (11 > 16/2), but the meeting could not vote at all.
    const outcome = evaluateVote(
      vote({ due: 16, present: 8, for: 8, writtenFor: 3 }),
      'secret-ballot',
      1,
      nationalVote,
    );
    expect(outcome.inFavour).toBe(11);
    expect(outcome.passed).toBe(false);
  });

  it('EC-12 the summary of a vote without quorum does not claim that 11 of 16 due is "not more than half" [DEV-VOTE-QUORUM]', () => {
    const outcome = evaluateVote(
      vote({ due: 16, present: 8, for: 8, writtenFor: 3 }),
      'secret-ballot',
      1,
      nationalVote,
    );
    // 11 × 2 > 16: the count itself would pass; the vote failed only because the meeting was invalid,
    // so the summary must not give a false arithmetic reason.
    expect(outcome.inFavour).toBeGreaterThanOrEqual(outcome.needed);
    expect(outcome.summary.en).not.toContain('11 in favour is not more than');
    expect(outcome.summary.zh).not.toContain('赞成 11 票，未超过');
  });
});

describe('evaluateVote: pass rule (DEV-VOTE-PASS)', () => {
  it('EC-13 exactly half in favour (8 of 16 due) is a lawful vote that did not pass; 9 were needed [DEV-VOTE-PASS]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 12, for: 8, against: 4 }), 'secret-ballot', 1, nationalVote);
    expect(outcome.invalid).toEqual([]);
    expect(outcome.passed).toBe(false);
    expect(outcome.inFavour).toBe(8);
    expect(outcome.base).toBe(16);
    expect(outcome.needed).toBe(9);
    expect(outcome.summary.en).toContain('9 needed');
    expect(outcome.summary.en).toContain('not passed');
    expect(outcome.summary.zh).toContain('需要 9 票');
    expect(outcome.summary.zh).toContain('未通过');
  });

  it('EC-13 9 of 16 due in favour passes [DEV-VOTE-PASS]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 12, for: 9, against: 3 }), 'secret-ballot', 1, nationalVote);
    expect(outcome.passed).toBe(true);
    expect(outcome.summary.en).toContain('passed');
    expect(outcome.summary.en).not.toContain('not passed');
  });

  it('EC-14 the pass rule divides by those due, not those present: 16 due, 10 present, 8 for is not passed [DEV-VOTE-PASS]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 10, for: 8, against: 2 }), 'secret-ballot', 1, nationalVote);
    // 8 > 10 / 2, yet the motion fails because the denominator is 16.
    expect(8 * 2 > 10).toBe(true);
    expect(outcome.invalid).toEqual([]);
    expect(outcome.base).toBe(16);
    expect(outcome.needed).toBe(9);
    expect(outcome.passed).toBe(false);
  });

  it('EC-14 only a profile that explicitly divides by those present passes 8 of 10 present [DEV-VOTE-PASS]', () => {
    const presentBase: VoteRules = { ...nationalVote, passBase: 'present' };
    const outcome = evaluateVote(vote({ due: 16, present: 10, for: 8, against: 2 }), 'secret-ballot', 1, presentBase);
    expect(outcome.base).toBe(10);
    expect(outcome.needed).toBe(6);
    expect(outcome.passed).toBe(true);
  });

  it('EC-12 written opinions in favour count toward the pass rule: 7 at the meeting + 2 written of 16 due passes [DEV-VOTE-PASS]', () => {
    const outcome = evaluateVote(
      vote({ due: 16, present: 9, for: 7, against: 2, writtenFor: 2, writtenAgainst: 1 }),
      'secret-ballot',
      1,
      nationalVote,
    );
    expect(outcome.invalid).toEqual([]);
    expect(outcome.inFavour).toBe(9);
    expect(outcome.passed).toBe(true);
  });

  it('EC-12 without writtenOpinionsCount the same 7 + 2 fails [DEV-VOTE-PASS]', () => {
    const rules: VoteRules = { ...nationalVote, writtenOpinionsCount: false };
    const outcome = evaluateVote(
      vote({ due: 16, present: 9, for: 7, against: 2, writtenFor: 2 }),
      'secret-ballot',
      1,
      rules,
    );
    expect(outcome.inFavour).toBe(7);
    expect(outcome.passed).toBe(false);
  });

  it('EC-13 written opinions against do not reduce the votes in favour [DEV-VOTE-PASS]', () => {
    const outcome = evaluateVote(
      vote({ due: 16, present: 10, for: 9, against: 1, writtenAgainst: 6 }),
      'secret-ballot',
      1,
      nationalVote,
    );
    expect(outcome.inFavour).toBe(9);
    expect(outcome.passed).toBe(true);
  });
});

describe('evaluateVote: one by one and method (DEV-VOTE-ONE-BY-ONE, DEV-VOTE-METHOD)', () => {
  it('EC-16 a vote on 2 candidates at once is invalid [DEV-VOTE-ONE-BY-ONE]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 16, for: 16 }), 'secret-ballot', 2, nationalVote);
    expect(outcome.invalid.map((finding) => finding.ruleId)).toEqual(['DEV-VOTE-ONE-BY-ONE']);
    expect(outcome.invalid[0]?.message.en).toContain('2');
    expect(outcome.passed).toBe(false);
  });

  it('EC-16 the document profile also requires one person at a time [DEV-VOTE-ONE-BY-ONE]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 16, for: 16 }), 'show-of-hands', 3, documentVote);
    expect(outcome.invalid.map((finding) => finding.ruleId)).toEqual(['DEV-VOTE-ONE-BY-ONE']);
    expect(outcome.passed).toBe(false);
  });

  it("EC-17 a show of hands is invalid under national's development.vote [DEV-VOTE-METHOD]", () => {
    const outcome = evaluateVote(vote({ due: 16, present: 16, for: 16 }), 'show-of-hands', 1, nationalVote);
    expect(outcome.invalid.map((finding) => finding.ruleId)).toEqual(['DEV-VOTE-METHOD']);
    expect(outcome.invalid[0]?.message.zh).toContain('无记名');
    expect(outcome.invalid[0]?.message.en).toContain('secret ballot');
    expect(outcome.passed).toBe(false);
  });

  it('EC-17 a show of hands is valid under the document profile (举手或无记名) [DEV-VOTE-METHOD]', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 16, for: 16 }), 'show-of-hands', 1, documentVote);
    expect(outcome.invalid).toEqual([]);
    expect(outcome.passed).toBe(true);
  });

  it('EC-17 a show of hands is invalid under every national version, NAT-2014 included [DEV-VOTE-METHOD]', () => {
    for (const version of national.versions) {
      const outcome = evaluateVote(
        vote({ due: 16, present: 16, for: 16 }),
        'show-of-hands',
        1,
        version.values.development.vote,
      );
      expect(outcome.invalid.map((finding) => finding.ruleId)).toEqual(['DEV-VOTE-METHOD']);
    }
  });

  it('EC-12 EC-16 EC-17 every broken rule is reported, each with its own rule id', () => {
    const outcome = evaluateVote(vote({ due: 16, present: 8, for: 8 }), 'show-of-hands', 2, nationalVote);
    expect(outcome.invalid.map((finding) => finding.ruleId).sort()).toEqual([
      'DEV-VOTE-METHOD',
      'DEV-VOTE-ONE-BY-ONE',
      'DEV-VOTE-QUORUM',
    ]);
    for (const finding of outcome.invalid) {
      expect(finding.message.zh).not.toBe('');
      expect(finding.message.en).not.toBe('');
      expect(finding.message.zh).not.toBe(finding.message.en);
    }
  });
});

describe('evaluateVote: conversion votes (PROB-VOTE-RULES)', () => {
  const probationIds: VoteRuleIds = {
    quorum: 'PROB-VOTE-RULES',
    pass: 'PROB-VOTE-RULES',
    method: 'PROB-VOTE-RULES',
    oneByOne: 'PROB-VOTE-RULES',
  };
  const conversionVote = versionOn(national, '2026-06-01').values.probation.vote;

  it('PROB-VOTE-RULES findings carry the rule ids passed in, not the admission ids', () => {
    const outcome = evaluateVote(
      vote({ due: 16, present: 8, for: 8 }),
      'show-of-hands',
      2,
      conversionVote,
      probationIds,
    );
    expect(outcome.invalid).toHaveLength(3);
    expect(outcome.invalid.every((finding) => finding.ruleId === 'PROB-VOTE-RULES')).toBe(true);
  });

  it('PROB-VOTE-RULES EC-13 the conversion vote uses the same pass rule as admission: 8 of 16 due fails', () => {
    const outcome = evaluateVote(
      vote({ due: 16, present: 12, for: 8, against: 4 }),
      'secret-ballot',
      1,
      conversionVote,
      probationIds,
    );
    expect(outcome.invalid).toEqual([]);
    expect(outcome.passed).toBe(false);
    expect(outcome.needed).toBe(9);
  });

  it('DEV-VOTE-QUORUM the default ids are the admission ids', () => {
    expect(admissionVoteRuleIds).toEqual({
      quorum: 'DEV-VOTE-QUORUM',
      pass: 'DEV-VOTE-PASS',
      method: 'DEV-VOTE-METHOD',
      oneByOne: 'DEV-VOTE-ONE-BY-ONE',
    });
  });
});

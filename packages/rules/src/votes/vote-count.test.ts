import { describe, expect, it } from 'vitest';
import type { Issue } from '../errors/dangwu-error.js';
import { issuesFromZod } from '../errors/zod-issues.js';
import { voteCountSchema } from './vote-count.js';

const valid = { due: 16, present: 12, for: 9, against: 2, abstain: 1, writtenFor: 2, writtenAgainst: 1 };

/** The dangwu issues of a payload that must fail. */
function issuesOf(input: unknown): Issue[] {
  const parsed = voteCountSchema.safeParse(input);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
  return issuesFromZod(parsed.error);
}

function expectBilingual(issues: readonly Issue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const issue of issues) {
    expect(issue.message.zh.trim()).not.toBe('');
    expect(issue.message.en.trim()).not.toBe('');
    expect(issue.message.zh).not.toBe(issue.message.en);
    // The Chinese text is Chinese, the English text is not.
    expect(issue.message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(issue.message.en).not.toMatch(/[\u4e00-\u9fff]/);
  }
}

describe('voteCountSchema (EC-12, DEV-VOTE-QUORUM, DEV-VOTE-PASS)', () => {
  it('DEV-VOTE-PASS accepts a consistent count and defaults written opinions to 0', () => {
    expect(voteCountSchema.parse(valid)).toEqual(valid);
    expect(voteCountSchema.parse({ due: 16, present: 9, for: 9, against: 0, abstain: 0 })).toEqual({
      due: 16,
      present: 9,
      for: 9,
      against: 0,
      abstain: 0,
      writtenFor: 0,
      writtenAgainst: 0,
    });
  });

  it('DEV-VOTE-QUORUM accepts the boundaries: everyone present, all votes cast, every absentee writing in', () => {
    expect(
      voteCountSchema.safeParse({
        ...valid,
        present: 16,
        for: 16,
        against: 0,
        abstain: 0,
        writtenFor: 0,
        writtenAgainst: 0,
      }).success,
    ).toBe(true);
    expect(voteCountSchema.safeParse({ ...valid, for: 9, against: 2, abstain: 1 }).success).toBe(true);
    expect(voteCountSchema.safeParse({ ...valid, writtenFor: 3, writtenAgainst: 1 }).success).toBe(true);
  });

  it('DEV-VOTE-QUORUM rejects more present than due, naming present', () => {
    const issues = issuesOf({ ...valid, present: 17, writtenFor: 0, writtenAgainst: 0 });
    expect(issues.map((issue) => issue.path)).toContain('present');
    expectBilingual(issues);
  });

  it('DEV-VOTE-QUORUM more present than due, with no written opinions, reports only the present field', () => {
    // With present > due the number of absentees is negative, so the written-opinion check must not
    // also fire: nobody handed in a written opinion.
    const issues = issuesOf({ due: 10, present: 11, for: 0, against: 0, abstain: 0 });
    expect(issues.map((issue) => issue.path)).toEqual(['present']);
  });

  it('DEV-VOTE-PASS rejects for + against + abstain above present, naming for', () => {
    const issues = issuesOf({ ...valid, for: 10, against: 2, abstain: 1 });
    expect(issues.map((issue) => issue.path)).toEqual(['for']);
    expect(issues[0]?.message.en).toContain('present');
    expectBilingual(issues);
  });

  it('EC-12 rejects more written opinions than absentees, naming writtenFor', () => {
    const issues = issuesOf({ ...valid, writtenFor: 4, writtenAgainst: 1 });
    expect(issues.map((issue) => issue.path)).toEqual(['writtenFor']);
    expect(issues[0]?.message.zh).toContain('未到会');
    expectBilingual(issues);
  });

  it('EC-12 written opinions are rejected when everybody was present', () => {
    const issues = issuesOf({ due: 9, present: 9, for: 9, against: 0, abstain: 0, writtenAgainst: 1 });
    expect(issues.map((issue) => issue.path)).toEqual(['writtenFor']);
  });

  it.each([
    ['due', -1],
    ['present', -1],
    ['for', -1],
    ['against', -2],
    ['abstain', -3],
    ['writtenFor', -1],
    ['writtenAgainst', -1],
  ] as const)('DEV-VOTE-PASS rejects a negative %s, naming the field', (field, value) => {
    const issues = issuesOf({ ...valid, [field]: value });
    expect(issues.map((issue) => issue.path)).toContain(field);
    const own = issues.filter((issue) => issue.path === field);
    expect(own[0]?.message.en).toContain('negative');
    expect(own[0]?.message.zh).toContain('不能为负');
    expectBilingual(own);
  });

  it.each([
    ['due', 16.5],
    ['present', 12.5],
    ['for', 8.5],
    ['against', 0.5],
    ['abstain', 1.25],
    ['writtenFor', 0.5],
    ['writtenAgainst', 0.1],
  ] as const)('DEV-VOTE-PASS rejects a fractional %s, naming the field', (field, value) => {
    const issues = issuesOf({ ...valid, [field]: value });
    const own = issues.filter((issue) => issue.path === field);
    expect(own).toHaveLength(1);
    expect(own[0]?.message.en).toContain('whole number');
    expect(own[0]?.message.zh).toContain('整数');
    expectBilingual(own);
  });

  it('DEV-VOTE-PASS rejects a count that is not a number, bilingually', () => {
    const issues = issuesOf({ ...valid, due: '16' });
    expect(issues.map((issue) => issue.path)).toContain('due');
    expectBilingual(issues.filter((issue) => issue.path === 'due'));
  });

  it('DEV-VOTE-PASS rejects a missing required count, naming it', () => {
    const { against: _omitted, ...withoutAgainst } = valid;
    const issues = issuesOf(withoutAgainst);
    expect(issues.map((issue) => issue.path)).toContain('against');
  });

  it('EC-39 rejects an unknown key (e.g. proxy votes), and the issue names the field', () => {
    const issues = issuesOf({ ...valid, proxies: 2 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message.en).toContain('proxies');
    expectBilingual(issues);
    // The issue path is the offending field (Issue.path: "Dotted path of the offending field").
    expect(issues[0]?.path).toBe('proxies');
  });
});

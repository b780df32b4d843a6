import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoFileError, runDemo } from '../src/commands/demo.js';

const folder = mkdtempSync(join(tmpdir(), 'dangwu-demo-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function demo(file: string, extra: { until?: '2025-12-31'; fresh?: boolean } = {}) {
  const lines: string[] = [];
  const code = await runDemo({ file: join(folder, file), out: (line) => lines.push(line), ...extra });
  return { code, text: lines.join('\n') };
}

describe('dangwu demo', () => {
  it('runs two years of a branch: steps, overdue deadlines and refusals with their rule ids', async () => {
    const { code, text } = await demo('full.db');
    expect(code).toBe(0);
    expect(text).toContain('✗ dev-a  支部党员大会讨论申请人A：举手表决');
    expect(text).toContain('[DEV-VOTE-METHOD]');
    expect(text).toMatch(/prob-b .*待办期限：2027-07-20 \[PROB-DISCUSS-TIMING\]/);
    expect(text).toMatch(/olm-2025 {2}已办结/);
    expect(text).toContain('[DEV-APPROVAL-BODY]');
    expect(text).toMatch(
      /⏰ dev-b {2}逾期：收到入党申请书后1个月内派人谈话（期限 2025-03-10）\[DEV-APPLY-TALK-DEADLINE\]/,
    );
    expect(text).toContain('最早 2026-04-15');
    expect(text).toContain('[DEV-TRAINING-MIN]');
    expect(text).toContain('[PROB-APPROVAL-DEADLINE]');
    expect(text).toMatch(/prob-a {2}已办结/);
    expect(text).toMatch(/rel-e {2}已办结/);
    expect(text).not.toContain('审计链异常');
  });

  it('a second run resumes from the file instead of starting over', async () => {
    const first = await demo('resume.db', { until: '2025-12-31' });
    expect(first.code).toBe(0);
    expect(first.text).not.toContain('2026-01-15  ✓');
    const second = await demo('resume.db');
    expect(second.code).toBe(0);
    expect(second.text).toMatch(/从数据文件恢复：已完成的 \d+ 个步骤不再重复/);
    expect(second.text).toContain('2026-01-15  ✓ prob-a');
    expect(second.text).not.toContain('2025-01-15  ✓');
    const third = await demo('resume.db');
    expect(third.text).toMatch(/数据文件已包含 2026-12-31 之前的全部 \d+ 个步骤，没有新的步骤/);
    const fresh = await demo('resume.db', { fresh: true });
    expect(fresh.text).toContain('2025-01-15  ✓ dev-a');
  });

  it('names a deadline missed after the last step of a run that stops early, and never twice', async () => {
    const missed = '2025-12-26  ⏰ olm-2025  逾期：会后15天内书面报告上级党组织（期限 2025-12-25）[OLM-REPORT-UPPER]';
    const whole = await demo('whole.db');
    expect(whole.text).toContain(missed);
    const first = await demo('split.db', { until: '2025-12-31' });
    expect(first.text).toContain(missed);
    const second = await demo('split.db');
    expect(second.text).not.toContain(missed);
  });

  it('refuses a file it did not make, before deleting or changing it', async () => {
    const notes = join(folder, 'notes.txt');
    writeFileSync(notes, 'important notes');
    const other = join(folder, 'contacts.db');
    const db = new Database(other);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    const before = readFileSync(other);
    for (const [file, fresh, message] of [
      [notes, true, '不是 SQLite 数据库'],
      [other, true, '不是 dangwu 的数据文件（含表 contacts）'],
      [other, false, 'is not a dangwu file (it holds tables contacts)'],
    ] as const) {
      await expect(runDemo({ file, fresh, out: () => {} })).rejects.toThrow(message);
    }
    expect(readFileSync(notes, 'utf8')).toBe('important notes');
    expect(readFileSync(other).equals(before)).toBe(true);
    expect(existsSync(`${other}-wal`)).toBe(false);
    await expect(runDemo({ file: join(notes, 'x.db'), out: () => {} })).rejects.toThrow(DemoFileError);
  });
});

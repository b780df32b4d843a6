import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/commands/demo.js';

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
    expect(third.text).toContain('数据文件中的演示已运行到 2026-12-31');
    const fresh = await demo('resume.db', { fresh: true });
    expect(fresh.text).toContain('2025-01-15  ✓ dev-a');
  });
});

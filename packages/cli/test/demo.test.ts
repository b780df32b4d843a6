import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalDate } from '@dangwu/rules';
import { createSqliteStore } from '@dangwu/runtime/sqlite';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DemoFileError, runDemo } from '../src/commands/demo.js';

const folder = mkdtempSync(join(tmpdir(), 'dangwu-demo-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function demo(file: string, extra: { until?: LocalDate; fresh?: boolean } = {}) {
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

  it("refuses a table named as a store's without its columns, and another program's dangwu store, even with --fresh", async () => {
    const hosts = join(folder, 'hosts.db');
    const db = new Database(hosts);
    db.exec("CREATE TABLE instances (hostname TEXT, ip TEXT); INSERT INTO instances VALUES ('web1', '10.0.0.1')");
    db.close();
    const theirs = join(folder, 'theirs.db');
    const store = createSqliteStore({ path: theirs });
    await store.close();
    const own = new Database(theirs);
    own
      .prepare(
        `INSERT INTO instances (id, process_id, process_version, version, org_path, state_paths, record)
       VALUES ('case-1', 'p', '1', 1, '[]', '[]', '{}')`,
      )
      .run();
    own.close();
    for (const [file, message] of [
      [hosts, 'is not a dangwu file (it holds tables instances)'],
      [theirs, 'is a dangwu store another program made, not the demo'],
    ] as const) {
      const before = readFileSync(file);
      for (const fresh of [true, false]) {
        await expect(runDemo({ file, fresh, out: () => {} })).rejects.toThrow(message);
      }
      // Reading a WAL file's tables makes its -wal and -shm files, as any SQLite reader does; the
      // database itself is as it was, and still the other program's.
      expect(readFileSync(file).equals(before), file).toBe(true);
    }
  });

  it('resumes a file an older demo made (no marks), showing no applied step again', async () => {
    const first = await demo('older.db', { until: '2025-12-31' });
    const older = new Database(join(folder, 'older.db'));
    older.pragma('application_id = 0');
    older.pragma('user_version = 0');
    older.close();
    const second = await demo('older.db');
    expect(second.code).toBe(0);
    expect(second.text).toMatch(/从数据文件恢复：已完成的 \d+ 个步骤不再重复/);
    expect(second.text).not.toContain('2025-01-15  ✓');
    // Nor a refusal it showed before the last step it applied.
    expect(second.text).not.toContain('2025-01-15  ✗');
    expect(second.text).not.toContain('2025-03-05  ✗');
    expect(first.text).toContain('2025-01-15  ✓');
    expect(fileContents(join(folder, 'older.db'))).toMatchObject({ marks: [0x44574d4f, expect.any(Number)] });
  });

  it("takes no count from an unmarked empty file's user_version", async () => {
    const empty = new Database(join(folder, 'counted.db'));
    empty.pragma('user_version = 5');
    empty.close();
    const whole = await demo('counted-whole.db');
    const run = await demo('counted.db');
    expect(run.text).not.toContain('从数据文件恢复');
    expect(run.text).toContain('2025-01-15  ✗ dev-a');
    const steps = (text: string) => text.split('\n').filter((line) => /^\d{4}-\d{2}-\d{2} {2}[✓✗⏰]/.test(line));
    expect(steps(run.text)).toEqual(steps(whole.text));
  });

  it('shows a step a run applied but was stopped before showing', async () => {
    const first = await demo('stopped.db', { until: '2025-03-10' });
    const lastShown =
      first.text
        .split('\n')
        .filter((line) => /^2025-\d{2}-\d{2} {2}[✓✗]/.test(line))
        .at(-1) ?? '';
    // As if the run had been killed between the last step's commit and its line.
    const file = new Database(join(folder, 'stopped.db'));
    file.pragma(`user_version = ${Number(file.pragma('user_version', { simple: true })) - 1}`);
    file.close();
    const second = await demo('stopped.db');
    expect(lastShown).not.toBe('');
    expect(second.text).toContain(lastShown);
  });

  it('ends with the same file and the same timeline, each line once, however the run is split', async () => {
    const timeline = (text: string) => text.split('\n').filter((line) => /^\d{4}-\d{2}-\d{2} {2}[✓✗⏰]/.test(line));
    const whole = await demo('one-run.db');
    // A stop on a missed deadline's own date, on the day after a refusal, on a refusal's own date.
    for (const until of ['2025-03-10', '2025-03-05', '2026-04-15'] as const) {
      const name = `split-${until}.db`;
      const first = await demo(name, { until });
      const second = await demo(name);
      expect([...timeline(first.text), ...timeline(second.text)], until).toEqual(timeline(whole.text));
      expect(fileContents(join(folder, name)), until).toEqual(fileContents(join(folder, 'one-run.db')));
    }
  });
});

/** Every row of every table of a demo file, in a fixed order, and its marks. */
function fileContents(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
    return {
      marks: [db.pragma('application_id', { simple: true }), db.pragma('user_version', { simple: true })],
      tables: Object.fromEntries(
        tables.map((name) => [
          name,
          db
            .prepare(`SELECT * FROM "${name}"`)
            .all()
            .map((row) => JSON.stringify(row))
            .sort(),
        ]),
      ),
    };
  } finally {
    db.close();
  }
}

import { mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CheckResult, OverdueRecord } from '@dangwu/machines';
import { addDays, type LocalDate, shanghaiStartOf } from '@dangwu/rules';
import {
  type CommitNotice,
  createEngine,
  createManualClock,
  type Engine,
  EventNotAcceptedError,
  EventRefusedError,
} from '@dangwu/runtime';
import { createSqliteStore, type SqliteFileKind, sqliteFileKind } from '@dangwu/runtime/sqlite';
import Database from 'better-sqlite3';
import { branchScript, demoActor, demoEnd, demoOrgs, type ScriptStep } from '../demo/branch-script.js';
import { processRegistry } from '../process-registry.js';

/** Options of `dangwu demo`. */
export interface DemoOptions {
  /** SQLite file the demo keeps its branch in; running again resumes from it. @default 'dangwu-demo.db' */
  readonly file?: string;
  /** Delete the file's data and start over. @default false */
  readonly fresh?: boolean;
  /** Stop after this simulated date (to show resuming). @default the end of 2026 */
  readonly until?: LocalDate;
  /** Where the timeline goes. */
  readonly out: (line: string) => void;
}

const reader = demoActor('base-committee');

/** The demo's file is another program's, or cannot be used: nothing was changed. */
export class DemoFileError extends Error {
  constructor(file: string, problem: { zh: string; en: string }, cause?: unknown) {
    const reason = cause instanceof Error ? `: ${cause.message}` : '';
    super(
      `演示数据文件 ${file} ${problem.zh}，未作任何改动 / demo file ${file}: ${problem.en}; nothing was changed${reason}`,
    );
    this.name = 'DemoFileError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** `PRAGMA application_id` of the demo's files ('DWMO'): the demo deletes or adds to no other file. */
const DEMO_APPLICATION_ID = 0x44574d4f;

/** The instances the demo's script opens: a store holding others is not the demo's. */
const scriptInstances: ReadonlySet<string> = new Set(branchScript.map((step) => step.instance));

/** Whether `file`, a dangwu store without the demo's mark, holds only the script's instances (made by an older demo). */
function holdsOnlyScriptInstances(file: string): boolean {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ids = db.prepare<[], { id: string }>('SELECT id FROM instances').all();
    return ids.length > 0 && ids.every((row) => scriptInstances.has(row.id));
  } finally {
    db.close();
  }
}

/**
 * Refuses a file the demo did not make, before deleting (`--fresh`) or adding to it: the file must be
 * absent, empty, or a dangwu store the demo marked as its own (or, unmarked, made by an older demo: only
 * the script's instances). Another program's store, even a dangwu one, is never touched.
 */
function checkDemoFile(file: string): void {
  let found: SqliteFileKind;
  let olderDemo = false;
  try {
    found = sqliteFileKind(file);
    olderDemo = found.kind === 'store' && found.applicationId === 0 && holdsOnlyScriptInstances(file);
  } catch (error) {
    throw new DemoFileError(file, { zh: '无法读取', en: 'cannot be read' }, error);
  }
  if (found.kind === 'not-sqlite') {
    throw new DemoFileError(file, { zh: '不是 SQLite 数据库', en: 'is not an SQLite database' });
  }
  if (found.kind === 'other') {
    const tables = found.tables.join(', ');
    throw new DemoFileError(file, {
      zh: `不是 dangwu 的数据文件（含表 ${tables}）`,
      en: `is not a dangwu file (it holds tables ${tables})`,
    });
  }
  const marked = found.applicationId === DEMO_APPLICATION_ID;
  if (found.kind === 'store' && !marked && !olderDemo) {
    throw new DemoFileError(file, {
      zh: '是其他程序的 dangwu 数据文件，不是演示创建的',
      en: 'is a dangwu store another program made, not the demo',
    });
  }
  if (found.kind === 'empty' && found.applicationId !== 0 && !marked) {
    throw new DemoFileError(file, {
      zh: `属于另一个程序（application_id ${found.applicationId}）`,
      en: `belongs to another program (application_id ${found.applicationId})`,
    });
  }
}

function noteOf(checks: readonly CheckResult[]): string {
  return checks.map((check) => `${check.message.zh} [${check.ruleId}]`).join('；');
}

/** The timeline lines of the deadlines a commit's timers found missed (an applied timer marks its deadline overdue). */
function missedLines({ instance, entries }: CommitNotice): string[] {
  const overdue = (instance.snapshot as { context?: { overdue?: OverdueRecord[] } } | null)?.context?.overdue ?? [];
  return entries.flatMap((entry) => {
    if (entry.kind !== 'timer' || entry.decision !== 'applied') return [];
    const { deadlineId } = entry.payload as { deadlineId: string };
    const record = overdue.find((candidate) => candidate.deadlineId === deadlineId);
    return record
      ? [
          `${addDays(record.due, 1)}  ⏰ ${instance.id}  逾期：${record.text.zh}（期限 ${record.due}）[${record.ruleId}]`,
        ]
      : [];
  });
}

/**
 * The demo's own marks in its file: `application_id` says the file is the demo's, `user_version` how many
 * of the script's steps a run has shown (so a resumed run shows each step once, refusals included).
 */
function openMarks(file: string): { shown: number; markShown(count: number): void; close(): void } {
  let db: Database.Database;
  let unmarked = false;
  try {
    db = new Database(file);
    unmarked = Number(db.pragma('application_id', { simple: true })) !== DEMO_APPLICATION_ID;
    if (unmarked) db.pragma(`application_id = ${DEMO_APPLICATION_ID}`);
  } catch (error) {
    throw new DemoFileError(file, { zh: '无法写入', en: 'cannot be written' }, error);
  }
  // An unmarked file's user_version is not the demo's count (an older demo kept none, another program
  // may have set it): the steps up to the last one its keys record as applied were shown.
  let shown = Number(db.pragma('user_version', { simple: true }));
  if (unmarked) {
    shown = 1 + lastAppliedStep(db);
    db.pragma(`user_version = ${shown}`);
  }
  return {
    shown,
    markShown: (count) => db.pragma(`user_version = ${Math.floor(count)}`),
    close: () => db.close(),
  };
}

/** The index of the last script step the file's idempotency keys (`demo:<index>`) record as applied, or -1. */
function lastAppliedStep(db: Database.Database): number {
  const hasKeys = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'idempotency'").get();
  if (hasKeys === undefined) return -1;
  const keys = db.prepare<[], { key: string }>("SELECT key FROM idempotency WHERE key LIKE 'demo:%'").all();
  return Math.max(-1, ...keys.map((row) => Number(row.key.slice('demo:'.length))).filter(Number.isInteger));
}

/**
 * Runs two simulated years of a branch on an SQLite file and prints a timeline in Chinese: steps
 * done, deadlines met late or missed, and refused attempts with their explanations. Every accepted
 * act carries an idempotency key, so a second run replays nothing and continues where the file ends.
 * Deadlines fire at their own instants, so the file ends the same however many runs it took.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const file = resolve(options.file ?? 'dangwu-demo.db');
  checkDemoFile(file);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw new DemoFileError(file, { zh: '无法创建所在目录', en: 'its folder cannot be created' }, error);
  }
  if (options.fresh) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  // Marked before the store adds its tables: a run stopped in between leaves a file the demo knows.
  const marks = openMarks(file);
  const store = createSqliteStore({ path: file, synchronous: 'NORMAL' });
  const clock = createManualClock(shanghaiStartOf('2025-01-01'));
  // Deadlines the timer loop finds missed, as the engine tells of each commit.
  const missed: string[] = [];
  const engine = createEngine({
    store,
    processes: processRegistry,
    clock,
    orgs: { parentOf: (orgId) => demoOrgs[orgId] },
    onCommit: (notice) => missed.push(...missedLines(notice)),
  });
  const until = options.until ?? demoEnd;
  const out = options.out;
  const instances = new Set<string>();
  let resumed = 0;
  let printing = false;
  const begin = (): void => {
    if (!printing && resumed > 0) out(`（从数据文件恢复：已完成的 ${resumed} 个步骤不再重复）`);
    printing = true;
  };
  // Fires each deadline due by `instant` at its own due instant, and shows the ones it finds missed at
  // once (a deadline fired is never fired again, so nothing else would show it). Returns how many fired,
  // and how many of them it showed as missed.
  const fireUntil = async (instant: number): Promise<{ fired: number; shown: number }> => {
    let fired = 0;
    let shown = 0;
    for (
      let due = await store.nextTimerDue();
      due !== undefined && due <= instant;
      due = await store.nextTimerDue(due)
    ) {
      clock.set(due);
      fired += (await engine.runDueTimers()).fired;
      const lines = missed.splice(0).sort();
      if (lines.length > 0) begin();
      for (const line of lines) out(line);
      shown += lines.length;
    }
    clock.set(instant);
    return { fired, shown };
  };
  try {
    out(`党支部演示：2025-01-01 至 ${until}，数据文件 ${file}`);
    for (const [index, step] of branchScript.entries()) {
      if (step.on > until) break;
      await fireUntil(shanghaiStartOf(step.on));
      instances.add(step.instance);
      // A refusal an earlier run showed is not sent again: it was refused on that day's state, and the
      // file has moved on since (an accepted step is sent again, and answered from its key).
      if (index < marks.shown && step.expect === 'refused') {
        resumed += 1;
        continue;
      }
      const outcome = await apply(engine, step, index);
      if (outcome.verdict !== step.expect) {
        out(`✘ 脚本预期${step.expect === 'allowed' ? '可以办理' : '被拒绝'}，实际${outcome.note}`);
        return 1;
      }
      // A step an earlier run showed; one it applied but was stopped before showing is shown now.
      if (index < marks.shown) {
        resumed += 1;
        continue;
      }
      begin();
      const mark = outcome.verdict === 'allowed' ? '✓' : '✗';
      out(`${step.on}  ${mark} ${step.instance}  ${step.text}${outcome.note ? `\n            ${outcome.note}` : ''}`);
      marks.markShown(index + 1);
    }
    const atEnd = await fireUntil(shanghaiStartOf(addDays(until, 1)));
    if (atEnd.fired > atEnd.shown) out(`${until} 之后：另有 ${atEnd.fired - atEnd.shown} 个期限已到`);
    if (!printing) {
      out(
        resumed === 0
          ? `${until} 之前没有演示步骤（演示从 2025-01-01 开始）。`
          : `数据文件已包含 ${until} 之前的全部 ${resumed} 个步骤，没有新的步骤；下面是文件中的现状。用 --fresh 重新开始。`,
      );
    }
    await summarise(engine, instances, out);
    return 0;
  } finally {
    marks.close();
    await store.close();
  }
}

async function apply(
  engine: Engine,
  step: ScriptStep,
  index: number,
): Promise<{ verdict: 'allowed' | 'refused'; note: string; replayed: boolean }> {
  const idempotencyKey = `demo:${index}`;
  try {
    const result =
      step.act.kind === 'start'
        ? await engine.start({
            processId: step.act.processId,
            input: step.act.input,
            actor: demoActor('branch-secretary'),
            instanceId: step.instance,
            occurredOn: step.on,
            idempotencyKey,
          })
        : await engine.send({ instanceId: step.instance, event: step.act.event, idempotencyKey });
    return {
      verdict: 'allowed',
      note: result.warnings.length > 0 ? `提醒：${noteOf(result.warnings)}` : '',
      replayed: result.replayed,
    };
  } catch (error) {
    if (error instanceof EventRefusedError || error instanceof EventNotAcceptedError) {
      return { verdict: 'refused', note: `拒绝：${error.explanation.message.zh}`, replayed: false };
    }
    throw error;
  }
}

async function summarise(engine: Engine, instances: ReadonlySet<string>, out: (line: string) => void): Promise<void> {
  out('\n现状 / Where things stand:');
  for (const instance of instances) {
    const view = await engine.get(instance, { actor: reader });
    const context = (
      view.snapshot as { context?: { deadlines?: { due: string; ruleId: string }[]; overdue?: unknown[] } }
    ).context;
    const pending = (context?.deadlines ?? []).map((deadline) => `${deadline.due} [${deadline.ruleId}]`).join('，');
    const verified = await engine.verifyHistory(instance);
    const step = [...view.state].filter((path) => path.startsWith('case.')).sort((a, b) => b.length - a.length)[0];
    out(
      `  ${instance}  ${view.status === 'done' ? '已办结' : `办理中 ${step ?? view.state.join(',')}`}${pending ? `  待办期限：${pending}` : ''}${context?.overdue?.length ? `  逾期 ${context.overdue.length} 项` : ''}  审计链${verified.ok ? '完整' : '异常'}`,
    );
  }
}

// Child of concurrency.test.ts: sends the events of `plan` to one instance, 8 at a time. Each character of
// the plan is one send: `N` a NOTE the instance takes; `X` a RESUME its state does not accept; `R` an
// APPROVE its rules refuse (a member, without quorum); `F` a NOTE by an actor from outside its
// organisation. In `pinned` mode each send carries the version it read and retries itself after a
// VersionConflictError; in `auto` mode the engine retries. Sends start together: once the instance is
// loaded the child prints `ready` and waits until the test creates the file `goFile`. Prints one JSON
// summary line last: every acknowledged send (with its seq), every conflict and every refusal as it saw it.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DangwuError } from '@dangwu/rules';
import {
  createEngine,
  EventNotAcceptedError,
  EventRefusedError,
  ForbiddenError,
  VersionConflictError,
} from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { reviewProcess } from '../fixtures/review-process.js';
import { actor, orgs } from './world.js';

const [path = '', name = '', plan = '', mode = 'auto', goFile = ''] = process.argv.slice(2);
const store = createSqliteStore({ path });
const engine = createEngine({ store, processes: [reviewProcess()], orgs, maxRetries: 1000 });
const who = actor('branch-1', ['member'], name);
const outsider = actor('branch-3', ['member'], `${name}-outsider`);
const occurredOn = '2026-03-02';
// Each of the 8 senders waits a random 0–40 ms before each send, as independent clients would. Without it
// a process whose queue never drains keeps the instance: the other processes' engines back off after a
// lost race and SQLite's busy wait sleeps, so they get in only when it runs out of work (one process
// committed all its 75 NOTEs in a row). With it up to 32 sends are still in flight at once and the pinned
// senders still lose hundreds of races, but the processes' commits interleave.
const THINK_MS = 40;

/** One refused send as this child saw it: the error's class, code, bilingual text and what it carries. */
export interface SeenRefusal {
  index: number;
  planned: string;
  error: string;
  code: string;
  text: { zh: string; en: string };
  issues: { path: string; ruleId?: string; zh: string; en: string }[];
  verdict?: string;
  failures?: string[];
  actorId?: string;
}

/** One VersionConflictError as this child saw it. */
export interface SeenConflict {
  index: number;
  code: string;
  text: { zh: string; en: string };
  expected: number | null;
  actual: number | undefined;
  attempts: number | undefined;
}

/** The summary line. */
export interface ChildSummary {
  name: string;
  ok: { index: number; seq: number; replayed: boolean }[];
  conflicts: SeenConflict[];
  refusals: SeenRefusal[];
  /** Anything thrown that is not a DangwuError, or a send the plan expected to be refused that was applied. */
  unexpected: string[];
}

const summary: ChildSummary = { name, ok: [], conflicts: [], refusals: [], unexpected: [] };

function eventOf(kind: string): Record<string, unknown> {
  switch (kind) {
    case 'X':
      return { type: 'RESUME', occurredOn, actor: who };
    case 'R':
      return { type: 'APPROVE', occurredOn, actor: who, present: 1, total: 9 };
    case 'F':
      return { type: 'NOTE', occurredOn, actor: outsider, count: 1 };
    default:
      return { type: 'NOTE', occurredOn, actor: who, count: 1 };
  }
}

function refusalOf(index: number, planned: string, error: DangwuError): SeenRefusal {
  const seen: SeenRefusal = {
    index,
    planned,
    error: error.constructor.name,
    code: error.code,
    text: { zh: error.text.zh, en: error.text.en },
    issues: error.issues.map((issue) => ({
      path: issue.path,
      ...(issue.ruleId === undefined ? {} : { ruleId: issue.ruleId }),
      zh: issue.message.zh,
      en: issue.message.en,
    })),
  };
  if (error instanceof EventNotAcceptedError || error instanceof EventRefusedError) {
    seen.verdict = error.explanation.verdict;
  }
  if (error instanceof EventRefusedError) seen.failures = error.failures.map((failure) => failure.ruleId);
  if (error instanceof ForbiddenError) seen.actorId = error.actorId;
  return seen;
}

async function sendOne(index: number): Promise<void> {
  const planned = plan[index] ?? 'N';
  const event = eventOf(planned);
  for (;;) {
    try {
      const request = { instanceId: 'i1', event, idempotencyKey: `${name}-${index}` };
      const result =
        mode === 'pinned'
          ? await engine.send({ ...request, expectedVersion: (await engine.get('i1', { actor: who })).version })
          : await engine.send(request);
      if (planned !== 'N') summary.unexpected.push(`${index}: planned ${planned} but applied as seq ${result.seq}`);
      summary.ok.push({ index, seq: result.seq, replayed: result.replayed });
      return;
    } catch (error) {
      if (error instanceof VersionConflictError) {
        summary.conflicts.push({
          index,
          code: error.code,
          text: { zh: error.text.zh, en: error.text.en },
          expected: error.expected,
          actual: error.actual,
          attempts: error.attempts,
        });
        if (mode === 'pinned') continue;
        return; // auto mode: the engine gave up retrying (the test fails on it).
      }
      if (error instanceof DangwuError) summary.refusals.push(refusalOf(index, planned, error));
      else summary.unexpected.push(`${index}: untyped ${String(error)}`);
      return;
    }
  }
}

// Open the store and load the instance before the barrier, so that every child starts sending at once.
await engine.get('i1', { actor: who });
process.stdout.write('ready\n');
const giveUpAt = Date.now() + 60_000;
while (!existsSync(goFile)) {
  if (Date.now() > giveUpAt) throw new Error(`${name}: no go signal (${goFile})`);
  await sleep(1);
}

let nextIndex = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (nextIndex < plan.length) {
      const index = nextIndex++;
      await sleep(Math.random() * THINK_MS);
      await sendOne(index);
    }
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);

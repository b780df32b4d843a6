import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { replay } from './support/replay.js';
import { collect, spawnTs } from './support/run-ts.js';
import { actor, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const child = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));

const TOTAL_OPS = 160;
const KILLS = 20;

describe('crash safety', () => {
  it(`keeps every acknowledged event and timer exactly once across ${KILLS} SIGKILLs`, {
    timeout: 90_000,
  }, async () => {
    const path = join(dir, 'crash.db');
    const acked = new Map<number, number>();
    let next = 0;
    let kills = 0;
    let finished = false;
    let seed = 12345;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    while (!finished) {
      const proc = spawnTs(child, [path, String(next), String(TOTAL_OPS)]);
      const killing = kills < KILLS;
      let timer: ReturnType<typeof setTimeout> | undefined;
      if (killing) {
        // Kill after a random number of acknowledgements (0–5) plus a random few milliseconds, so the
        // kill lands between and inside commits however fast the child runs, and never after it finished.
        // With none, it follows the child's `ready` (its store open): inside its start or its catch-up on
        // the timers missed while it was down.
        const killAfter = Math.floor(random() * 6);
        let seen = -1;
        proc.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk
            .toString()
            .split('\n')
            .filter((line) => line.startsWith('ack') || line === 'ready').length;
          if (seen >= killAfter && timer === undefined) timer = setTimeout(() => proc.kill('SIGKILL'), random() * 3);
        });
      }
      const { lines, signal, stderr } = await collect(proc);
      if (timer !== undefined) clearTimeout(timer);
      for (const line of lines) {
        const [word, op, seq] = line.split(' ');
        if (word === 'ack') {
          expect(acked.has(Number(op))).toBe(false);
          acked.set(Number(op), Number(seq));
          next = Math.max(next, Number(op) + 1);
        }
        if (word === 'done') finished = true;
      }
      if (signal === 'SIGKILL') kills += 1;
      else expect(stderr).toBe('');
      if (!killing) expect(finished).toBe(true);
    }
    expect(kills).toBe(KILLS);

    const store = createSqliteStore({ path });
    const engine = createEngine({ store, processes: [reviewProcess()], orgs });
    const history = await engine.history('i1', { actor: actor('root') });
    const view = await engine.get('i1', { actor: actor('root') });
    // Every acknowledged op is in the history exactly once, at the seq it was acknowledged with.
    const scheduled = history.filter((entry) => entry.eventType === 'SCHEDULE');
    expect(scheduled.map((entry) => (entry.payload as { deadlineId: string }).deadlineId)).toEqual(
      Array.from({ length: TOTAL_OPS }, (_, op) => `d${op}`),
    );
    for (const [op, seq] of acked) expect(history[seq - 1]?.payload).toMatchObject({ deadlineId: `d${op}` });
    // No timer lost or fired twice.
    const fired = history
      .filter((entry) => entry.kind === 'timer')
      .map((entry) => (entry.payload as { deadlineId: string }).deadlineId);
    expect(fired).toHaveLength(TOTAL_OPS);
    expect(new Set(fired).size).toBe(TOTAL_OPS);
    expect(view.deadlines).toEqual([]);
    // The snapshot is what replaying the history gives, and the chain is intact.
    expect(view.snapshot).toEqual(replay(reviewProcess(), history));
    expect(await engine.verifyHistory('i1')).toEqual({ ok: true, entries: history.length });
    await store.close();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyedLock } from '../src/engine/keyed-lock.js';

const tick = (turns: number): Promise<void> =>
  turns === 0 ? Promise.resolve() : new Promise((resolve) => setImmediate(() => resolve(tick(turns - 1))));

describe('KeyedLock', () => {
  it('runs the work of one key one at a time, in arrival order, and different keys side by side', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), turns: fc.nat(3), fails: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        async (runs) => {
          const lock = new KeyedLock();
          const running = new Map<string, number>();
          const started: { key: string; index: number }[] = [];
          let overlapAcrossKeys = false;
          const settled = await Promise.allSettled(
            runs.map((run, index) =>
              lock.run(run.key, async () => {
                expect(running.get(run.key) ?? 0).toBe(0);
                running.set(run.key, 1);
                if ([...running.values()].filter((count) => count > 0).length > 1) overlapAcrossKeys = true;
                started.push({ key: run.key, index });
                await tick(run.turns);
                running.set(run.key, 0);
                if (run.fails) throw new Error(`run ${index} failed`);
                return index;
              }),
            ),
          );
          // Every run ran, a failure included, and each settled with its own outcome.
          expect(settled.map((outcome) => outcome.status)).toEqual(
            runs.map((run) => (run.fails ? 'rejected' : 'fulfilled')),
          );
          for (const key of ['a', 'b', 'c']) {
            const order = started.filter((entry) => entry.key === key).map((entry) => entry.index);
            expect(order).toEqual([...order].sort((x, y) => x - y));
          }
          const keys = new Set(runs.map((run) => run.key));
          if (keys.size > 1 && runs.every((run) => run.turns > 0)) expect(overlapAcrossKeys).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('frees the key after a failure and after the last waiter, so a later run starts at once', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const order: string[] = [];
    const first = lock.run('k', async () => {
      await tick(2);
      order.push('first');
    });
    const second = lock.run('k', async () => {
      order.push('second');
    });
    await Promise.all([first, second]);
    let ranSynchronously = false;
    const third = lock.run('k', async () => {
      ranSynchronously = true;
    });
    expect(ranSynchronously).toBe(true);
    await third;
    expect(order).toEqual(['first', 'second']);
  });
});

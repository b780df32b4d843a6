import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collect, spawnTs } from './support/run-ts.js';

// The bench is a script, not a test: its figures are never asserted. This only keeps it working (it runs
// a child process of its own, reads back what it wrote, and checks exactly-once firing itself).
const bench = fileURLToPath(new URL('../bench/bench.ts', import.meta.url));

describe('the bench script', () => {
  it('runs every section on tiny sizes and reports each workload, every timer fired exactly once', {
    timeout: 120_000,
  }, async () => {
    const run = await collect(
      spawnTs(bench, ['--sends', '128', '--warmup', '64', '--timers', '400', '--instances', '2000']),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.lines.join('\n');
    expect(lines).toMatch(/^machine: XState restore→send→persist loop \(fixture\) [\d,.]+\/s/m);
    for (const workload of ['fixture review process', 'member-development', 'life meeting', 'relationship transfer']) {
      expect(lines).toContain(`1. ${workload}`);
      expect(lines).toContain(`2. ${workload}`);
    }
    expect(run.lines.filter((line) => / ratio [\d.]+% \(target ≥ 50%/.test(line))).toHaveLength(8);
    const timerLines = run.lines.filter((line) => line.includes('(exactly once: '));
    expect(timerLines).toHaveLength(3);
    for (const line of timerLines) expect(line).toContain('failed 0');
    for (const line of timerLines) expect(line).toContain('(exactly once: true)');
    expect(lines).toMatch(/^4\. 2,000 stored instances/m);
    expect(lines).toMatch(/^total [\d.]+ s$/m);
  });
});

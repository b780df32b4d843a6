import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const register = fileURLToPath(new URL('../../scripts/register-ts.mjs', import.meta.url));

/** Spawns `node` on a TypeScript file of this package (see scripts/register-ts.mjs). */
export function spawnTs(file: string, args: readonly string[]): ChildProcess {
  return spawn(process.execPath, ['--conditions=@dangwu/source', '--import', register, file, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a child's stdout lines until it exits; resolves with the lines, exit code and signal. */
export function collect(
  child: ChildProcess,
): Promise<{ lines: string[]; code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    let out = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('close', (code, signal) => resolve({ lines: out.split('\n').filter(Boolean), code, signal, stderr }));
  });
}

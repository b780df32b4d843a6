// XState's own loop (target 2's baseline) and the machine reference, run in a child process of the bench.
// In the bench's own process, XState's rounds slowed the engine's rounds after them by a fifth to a
// quarter (scratch runs on machine G, 64 steady senders on a file, three pairs: 37–55 µs per send
// alone, 46–67 µs with 5,000 XState loops between rounds of 5,000 sends), as XState's actors and the
// engine share XState's code and V8's adaptive state (inline caches, allocation-site pretenuring: with
// it turned off, the engine's scavenges took a third to a half of the time); and the engine sped XState's
// loop up in turn (alone it is slower than it was between the engine's rounds: docs/guides/runtime-bench-log.md,
// machine G). Each side now runs in a V8 of its own; the rounds still alternate, so a machine that
// slows down slows both alike.
import { type ChildProcess, fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machineReference, xstateLoop } from './baselines.js';
import { fixture, type Workload, workloads } from './workloads.js';

/** What the parent asks: the machine reference, or `loops` turns of the named workload's loop. */
type Request =
  | { readonly kind: 'reference' }
  | { readonly kind: 'loops'; readonly workload: string; readonly loops: number };

/** The child's answer to a request: the reference's figures, or the milliseconds its loops took. */
type Answer = { readonly reference: ReturnType<typeof machineReference> } | { readonly ms: number };

/** The bench's side of the child: XState's loops timed in the child, one request at a time. */
export interface XstateChild {
  reference(): Promise<ReturnType<typeof machineReference>>;
  /** Runs `loops` turns of `workload`'s loop in the child (its loop is made on first use) and returns their milliseconds. */
  loops(workload: Workload, loops: number): Promise<number>;
  close(): void;
}

/** Starts the child, with the bench's own Node options (its TypeScript loader and conditions). */
export function startXstateChild(): XstateChild {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--xstate-child'], {
    execArgv: process.execArgv,
    serialization: 'json',
  });
  // A send to a child that has died fails through this event (without a listener it would end the bench).
  let failed: Error | undefined;
  child.on('error', (error) => {
    failed = error;
  });
  const askNow = (request: Request): Promise<Answer> =>
    new Promise((resolve, reject) => {
      if (failed !== undefined || child.exitCode !== null) {
        reject(failed ?? new Error(`bench: the XState child exited (${child.exitCode})`));
        return;
      }
      const onExit = (code: number | null) => reject(new Error(`bench: the XState child exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (answer) => {
        child.off('exit', onExit);
        resolve(answer as Answer);
      });
      child.send(request);
    });
  // One request at a time: each answer is taken by the listener of the request it answers.
  let queue: Promise<unknown> = Promise.resolve();
  const ask = (request: Request): Promise<Answer> => {
    const answer = queue.then(() => askNow(request));
    queue = answer.catch(() => undefined);
    return answer;
  };
  return {
    async reference() {
      const answer = await ask({ kind: 'reference' });
      if (!('reference' in answer)) throw new Error('bench: the XState child answered no reference');
      return answer.reference;
    },
    async loops(workload, loops) {
      const answer = await ask({ kind: 'loops', workload: workload.name, loops });
      if (!('ms' in answer)) throw new Error('bench: the XState child answered no time');
      return answer.ms;
    },
    close() {
      if (child.connected) child.disconnect();
      child.kill();
    },
  };
}

/** The child: answers requests until the parent disconnects. */
function serve(): void {
  const loops = new Map<string, () => void>();
  process.on('message', (request: Request) => {
    if (request.kind === 'reference') {
      process.send?.({ reference: machineReference(fixture) } satisfies Answer);
      return;
    }
    let loop = loops.get(request.workload);
    if (loop === undefined) {
      const workload = workloads.find((candidate) => candidate.name === request.workload);
      if (workload === undefined) throw new Error(`bench: no workload named ${request.workload}`);
      loop = xstateLoop(workload);
      loops.set(request.workload, loop);
    }
    const t0 = performance.now();
    for (let i = 0; i < request.loops; i += 1) loop();
    process.send?.({ ms: performance.now() - t0 } satisfies Answer);
  });
}

if (process.argv.includes('--xstate-child')) serve();

import { type InspectServerOptions, startInspectServer } from '../inspect/inspect-server.js';

/** Options of `dangwu inspect`. */
export interface InspectCommandOptions extends InspectServerOptions {
  /** Where the address and notes go. */
  readonly out: (line: string) => void;
  /** Resolves when the server should stop. @default the first SIGINT or SIGTERM */
  readonly until?: Promise<void>;
}

const signalled = (): Promise<void> =>
  new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/** Runs `dangwu inspect`: serves the inspect page until stopped; resolves to an exit code. */
export async function runInspect(options: InspectCommandOptions): Promise<number> {
  const { out, until, ...serverOptions } = options;
  const server = await startInspectServer(serverOptions);
  out(`dangwu inspect：在浏览器中打开 ${server.url}（仅本机访问，按 Ctrl+C 停止）`);
  out(`dangwu inspect: open ${server.url} (this machine only; Ctrl+C stops)`);
  await (until ?? signalled());
  await server.close();
  return 0;
}

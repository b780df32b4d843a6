import { isLocalDate } from '@dangwu/rules';
import { diagram } from './commands/diagram.js';
import { processRegistry } from './process-registry.js';

/** Where the command writes; tests pass their own. */
export interface CliIo {
  /** Normal output. */
  readonly out: (text: string) => void;
  /** Errors and usage. */
  readonly err: (text: string) => void;
}

const USAGE = `dangwu <command>

  demo [--db <file>] [--fresh] [--until <date>]
                                      运行一个党支部两年的演示 / run a two-year branch demo on SQLite
  diagram <process> [--labels zh|en]  输出流程的 Mermaid 状态图 / print a process diagram (Mermaid)
  processes                           列出流程 / list processes
`;

function option(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Runs the `dangwu` command with `args` (without the node and script paths); resolves to an exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'diagram': {
      const process = rest[0];
      if (!process) {
        io.err(USAGE);
        return 2;
      }
      const labels = option(rest, '--labels');
      io.out(diagram({ process, ...(labels === 'zh' || labels === 'en' ? { labels } : {}) }));
      return 0;
    }
    case 'processes':
      for (const process of processRegistry)
        io.out(`${process.id}\t${process.version}\t${process.title.zh} / ${process.title.en}`);
      return 0;
    case 'demo': {
      const { runDemo } = await import('./commands/demo.js');
      const db = option(rest, '--db');
      const until = option(rest, '--until');
      if (until !== undefined && !isLocalDate(until)) {
        io.err(`--until 须为日期 YYYY-MM-DD / --until needs a YYYY-MM-DD date, got ${until}`);
        return 2;
      }
      return runDemo({
        ...(db ? { file: db } : {}),
        ...(until ? { until } : {}),
        fresh: rest.includes('--fresh'),
        out: io.out,
      });
    }
    default:
      io.err(USAGE);
      return command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
}

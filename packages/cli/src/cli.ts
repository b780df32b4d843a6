import { isLocalDate } from '@dangwu/rules';
import { type CommandArgs, type CommandSpec, parseCommandArgs, parsePort } from './cli-args.js';
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
  diagram <process> [--format mermaid|svg] [--labels zh|en]
                                      输出流程状态图（Mermaid 或 SVG）/ print a process diagram
  inspect [--db <file>] [--instance <id>] [--port <n>]
                                      在本机网页中查看实例、期限和解释 / serve a local inspect page
  processes                           列出流程 / list processes
`;

/** Port `dangwu inspect` listens on unless `--port` says otherwise. */
const DEFAULT_INSPECT_PORT = 7357;

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  demo: { values: ['--db', '--until'], flags: ['--fresh'] },
  diagram: { values: ['--format', '--labels'], positionals: 1 },
  inspect: { values: ['--db', '--instance', '--port'] },
  processes: {},
};

/** Runs the `dangwu` command with `args` (without the node and script paths); resolves to an exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = args;
  const spec = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (spec === undefined || rest.includes('--help')) {
    io.err(USAGE);
    return spec !== undefined || command === undefined || command === '--help' || command === 'help' ? 0 : 2;
  }
  const parsed = parseCommandArgs(rest, spec);
  if ('error' in parsed) {
    io.err(`${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  return runCommand(command as string, parsed, io);
}

async function runCommand(command: string, args: CommandArgs, io: CliIo): Promise<number> {
  const { values, flags, positionals } = args;
  switch (command) {
    case 'diagram': {
      const process = positionals[0];
      if (!process) {
        io.err(USAGE);
        return 2;
      }
      const labels = values.get('--labels');
      if (labels !== undefined && labels !== 'zh' && labels !== 'en') {
        io.err(`--labels 须为 zh 或 en / --labels must be zh or en, got ${labels}`);
        return 2;
      }
      const format = values.get('--format') ?? 'mermaid';
      if (format !== 'mermaid' && format !== 'svg') {
        io.err(`--format 须为 mermaid 或 svg / --format must be mermaid or svg, got ${format}`);
        return 2;
      }
      io.out(diagram({ process, format, ...(labels === undefined ? {} : { labels }) }).trimEnd());
      return 0;
    }
    case 'inspect': {
      const { runInspect } = await import('./commands/inspect.js');
      const db = values.get('--db');
      const instance = values.get('--instance');
      const port = parsePort(values.get('--port') ?? String(DEFAULT_INSPECT_PORT));
      if (port === undefined) {
        io.err(`--port 须为 0–65535 的整数 / --port must be an integer 0-65535`);
        return 2;
      }
      return runInspect({ port, ...(db ? { db } : {}), ...(instance ? { instance } : {}), out: io.out });
    }
    case 'processes':
      for (const process of processRegistry)
        io.out(`${process.id}\t${process.version}\t${process.title.zh} / ${process.title.en}`);
      return 0;
    case 'demo': {
      const { runDemo } = await import('./commands/demo.js');
      const db = values.get('--db');
      const until = values.get('--until');
      if (until !== undefined && !isLocalDate(until)) {
        io.err(`--until 须为日期 YYYY-MM-DD / --until needs a YYYY-MM-DD date, got ${until}`);
        return 2;
      }
      return runDemo({
        ...(db ? { file: db } : {}),
        ...(until ? { until } : {}),
        fresh: flags.has('--fresh'),
        out: io.out,
      });
    }
    default:
      io.err(USAGE);
      return 2;
  }
}

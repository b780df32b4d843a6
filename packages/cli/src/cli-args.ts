/** What a command takes: options with a value, flags without one, and how many plain arguments. */
export interface CommandSpec {
  readonly values?: readonly string[];
  readonly flags?: readonly string[];
  readonly positionals?: number;
}

/** A command's arguments, checked against its {@link CommandSpec}. */
export interface CommandArgs {
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
  readonly positionals: readonly string[];
}

/**
 * Reads `args` as `spec` says, or returns why it cannot (in Chinese and English): an unknown option,
 * an option without its value or given twice, or an argument too many. A misspelt option must not be
 * skipped quietly: `demo --file x` would otherwise run on the default file.
 */
export function parseCommandArgs(args: readonly string[], spec: CommandSpec): CommandArgs | { readonly error: string } {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    // pnpm passes the `--` of `pnpm demo -- --fresh` on to the script; it separates nothing here.
    if (arg === '--') continue;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    if (spec.flags?.includes(arg)) {
      flags.add(arg);
      continue;
    }
    if (!spec.values?.includes(arg)) return { error: `未知选项 ${arg} / unknown option ${arg}` };
    const value = args[index + 1];
    // An empty value (`--db ''`, an unset shell variable) would otherwise fall back to the default.
    if (value === undefined || value === '' || value.startsWith('--'))
      return { error: `选项 ${arg} 缺少取值 / option ${arg} needs a value` };
    if (values.has(arg)) return { error: `选项 ${arg} 重复 / option ${arg} given twice` };
    values.set(arg, value);
    index += 1;
  }
  const allowed = spec.positionals ?? 0;
  if (positionals.length > allowed) {
    const extra = positionals[allowed] as string;
    return { error: `多余的参数 ${extra} / unexpected argument ${extra}` };
  }
  return { values, flags, positionals };
}

/** A TCP port written in decimal digits, 0 to 65535; undefined for anything else (Number() would also take ' 80', '0x1F90' or '8e3'). */
export function parsePort(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

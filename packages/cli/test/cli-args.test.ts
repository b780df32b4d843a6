import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { parsePort } from '../src/cli-args.js';

/** Runs the CLI and keeps what it wrote. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('dangwu arguments', () => {
  it('refuses an unknown option instead of skipping it, naming it in Chinese and English', async () => {
    const result = await cli('demo', '--file', 'x.db');
    expect(result.code).toBe(2);
    expect(result.err).toContain('未知选项 --file / unknown option --file');
    expect(result.out).toBe('');
  });

  it('refuses an option without its value, an option given twice and an argument too many', async () => {
    expect((await cli('inspect', '--db')).err).toContain('选项 --db 缺少取值 / option --db needs a value');
    expect((await cli('demo', '--db', '--fresh')).err).toContain('option --db needs a value');
    expect((await cli('diagram', 'probation', '--format', 'svg', '--format', 'mermaid')).err).toContain(
      'option --format given twice',
    );
    const extra = await cli('diagram', 'probation', 'member-development');
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('多余的参数 member-development / unexpected argument member-development');
    expect((await cli('processes', 'all')).code).toBe(2);
  });

  it('refuses an empty value instead of falling back to the default file', async () => {
    const empty = await cli('demo', '--db', '');
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('选项 --db 缺少取值 / option --db needs a value');
    expect(empty.out).toBe('');
  });

  it('reads a port in decimal digits only, from 0 to 65535', () => {
    expect(['0', '80', '8080', '65535', '00080'].map(parsePort)).toEqual([0, 80, 8080, 65535, 80]);
    for (const text of ['0x1F90', ' 80', '8e3', '80.0', '-1', '65536', '+80', '', '123456']) {
      expect(parsePort(text), text).toBeUndefined();
    }
  });

  it('refuses inspect --port that is not such a port', async () => {
    for (const port of ['0x1F90', ' 80', '8e3', '80.0', '-1', '65536', '+80']) {
      const refused = await cli('inspect', '--port', port);
      expect(refused.code, port).toBe(2);
      expect(refused.err).toContain('--port 须为 0–65535 的整数 / --port must be an integer 0-65535');
    }
  });

  it('refuses labels other than zh and en, and still draws with the known options', async () => {
    const refused = await cli('diagram', 'probation', '--labels', 'fr');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--labels must be zh or en, got fr');
    const drawn = await cli('diagram', 'probation', '--labels', 'en', '--format', 'svg');
    expect(drawn.code).toBe(0);
    expect(drawn.out).toMatch(/^<svg/);
  });

  it('prints the usage for no command or help, and refuses an unknown command', async () => {
    expect((await cli()).code).toBe(0);
    expect((await cli('--help')).err).toContain('dangwu <command>');
    const demoHelp = await cli('demo', '--help');
    expect(demoHelp.code).toBe(0);
    expect(demoHelp.err).toContain('demo [--db <file>]');
    expect((await cli('fly')).code).toBe(2);
    // Names that Object.prototype has are not commands either.
    for (const name of ['constructor', '__proto__', 'toString']) {
      const result = await cli(name, '--db', 'x');
      expect(result.code).toBe(2);
      expect(result.err).toContain('dangwu <command>');
    }
  });

  it('lets a bare -- through, as pnpm passes it on (pnpm demo -- --fresh)', async () => {
    const result = await cli('diagram', '--', 'probation', '--', '--labels', 'en');
    expect(result.code).toBe(0);
    expect(result.out).toContain('stateDiagram');
  });
});

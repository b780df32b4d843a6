// Entry point of the README's two commands (`npm run demo`, `npm test`): finds or fetches the pinned
// pnpm, installs the workspace from the lockfile, then runs the task. Needs only Node 20 and npm.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PNPM_VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).packageManager.split(
  '@',
)[1];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function pnpmCommand() {
  const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (local.status === 0 && local.stdout.trim() === PNPM_VERSION) return ['pnpm', []];
  return ['npx', ['--yes', `pnpm@${PNPM_VERSION}`]];
}

// better-sqlite3 builds from source where no prebuilt binary matches; node-gyp would download Node's
// headers, which offline machines cannot, so point it at the headers the system Node ships.
if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) process.env.npm_config_nodedir = '/usr';

const [pnpm, pnpmPrefix] = pnpmCommand();
const pnpmRun = (args, options) => run(pnpm, [...pnpmPrefix, ...args], options);

function install() {
  const status = pnpmRun(['install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}

function build() {
  const status = pnpmRun(['-r', '--filter', './packages/*', 'run', 'build']);
  if (status !== 0) process.exit(status);
}

const task = process.argv[2];
const rest = process.argv.slice(3);
install();
if (task === 'demo') {
  build();
  process.exit(run(process.execPath, ['packages/cli/dist/bin.js', 'demo', ...rest]));
} else if (task === 'check') {
  process.exit(
    run(process.execPath, ['scripts/check.mjs', ...rest], {
      env: { ...process.env, DANGWU_PNPM: JSON.stringify([pnpm, ...pnpmPrefix]) },
    }),
  );
} else {
  console.error('usage: node scripts/run.mjs demo|check');
  process.exit(2);
}

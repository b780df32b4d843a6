// publint --strict and attw --pack for every published package: what users install must resolve
// the same way for ESM, CJS and TypeScript's node16/bundler resolutions.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = readdirSync(`${root}packages`).filter((name) => {
  const manifest = JSON.parse(readFileSync(`${root}packages/${name}/package.json`, 'utf8'));
  return manifest.private !== true;
});

let failures = 0;
for (const name of packages) {
  const cwd = `${root}packages/${name}`;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'node16']],
  ]) {
    const result = spawnSync(`${root}node_modules/.bin/${tool}`, args, { cwd, encoding: 'utf8' });
    const ok = result.status === 0;
    console.log(`${ok ? '✔' : '✘'} ${tool} @dangwu/${name}`);
    if (!ok) {
      failures += 1;
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
    }
  }
}
process.exit(failures === 0 ? 0 : 1);

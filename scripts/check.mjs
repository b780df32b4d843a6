// The whole test suite and the package checks, in the order a failure is cheapest to read:
// build, type-check, lint, tests, package exports (publint, attw) and the API reference.
// Ends with the plain summary line `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pnpm = JSON.parse(process.env.DANGWU_PNPM ?? '["pnpm"]');
const reportFile = '.tmp/vitest-report.json';

function step(name, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${seconds}s)`);
  return ok;
}

mkdirSync(`${root}.tmp`, { recursive: true });
rmSync(`${root}${reportFile}`, { force: true });
const steps = [
  ['build', ['-r', '--filter', './packages/*', 'run', 'build']],
  ['typecheck', ['exec', 'tsc', '-b', 'tsconfig.json']],
  ['lint', ['exec', 'biome', 'check', '.']],
  ['tests', ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`]],
  ['package checks', ['exec', 'node', 'scripts/check-packages.mjs']],
  ['api docs', ['exec', 'typedoc']],
];
const failedSteps = steps.filter(([name, args]) => !step(name, args)).map(([name]) => name);

let passed = 0;
let failed = 0;
if (existsSync(`${root}${reportFile}`)) {
  const report = JSON.parse(readFileSync(`${root}${reportFile}`, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numTodoTests ?? 0) + (report.numPendingTests ?? 0);
}
// A failing step that is not the test run counts as one failure, so the summary can never read green.
const failedChecks = failedSteps.filter((name) => name !== 'tests').length;
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
if (passed === 0) console.log('\nNo test ran: treating the run as failed.');
console.log(`\n${passed} passed, ${failed + failedChecks + (passed === 0 ? 1 : 0)} failed`);
process.exit(failedSteps.length === 0 && failed === 0 && passed > 0 ? 0 : 1);

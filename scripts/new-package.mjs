// One-off scaffolder kept for the next package: writes package.json, tsconfig and tsup config.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const [name, description, depsJson = '{}', refsJson = '[]'] = process.argv.slice(2);
const dir = `packages/${name}`;
mkdirSync(`${dir}/src`, { recursive: true });
const entry = (sub) => ({
  '@dangwu/source': `./src/${sub}.ts`,
  import: { types: `./dist/${sub}.d.ts`, default: `./dist/${sub}.js` },
  require: { types: `./dist/${sub}.d.cts`, default: `./dist/${sub}.cjs` },
});
const pkg = {
  name: `@dangwu/${name}`,
  version: '0.1.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  engines: { node: '>=20' },
  repository: { type: 'git', url: 'git+https://example.invalid/dangwu.git', directory: dir },
  exports: { '.': entry('index'), './package.json': './package.json' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'src', '!src/**/*.test.ts', '!src/**/*.test-d.ts'],
  scripts: { build: 'tsup' },
  dependencies: JSON.parse(depsJson),
};
if (!existsSync(`${dir}/package.json`)) writeFileSync(`${dir}/package.json`, `${JSON.stringify(pkg, null, 2)}\n`);
const refs = JSON.parse(refsJson).map((r) => ({ path: `../${r}` }));
writeFileSync(
  `${dir}/tsconfig.json`,
  `${JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { rootDir: 'src', outDir: '.tsbuild', tsBuildInfoFile: '.tsbuild/tsconfig.tsbuildinfo' }, include: ['src'], references: refs }, null, 2)}\n`,
);
writeFileSync(
  `${dir}/tsup.config.ts`,
  `import { packageConfig } from '../../tsup.preset.ts';\n\nexport default packageConfig();\n`,
);
writeFileSync(
  `${dir}/typedoc.json`,
  `${JSON.stringify({ $schema: 'https://typedoc.org/schema.json', extends: ['../../typedoc.base.json'], entryPoints: ['src/index.ts'] }, null, 2)}\n`,
);

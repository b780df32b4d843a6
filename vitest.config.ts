import { readdirSync, existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Tests import the TypeScript sources through this condition, so no build is needed first.
const sourceCondition = ['@dangwu/source', 'import', 'module', 'node', 'default'];

const workspaceFolders = ['packages', 'examples'].flatMap((group) =>
  existsSync(group)
    ? readdirSync(group, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(`${group}/${entry.name}/package.json`))
        .map((entry) => `${group}/${entry.name}`)
    : [],
);

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition } },
  test: {
    projects: workspaceFolders.map((folder) => ({
      extends: true,
      test: {
        name: folder.replace(/^packages\//, '@dangwu/').replace(/^examples\//, 'example:'),
        root: folder,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'], tsconfig: 'tsconfig.json' },
      },
    })),
  },
});

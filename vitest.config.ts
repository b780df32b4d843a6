import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// vitest 5's reporters call Map.groupBy (Node 21+); on Node 20 a failing run would crash the
// reporter and hide the failure, so supply it here, in the process that runs the reporters.
if (typeof Map.groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const group = key(item, index++);
        const list = groups.get(group);
        if (list) list.push(item);
        else groups.set(group, [item]);
      }
      return groups;
    },
  });
}

// Tests import the TypeScript sources through this condition, so no build is needed first.
const sourceCondition = ['@dangwu/source'];

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
    // Property tests run hundreds of machine walks; on a 2-core machine under load they need more
    // than vitest's 5 s default. Speed is measured by the bench scripts, never by timeouts.
    testTimeout: 60_000,
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

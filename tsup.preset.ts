import { defineConfig, type Options } from 'tsup';

/** The one build every published package uses: ESM + CJS, declarations and source maps. */
export function packageConfig(entry: Record<string, string> = { index: 'src/index.ts' }, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    treeshake: true,
    ...extra,
  });
}

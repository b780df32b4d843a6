import { packageConfig } from '../../tsup.preset.ts';

export default packageConfig({ index: 'src/index.ts', sqlite: 'src/sqlite.ts', postgres: 'src/postgres.ts' });

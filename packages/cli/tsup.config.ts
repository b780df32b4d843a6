import { packageConfig } from '../../tsup.preset.ts';

export default packageConfig({ index: 'src/index.ts', bin: 'src/bin.ts' });

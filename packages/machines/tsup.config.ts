import { packageConfig } from '../../tsup.preset.ts';

export default packageConfig();

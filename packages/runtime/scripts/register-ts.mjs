// Lets plain `node` (20) run this workspace's TypeScript: `node --conditions=@dangwu/source --import
// ./scripts/register-ts.mjs file.ts`. Used by the bench and by the child processes of the crash and
// concurrency tests, which must be real OS processes (SIGKILL) and so cannot run inside vitest.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);

#!/usr/bin/env node
import { runCli } from './cli.js';
import { endOnClosedPipe } from './closed-pipe.js';

endOnClosedPipe(process.stdout, (code) => process.exit(code));

runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

export type { CliIo } from './cli.js';
export { runCli } from './cli.js';
export type { DemoOptions } from './commands/demo.js';
export { runDemo } from './commands/demo.js';
export type { DiagramOptions } from './commands/diagram.js';
export { diagram } from './commands/diagram.js';
export { findProcess, processRegistry } from './process-registry.js';

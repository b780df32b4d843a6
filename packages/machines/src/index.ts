export type { Role, Actor } from './core/actor.js';
export { roles, actorSchema } from './core/actor.js';
export type { CheckResult, Explanation } from './core/explanation.js';
export type { Deadline, ProcessDefinition } from './core/process-definition.js';

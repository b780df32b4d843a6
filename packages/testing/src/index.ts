// The public surface of @dangwu/testing.

export type { CoverageOptions, CoverageReport, EventFactory } from './coverage.js';
export { combineCoverage, coverage } from './coverage.js';
export { createScenario } from './create-scenario.js';
export type { IsoDateDuration } from './iso-duration.js';
export { addIsoDuration, parseIsoDuration } from './iso-duration.js';
export { ScenarioAssertionError } from './scenario-error.js';
export type { Scenario, ScenarioEvent, ScenarioMode, ScenarioOptions } from './scenario-types.js';
export { statePaths } from './state-paths.js';
export type { StoreConformanceOptions } from './store-conformance.js';
export { describeStoreConformance } from './store-conformance.js';

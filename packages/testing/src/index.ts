// The public surface of @dangwu/testing.

export type { StoreConformanceOptions } from './store-conformance.js';
export { describeStoreConformance } from './store-conformance.js';

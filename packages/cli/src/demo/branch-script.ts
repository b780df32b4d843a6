import type { LocalDate } from '@dangwu/rules';
import { script2025 } from './script-2025.js';
import { script2026 } from './script-2026.js';
import type { ScriptStep } from './script-steps.js';

export { demoActor, demoOrgs, type ScriptStep } from './script-steps.js';

/**
 * Two years of a branch under the national rules (2025-01 to 2026-12): member A, imported at the
 * branch vote, is admitted and converted; applicant B is developed with a late talk and two refused
 * attempts; applicant C withdraws; probationary member E transfers to another general branch and her
 * probation continues there; the branch holds its 组织生活会 each year. Steps are kept in date order.
 */
export const branchScript: readonly ScriptStep[] = [...script2025, ...script2026].sort((a, b) =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : 0,
);

/** The last day the demo simulates. */
export const demoEnd: LocalDate = '2026-12-31';

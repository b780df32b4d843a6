import type { HolidayYear } from '../calendar/holiday-calendar.js';
import { holidayYearSchema } from '../calendar/holiday-calendar.js';
import type { Bilingual } from '../errors/bilingual.js';
import { type Issue, RuleValidationError } from '../errors/dangwu-error.js';
import { issuesFromZod } from '../errors/zod-issues.js';
import { type RuleId, ruleCatalogue } from './rule-catalogue.js';
import type { RuleProfile, RuleSource, RuleVersion } from './rule-profile.js';
import { type RuleValues, ruleValuesSchema } from './schema/rule-values.js';

/** A deep partial of rule values: any subset of sections and fields; arrays are replaced whole. */
export type RuleOverrides<T = RuleValues> = {
  readonly [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object | null
      ? RuleOverrides<NonNullable<T[K]>> | (null extends T[K] ? null : never)
      : T[K];
};

/** A local profile derived from a base: new id, changed values, and optional calendar data. */
export interface LocalRulesDefinition {
  /** Id of the new profile, e.g. `county-x`. */
  readonly id: string;
  /** Name in both languages; defaults to the base name with the id. */
  readonly name?: Bilingual;
  /** The local document that sets the overrides, cited on every changed rule. */
  readonly citation: string;
  /** Overrides applied to every version of the base. */
  readonly values?: RuleOverrides;
  /** Overrides for one version only, by version id (applied after `values`). */
  readonly versions?: Readonly<Record<string, RuleOverrides>>;
  /** Holiday calendar years to add on top of the State Council data. */
  readonly calendarYears?: readonly HolidayYear[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    result[key] = key in base ? merge(base[key], value) : value;
  }
  return result;
}

function leafPaths(value: unknown, prefix: string): string[] {
  if (!isPlainObject(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, prefix ? `${prefix}.${key}` : key));
}

function overriddenRuleIds(patch: RuleOverrides | undefined): RuleId[] {
  if (!patch) return [];
  const paths = leafPaths(patch, '');
  return (Object.keys(ruleCatalogue) as RuleId[]).filter((id) => {
    const rulePath = ruleCatalogue[id].path;
    return (
      rulePath !== null &&
      paths.some((path) => path === rulePath || path.startsWith(`${rulePath}.`) || rulePath.startsWith(`${path}.`))
    );
  });
}

function deriveVersion(version: RuleVersion, definition: LocalRulesDefinition, issues: Issue[]): RuleVersion {
  const shared = merge(version.values, definition.values ?? {});
  const sharedParsed = ruleValuesSchema.safeParse(shared);
  if (!sharedParsed.success) {
    // A bad shared value is reported once under `values`, not again for each version.
    addIssues(issues, issuesFromZod(sharedParsed.error, 'values'));
    return version;
  }
  const versionPatch = definition.versions?.[version.id];
  const parsed = versionPatch ? ruleValuesSchema.safeParse(merge(shared, versionPatch)) : sharedParsed;
  if (!parsed.success) {
    addIssues(issues, issuesFromZod(parsed.error, `versions.${version.id}`));
    return version;
  }
  const changed = [...overriddenRuleIds(definition.values), ...overriddenRuleIds(versionPatch)];
  const sources: Partial<Record<RuleId, RuleSource>> = { ...version.sources };
  for (const id of changed) sources[id] = { citation: definition.citation, origin: 'override' };
  return { ...version, values: parsed.data, sources };
}

function addIssues(issues: Issue[], found: readonly Issue[]): void {
  for (const issue of found) {
    if (!issues.some((known) => known.path === issue.path && known.message.en === issue.message.en)) issues.push(issue);
  }
}

/**
 * Derives a local profile from `base` with deep, typed overrides, validated in full: unknown keys,
 * negative durations, a minimum above its maximum or a pass threshold below one half are rejected
 * with a {@link RuleValidationError} listing each path and reason in zh-CN and English.
 *
 * @example
 * const county = defineRules(national, {
 *   id: 'county-x',
 *   citation: 'X县委组织部〔2026〕3号',
 *   values: { development: { targetNotice: workingDays(7), activistMinTraining: years(2) } },
 * });
 */
export function defineRules(base: RuleProfile, definition: LocalRulesDefinition): RuleProfile {
  const issues: Issue[] = [];
  if (typeof definition.id !== 'string' || definition.id.trim() === '') {
    issues.push({ path: 'id', message: { zh: '规则配置必须有编号', en: 'A profile needs an id' } });
  }
  const knownVersionIds = new Set(base.versions.map((version) => version.id));
  for (const versionId of Object.keys(definition.versions ?? {})) {
    if (!knownVersionIds.has(versionId)) {
      issues.push({
        path: `versions.${versionId}`,
        message: { zh: `基础配置没有版本 ${versionId}`, en: `The base profile has no version ${versionId}` },
      });
    }
  }
  const calendarYears = definition.calendarYears ?? [];
  calendarYears.forEach((year, index) => {
    const parsed = holidayYearSchema.safeParse(year);
    if (!parsed.success) issues.push(...issuesFromZod(parsed.error, `calendarYears.${index}`));
  });
  const versions = base.versions.map((version) => deriveVersion(version, definition, issues));
  if (issues.length > 0) throw new RuleValidationError(issues);
  return {
    id: definition.id,
    name: definition.name ?? { zh: `${base.name.zh}（${definition.id}）`, en: `${base.name.en} (${definition.id})` },
    basedOn: base.id,
    versions,
    calendarYears: [...base.calendarYears, ...calendarYears],
  };
}

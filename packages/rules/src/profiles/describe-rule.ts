import type { LocalDate } from '../dates/local-date.js';
import type { Bilingual } from '../errors/bilingual.js';
import { type RuleId, ruleCatalogue } from './rule-catalogue.js';
import type { RuleOrigin, RuleProfile } from './rule-profile.js';
import { versionOn } from './version-on.js';

/** A rule as one profile applies it on one date: text, value, citation and origin. */
export interface RuleDescription {
  /** The rule id. */
  readonly id: RuleId;
  /** Statement of the rule. */
  readonly text: Bilingual;
  /** The version in force. */
  readonly versionId: string;
  /** The value in that version (undefined for rules without a value). */
  readonly value: unknown;
  /** The citation, or null when the profile gives none. */
  readonly citation: string | null;
  /** Where the value comes from, or null when the profile gives no citation. */
  readonly origin: RuleOrigin | null;
}

function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Describes rule `id` as `profile` applies it on `date`, so a refusal can say which rule refused and why. */
export function describeRule(profile: RuleProfile, id: RuleId, date: LocalDate): RuleDescription {
  const version = versionOn(profile, date);
  const entry = ruleCatalogue[id];
  const source = version.sources[id];
  return {
    id,
    text: entry.text,
    versionId: version.id,
    value: entry.path === null ? undefined : valueAt(version.values, entry.path),
    citation: source?.citation ?? null,
    origin: source?.origin ?? null,
  };
}

import type { HolidayYear } from '../calendar/holiday-calendar.js';
import type { LocalDate } from '../dates/local-date.js';
import type { RuleProfile } from './rule-profile.js';
import type { RuleValues } from './schema/rule-values.js';

/** The part of a profile one process needs, small enough to travel inside every snapshot. */
export interface ProfileProjection<K extends keyof RuleValues> {
  /** Profile id. */
  readonly id: string;
  /** Id of the base profile, for derived profiles. */
  readonly basedOn: string | null;
  /** Versions in which the projected sections differ from the previous one. */
  readonly versions: readonly {
    /** Version id. */
    readonly id: string;
    /** First day in force. */
    readonly effectiveFrom: LocalDate;
    /** The projected sections. */
    readonly values: Pick<RuleValues, K>;
  }[];
  /** Calendar years added by the host. */
  readonly calendarYears: readonly HolidayYear[];
}

/**
 * Keeps only `sections` of each version and drops versions that change none of them, so an
 * instance records exactly the rules it runs under (principle 2) without carrying the whole catalogue.
 */
export function projectProfile<K extends keyof RuleValues>(
  profile: RuleProfile,
  sections: readonly K[],
): ProfileProjection<K> {
  const versions: ProfileProjection<K>['versions'][number][] = [];
  let previous = '';
  for (const version of profile.versions) {
    const values = Object.fromEntries(sections.map((section) => [section, version.values[section]])) as Pick<
      RuleValues,
      K
    >;
    const serialised = JSON.stringify(values);
    if (serialised !== previous) versions.push({ id: version.id, effectiveFrom: version.effectiveFrom, values });
    previous = serialised;
  }
  return { id: profile.id, basedOn: profile.basedOn, versions, calendarYears: profile.calendarYears };
}

import type { HolidayYear } from '../calendar/holiday-calendar.js';
import type { LocalDate } from '../dates/local-date.js';
import type { Bilingual } from '../errors/bilingual.js';
import type { RuleId } from './rule-catalogue.js';
import type { RuleValues } from './schema/rule-values.js';

/**
 * Where a rule's value comes from in a profile:
 * - `document`: the source document states it;
 * - `national`: a national regulation states it;
 * - `inherited`: the document is silent, so the national value applies (catalogue §13.2);
 * - `practice`: no regulation fixes it; a common local practice is the default (⚠, configurable);
 * - `override`: a local organisation changed it with `defineRules`.
 */
export type RuleOrigin = 'document' | 'national' | 'inherited' | 'practice' | 'override';

/** The citation behind one rule in one profile version. */
export interface RuleSource {
  /** Regulation and article, or the document location (e.g. `P5/发展党员工作制度 2(2)`). */
  readonly citation: string;
  /** Where the value comes from. */
  readonly origin: RuleOrigin;
  /** A value the profile considered and rejected, and why (catalogue EC-41). */
  readonly rejected?: { readonly value: string; readonly reason: Bilingual };
}

/** One effective-dated version of a profile: the values in force from `effectiveFrom` until the next version. */
export interface RuleVersion {
  /** Version id, e.g. `NAT-2026`. */
  readonly id: string;
  /** What changed, in both languages. */
  readonly title: Bilingual;
  /** First day the version is in force (Asia/Shanghai). */
  readonly effectiveFrom: LocalDate;
  /** Every rule value. */
  readonly values: RuleValues;
  /** Citation of each rule. */
  readonly sources: Readonly<Partial<Record<RuleId, RuleSource>>>;
}

/** A named set of rule versions, e.g. the national rules or a county's local rules. */
export interface RuleProfile {
  /** Profile id, e.g. `national`, `document` or `county-x`. */
  readonly id: string;
  /** Name in both languages. */
  readonly name: Bilingual;
  /** Id of the profile this one was derived from with `defineRules`, if any. */
  readonly basedOn: string | null;
  /** Versions sorted by `effectiveFrom`. */
  readonly versions: readonly RuleVersion[];
  /** Holiday calendar years the host added on top of the State Council data (EC-22, EC-23). */
  readonly calendarYears: readonly HolidayYear[];
}

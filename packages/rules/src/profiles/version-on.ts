import type { LocalDate } from '../dates/local-date.js';
import { DangwuError } from '../errors/dangwu-error.js';

/** Anything with an id and an effective date: a full version or a projected one. */
export interface DatedVersion {
  /** Version id. */
  readonly id: string;
  /** First day in force. */
  readonly effectiveFrom: LocalDate;
}

/** A profile or a projection of one: an id and versions sorted by date. */
export interface VersionedProfile<V extends DatedVersion> {
  /** Profile id. */
  readonly id: string;
  /** Versions sorted by `effectiveFrom`. */
  readonly versions: readonly V[];
}

/**
 * The version of `profile` in force on `date`: the date of the step being checked, never today
 * (EC-43). A date before the first version has no rules dangwu knows and is refused.
 */
export function versionOn<V extends DatedVersion>(profile: VersionedProfile<V>, date: LocalDate): V {
  let found: V | undefined;
  for (const version of profile.versions) {
    if (version.effectiveFrom <= date) found = version;
  }
  if (!found) {
    const first = profile.versions[0]?.effectiveFrom ?? '?';
    throw new DangwuError(
      'UNKNOWN_VERSION',
      {
        zh: `规则配置"${profile.id}"在 ${date} 尚无生效版本（最早 ${first}）`,
        en: `Profile "${profile.id}" has no version in force on ${date} (earliest ${first})`,
      },
      [{ path: 'occurredOn', message: { zh: `${date} 早于 ${first}`, en: `${date} is before ${first}` } }],
    );
  }
  return found;
}

/** Looks a version up by id, or throws a typed error naming the unknown id. */
export function versionById<V extends DatedVersion>(profile: VersionedProfile<V>, versionId: string): V {
  const version = profile.versions.find((candidate) => candidate.id === versionId);
  if (!version) {
    throw new DangwuError('UNKNOWN_VERSION', {
      zh: `规则配置"${profile.id}"没有版本 ${versionId}`,
      en: `Profile "${profile.id}" has no version ${versionId}`,
    });
  }
  return version;
}

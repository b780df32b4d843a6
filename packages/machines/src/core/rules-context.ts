import {
  calendarFor,
  type DurationOptions,
  type LocalDate,
  type ProfileProjection,
  type RuleValues,
  versionOn,
} from '@dangwu/rules';

/** The rule values a step is checked under: those of the version in force on the step's date (EC-43). */
export interface RulesInForce<K extends keyof RuleValues> {
  /** Version id, recorded with the step. */
  readonly versionId: string;
  /** The projected values. */
  readonly values: Pick<RuleValues, K>;
  /** Calendar and 29 February policy for date arithmetic. */
  readonly dates: DurationOptions;
}

/** Picks the version in force on `date` from the projection an instance carries. */
export function rulesOn<K extends keyof RuleValues | 'common'>(
  projection: ProfileProjection<K | 'common'>,
  date: LocalDate,
): RulesInForce<K | 'common'> {
  const version = versionOn(projection, date);
  return {
    versionId: version.id,
    values: version.values,
    dates: { calendar: calendarFor(projection.calendarYears), leapDayPolicy: version.values.common.leapDayPolicy },
  };
}

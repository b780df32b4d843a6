import { months } from '../dates/duration.js';
import { national2014Sources, national2020SourceChanges, national2026SourceChanges } from './national-sources.js';
import { national2014Values, national2026DevelopmentChanges } from './national-values.js';
import type { RuleProfile, RuleVersion } from './rule-profile.js';
import type { RuleValues } from './schema/rule-values.js';

const nat2018Values: RuleValues = {
  ...national2014Values,
  meetings: { ...national2014Values.meetings, themeDay: { per: 'month', atLeast: 1 } },
};

const nat2020Values: RuleValues = {
  ...nat2018Values,
  common: { ...nat2018Values.common, dueVoters: { excludeSuspended: true, approvedExclusions: [] } },
  elections: { ...nat2018Values.elections, winBase: 'due' },
};

const nat2026Values: RuleValues = {
  ...nat2020Values,
  development: { ...nat2020Values.development, ...national2026DevelopmentChanges },
  probation: { ...nat2020Values.probation, transferPostponeMax: months(6) },
};

const versions: readonly RuleVersion[] = [
  {
    id: 'NAT-2014',
    title: { zh: '发展党员工作细则(2014)', en: 'Development rules 2014' },
    effectiveFrom: '2014-05-28',
    values: national2014Values,
    sources: national2014Sources,
  },
  {
    id: 'NAT-2018',
    title: { zh: '中国共产党支部工作条例(试行)(2018)', en: 'Branch work regulations 2018' },
    effectiveFrom: '2018-10-28',
    values: nat2018Values,
    sources: {
      ...national2014Sources,
      'MTG-THEME-DAY': { citation: '中国共产党支部工作条例(试行) 第十六条 (🧠 条号)', origin: 'national' },
    },
  },
  {
    id: 'NAT-2020',
    title: { zh: '基层组织选举工作条例(2020)', en: 'Grassroots election regulations 2020' },
    effectiveFrom: '2020-07-13',
    values: nat2020Values,
    sources: {
      ...national2014Sources,
      'MTG-THEME-DAY': { citation: '中国共产党支部工作条例(试行) 第十六条 (🧠 条号)', origin: 'national' },
      ...national2020SourceChanges,
    },
  },
  {
    id: 'NAT-2026',
    title: { zh: '发展党员工作细则(2026修订)', en: 'Development rules, 2026 revision' },
    effectiveFrom: '2026-05-11',
    values: nat2026Values,
    sources: {
      ...national2014Sources,
      'MTG-THEME-DAY': { citation: '中国共产党支部工作条例(试行) 第十六条 (🧠 条号)', origin: 'national' },
      ...national2020SourceChanges,
      ...national2026SourceChanges,
    },
  },
];

/**
 * The national rules: 党章, the 2014 and 2026 发展党员工作细则, the 2018 支部工作条例, the 2020
 * election rules and the 2008 dues rules, as effective-dated versions. Use `versionOn(national, date)`
 * with the date of the step being checked (EC-43).
 */
export const national: RuleProfile = {
  id: 'national',
  name: { zh: '全国党内法规', en: 'National party rules' },
  basedOn: null,
  versions,
  calendarYears: [],
};

import { defineRules, national, workingDays, years } from '@dangwu/rules';

// #region county-rules
/** County X's development rules: the national rules with a longer notice and a longer cultivation. */
export const countyRules = defineRules(national, {
  id: 'county-x',
  citation: 'X县委组织部〔2026〕3号',
  values: {
    development: {
      // DEV-TARGET-NOTICE-DAYS: the notice before 发展对象 runs 7 working days instead of 5.
      targetNotice: workingDays(7),
      // DEV-ACTIVIST-MIN-TRAINING: two years as an activist instead of one.
      activistMinTraining: years(2),
    },
  },
});
// #endregion county-rules

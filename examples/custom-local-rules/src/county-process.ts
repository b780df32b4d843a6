import { memberDevelopmentMachine, memberDevelopmentProcess, type ProcessDefinition } from '@dangwu/machines';

// #region county-guard
// The guard the machine ships: every check of the profile (role, chronology, DEV-ACTIVIST-MIN-TRAINING).
const { mayProposeTarget: profileChecks } = memberDevelopmentMachine.implementations.guards;

/** County X's rule, which data cannot express: two half-yearly assessments on record before 发展对象. */
export const countyDevelopmentMachine = memberDevelopmentMachine.provide({
  guards: {
    mayProposeTarget: (args, params) => profileChecks?.(args, params) === true && args.context.assessments.length >= 2,
  },
});

/** The development process with the county's guard; `explainDevelopment` reports it as LOCAL-RULE. */
export const countyDevelopmentProcess: ProcessDefinition<typeof countyDevelopmentMachine> = {
  ...memberDevelopmentProcess,
  version: `${memberDevelopmentProcess.version}+county-x`,
  machine: countyDevelopmentMachine,
};
// #endregion county-guard

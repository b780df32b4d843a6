import { memberDevelopmentProcess, type Role } from '@dangwu/machines';
import { national } from '@dangwu/rules';
import type { AnyMachineSnapshot } from 'xstate';
import { firstSnapshot } from '../../src/engine/machine-step.js';
import { actor } from './world.js';

/** An actor of branch-1 holding `role`, as the member-development events name them. */
export const by = (role: Role) => actor('branch-1', [role], `u-${role}`);

/** The first snapshot of a member-development case applied for on 2025-03-03, national profile. */
export const openedDevelopmentCase = (): AnyMachineSnapshot =>
  firstSnapshot(memberDevelopmentProcess.machine, {
    caseId: 'c-1',
    personId: 'p-1',
    orgId: 'branch-1',
    birthDate: '2003-09-01',
    appliedOn: '2025-03-03',
    actor: by('branch-secretary'),
    profile: national,
  });

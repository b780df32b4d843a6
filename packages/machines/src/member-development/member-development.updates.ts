import { evaluateVote, type LocalDate, projectProfile } from '@dangwu/rules';
import { produce } from 'immer';
import { refreshDeadlines, stepRecorder, withTransfer } from '../core/case-ledger.js';
import { emptyLedger } from '../core/case-records.js';
import { rulesOn } from '../core/rules-context.js';
import { type DevelopmentCheckInput, latestStepDate, toDevelopmentInput } from './member-development.checks.js';
import type { DevelopmentContext } from './member-development.context.js';
import { developmentDeadlines } from './member-development.deadlines.js';
import { reviewDevelopmentCase } from './member-development.review.js';
import type { DevelopmentEvent, DevelopmentInput, DevelopmentStep } from './member-development.schema.js';
import { developmentInputSchema } from './member-development.schema.js';
import { type DevelopmentStepName, developmentStepSpecs } from './member-development.steps.js';

/** The initial context from validated input: the profile is projected and the application recorded. */
export function initialDevelopmentContext(raw: DevelopmentInput): DevelopmentContext {
  const input = developmentInputSchema.parse(raw);
  const rules = projectProfile(input.profile, ['common', 'development']);
  const appliedVersion = rulesOn(rules, input.appliedOn).versionId;
  const steps: DevelopmentContext['steps'] = {
    applied: { on: input.appliedOn, versionId: appliedVersion, actorId: input.actor.id },
  };
  for (const [step, on] of Object.entries(input.import?.steps ?? {})) {
    if (on) {
      steps[step as DevelopmentStep] = { on, versionId: rulesOn(rules, on).versionId, actorId: input.actor.id };
    }
  }
  const context: DevelopmentContext = {
    ...emptyLedger(),
    caseId: input.caseId,
    personId: input.personId,
    orgId: input.orgId,
    birthDate: input.birthDate,
    rules,
    steps,
    imported: input.import ? { at: input.import.at, on: latestOf(steps) ?? input.appliedOn } : null,
    contacts: [],
    introducers: [],
    training: null,
    reports: [],
    assessments: [],
    votes: [],
    investigation: null,
    outcome: null,
  };
  return { ...context, deadlines: developmentDeadlines(context) };
}

function latestOf(steps: DevelopmentContext['steps']): LocalDate | null {
  return latestStepDate({ steps } as DevelopmentContext);
}

/** Recomputes the pending deadlines of a development case (see {@link refreshDeadlines}). */
const refresh = (context: DevelopmentContext, on: LocalDate): DevelopmentContext =>
  refreshDeadlines(context, developmentDeadlines(context), on);

/** Records a step (see {@link stepRecorder}). */
export const recordStep = stepRecorder<
  DevelopmentStep,
  DevelopmentContext,
  DevelopmentEvent,
  DevelopmentCheckInput,
  DevelopmentStepName
>({
  specs: developmentStepSpecs,
  toInput: toDevelopmentInput,
  applyPayload,
  deadlines: developmentDeadlines,
});

/**
 * Applies the payload of an event to the case data (contacts, introducers, training, votes, reports…).
 * Built by hand rather than through immer: it runs at every step, and `refreshDeadlines`, which every
 * step ends with, freezes what it makes. An event without a payload leaves the case as it is.
 */
export function applyPayload(context: DevelopmentContext, event: DevelopmentEvent): DevelopmentContext {
  switch (event.type) {
    case 'ASSIGN_CONTACTS':
      return { ...context, contacts: event.contacts };
    case 'REPLACE_CONTACT':
      return {
        ...context,
        contacts: [...context.contacts.filter((contact) => contact.id !== event.replacedId), event.contact],
      };
    case 'RECORD_REPORT':
      return { ...context, reports: [...context.reports, event.occurredOn] };
    case 'RECORD_ASSESSMENT':
      return { ...context, assessments: [...context.assessments, event.occurredOn] };
    case 'SET_INTRODUCERS':
      return { ...context, introducers: event.introducers };
    case 'RECORD_TRAINING':
      return { ...context, training: { days: event.days, hours: event.hours } };
    case 'HOLD_VOTE': {
      const rules = rulesOn(context.rules, event.occurredOn);
      const outcome = evaluateVote(event.votes, event.method, event.candidates, rules.values.development.vote);
      const vote = {
        on: event.occurredOn,
        count: event.votes,
        method: event.method,
        passed: outcome.passed,
        versionId: rules.versionId,
      };
      return { ...context, votes: [...context.votes, vote] };
    }
    case 'CLOSE_NOTICE':
      if (event.objections === 0) return context;
      return {
        ...context,
        investigation: { notice: context.steps.vote ? 'post-vote' : 'target', objections: event.objections },
      };
    case 'CONCLUDE_INVESTIGATION':
      return context.investigation === null ? context : { ...context, investigation: null };
    case 'RETURN':
      return {
        ...context,
        returns: [...context.returns, { from: JSON.stringify(event.type), on: event.occurredOn, reason: event.reason }],
      };
    case 'WAIVE':
      return {
        ...context,
        waivers: [
          ...context.waivers,
          {
            id: `waiver-${context.waivers.length + 1}`,
            ruleId: event.ruleId,
            on: event.occurredOn,
            approvedBy: event.actor.id,
            reason: event.reason,
          },
        ],
      };
    case 'TRANSFER':
      return withTransfer(context, event);
    default:
      return context;
  }
}

/** Records how the case ended. */
export function closeCase(
  context: DevelopmentContext,
  event: DevelopmentEvent,
  kind: 'admitted' | 'withdrawn' | 'terminated' | 'not-approved',
): DevelopmentContext {
  const reason = 'reason' in event ? event.reason : kind === 'terminated' ? event.type : null;
  return refresh({ ...context, outcome: { kind, on: event.occurredOn, reason } }, event.occurredOn);
}

/**
 * Applies a correction: the step's date changes, the correction is recorded with old and new values,
 * every recorded step is re-checked, and steps that no longer hold are flagged, never silently undone.
 */
export function applyCorrection(context: DevelopmentContext, event: DevelopmentEvent): DevelopmentContext {
  if (event.type !== 'CORRECT') return context;
  const previous = context.steps[event.step];
  if (!previous) return context;
  const corrected = produce(context, (draft) => {
    draft.steps[event.step] = { ...previous, on: event.on, versionId: rulesOn(context.rules, event.on).versionId };
    draft.corrections.push({
      step: event.step,
      field: 'on',
      oldValue: JSON.stringify(previous.on),
      newValue: JSON.stringify(event.on),
      reason: event.reason,
      on: event.occurredOn,
    });
  });
  const flags = reviewDevelopmentCase(corrected);
  return refresh(
    produce(corrected, (draft) => {
      for (const flag of flags) {
        if (!draft.flags.some((known) => known.ruleId === flag.ruleId && known.step === flag.step)) {
          draft.flags.push({ ...flag, raisedOn: event.occurredOn });
        }
      }
    }),
    event.occurredOn,
  );
}

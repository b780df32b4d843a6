import { evaluateVote, type LocalDate, projectProfile } from '@dangwu/rules';
import { produce } from 'immer';
import { emptyLedger } from '../core/case-records.js';
import { rulesOn } from '../core/rules-context.js';
import { runStep, warningFailures } from '../core/step-spec.js';
import { latestStepDate, toDevelopmentInput } from './member-development.checks.js';
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

/**
 * Records a step: its date, the rule version in force, the actor, and any warnings from the
 * step's checks; then recomputes deadlines and moves resolved overdue entries to `late`.
 */
export function recordStep(
  context: DevelopmentContext,
  event: DevelopmentEvent,
  step: DevelopmentStep | null,
  guard: DevelopmentStepName,
): DevelopmentContext {
  const input = toDevelopmentInput(context, event);
  const warnings = input ? warningFailures(runStep(developmentStepSpecs[guard], input)) : [];
  const recorded = produce(context, (draft) => {
    if (step) {
      draft.steps[step] = {
        on: event.occurredOn,
        versionId: rulesOn(context.rules, event.occurredOn).versionId,
        actorId: event.actor.id,
      };
    }
    for (const warning of warnings) {
      draft.warnings.push({
        eventType: event.type,
        ruleId: warning.ruleId,
        on: event.occurredOn,
        message: warning.message,
      });
    }
  });
  return refreshDeadlines(recorded, event.occurredOn);
}

/** Recomputes pending deadlines; overdue entries whose deadline is gone were met late on `on`. */
export function refreshDeadlines(context: DevelopmentContext, on: LocalDate): DevelopmentContext {
  const deadlines = developmentDeadlines(context);
  const pending = new Set(deadlines.map((deadline) => deadline.id));
  return produce(context, (draft) => {
    draft.deadlines = deadlines;
    const resolved = draft.overdue.filter((entry) => !pending.has(entry.deadlineId));
    draft.overdue = draft.overdue.filter((entry) => pending.has(entry.deadlineId));
    for (const entry of resolved) draft.late.push({ ...entry, doneOn: on });
  });
}

/** Applies the payload of an event to the case data (contacts, introducers, training, votes, reports…). */
export function applyPayload(context: DevelopmentContext, event: DevelopmentEvent): DevelopmentContext {
  return produce(context, (draft) => {
    switch (event.type) {
      case 'ASSIGN_CONTACTS':
        draft.contacts = event.contacts;
        break;
      case 'REPLACE_CONTACT':
        draft.contacts = [...draft.contacts.filter((contact) => contact.id !== event.replacedId), event.contact];
        break;
      case 'RECORD_REPORT':
        draft.reports.push(event.occurredOn);
        break;
      case 'RECORD_ASSESSMENT':
        draft.assessments.push(event.occurredOn);
        break;
      case 'SET_INTRODUCERS':
        draft.introducers = event.introducers;
        break;
      case 'RECORD_TRAINING':
        draft.training = { days: event.days, hours: event.hours };
        break;
      case 'HOLD_VOTE': {
        const rules = rulesOn(context.rules, event.occurredOn);
        const outcome = evaluateVote(event.votes, event.method, event.candidates, rules.values.development.vote);
        draft.votes.push({
          on: event.occurredOn,
          count: event.votes,
          method: event.method,
          passed: outcome.passed,
          versionId: rules.versionId,
        });
        break;
      }
      case 'CLOSE_NOTICE':
        if (event.objections > 0) {
          draft.investigation = { notice: context.steps.vote ? 'post-vote' : 'target', objections: event.objections };
        }
        break;
      case 'CONCLUDE_INVESTIGATION':
        draft.investigation = null;
        break;
      case 'RETURN':
        draft.returns.push({ from: JSON.stringify(event.type), on: event.occurredOn, reason: event.reason });
        break;
      case 'WAIVE':
        draft.waivers.push({
          id: `waiver-${draft.waivers.length + 1}`,
          ruleId: event.ruleId,
          on: event.occurredOn,
          approvedBy: event.actor.id,
          reason: event.reason,
        });
        break;
      case 'TRANSFER':
        draft.transfers.push({ fromOrgId: draft.orgId, toOrgId: event.toOrgId, on: event.occurredOn });
        draft.orgId = event.toOrgId;
        break;
      default:
        break;
    }
  });
}

/** Records how the case ended. */
export function closeCase(
  context: DevelopmentContext,
  event: DevelopmentEvent,
  kind: 'admitted' | 'withdrawn' | 'terminated' | 'not-approved',
): DevelopmentContext {
  const reason = 'reason' in event ? event.reason : kind === 'terminated' ? event.type : null;
  return refreshDeadlines({ ...context, outcome: { kind, on: event.occurredOn, reason } }, event.occurredOn);
}

/** Marks the deadline named by a DEADLINE_REACHED event as overdue (it never blocks the case). */
export function markOverdue(context: DevelopmentContext, event: DevelopmentEvent): DevelopmentContext {
  if (event.type !== 'DEADLINE_REACHED') return context;
  const deadline = context.deadlines.find((candidate) => candidate.id === event.deadlineId);
  if (!deadline || context.overdue.some((entry) => entry.deadlineId === deadline.id)) return context;
  return produce(context, (draft) => {
    draft.overdue.push({ deadlineId: deadline.id, ruleId: deadline.ruleId, due: deadline.due, text: deadline.text });
  });
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
  return refreshDeadlines(
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

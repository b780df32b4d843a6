import { addDuration, type Bilingual, evaluateVote, type LocalDate, projectProfile } from '@dangwu/rules';
import { produce } from 'immer';
import { refreshDeadlines, stepRecorder, withTransfer } from '../core/case-ledger.js';
import { emptyLedger } from '../core/case-records.js';
import { rulesOn } from '../core/rules-context.js';
import {
  conversionApplicationLead,
  type ProbationCheckInput,
  probationEndFrom,
  probationVoteRuleIds,
  toProbationInput,
} from './probation.checks.js';
import type { ProbationContext, ProbationOutcome } from './probation.context.js';
import { probationDeadlines } from './probation.deadlines.js';
import {
  type ProbationEvent,
  type ProbationInput,
  type ProbationStep,
  probationInputSchema,
  probationSteps,
} from './probation.schema.js';
import { type ProbationStepName, probationStepSpecs } from './probation.steps.js';

/** The initial context from validated input: the profile is projected, the start recorded and the end computed (EC-24). */
export function initialProbationContext(raw: ProbationInput): ProbationContext {
  const input = probationInputSchema.parse(raw);
  const rules = projectProfile(input.profile, ['common', 'probation']);
  const steps: ProbationContext['steps'] = {
    started: {
      on: input.probationStart,
      versionId: rulesOn(rules, input.probationStart).versionId,
      actorId: input.actor.id,
    },
  };
  let importedOn = input.probationStart;
  for (const [step, on] of Object.entries(input.import?.steps ?? {})) {
    if (on && step !== 'started') {
      steps[step as ProbationStep] = { on, versionId: rulesOn(rules, on).versionId, actorId: input.actor.id };
      if (on > importedOn) importedOn = on;
    }
  }
  const context: ProbationContext = {
    ...emptyLedger(),
    caseId: input.caseId,
    personId: input.personId,
    orgId: input.orgId,
    rules,
    probationStart: input.probationStart,
    endsOn: probationEndFrom(rules, input.probationStart, []),
    steps,
    rounds: [],
    imported: input.import ? { at: input.import.at, on: importedOn } : null,
    reports: [],
    noticeObjections: 0,
    votes: [],
    pending: null,
    extensions: [],
    outcome: null,
  };
  return { ...context, deadlines: probationDeadlines(context) };
}

/** Recomputes the pending deadlines of a probation case (see {@link refreshDeadlines}). */
const refresh = (context: ProbationContext, on: LocalDate): ProbationContext =>
  refreshDeadlines(context, probationDeadlines(context), on);

/** Records a step (see {@link stepRecorder}). */
export const recordStep = stepRecorder<
  ProbationStep,
  ProbationContext,
  ProbationEvent,
  ProbationCheckInput,
  ProbationStepName
>({
  specs: probationStepSpecs,
  toInput: toProbationInput,
  applyPayload,
  deadlines: probationDeadlines,
});

/**
 * Applies the payload of an event to the case data (reports, notice objections, votes, transfers). Built
 * by hand rather than through immer, like member development's: it runs at every step, and
 * `refreshDeadlines`, which every step ends with, freezes what it makes.
 */
export function applyPayload(context: ProbationContext, event: ProbationEvent): ProbationContext {
  switch (event.type) {
    case 'RECORD_REPORT':
      return { ...context, reports: [...context.reports, event.occurredOn] };
    case 'CLOSE_NOTICE':
      return context.noticeObjections === event.objections
        ? context
        : { ...context, noticeObjections: event.objections };
    case 'HOLD_VOTE': {
      const rules = rulesOn(context.rules, event.occurredOn);
      const outcome = evaluateVote(
        event.votes,
        event.method,
        event.candidates,
        rules.values.probation.vote,
        probationVoteRuleIds,
      );
      const vote = {
        on: event.occurredOn,
        count: event.votes,
        method: event.method,
        decision: event.decision,
        extensionMonths: event.extensionMonths ?? null,
        reason: event.reason ?? null,
        passed: outcome.passed,
        versionId: rules.versionId,
      };
      return { ...context, votes: [...context.votes, vote], ...(outcome.passed ? { pending: vote } : {}) };
    }
    case 'TRANSFER':
      return withTransfer(context, event);
    default:
      return context;
  }
}

/**
 * PROB-EXTENSION: the approved extension moves the end date (old end + months) and closes the
 * round; the member is back in probation and the conversion procedure starts again.
 */
export function applyExtension(context: ProbationContext, event: ProbationEvent): ProbationContext {
  const amount = context.pending?.extensionMonths;
  if (event.type !== 'APPROVE_EXTENSION' || amount === null || amount === undefined) return context;
  const toEnd = probationEndFrom(context.rules, context.probationStart, [
    ...context.extensions.map((extension) => extension.months),
    amount,
  ]);
  const extended = produce(context, (draft) => {
    draft.rounds.push({ steps: draft.steps, endsOn: draft.endsOn });
    draft.extensions.push({ months: amount, fromEnd: draft.endsOn, toEnd, approvedOn: event.occurredOn });
    draft.steps = draft.steps.started ? { started: draft.steps.started } : {};
    draft.endsOn = toEnd;
    draft.pending = null;
    draft.noticeObjections = 0;
  });
  return refresh(extended, event.occurredOn);
}

/** Records how the case ended. */
export function closeCase(
  context: ProbationContext,
  event: ProbationEvent,
  kind: ProbationOutcome['kind'],
): ProbationContext {
  const reason = kind === 'cancelled' ? (context.pending?.reason ?? null) : null;
  return refresh({ ...context, outcome: { kind, on: event.occurredOn, reason } }, event.occurredOn);
}

/** A recorded step of the current round that does not satisfy a rule given the other recorded dates. */
export interface ProbationFinding {
  /** The rule. */
  readonly ruleId: string;
  /** The step concerned. */
  readonly step: ProbationStep;
  /** What was found. */
  readonly message: Bilingual;
}

/**
 * Re-checks the recorded dates of the current round against their order and the time rules
 * (application from one month before the end, the vote not before the end): used after a correction.
 */
export function reviewProbationCase(context: ProbationContext): ProbationFinding[] {
  const findings: ProbationFinding[] = [];
  let previous: { step: ProbationStep; on: LocalDate } | null = null;
  for (const step of probationSteps) {
    const record = context.steps[step];
    if (!record) continue;
    if (previous && record.on < previous.on) {
      findings.push({
        ruleId: 'CASE-CHRONOLOGY',
        step,
        message: {
          zh: `${step}（${record.on}）早于前一步骤 ${previous.step}（${previous.on}）`,
          en: `${step} (${record.on}) is before the previous step ${previous.step} (${previous.on})`,
        },
      });
    }
    previous = { step, on: record.on };
  }
  const applied = context.steps.conversionApplied?.on;
  if (applied) {
    const earliest = addDuration(
      context.endsOn,
      { ...conversionApplicationLead, amount: -conversionApplicationLead.amount },
      rulesOn(context.rules, context.endsOn).dates,
    ).date;
    if (applied < earliest) {
      findings.push({
        ruleId: 'PROB-DISCUSS-TIMING',
        step: 'conversionApplied',
        message: {
          zh: `转正申请（${applied}）早于预备期满前一个月（${earliest}）`,
          en: `The conversion application (${applied}) is earlier than one month before the end (${earliest})`,
        },
      });
    }
  }
  const vote = context.steps.vote?.on;
  if (vote && vote < context.endsOn && context.pending?.decision !== 'cancel') {
    findings.push({
      ruleId: 'PROB-DISCUSS-TIMING',
      step: 'vote',
      message: {
        zh: `支部大会（${vote}）早于预备期满之日 ${context.endsOn}`,
        en: `The branch vote (${vote}) is before the end of probation (${context.endsOn})`,
      },
    });
  }
  return findings;
}

/**
 * Applies a correction: the step's date changes (a corrected start moves the end date, EC-24), the
 * correction is recorded with old and new values, the round is re-checked, and steps that no longer
 * hold are flagged, never silently undone.
 */
export function applyCorrection(context: ProbationContext, event: ProbationEvent): ProbationContext {
  if (event.type !== 'CORRECT') return context;
  const previous = context.steps[event.step];
  if (!previous) return context;
  const corrected = produce(context, (draft) => {
    draft.steps[event.step] = { ...previous, on: event.on, versionId: rulesOn(context.rules, event.on).versionId };
    if (event.step === 'started') {
      draft.probationStart = event.on;
      draft.endsOn = probationEndFrom(
        context.rules,
        event.on,
        context.extensions.map((extension) => extension.months),
      );
    }
    if (event.step === 'vote' && draft.pending) draft.pending.on = event.on;
    draft.corrections.push({
      step: event.step,
      field: 'on',
      oldValue: JSON.stringify(previous.on),
      newValue: JSON.stringify(event.on),
      reason: event.reason,
      on: event.occurredOn,
    });
  });
  const flags = reviewProbationCase(corrected);
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

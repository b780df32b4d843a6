import {
  addDuration,
  type CalendarDuration,
  describeDuration,
  evaluateVote,
  type LocalDate,
  maxDate,
  months,
  periodElapsedOn,
  type VoteRuleIds,
} from '@dangwu/rules';
import { chronologyCheck, deadlineDueCheck, fail, pass, payload } from '../core/check-helpers.js';
import { type CaseCheckInput, checkInputBuilder } from '../core/check-input.js';
import { rulesOn } from '../core/rules-context.js';
import type { Check, CheckOutcome } from '../core/step-spec.js';
import type { ProbationContext } from './probation.context.js';
import { type ProbationEvent, probationEventSchema } from './probation.schema.js';

/** What every probation check reads: the case, the event and the rules in force on the event's date. */
export type ProbationCheckInput = CaseCheckInput<ProbationContext, ProbationEvent, 'common' | 'probation'>;

/**
 * Builds the check input, or null for a payload that does not parse (guards then refuse); an event
 * dated before the profile's first version gets a `rulesInForce` refusal.
 */
export const toProbationInput = checkInputBuilder(probationEventSchema, (context: ProbationContext) => context.rules);

/** The rule ids a conversion vote is checked under: all of them are PROB-VOTE-RULES. */
export const probationVoteRuleIds: VoteRuleIds = {
  quorum: 'PROB-VOTE-RULES',
  pass: 'PROB-VOTE-RULES',
  method: 'PROB-VOTE-RULES',
  oneByOne: 'PROB-VOTE-RULES',
};

/** How long before the probation end the member may hand in the conversion application. */
export const conversionApplicationLead: CalendarDuration = months(1);

type ProbCheck = Check<ProbationCheckInput>;

/** A calendar duration in whole months, or null for units that are not months or years. */
export function durationInMonths(duration: CalendarDuration): number | null {
  if (duration.unit === 'months') return duration.amount;
  if (duration.unit === 'years') return duration.amount * 12;
  return null;
}

/**
 * PROB-LENGTH, PROB-EXTENSION: the probation end from its start, the probation year and the
 * extensions granted, each added with the 29 February policy in force (EC-24).
 */
export function probationEndFrom(
  rules: ProbationContext['rules'],
  start: LocalDate,
  extensionMonths: readonly number[],
): LocalDate {
  const atStart = rulesOn(rules, start);
  let end = addDuration(start, atStart.values.probation.length, atStart.dates).date;
  for (const amount of extensionMonths) {
    end = addDuration(end, months(amount), rulesOn(rules, end).dates).date;
  }
  return end;
}

/** The latest date recorded on the case (every round, reports included); a new step cannot be dated before it. */
export function latestProbationDate(context: Pick<ProbationContext, 'steps' | 'rounds' | 'reports'>): LocalDate | null {
  let latest: LocalDate | null = null;
  const consider = (date: LocalDate) => {
    if (latest === null || date > latest) latest = date;
  };
  for (const steps of [context.steps, ...context.rounds.map((round) => round.steps)]) {
    for (const record of Object.values(steps)) if (record) consider(record.on);
  }
  for (const report of context.reports) consider(report);
  return latest;
}

/** CASE-CHRONOLOGY: a step is not dated before the steps already recorded. */
export const chronology: ProbCheck = chronologyCheck(({ context }) => latestProbationDate(context));

/** PROB-DISCUSS-TIMING: the conversion application comes when probation is about to end (from one month before). */
export const applicationTiming: ProbCheck = {
  name: 'applicationTiming',
  ruleId: 'PROB-DISCUSS-TIMING',
  severity: 'block',
  evaluate: (input) => {
    const apply = payload(input, 'APPLY_FOR_CONVERSION');
    if (!apply) return null;
    const earliest = addDuration(
      input.context.endsOn,
      { ...conversionApplicationLead, amount: -conversionApplicationLead.amount },
      input.rules.dates,
    ).date;
    return apply.occurredOn >= earliest
      ? pass(
          `预备期将于 ${input.context.endsOn} 期满，可以提出转正申请`,
          `Probation ends on ${input.context.endsOn}; the application may be made`,
        )
      : fail(
          `预备期 ${input.context.endsOn} 期满，转正申请最早于期满前一个月（${earliest}）提出`,
          `Probation ends on ${input.context.endsOn}; the application can be made from one month before (${earliest})`,
          earliest,
        );
  },
};

/** PROB-REPORT-FREQ: under a profile with regular reports, a gap longer than the period only warns. */
export const reportsUpToDate: ProbCheck = {
  name: 'reportsUpToDate',
  ruleId: 'PROB-REPORT-FREQ',
  severity: 'warn',
  evaluate: (input) => {
    if (input.event.type !== 'APPLY_FOR_CONVERSION') return null;
    const every = input.rules.values.probation.reportEvery;
    if (!every) return null;
    const last = input.context.reports.reduce(maxDate, input.context.steps.started?.on ?? input.context.probationStart);
    const due = addDuration(last, every, input.rules.dates).date;
    const text = describeDuration(every);
    return input.event.occurredOn <= due
      ? pass(`已按每${text.zh}汇报思想`, `Reports kept every ${text.en}`)
      : fail(
          `最近一次思想汇报（或预备期开始）为 ${last}，已超过${text.zh}（应在 ${due} 前）`,
          `The last report (or the start) was ${last}, more than ${text.en} ago (due by ${due})`,
        );
  },
};

/** PROB-CONVERSION-NOTICE: the notice before the vote has run its full length. */
export const noticeElapsed: ProbCheck = {
  name: 'noticeElapsed',
  ruleId: 'PROB-CONVERSION-NOTICE',
  severity: 'block',
  evaluate: (input) => {
    const close = payload(input, 'CLOSE_NOTICE');
    if (!close) return null;
    const reviewed = input.context.steps.committeeReviewed?.on;
    if (reviewed && close.postedOn < reviewed) {
      return fail(
        `公示不能早于支委会审查日 ${reviewed}`,
        `The notice cannot be posted before the committee review (${reviewed})`,
      );
    }
    const atPosting = rulesOn(input.context.rules, close.postedOn);
    const length = atPosting.values.probation.conversionNotice;
    if (!length) return null;
    const elapsed = periodElapsedOn(close.postedOn, length, atPosting.dates);
    const text = describeDuration(length);
    return close.occurredOn >= elapsed.date
      ? pass(`公示期${text.zh}已满`, `The ${text.en} notice has run`)
      : fail(
          `公示期${text.zh}未满（${close.postedOn} 起），最早 ${elapsed.date}`,
          `The ${text.en} notice posted ${close.postedOn} has not run; earliest ${elapsed.date}`,
          elapsed.date,
        );
  },
};

/** PROB-CONVERSION-NOTICE: objections raised in the notice go to the branch assembly; recorded as a warning. */
export const noticeWithoutObjections: ProbCheck = {
  name: 'noticeWithoutObjections',
  ruleId: 'PROB-CONVERSION-NOTICE',
  severity: 'warn',
  evaluate: (input) => {
    const close = payload(input, 'CLOSE_NOTICE');
    if (!close) return null;
    return close.objections === 0
      ? pass('公示期间无异议', 'No objection during the notice')
      : fail(
          `公示期间收到 ${close.objections} 条意见，须在支部大会讨论时说明`,
          `${close.objections} objection(s) raised during the notice; the branch assembly must address them`,
        );
  },
};

/** PROB-VOTE-RULES: the vote could lawfully be held (quorum, secret ballot nationally, one by one; EC-12, EC-16, EC-17). */
export const voteLawful: ProbCheck = {
  name: 'voteLawful',
  ruleId: 'PROB-VOTE-RULES',
  severity: 'block',
  evaluate: (input) => {
    const vote = payload(input, 'HOLD_VOTE');
    if (!vote) return null;
    const outcome = evaluateVote(
      vote.votes,
      vote.method,
      vote.candidates,
      input.rules.values.probation.vote,
      probationVoteRuleIds,
    );
    const first = outcome.invalid[0];
    return first
      ? { ok: false, message: first.message }
      : pass('会议有效，可以表决', 'The meeting could lawfully vote');
  },
};

/** Whether the vote in the event passed under the rules in force (EC-13: exactly half does not pass); a routing condition. */
export function votePassed(input: ProbationCheckInput): boolean {
  const vote = payload(input, 'HOLD_VOTE');
  if (!vote) return false;
  return evaluateVote(vote.votes, vote.method, vote.candidates, input.rules.values.probation.vote, probationVoteRuleIds)
    .passed;
}

/** PROB-DISCUSS-TIMING: conversion or extension is discussed when probation has ended, not before (earliest: the end date). */
export const discussTiming: ProbCheck = {
  name: 'discussTiming',
  ruleId: 'PROB-DISCUSS-TIMING',
  severity: 'block',
  evaluate: (input) => {
    const vote = payload(input, 'HOLD_VOTE');
    if (!vote || vote.decision === 'cancel') return null;
    const end = input.context.endsOn;
    return vote.occurredOn >= end
      ? pass(`预备期已于 ${end} 期满`, `Probation ended on ${end}`)
      : fail(
          `预备期 ${end} 才期满，期满前不能讨论转正或延长预备期`,
          `Probation ends on ${end}; conversion or extension cannot be discussed before then`,
          end,
        );
  },
};

function extensionFinding(input: ProbationCheckInput, amount: number | null): CheckOutcome {
  const { min, max, maxCount } = input.rules.values.probation.extension;
  const used = input.context.extensions.length;
  if (used >= maxCount) {
    return fail(
      `预备期只能延长${maxCount}次，已延长${used}次`,
      `Probation can be extended ${maxCount === 1 ? 'only once' : `${maxCount} times`}; already extended ${used} time(s)`,
    );
  }
  if (amount === null) return pass('可以延长预备期', 'An extension is possible');
  const lower = durationInMonths(min);
  const upper = durationInMonths(max);
  const minText = describeDuration(min);
  const maxText = describeDuration(max);
  if ((lower !== null && amount < lower) || (upper !== null && amount > upper)) {
    return fail(
      `延长预备期不能少于${minText.zh}、最长不超过${maxText.zh}，决议为${amount}个月`,
      `An extension must be at least ${minText.en} and at most ${maxText.en}; ${amount} months resolved`,
    );
  }
  return pass(`延长${amount}个月，符合规定`, `An extension of ${amount} months is within the rule`);
}

/** PROB-EXTENSION: once only, at least six months and at most one year (EC-26). */
export const extensionAllowed: ProbCheck = {
  name: 'extensionAllowed',
  ruleId: 'PROB-EXTENSION',
  severity: 'block',
  evaluate: (input) => {
    const vote = payload(input, 'HOLD_VOTE');
    if (vote) return vote.decision === 'extend' ? extensionFinding(input, vote.extensionMonths ?? null) : null;
    if (input.event.type === 'APPROVE_EXTENSION')
      return extensionFinding(input, input.context.pending?.extensionMonths ?? null);
    return null;
  },
};

/** PROB-OUTCOMES: a cancellation states its reason (EC-28). */
export const reasonGiven: ProbCheck = {
  name: 'reasonGiven',
  ruleId: 'PROB-OUTCOMES',
  severity: 'block',
  evaluate: (input) => {
    const vote = payload(input, 'HOLD_VOTE');
    if (vote?.decision !== 'cancel') return null;
    return vote.reason
      ? pass('已说明取消预备党员资格的理由', 'The reason for cancellation is stated')
      : fail('取消预备党员资格须说明理由', 'A cancellation must state its reason');
  },
};

/** PROB-OUTCOMES: before the conversion procedure only a cancellation for serious breach of discipline can be voted (EC-28). */
export const disciplineOnly: ProbCheck = {
  name: 'disciplineOnly',
  ruleId: 'PROB-OUTCOMES',
  severity: 'block',
  evaluate: (input) => {
    const vote = payload(input, 'HOLD_VOTE');
    if (!vote) return null;
    return vote.decision === 'cancel'
      ? pass(
          '预备期内因严重违纪讨论取消预备党员资格',
          'Cancellation for a serious breach of discipline during probation',
        )
      : fail(
          '预备期内只能因严重违纪讨论取消资格；转正或延长须先提出转正申请、征求意见并经支委会审查',
          'During probation only a cancellation for serious misconduct can be voted; conversion or extension needs the application, opinions and the committee review first',
        );
  },
};

const decisionText = { convert: '按期转正', extend: '延长预备期', cancel: '取消预备党员资格' } as const;

function resolutionIs(decision: 'convert' | 'extend' | 'cancel', eventType: string): ProbCheck {
  return {
    name: 'resolutionMatches',
    ruleId: 'PROB-OUTCOMES',
    severity: 'block',
    evaluate: (input) => {
      if (input.event.type !== eventType) return null;
      const pending = input.context.pending;
      if (!pending) return fail('没有待审批的支部大会决议', 'No branch resolution awaits approval');
      return pending.decision === decision
        ? pass(`审批支部大会${decisionText[decision]}的决议`, `Approves the branch resolution to ${decision}`)
        : fail(
            `支部大会的决议是${decisionText[pending.decision]}，不是${decisionText[decision]}`,
            `The branch resolved to ${pending.decision}, not to ${decision}`,
          );
    },
  };
}

/** PROB-OUTCOMES: APPROVE_CONVERSION approves a resolution to convert. */
export const resolutionIsConvert = resolutionIs('convert', 'APPROVE_CONVERSION');

/** PROB-OUTCOMES: APPROVE_EXTENSION approves a resolution to extend. */
export const resolutionIsExtend = resolutionIs('extend', 'APPROVE_EXTENSION');

/** PROB-OUTCOMES: APPROVE_CANCELLATION approves a resolution to cancel. */
export const resolutionIsCancel = resolutionIs('cancel', 'APPROVE_CANCELLATION');

/** PROB-APPROVAL-DEADLINE: approval within three months of the vote; later only warns (EC-20, EC-27), never blocks. */
export const approvalOnTime: ProbCheck = {
  name: 'approvalOnTime',
  ruleId: 'PROB-APPROVAL-DEADLINE',
  severity: 'warn',
  evaluate: (input) => {
    const pending = input.context.pending;
    if (!pending || !input.event.type.startsWith('APPROVE_')) return null;
    const atVote = rulesOn(input.context.rules, pending.on);
    const within = atVote.values.probation.approvalWithin;
    const due = addDuration(pending.on, within, atVote.dates).date;
    const text = describeDuration(within);
    return input.event.occurredOn <= due
      ? pass(`在支部大会通过后${text.zh}内审批`, `Approved within ${text.en} of the branch resolution`)
      : fail(
          `支部大会 ${pending.on} 通过，应在 ${due} 前审批，已逾期（党龄仍从预备期满之日算起）`,
          `The branch resolved on ${pending.on}; approval was due by ${due} and is late (party age still runs from the end of probation)`,
        );
  },
};

/** The deadline named by DEADLINE_REACHED is pending and its day has passed. */
export const deadlineDue: ProbCheck = deadlineDueCheck();

/** A correction names a step already on record in the current round. */
export const correctionTargetsRecordedStep: ProbCheck = {
  name: 'correctionTargetsRecordedStep',
  ruleId: 'CASE-CORRECTION',
  severity: 'block',
  evaluate: (input) => {
    const correct = payload(input, 'CORRECT');
    if (!correct) return null;
    return input.context.steps[correct.step]
      ? pass('更正已记录的步骤', 'Corrects a recorded step')
      : fail(`步骤 ${correct.step} 尚未记录，无从更正`, `Step ${correct.step} is not on record`);
  },
};

import {
  addDuration,
  admissionVoteRuleIds,
  type Bilingual,
  describeDuration,
  evaluateVote,
  type LocalDate,
  minimumPeriodMetOn,
  periodElapsedOn,
} from '@dangwu/rules';
import { chronologyCheck, deadlineDueCheck, enforcementCheck, fail, pass, payload } from '../core/check-helpers.js';
import { type CaseCheckInput, checkInputBuilder } from '../core/check-input.js';
import { rulesOn } from '../core/rules-context.js';
import type { Check } from '../core/step-spec.js';
import type { DevelopmentContext } from './member-development.context.js';
import { type DevelopmentEvent, developmentEventSchema } from './member-development.schema.js';

/** What every development check reads: the case, the event and the rules in force on the event's date. */
export type DevelopmentCheckInput = CaseCheckInput<DevelopmentContext, DevelopmentEvent, 'common' | 'development'>;

/**
 * Builds the check input, or null for a payload that does not parse (guards then refuse); an event
 * dated before the profile's first version gets a `rulesInForce` refusal.
 */
export const toDevelopmentInput = checkInputBuilder(
  developmentEventSchema,
  (context: DevelopmentContext) => context.rules,
);

type DevCheck = Check<DevelopmentCheckInput>;

/** The latest date recorded on the case; a new step cannot be dated before it. */
export function latestStepDate(context: DevelopmentContext): LocalDate | null {
  let latest: LocalDate | null = null;
  for (const record of Object.values(context.steps)) {
    if (record && (latest === null || record.on > latest)) latest = record.on;
  }
  return latest;
}

/** CASE-CHRONOLOGY: a step is not dated before the steps already recorded. */
export const chronology: DevCheck = chronologyCheck(({ context }) => latestStepDate(context));

/** DEV-APPLY-TALK-DEADLINE: where the profile has the talk, the activist decision follows it. */
export const talkHeldFirst: DevCheck = {
  name: 'talkHeldFirst',
  ruleId: 'DEV-APPLY-TALK-DEADLINE',
  severity: 'block',
  evaluate: ({ context }) => {
    const appliedOn = context.steps.applied?.on;
    if (!appliedOn) return null;
    const required = rulesOn(context.rules, appliedOn).values.development.applyTalkWithin !== null;
    if (!required) return null;
    return context.steps.talked
      ? pass('已派人谈话', 'The talk has been held')
      : fail('须先由党组织派人与申请人谈话', 'The organisation must first talk with the applicant');
  },
};

/** DEV-APPLY-TALK-DEADLINE: the talk is a step only where the profile has it (the document has none). */
export const talkStepExists: DevCheck = {
  name: 'talkStepExists',
  ruleId: 'DEV-APPLY-TALK-DEADLINE',
  severity: 'block',
  evaluate: ({ context }) => {
    const appliedOn = context.steps.applied?.on;
    if (!appliedOn) return null;
    return rulesOn(context.rules, appliedOn).values.development.applyTalkWithin !== null
      ? pass('本规则有谈话环节', 'The profile has the talk step')
      : fail('本规则没有申请后谈话环节', 'The profile has no talk after the application');
  },
};

/** DEV-APPLY-TO-ACTIVIST-MIN: observation of the applicant before activist (document: 一年以上, EC-03). */
export const applicationObserved: DevCheck = {
  name: 'applicationObserved',
  ruleId: 'DEV-APPLY-TO-ACTIVIST-MIN',
  severity: 'block',
  evaluate: ({ context, event, rules }) => {
    const minimum = rules.values.development.applyToActivistMin;
    const appliedOn = context.steps.applied?.on;
    if (!minimum || !appliedOn) return null;
    const metOn = minimumPeriodMetOn(appliedOn, minimum, rules.dates).date;
    const length = describeDuration(minimum);
    return event.occurredOn >= metOn
      ? pass(`申请后已考察${length.zh}以上`, `Observed for at least ${length.en} since applying`)
      : fail(
          `申请后考察期未满${length.zh}，最早 ${metOn}`,
          `Observation since the application is shorter than ${length.en}; earliest ${metOn}`,
          metOn,
        );
  },
};

/** DEV-CONTACT-COUNT: one or two distinct full members (EC-06). */
export const contactsValid: DevCheck = {
  name: 'contactsValid',
  ruleId: 'DEV-CONTACT-COUNT',
  severity: 'block',
  evaluate: (input) => {
    const assign = payload(input, 'ASSIGN_CONTACTS');
    const replace = payload(input, 'REPLACE_CONTACT');
    const contacts = assign
      ? assign.contacts
      : replace
        ? [...input.context.contacts.filter((contact) => contact.id !== replace.replacedId), replace.contact]
        : null;
    if (!contacts) return null;
    if (replace && !input.context.contacts.some((contact) => contact.id === replace.replacedId)) {
      return fail('被替换的培养联系人不存在', 'The contact being replaced is not on record');
    }
    const { min, max } = input.rules.values.development.contactCount;
    if (new Set(contacts.map((contact) => contact.id)).size !== contacts.length) {
      return fail('培养联系人不能重复', 'A contact is listed twice');
    }
    if (contacts.length < min || contacts.length > max) {
      return fail(
        `培养联系人应为${min}至${max}名，实为${contacts.length}名`,
        `${min} to ${max} contacts needed, got ${contacts.length}`,
      );
    }
    if (contacts.some((contact) => !contact.fullMember)) {
      return fail(
        '培养联系人必须是正式党员，预备党员不能担任',
        'Contacts must be full members; a probationary member cannot serve',
      );
    }
    return pass(`${contacts.length}名正式党员作培养联系人`, `${contacts.length} full member(s) as contacts`);
  },
};

/** DEV-ACTIVIST-MIN-TRAINING: one year or more as an activist, anchored on the committee decision (EC-04). */
export const activistPeriodMet: DevCheck = {
  name: 'activistPeriodMet',
  ruleId: 'DEV-ACTIVIST-MIN-TRAINING',
  severity: 'block',
  evaluate: ({ context, event, rules }) => {
    const activistOn = context.steps.activist?.on;
    if (!activistOn) return null;
    const minimum = rules.values.development.activistMinTraining;
    const metOn = minimumPeriodMetOn(activistOn, minimum, rules.dates).date;
    const length = describeDuration(minimum);
    return event.occurredOn >= metOn
      ? pass(`培养考察已满${length.zh}（自 ${activistOn}）`, `Cultivated for ${length.en} since ${activistOn}`)
      : fail(
          `培养考察期未满${length.zh}（自 ${activistOn}），最早 ${metOn}`,
          `Cultivation since ${activistOn} is shorter than ${length.en}; earliest ${metOn}`,
          metOn,
        );
  },
};

function noticeCheck(kind: 'target' | 'post-vote'): DevCheck {
  const ruleId = kind === 'target' ? 'DEV-TARGET-NOTICE-DAYS' : 'DEV-POSTVOTE-NOTICE';
  return {
    name: kind === 'target' ? 'targetNoticeElapsed' : 'postVoteNoticeElapsed',
    ruleId,
    severity: 'block',
    evaluate: (input) => {
      const close = payload(input, 'CLOSE_NOTICE');
      if (!close) return null;
      const anchorStep = kind === 'target' ? 'targetApproved' : 'vote';
      const anchor = input.context.steps[anchorStep];
      if (anchor && close.postedOn < anchor.on) {
        return fail(`公示不能早于 ${anchor.on}`, `The notice cannot be posted before ${anchor.on}`);
      }
      const rulesAtPosting = rulesOn(input.context.rules, close.postedOn);
      const length =
        kind === 'target'
          ? rulesAtPosting.values.development.targetNotice
          : rulesAtPosting.values.development.postVoteNotice;
      if (!length) return null;
      const elapsed = periodElapsedOn(close.postedOn, length, rulesAtPosting.dates);
      const text = describeDuration(length);
      return close.occurredOn >= elapsed.date
        ? pass(`公示期${text.zh}已满`, `The ${text.en} notice has run`)
        : fail(
            `公示期${text.zh}未满（${close.postedOn} 起），最早 ${elapsed.date}${elapsed.provisional ? '（节假日安排未公布，暂按法定节日计算）' : ''}`,
            `The ${text.en} notice posted ${close.postedOn} has not run; earliest ${elapsed.date}${elapsed.provisional ? ' (provisional calendar)' : ''}`,
            elapsed.date,
          );
    },
  };
}

/** DEV-TARGET-NOTICE-DAYS: the notice before 发展对象 has run its working days (2026, EC-22). */
export const targetNoticeElapsed = noticeCheck('target');

/** DEV-POSTVOTE-NOTICE: the document's 3-day notice after the vote has run. */
export const postVoteNoticeElapsed = noticeCheck('post-vote');

/** DEV-INTRODUCER-COUNT: two distinct introducers (EC-07). */
export const introducerCount: DevCheck = {
  name: 'introducerCount',
  ruleId: 'DEV-INTRODUCER-COUNT',
  severity: 'block',
  evaluate: (input) => {
    const set = payload(input, 'SET_INTRODUCERS');
    if (!set) return null;
    const needed = input.rules.values.development.introducerCount;
    const distinct = new Set(set.introducers.map((introducer) => introducer.id)).size;
    if (distinct !== set.introducers.length)
      return fail('入党介绍人不能是同一人两次', 'The same person cannot introduce twice');
    return distinct === needed
      ? pass(`${needed}名入党介绍人`, `${needed} introducers`)
      : fail(`须有${needed}名入党介绍人，实为${distinct}名`, `${needed} introducers needed, got ${distinct}`);
  },
};

/** DEV-INTRODUCER-ELIGIBILITY: full members not under 留党察看 (EC-07: block). */
export const introducersEligible: DevCheck = {
  name: 'introducersEligible',
  ruleId: 'DEV-INTRODUCER-ELIGIBILITY',
  severity: 'block',
  evaluate: (input) => {
    const set = payload(input, 'SET_INTRODUCERS');
    if (!set) return null;
    if (set.introducers.some((introducer) => !introducer.fullMember)) {
      return fail('预备党员不能作入党介绍人', 'A probationary member cannot be an introducer');
    }
    if (set.introducers.some((introducer) => introducer.underPartyProbation)) {
      return fail(
        '留党察看期间的党员不能作入党介绍人',
        'A member under probation within the party cannot be an introducer',
      );
    }
    return pass('入党介绍人均为正式党员', 'Both introducers are full members');
  },
};

/** The outcome of a soft introducer rule: null when the event names no introducers. */
const offence =
  (offends: (input: DevelopmentCheckInput) => boolean | null, text: { zh: string; en: string }) =>
  (input: DevelopmentCheckInput) => {
    const offending = offends(input);
    if (offending === null) return null;
    return offending ? fail(text.zh, text.en) : pass('符合要求', 'Meets the rule');
  };

const underPenalty = (input: DevelopmentCheckInput) =>
  payload(input, 'SET_INTRODUCERS')?.introducers.some((introducer) => introducer.underPenalty) ?? null;
const selfInvited = (input: DevelopmentCheckInput) =>
  payload(input, 'SET_INTRODUCERS')?.introducers.some((introducer) => introducer.selfInvited) ?? null;
const penaltyText = {
  zh: '受警告、严重警告或撤销党内职务处分期间的党员不宜作入党介绍人',
  en: 'A member under a warning or removal-from-post penalty should not introduce',
};
const selfInvitedText = {
  zh: '全国规定入党介绍人由培养联系人担任或党组织指定，未列自己约请',
  en: 'National rules have introducers be the contacts or named by the organisation, not self-invited',
};

/** The "不宜" introducer rule and the self-invitation rule, each as block or warn per the profile (EC-07, EC-08). */
export const introducerSoftRules: readonly DevCheck[] = [
  enforcementCheck<DevelopmentCheckInput>({
    name: 'introducerUnderPenalty',
    ruleId: 'DEV-INTRODUCER-ELIGIBILITY',
    severity: 'warn',
    setting: (input) => input.rules.values.development.introducerUnderPenalty,
    evaluate: offence(underPenalty, penaltyText),
  }),
  enforcementCheck<DevelopmentCheckInput>({
    name: 'introducerUnderPenaltyRejected',
    ruleId: 'DEV-INTRODUCER-ELIGIBILITY',
    severity: 'block',
    setting: (input) => input.rules.values.development.introducerUnderPenalty,
    evaluate: offence(underPenalty, penaltyText),
  }),
  enforcementCheck<DevelopmentCheckInput>({
    name: 'selfInvitedIntroducer',
    ruleId: 'DEV-INTRODUCER-SOURCE',
    severity: 'warn',
    setting: (input) => input.rules.values.development.selfInvitedIntroducer,
    evaluate: offence(selfInvited, selfInvitedText),
  }),
  enforcementCheck<DevelopmentCheckInput>({
    name: 'selfInvitedIntroducerRejected',
    ruleId: 'DEV-INTRODUCER-SOURCE',
    severity: 'block',
    setting: (input) => input.rules.values.development.selfInvitedIntroducer,
    evaluate: offence(selfInvited, selfInvitedText),
  }),
];

/** DEV-TRAINING-MIN: `days ≥ D OR hours ≥ H` (EC-09); waivable only where the profile allows 特殊情况. */
export const trainingSufficient: DevCheck = {
  name: 'trainingSufficient',
  ruleId: 'DEV-TRAINING-MIN',
  severity: 'block',
  waivable: true,
  evaluate: (input) => {
    const training = payload(input, 'RECORD_TRAINING');
    if (!training) return null;
    const { minDays, minHours, waivable } = input.rules.values.development.training;
    if (training.days >= minDays || training.hours >= minHours) {
      return pass(
        `培训 ${training.days} 天 / ${training.hours} 学时，达到要求`,
        `Training of ${training.days} days / ${training.hours} hours meets the rule`,
      );
    }
    const waived = waivable ? '' : '（本规则不允许特殊情况例外）';
    return fail(
      `培训 ${training.days} 天 / ${training.hours} 学时，未达到不少于${minDays}天或${minHours}学时${waived}`,
      `Training of ${training.days} days / ${training.hours} hours is below ${minDays} days or ${minHours} hours${waivable ? '' : ' (no exception allowed)'}`,
    );
  },
};

/** DEV-TRAINING-MIN: more days than the document's typical 5~7 only warns. */
export const trainingTypicalLength: DevCheck = {
  name: 'trainingTypicalLength',
  ruleId: 'DEV-TRAINING-MIN',
  severity: 'warn',
  evaluate: (input) => {
    const training = payload(input, 'RECORD_TRAINING');
    const max = input.rules.values.development.training.typicalMaxDays;
    if (!training || max === null) return null;
    return training.days <= max
      ? pass('培训天数在通常范围内', 'Training length is within the usual range')
      : fail(
          `培训一般为${max}天以内，记录为${training.days}天`,
          `Training is usually at most ${max} days; ${training.days} recorded`,
        );
  },
};

function voteRule(name: string, rule: keyof typeof admissionVoteRuleIds, lawful: Bilingual): DevCheck {
  const ruleId = admissionVoteRuleIds[rule];
  return {
    name,
    ruleId,
    severity: 'block',
    evaluate: (input) => {
      const vote = payload(input, 'HOLD_VOTE');
      if (!vote) return null;
      const outcome = evaluateVote(vote.votes, vote.method, vote.candidates, input.rules.values.development.vote);
      const finding = outcome.invalid.find((candidate) => candidate.ruleId === ruleId);
      return finding ? { ok: false, message: finding.message } : pass(lawful.zh, lawful.en);
    },
  };
}

/** DEV-VOTE-QUORUM: more than half of those due are present; written opinions do not count (EC-12). */
export const voteQuorum = voteRule('voteQuorum', 'quorum', { zh: '到会人数符合要求', en: 'Enough voters are present' });

/** DEV-VOTE-METHOD: a method the profile accepts (national: secret ballot only, EC-17). */
export const voteMethod = voteRule('voteMethod', 'method', {
  zh: '表决方式符合要求',
  en: 'The voting method is allowed',
});

/** DEV-VOTE-ONE-BY-ONE: one person per vote (EC-16). */
export const voteOneByOne = voteRule('voteOneByOne', 'oneByOne', { zh: '逐个表决', en: 'One person per vote' });

/** The checks that make a branch vote lawful, each under its own rule id. */
export const voteLawful: readonly DevCheck[] = [voteQuorum, voteMethod, voteOneByOne];

/** Whether the vote in the event passed under the rules in force (EC-13, EC-14); a routing condition. */
export function votePassed(input: DevelopmentCheckInput): boolean {
  const vote = payload(input, 'HOLD_VOTE');
  if (!vote) return false;
  return evaluateVote(vote.votes, vote.method, vote.candidates, input.rules.values.development.vote).passed;
}

/** DEV-APPROVAL-BODY: only a 党委 approves (EC-19). */
export const approvingBodyAllowed: DevCheck = {
  name: 'approvingBodyAllowed',
  ruleId: 'DEV-APPROVAL-BODY',
  severity: 'block',
  evaluate: (input) => {
    const event = payload(input, 'APPROVE') ?? payload(input, 'REJECT_ADMISSION');
    if (!event) return null;
    return input.rules.values.development.approvalBodies.includes(event.approvingOrgKind)
      ? pass('审批机关有审批权', 'The approving body may approve admission')
      : fail(
          '党总支、乡镇(街道)所属基层党委、临时党组织和党组无权审批预备党员，须由党委集体讨论表决',
          'A general branch, a committee under a township or street, a temporary organisation or a leading group cannot approve; a party committee must',
        );
  },
};

/** DEV-LEAVING-SOON: leaving the unit within 3 months warns (EC-11). */
export const notLeavingSoon: DevCheck = {
  name: 'notLeavingSoon',
  ruleId: 'DEV-LEAVING-SOON',
  severity: 'warn',
  evaluate: (input) => {
    const approve = payload(input, 'APPROVE');
    const window = input.rules.values.development.leavingSoonWithin;
    if (!approve?.expectedDepartureOn || !window) return null;
    const limit = addDuration(approve.occurredOn, window, input.rules.dates).date;
    return approve.expectedDepartureOn > limit
      ? pass('近期不离开本单位', 'Not leaving the unit soon')
      : fail(
          `预计 ${approve.expectedDepartureOn} 离开本单位，三个月内离开的一般不办理接收`,
          `Expected to leave on ${approve.expectedDepartureOn}; admission is generally not processed within three months of leaving`,
        );
  },
};

function waiverRule(ruleId: 'DEV-TRAINING-MIN' | 'DEV-APPROVAL-DEADLINE'): DevCheck {
  return {
    name: ruleId === 'DEV-TRAINING-MIN' ? 'trainingWaiverProvided' : 'approvalWaiverProvided',
    ruleId,
    severity: 'block',
    evaluate: (input) => {
      const waive = payload(input, 'WAIVE');
      if (waive?.ruleId !== ruleId) return null;
      const development = input.rules.values.development;
      const provided =
        ruleId === 'DEV-TRAINING-MIN' ? development.training.waivable : development.approvalExtendedMax !== null;
      return provided
        ? pass('规则允许特殊情况处理', 'The rules allow an exception here')
        : fail(`本规则未规定 ${ruleId} 的特殊情况例外`, `The profile has no exception clause for ${ruleId}`);
    },
  };
}

/** Waivers are granted only where the profile provides the 特殊情况 clause, cited under the waived rule. */
export const waiverProvided: readonly DevCheck[] = [
  waiverRule('DEV-TRAINING-MIN'),
  waiverRule('DEV-APPROVAL-DEADLINE'),
];

/** The deadline named by DEADLINE_REACHED is pending, not yet marked overdue, and its day has passed. */
export const deadlineDue: DevCheck = deadlineDueCheck();

/** A correction names a step already on record. */
export const correctionTargetsRecordedStep: DevCheck = {
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

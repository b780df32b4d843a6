import type { Bilingual } from '../errors/bilingual.js';
import { describeRatio, meetsRatio, minimumCount } from './ratio.js';
import type { VoteCount } from './vote-count.js';
import type { VoteMethod, VoteRules } from './vote-rules.js';

/** One finding about a vote, with the rule that produced it. */
export interface VoteFinding {
  /** Catalogue rule id, e.g. `DEV-VOTE-QUORUM`. */
  readonly ruleId: string;
  /** What was found, in both languages. */
  readonly message: Bilingual;
}

/** The rule ids a vote is checked under: admission (DEV-VOTE-*) or conversion (PROB-VOTE-RULES). */
export interface VoteRuleIds {
  /** Rule id of the quorum rule. */
  readonly quorum: string;
  /** Rule id of the pass rule. */
  readonly pass: string;
  /** Rule id of the method rule. */
  readonly method: string;
  /** Rule id of the one-by-one rule. */
  readonly oneByOne: string;
}

/** Admission vote rule ids. */
export const admissionVoteRuleIds: VoteRuleIds = {
  quorum: 'DEV-VOTE-QUORUM',
  pass: 'DEV-VOTE-PASS',
  method: 'DEV-VOTE-METHOD',
  oneByOne: 'DEV-VOTE-ONE-BY-ONE',
};

/**
 * The result of a vote. `invalid` findings mean the vote could not legally take place (no quorum,
 * a method the profile forbids, several people at once): the event is refused. `passed` false with
 * no invalid findings is a lawful vote that did not pass (EC-13), an outcome, not an error.
 */
export interface VoteOutcome {
  /** Reasons the vote itself is invalid (empty when it could lawfully be held). */
  readonly invalid: readonly VoteFinding[];
  /** Whether the motion passed. */
  readonly passed: boolean;
  /** Votes in favour counted toward the pass rule (meeting votes plus counted written opinions). */
  readonly inFavour: number;
  /** The denominator used for the pass rule. */
  readonly base: number;
  /** Votes in favour that were needed. */
  readonly needed: number;
  /** Why it passed or did not, in both languages. */
  readonly summary: Bilingual;
}

/**
 * Applies quorum, method, one-by-one and pass rules to a recorded vote in integer arithmetic
 * (EC-12 … EC-17). Written opinions never count toward attendance (EC-12, "实际到会").
 */
export function evaluateVote(
  count: VoteCount,
  method: VoteMethod,
  candidates: number,
  rules: VoteRules,
  ids: VoteRuleIds = admissionVoteRuleIds,
): VoteOutcome {
  const invalid: VoteFinding[] = [];
  if (!meetsRatio(count.present, count.due, rules.quorum)) {
    const quorumText = describeRatio(rules.quorum);
    invalid.push({
      ruleId: ids.quorum,
      message: {
        zh: `到会 ${count.present} 人，未达到应到 ${count.due} 人的${quorumText.zh}（至少 ${minimumCount(count.due, rules.quorum)} 人），会议不能表决`,
        en: `${count.present} present is not ${quorumText.en} of ${count.due} due (at least ${minimumCount(count.due, rules.quorum)} needed); the meeting cannot vote`,
      },
    });
  }
  if (!rules.methods.includes(method)) {
    invalid.push({
      ruleId: ids.method,
      message:
        method === 'show-of-hands'
          ? {
              zh: '本规则要求无记名投票，举手表决无效',
              en: 'This profile requires a secret ballot; a show of hands is invalid',
            }
          : { zh: '本规则不接受该表决方式', en: 'This profile does not accept that voting method' },
    });
  }
  if (rules.oneByOne && candidates !== 1) {
    invalid.push({
      ruleId: ids.oneByOne,
      message: {
        zh: `两人以上必须逐个讨论、表决，本次表决对象为 ${candidates} 人`,
        en: `Each person must be discussed and voted on separately; this vote covered ${candidates}`,
      },
    });
  }
  const inFavour = count.for + (rules.writtenOpinionsCount ? count.writtenFor : 0);
  const base = rules.passBase === 'due' ? count.due : count.present;
  const needed = minimumCount(base, rules.pass);
  const passed = invalid.length === 0 && meetsRatio(inFavour, base, rules.pass);
  const passText = describeRatio(rules.pass);
  const baseText = rules.passBase === 'due' ? { zh: '应到会', en: 'due to attend' } : { zh: '实到会', en: 'present' };
  const summary =
    invalid.length > 0
      ? {
          zh: `会议不能有效表决：${invalid.map((finding) => finding.message.zh).join('；')}`,
          en: `The meeting could not lawfully vote: ${invalid.map((finding) => finding.message.en).join('; ')}`,
        }
      : passed
        ? {
            zh: `赞成 ${inFavour} 票，${passText.zh}${baseText.zh}人数 ${base}，表决通过`,
            en: `${inFavour} in favour is ${passText.en} of ${base} ${baseText.en}; passed`,
          }
        : {
            zh: `赞成 ${inFavour} 票，未${passText.zh}${baseText.zh}人数 ${base}（需要 ${needed} 票），未通过`,
            en: `${inFavour} in favour is not ${passText.en} of ${base} ${baseText.en} (${needed} needed); not passed`,
          };
  return { invalid, passed, inFavour, base, needed, summary };
}

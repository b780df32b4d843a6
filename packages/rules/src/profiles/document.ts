import { days, months, years } from '../dates/duration.js';
import { national2014Sources } from './national-sources.js';
import { national2014Values } from './national-values.js';
import type { RuleId } from './rule-catalogue.js';
import type { RuleProfile, RuleSource } from './rule-profile.js';
import type { RuleValues } from './schema/rule-values.js';

const doc = (citation: string, rejected?: RuleSource['rejected']): RuleSource =>
  rejected ? { citation, origin: 'document', rejected } : { citation, origin: 'document' };

/** National values the document is silent on and inherits (catalogue §13.2), marked `inherited`. */
const inheritedIds: readonly RuleId[] = [
  'DEV-APPLICANT-MIN-AGE',
  'DEV-VOTE-QUORUM',
  'DEV-VOTE-PASS',
  'PROB-LENGTH',
  'PROB-VOTE-RULES',
  'DEV-APPROVAL-DEADLINE',
  'DUES-RATE-EMPLOYED',
  'DUES-RATE-RETIRED',
  'DUES-FLAT',
  'DUES-SCHEDULE',
  'DUES-VOLUNTARY',
  'ELEC-BRANCH-MIN',
  'ELEC-COMMITTEE-THRESHOLD',
  'ELEC-TERM',
  'ELEC-TERM-SHIFT',
  'ELEC-REP-CONGRESS',
  'ELEC-QUORUM',
  'ELEC-WIN-THRESHOLD',
  'MTG-MEMBERS-MEETING-QUORUM',
  'MTG-COMMITTEE-QUORUM',
  'WDR-SELF-WITHDRAWAL',
  'REL-ABROAD',
];

const inherited = Object.fromEntries(
  inheritedIds.map((id) => [
    id,
    { citation: `${national2014Sources[id]?.citation ?? '全国规定'} (文件未规定，沿用全国规定)`, origin: 'inherited' },
  ]),
) as Partial<Record<RuleId, RuleSource>>;

const documentSources: Partial<Record<RuleId, RuleSource>> = {
  ...inherited,
  'DEV-APPLICATION-CHANNEL': doc('P5/发展党员工作制度 2(1)'),
  'DEV-APPLY-TO-ACTIVIST-MIN': doc('P5/发展党员工作制度 2(2) "经考察一年以上"'),
  'DEV-ACTIVIST-DECIDER': doc('P5/发展党员工作制度 2(2) (党组织, 未规定备案)'),
  'DEV-CONTACT-COUNT': doc('P5/发展党员工作制度 2(3)'),
  'DEV-ACTIVIST-REPORT-FREQ': doc('P5/发展党员工作制度 2(4)'),
  'DEV-ACTIVIST-ASSESS-FREQ': doc('P5/发展党员工作制度 2(4)'),
  'DEV-ACTIVIST-MIN-TRAINING': doc('P5/发展党员工作制度 2(5)'),
  'DEV-TARGET-DECISION': doc('P5/发展党员工作制度 2(5) (支委会讨论决定)'),
  'DEV-POLITICAL-REVIEW': doc('P5/发展党员工作制度 2(6)'),
  'DEV-TRAINING-MIN': doc('P5/发展党员工作制度 2(7) "5~7天(或不少于40学时)", 无例外条款'),
  'DEV-INTRODUCER-COUNT': doc('P5/发展党员工作制度 2(8)'),
  'DEV-INTRODUCER-SOURCE': doc('P5/发展党员工作制度 2(8) (可自己约请)'),
  'DEV-INTRODUCER-ELIGIBILITY': doc('P5/发展党员工作制度 2(8) (正式党员)'),
  'DEV-VOTE-METHOD': doc('P5/发展党员工作制度 2(10) "举手或无记名投票"'),
  'DEV-VOTE-ONE-BY-ONE': doc('P5/发展党员工作制度 2(10)'),
  'DEV-POSTVOTE-NOTICE': doc('P5/发展党员工作制度 2(11) "公示的时间为3天" (日历日, ⚠ 原文未说明)'),
  'DEV-HIGHER-INTERVIEW': doc('P5/发展党员工作制度 2(12)'),
  'DEV-APPROVAL-BODY': doc('P5/发展党员工作制度 2(13) "召开党委会议"'),
  'DEV-PROBATION-START': doc('P5/发展党员工作制度 2(13) "一般从…支部大会召开日算起"'),
  'PROB-REPORT-FREQ': doc('P5/发展党员工作制度 3(2)'),
  'PROB-EXTENSION': doc('P5/发展党员工作制度 3(4)'),
  'PROB-OUTCOMES': doc('P5/发展党员工作制度 3(4)'),
  'PROB-APPROVAL-DEADLINE': doc('P5/发展党员工作制度 3(6)'),
  'PROB-PARTY-AGE': { citation: '党章 第七条 (文件未规定，沿用全国规定)', origin: 'inherited' },
  'MTG-MEMBERS-MEETING-FREQ': doc('P5/三会一课制度 三 "按照考核制度一季度两次"', {
    value: '每月一次 (P5/三会一课 二; 党组织开展活动制度 二)',
    reason: {
      zh: '考核制度执行的是一季度两次；每月一次更严，作为另一种取值记录 (EC-41, §16 E-1)',
      en: 'The assessment rule enforces two per quarter; monthly is stricter and recorded as the alternative (EC-41, §16 E-1)',
    },
  }),
  'MTG-COMMITTEE-FREQ': doc('P5/三会一课制度 四'),
  'MTG-GROUP-FREQ': doc('P5/三会一课制度 五 "未成立党小组"'),
  'MTG-LECTURE-FREQ': doc('P5/三会一课制度 六; 教育培训制度 二4 "每季度至少一次"', {
    value: '每月一次 (P5/三会一课 二; 党组织开展活动制度 二)',
    reason: {
      zh: '两处规定每月、两处规定每季度至少一次；取下限，每月开展同样满足 (EC-41, §16 E-2)',
      en: 'Two statements say monthly, two say at least quarterly; the floor is used and a monthly lecture satisfies it (EC-41, §16 E-2)',
    },
  }),
  'MTG-LEAVE': doc('P5/党组织开展活动制度 四1'),
  'OLM-KIND': doc('P5/民主生活会制度 (党支部民主生活会)'),
  'OLM-FREQ': doc('P5/民主生活会制度 一 "每年召开两次"', {
    value: '每年至少一次 (P5/党组织开展活动制度 二)',
    reason: {
      zh: '两次满足"至少一次"，两者相容，取更具体的每年两次 (EC-41, §16 E-2)',
      en: 'Twice a year satisfies "at least once"; the more specific value is used (EC-41, §16 E-2)',
    },
  }),
  'OLM-RESCHEDULE': doc('P5/民主生活会制度 一'),
  'OLM-PRENOTICE-UPPER': doc('P5/民主生活会制度 四 "应提前三天报告上级党组织"'),
  'OLM-ATTENDANCE': doc('P5/民主生活会制度 五2(4)'),
  'OLM-RECTIFY-DEADLINE': doc('P5/民主生活会制度 五3(1) "一般应在一个月内"'),
  'OLM-REPORT-UPPER': doc('P5/民主生活会制度 五3(2) "及时" (无具体天数)'),
  'OLM-ESCALATE': doc('P5/民主生活会制度 五3(1)'),
  'REL-LETTER-VALIDITY': doc('P5/党员组织关系管理制度 三 "一般不超过三个月" (软性, §16 E-11)'),
  'REL-LETTER-CARRIER': doc('P5/党员组织关系管理制度 三'),
  'REL-ROUTING': doc('P5/党员组织关系管理制度 四、五'),
  'REL-TEMP-ABSENCE': doc('P5/党员组织关系管理制度 六 "三个月以内"'),
  'REL-NONTRANSFER-6M': doc('P5/党员组织关系管理制度 七'),
  'WDR-WARNING-CARD': doc('P3 四(三) "限期整改" (期限未规定)'),
  'WDR-DUTY-PUBLICITY': doc('P3 四(三)'),
  'ELEC-DIFF-RATIO': doc('P5/党内选举制度 4 (差额, 比例沿用全国规定)'),
  'ELEC-BALLOT': doc('P5/党内选举制度 "选举采用无记名投票的方式"'),
  'EVAL-FREQ': doc('P5/党员民主评议制度 七 "每年年底"'),
  'EVAL-FORM': doc('P5/党员民主评议制度 六 "一式两份"'),
  'EDU-MEMBER-HOURS': doc('P5/党员教育、培训制度 二1 "不少于12天" (按1天=8学时 [S44])'),
  'EDU-SECRETARY-TRAINING': doc('P5/党员教育、培训制度 二2(1) "每三年"'),
  'OPEN-FREQ': doc('P5/党务公开制度 "每半年通报一次"'),
  'TALK-5-MUST': doc('P5/党内激励关怀谈心制度 三3 (五必谈, 无频次)'),
  'CONTACT-MASSES': doc('P5/党员联系群众制度 二 "每季度至少…谈一次话"'),
  'DECIDE-MAJOR-MATTER': doc('P5/党员民主议事制度 三'),
  'CARE-HOLIDAY-VISITS': doc('P5/党内激励关怀探访制度 三1'),
};

const base = national2014Values;

/** The source document's unit rules (第五篇), with national values where it is silent (§13.2). */
const documentValues: RuleValues = {
  common: base.common,
  development: {
    ...base.development,
    applyTalkWithin: null,
    applyToActivistMin: years(1),
    activistFiling: false,
    activistReportEvery: months(3),
    targetDecision: 'committee',
    targetNotice: null,
    preparationOrder: ['political-review', 'training', 'introducers'],
    selfInvitedIntroducer: 'allow',
    introducerUnderPenalty: 'allow',
    training: { minDays: 5, minHours: 40, typicalMaxDays: 7, waivable: false },
    prereview: false,
    leavingSoonWithin: null,
    prereviewToVoteWithin: null,
    vote: { ...base.development.vote, methods: ['show-of-hands', 'secret-ballot'] },
    postVoteNotice: days(3),
    approvalExtendedMax: null,
    approvalFiling: null,
    oath: { required: false, within: null },
  },
  probation: { ...base.probation, reportEvery: months(3), groupOpinionBy: 'branch-committee' },
  meetings: {
    ...base.meetings,
    membersMeeting: { per: 'quarter', atLeast: 2 },
    groupMeeting: null,
    lecture: { per: 'quarter', atLeast: 1 },
    themeDay: null,
  },
  lifeMeeting: {
    kind: 'branch-democratic-life-meeting',
    frequency: { per: 'half-year', atLeast: 1 },
    usualQuarter: null,
    rescheduleNeedsConsent: true,
    preNoticeUpper: days(3),
    attendance: null,
    absenteeWrittenStatement: true,
    focusProblems: { min: 1, max: 2 },
    rectifyWithin: months(1),
    reportUpperWithin: null,
    chairAccountable: true,
  },
  relationship: {
    ...base.relationship,
    expiredLetter: 'warn',
    channels: ['paper'],
    withinGeneralBranchFiling: true,
    nonTransferFlagAfter: months(6),
  },
  withdrawal: { ...base.withdrawal, dutyPublicity: true },
  dues: base.dues,
  elections: base.elections,
  other: {
    ...base.other,
    appraisalFormTwoCopies: true,
    memberStudyHoursPerYear: 96,
    secretaryTrainingEvery: years(3),
    newSecretaryTrainingWithin: null,
    disclosure: { per: 'half-year', atLeast: 1 },
    talks: null,
    massContact: { per: 'quarter', atLeast: 1 },
    majorMatterStaffVote: true,
  },
};

/**
 * The source document's unit rules (第五篇 新党建制度). Where the document contradicts itself one
 * value is pinned and the rejected one recorded (EC-41); where it is silent the national value is
 * inherited and marked so (§13.2).
 */
export const documentRules: RuleProfile = {
  id: 'document',
  name: { zh: '第五篇单位制度', en: 'Source document unit rules' },
  basedOn: null,
  versions: [
    {
      id: 'DOC',
      title: { zh: '新党建制度（第五篇）', en: 'Unit rules (part five)' },
      effectiveFrom: '2000-01-01',
      values: documentValues,
      sources: documentSources,
    },
  ],
  calendarYears: [],
};

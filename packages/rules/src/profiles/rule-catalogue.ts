import type { Bilingual } from '../errors/bilingual.js';

/** What the catalogue says a rule is about, independent of any profile's value. */
export interface RuleEntry {
  /** Where the rule's value sits in {@link RuleValues}, e.g. `development.applyToActivistMin`; null for rules without a value. */
  readonly path: string | null;
  /** Short statement of the rule. */
  readonly text: Bilingual;
}

const entry = (path: string | null, zh: string, en: string): RuleEntry => ({ path, text: { zh, en } });

/** Every rule id of `shared/rules/catalogue.md` that dangwu implements, with its path and text. */
export const ruleCatalogue = {
  'DEV-APPLICANT-MIN-AGE': entry(
    'development.applicantMinAge',
    '申请入党须年满十八岁',
    'Applicants must be at least 18 on the application date',
  ),
  'DEV-APPLICATION-CHANNEL': entry(
    null,
    '向工作、学习所在单位党组织书面申请',
    'Apply in writing to the party organisation of the work or study unit',
  ),
  'DEV-APPLY-TALK-DEADLINE': entry(
    'development.applyTalkWithin',
    '收到入党申请书后一个月内派人谈话',
    'Talk with the applicant within one month of the application',
  ),
  'DEV-APPLY-TO-ACTIVIST-MIN': entry(
    'development.applyToActivistMin',
    '经考察一年以上方可确定为入党积极分子',
    'At least one year of observation before becoming an activist',
  ),
  'DEV-ACTIVIST-DECIDER': entry(
    'development.activistFiling',
    '支委会研究决定入党积极分子并报上级党委备案',
    'The branch committee names activists and files them with the higher committee',
  ),
  'DEV-CONTACT-COUNT': entry(
    'development.contactCount',
    '指定一至二名正式党员作培养联系人',
    'One or two full members are assigned as contacts',
  ),
  'DEV-ACTIVIST-REPORT-FREQ': entry(
    'development.activistReportEvery',
    '入党积极分子一般每季度汇报一次思想',
    'Activists report their thinking about once a quarter',
  ),
  'DEV-ACTIVIST-ASSESS-FREQ': entry(
    'development.activistAssessEvery',
    '党支部每半年对入党积极分子考察一次',
    'The branch assesses each activist every half year',
  ),
  'DEV-ACTIVIST-MIN-TRAINING': entry(
    'development.activistMinTraining',
    '经过一年以上培养教育和考察方可列为发展对象',
    'At least one year of cultivation as an activist before becoming a development target',
  ),
  'DEV-TARGET-DECISION': entry(
    'development.targetDecision',
    '支委会讨论确定发展对象，报上级党委备案或同意',
    'The committee decides the development target, filed with or approved by the higher committee',
  ),
  'DEV-TARGET-NOTICE-DAYS': entry(
    'development.targetNotice',
    '确定发展对象前公示，公示期不少于五个工作日',
    'Public notice of at least five working days before listing a development target',
  ),
  'DEV-INTRODUCER-COUNT': entry(
    'development.introducerCount',
    '由两名正式党员作入党介绍人',
    'Two full members act as introducers',
  ),
  'DEV-INTRODUCER-SOURCE': entry(
    'development.selfInvitedIntroducer',
    '入党介绍人一般由培养联系人担任，也可由党组织指定',
    'Introducers are usually the contacts, or are named by the organisation',
  ),
  'DEV-INTRODUCER-ELIGIBILITY': entry(
    'development.introducerUnderPenalty',
    '预备党员、留党察看期间的党员不能作入党介绍人',
    'Probationary members and members under probation within the party cannot introduce',
  ),
  'DEV-POLITICAL-REVIEW': entry(null, '未经政治审查的不能发展入党', 'No admission without a political review'),
  'DEV-TRAINING-MIN': entry(
    'development.training',
    '发展对象须参加短期集中培训',
    'Development targets must complete concentrated training',
  ),
  'DEV-PREREVIEW': entry(
    'development.prereview',
    '基层党委预审合格后方可发放入党志愿书',
    'The application form is issued only after the base committee pre-review',
  ),
  'DEV-LEAVING-SOON': entry(
    'development.leavingSoonWithin',
    '三个月内将离开工作、学习单位的一般不办理接收',
    'Admission is generally not processed for someone leaving within three months',
  ),
  'DEV-PREREVIEW-TO-VOTE': entry(
    'development.prereviewToVoteWithin',
    '预审合格后一个月内提交党支部党员大会讨论',
    'The branch vote takes place within one month of passing pre-review',
  ),
  'DEV-VOTE-QUORUM': entry(
    'development.vote.quorum',
    '有表决权的到会人数须超过应到会人数的半数',
    'Voting members present must exceed half of those due',
  ),
  'DEV-VOTE-PASS': entry(
    'development.vote.pass',
    '赞成人数超过应到会有表决权党员人数的半数为通过',
    'Passed when votes in favour exceed half of the voting members due',
  ),
  'DEV-VOTE-METHOD': entry('development.vote.methods', '表决采取规定的方式', 'The vote uses a method the rules allow'),
  'DEV-VOTE-ONE-BY-ONE': entry(
    'development.vote.oneByOne',
    '两人以上入党时必须逐个讨论和表决',
    'Two or more applicants are discussed and voted on one at a time',
  ),
  'DEV-POSTVOTE-NOTICE': entry(
    'development.postVoteNotice',
    '支部大会通过后公示三天',
    'Three-day public notice after the branch vote',
  ),
  'DEV-HIGHER-INTERVIEW': entry(
    null,
    '上级党组织派人谈话',
    'A member of the higher organisation interviews the person',
  ),
  'DEV-APPROVAL-DEADLINE': entry(
    'development.approvalWithin',
    '上级党委三个月内审批，特殊情况不超过六个月',
    'Approval within three months, at most six in special circumstances',
  ),
  'DEV-APPROVAL-BODY': entry(
    'development.approvalBodies',
    '只有党委可以审批预备党员',
    'Only a party committee may approve admission',
  ),
  'DEV-APPROVAL-FILING': entry(
    'development.approvalFiling',
    '审批后报上级党委组织部门备案',
    'After approval, file with the higher organisation department',
  ),
  'DEV-OATH': entry('development.oath', '面向党旗进行入党宣誓', 'The oath before the party flag'),
  'DEV-PROBATION-START': entry(
    null,
    '预备期从支部大会通过之日算起',
    'Probation runs from the day the branch meeting passes the resolution',
  ),
  'PROB-LENGTH': entry('probation.length', '预备期为一年', 'Probation lasts one year'),
  'PROB-REPORT-FREQ': entry(
    'probation.reportEvery',
    '预备党员每季度汇报一次',
    'Probationary members report every quarter',
  ),
  'PROB-EXTENSION': entry(
    'probation.extension',
    '可延长一次预备期，不少于半年，最长不超过一年',
    'Probation may be extended once, by six months to one year',
  ),
  'PROB-OUTCOMES': entry(
    null,
    '按期转正、延长预备期或取消预备党员资格，须经支部大会通过并报上级党委批准',
    'Conversion, extension or cancellation: branch assembly vote and higher approval',
  ),
  'PROB-VOTE-RULES': entry(
    'probation.vote',
    '转正表决与接收预备党员的到会和通过规则相同',
    'The conversion vote uses the admission quorum and majority',
  ),
  'PROB-APPROVAL-DEADLINE': entry(
    'probation.approvalWithin',
    '上级党委三个月内审批转正',
    'Conversion approved within three months',
  ),
  'PROB-DISCUSS-TIMING': entry(
    'probation.transferPostponeMax',
    '预备期满及时讨论；转入的可推迟不超过六个月',
    'Discuss conversion when probation ends; a transferred member may be postponed up to six months',
  ),
  'PROB-PARTY-AGE': entry(null, '党龄从预备期满转为正式党员之日算起', 'Party age runs from the day probation ends'),
  'PROB-CONVERSION-NOTICE': entry('probation.conversionNotice', '转正前公示', 'Public notice before conversion'),
  'PROB-ASSIGN': entry(null, '及时编入党支部和党小组', 'Assign to a branch and party group promptly'),
  'MTG-MEMBERS-MEETING-FREQ': entry(
    'meetings.membersMeeting',
    '支部党员大会定期召开',
    'Regular branch members’ meetings',
  ),
  'MTG-MEMBERS-MEETING-QUORUM': entry(
    'meetings.membersMeetingQuorum',
    '半数以上有表决权的党员到会方可进行',
    'At least half of the voting members must attend',
  ),
  'MTG-COMMITTEE-FREQ': entry('meetings.committeeMeeting', '支委会每月召开', 'Monthly branch committee meetings'),
  'MTG-COMMITTEE-QUORUM': entry(
    'meetings.committeeQuorum',
    '半数以上委员到会方可进行',
    'At least half of the committee must attend',
  ),
  'MTG-GROUP-FREQ': entry('meetings.groupMeeting', '党小组会每月召开', 'Monthly party group meetings'),
  'MTG-LECTURE-FREQ': entry('meetings.lecture', '定期上党课', 'Regular party lectures'),
  'MTG-THEME-DAY': entry('meetings.themeDay', '每月相对固定一天开展主题党日', 'A monthly theme party day'),
  'MTG-LEAVE': entry('meetings.leaveBeforehand', '因故不能参加须事先请假', 'Leave must be asked beforehand'),
  'OLM-KIND': entry(
    'lifeMeeting.kind',
    '民主生活会与组织生活会',
    'Democratic life meeting and organisational life meeting',
  ),
  'OLM-FREQ': entry('lifeMeeting.frequency', '定期召开民主生活会/组织生活会', 'Regular life meetings'),
  'OLM-RESCHEDULE': entry(
    'lifeMeeting.rescheduleNeedsConsent',
    '延期须报上级党组织同意',
    'Postponement needs the higher organisation’s consent',
  ),
  'OLM-PRENOTICE-UPPER': entry(
    'lifeMeeting.preNoticeUpper',
    '会期和议题提前报告上级党组织',
    'Date and topic reported to the higher organisation in advance',
  ),
  'OLM-ATTENDANCE': entry('lifeMeeting.attendance', '缺席者提交书面发言', 'Absentees hand in a written statement'),
  'OLM-RECTIFY-DEADLINE': entry(
    'lifeMeeting.rectifyWithin',
    '会后一个月内制定整改措施',
    'Rectification measures within one month',
  ),
  'OLM-REPORT-UPPER': entry(
    'lifeMeeting.reportUpperWithin',
    '书面向上级党组织汇报',
    'Written report to the higher organisation',
  ),
  'OLM-ESCALATE': entry(
    'lifeMeeting.chairAccountable',
    '提出的问题不处理的，主持人负责',
    'The chair is accountable for problems left unhandled',
  ),
  'REL-LETTER-VALIDITY': entry(
    'relationship.letterValidity',
    '组织关系介绍信有效期一般不超过三个月',
    'An introduction letter is generally valid for at most three months',
  ),
  'REL-LETTER-CARRIER': entry('relationship.channels', '纸质介绍信或网上转接', 'Paper letter or online transfer'),
  'REL-ROUTING': entry(
    'relationship.crossGeneralBranchVia',
    '跨党总支须经组织部办理',
    'Transfers between general branches go through the organisation department',
  ),
  'REL-TEMP-ABSENCE': entry(
    'relationship.temporaryNoTransferUpTo',
    '外出三个月以内不转组织关系',
    'No transfer for an absence of up to three months',
  ),
  'REL-NONTRANSFER-6M': entry(
    'relationship.nonTransferFlagAfter',
    '超过六个月不办理组织关系',
    'Relationship not transferred for more than six months',
  ),
  'REL-ABROAD': entry(
    'relationship.abroadSuspendAfter',
    '出国（境）定居或留学超过五年停止党籍',
    'Membership suspended after settling or studying abroad over five years',
  ),
  'WDR-SELF-WITHDRAWAL': entry(
    'withdrawal.consecutiveAbsence',
    '连续六个月不参加组织生活、不交纳党费或不做党所分配的工作',
    'Six consecutive months without org life, dues or assigned work',
  ),
  'WDR-WARNING-CARD': entry(
    'withdrawal.warningCardCorrection',
    '发出警示卡，限期整改',
    'A warning card with a correction period',
  ),
  'WDR-DUTY-PUBLICITY': entry(
    'withdrawal.dutyPublicity',
    '定期张榜公布党员履行义务情况',
    'Periodic posting of members’ duty records',
  ),
  'DUES-RATE-EMPLOYED': entry(
    'dues.employed',
    '在职党员按月工资收入比例交纳党费',
    'Employed members pay a share of monthly pay',
  ),
  'DUES-RATE-RETIRED': entry(
    'dues.retired',
    '离退休党员按月退休费比例交纳党费',
    'Retired members pay a share of monthly pension',
  ),
  'DUES-FLAT': entry('dues.flat', '农民、学生等固定额度交纳党费', 'Flat dues for farmers, students and others'),
  'DUES-SCHEDULE': entry(
    'dues.backPaymentMax',
    '补交党费一般不超过六个月',
    'Back-payment generally covers at most six months',
  ),
  'DUES-VOLUNTARY': entry(
    'dues.voluntaryToCentralFen',
    '一次性自愿交纳一千元以上全部上缴中央',
    'A voluntary payment of 1000 yuan or more goes to the centre',
  ),
  'ELEC-BRANCH-MIN': entry(
    'elections.branchMinFullMembers',
    '正式党员三人以上的成立党支部',
    'Three or more full members form a branch',
  ),
  'ELEC-COMMITTEE-THRESHOLD': entry(
    'elections.committeeThreshold',
    '正式党员七人以上的设立支部委员会',
    'Seven or more full members set up a branch committee',
  ),
  'ELEC-TERM': entry('elections.term', '支部委员会任期', 'Branch committee term'),
  'ELEC-TERM-SHIFT': entry(
    'elections.termShiftMax',
    '提前或延期换届不超过一年',
    'Elections advanced or postponed by at most one year',
  ),
  'ELEC-REP-CONGRESS': entry(
    'elections.representativeCongressFrom',
    '党员五百人以上可召开党员代表大会',
    'A representative congress from 500 members',
  ),
  'ELEC-DIFF-RATIO': entry(
    'elections.differentialRatio',
    '差额不少于百分之二十',
    'At least 20% more candidates than seats',
  ),
  'ELEC-QUORUM': entry(
    'elections.quorum',
    '到会人数超过应到会人数的五分之四',
    'More than four fifths of those due must attend',
  ),
  'ELEC-WIN-THRESHOLD': entry(
    'elections.winThreshold',
    '得票超过半数始得当选',
    'A candidate needs more than half the votes',
  ),
  'ELEC-BALLOT': entry('elections.proxyVoting', '无记名投票，不得委托投票', 'Secret ballot, no proxy votes'),
  'EVAL-FREQ': entry('other.appraisal', '每年开展民主评议党员', 'Annual democratic appraisal of members'),
  'EVAL-FORM': entry('other.appraisalFormTwoCopies', '民主评议表一式两份', 'The appraisal form in two copies'),
  'EDU-MEMBER-HOURS': entry(
    'other.memberStudyHoursPerYear',
    '党员每年集中学习时间',
    'Members’ annual concentrated learning',
  ),
  'EDU-SECRETARY-TRAINING': entry(
    'other.secretaryTrainingEvery',
    '党支部书记集中培训',
    'Concentrated training of branch secretaries',
  ),
  'OPEN-FREQ': entry('other.disclosure', '党内情况定期通报', 'Regular reporting of party affairs'),
  'TALK-5-MUST': entry('other.talks', '谈心谈话', 'Heart-to-heart talks'),
  'CONTACT-MASSES': entry('other.massContact', '党员定期与联系对象谈话', 'Members talk with their contacts regularly'),
  'DECIDE-MAJOR-MATTER': entry(
    'other.majorMatterStaffVote',
    '重大事项先经党员表决再提交职工大会',
    'Major matters go to a party vote, then the staff assembly',
  ),
  'CARE-HOLIDAY-VISITS': entry(
    'other.holidayVisits',
    '七一、春节走访慰问困难党员',
    'Visits to members in hardship on 1 July and Spring Festival',
  ),
  'CASE-CHRONOLOGY': entry(
    null,
    '步骤日期不得早于已记录的步骤',
    'A step is not dated before the steps already recorded',
  ),
  'CASE-DEADLINE': entry(null, '期限届满方可标记逾期', 'A deadline is marked overdue only after its day has passed'),
  'CASE-CORRECTION': entry(
    null,
    '更正须针对已记录的步骤并说明理由',
    'A correction names a recorded step and gives a reason',
  ),
  'CASE-TERMINATION': entry(null, '党组织终止发展须说明理由', 'The organisation ends a case with a recorded reason'),
} as const satisfies Record<string, RuleEntry>;

/** A rule id known to dangwu, e.g. `DEV-ACTIVIST-MIN-TRAINING`. */
export type RuleId = keyof typeof ruleCatalogue;

/** Whether `id` is a rule id dangwu knows. */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(ruleCatalogue, id);
}

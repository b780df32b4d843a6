import type { Actor, Role } from '@dangwu/machines';
import { type LocalDate, national } from '@dangwu/rules';

/** One dated act of the demo branch: start a case or send an event, and whether the rules allow it. */
export interface ScriptStep {
  /** The date of the act. */
  readonly on: LocalDate;
  /** Case alias (also the instance id). */
  readonly instance: string;
  /** What happens, in Chinese, for the timeline. */
  readonly text: string;
  /** `start` a new case of `processId` with `input`, or `send` an event. */
  readonly act:
    | { readonly kind: 'start'; readonly processId: string; readonly input: Record<string, unknown> }
    | { readonly kind: 'send'; readonly event: Record<string, unknown> };
  /** The outcome the script expects; a different outcome stops the demo (the rules changed). */
  readonly expect: 'allowed' | 'refused';
}

/** The organisation tree of the demo: a party committee with two general branches of one branch each. */
export const demoOrgs: Readonly<Record<string, string | undefined>> = {
  committee: undefined,
  'org-dept': 'committee',
  'gb-1': 'committee',
  'gb-2': 'committee',
  'branch-1': 'gb-1',
  'branch-2': 'gb-2',
};

const ORG_OF: Partial<Record<Role, string>> = {
  'base-committee': 'committee',
  'higher-committee': 'committee',
  // The organisation department acts for the committee, except on transfer hops routed through it.
  'org-dept': 'committee',
  'general-branch': 'gb-1',
};

/** An actor of the demo acting in `role`, in the organisation that role belongs to. */
export const demoActor = (role: Role, orgId = ORG_OF[role] ?? 'branch-1'): Actor => ({
  id: `${role}@${orgId}`,
  roles: [role],
  orgId,
});

const act = (on: LocalDate, role: Role, type: string, extra: Record<string, unknown> = {}, orgId?: string) => ({
  type,
  occurredOn: on,
  actor: demoActor(role, orgId),
  ...extra,
});

const vote = (due: number, present: number, inFavour: number, method = 'secret-ballot') => ({
  votes: { due, present, for: inFavour, against: present - inFavour, abstain: 0 },
  method,
  candidates: 1,
});

const send = (
  on: LocalDate,
  instance: string,
  text: string,
  event: Record<string, unknown>,
  expect: 'allowed' | 'refused' = 'allowed',
): ScriptStep => ({
  on,
  instance,
  text,
  act: { kind: 'send', event },
  expect,
});

const start = (
  on: LocalDate,
  instance: string,
  text: string,
  processId: string,
  input: Record<string, unknown>,
): ScriptStep => ({
  on,
  instance,
  text,
  act: { kind: 'start', processId, input },
  expect: 'allowed',
});

const devInput = (personId: string, appliedOn: LocalDate, extra: Record<string, unknown> = {}) => ({
  caseId: `dev-${personId}`,
  personId,
  orgId: 'branch-1',
  birthDate: '1998-05-20',
  appliedOn,
  actor: demoActor('branch-secretary'),
  profile: national,
  ...extra,
});

const transferOrgs = [
  { id: 'committee', parentId: null, kind: 'party-committee' },
  { id: 'org-dept', parentId: 'committee', kind: 'org-dept' },
  { id: 'gb-1', parentId: 'committee', kind: 'general-branch' },
  { id: 'gb-2', parentId: 'committee', kind: 'general-branch' },
  { id: 'branch-1', parentId: 'gb-1', kind: 'branch' },
  { id: 'branch-2', parentId: 'gb-2', kind: 'branch' },
];

/**
 * Two years of a branch under the national rules (2025-01 to 2026-12): member A, imported at the
 * branch vote, is admitted and converted; applicant B is developed with a late talk and two refused
 * attempts; applicant C withdraws; probationary member E transfers to another general branch and her
 * probation continues there; the branch holds its 组织生活会 each year. Steps are kept in date order.
 */
export const branchScript: readonly ScriptStep[] = (
  [
    start(
      '2025-01-06',
      'dev-a',
      '申请人A的发展案例导入（已到支部大会表决环节）',
      'member-development',
      devInput('m-a', '2023-03-01', {
        import: {
          at: 'branchVote',
          steps: {
            talked: '2023-03-20',
            activist: '2023-05-10',
            activistFiled: '2023-05-20',
            contactsAssigned: '2023-05-25',
            targetProposed: '2024-06-01',
            targetFiled: '2024-06-10',
            introducers: '2024-06-15',
            politicalReview: '2024-07-20',
            training: '2024-09-10',
            committeeReview: '2024-11-20',
            prereview: '2024-12-10',
            formFilled: '2024-12-20',
          },
        },
      }),
    ),
    start('2025-01-06', 'prob-e', '预备党员E的预备期案例导入（2024-11-01 支部大会通过）', 'probation', {
      caseId: 'prob-e',
      personId: 'm-e',
      orgId: 'branch-1',
      actor: demoActor('branch-secretary'),
      profile: national,
      probationStart: '2024-11-01',
    }),
    send(
      '2025-01-15',
      'dev-a',
      '支部党员大会讨论申请人A：举手表决',
      act('2025-01-15', 'branch-assembly', 'HOLD_VOTE', vote(16, 13, 11, 'show-of-hands')),
      'refused',
    ),
    send(
      '2025-01-15',
      'dev-a',
      '支部党员大会无记名投票：应到16人，实到13人，赞成11票',
      act('2025-01-15', 'branch-assembly', 'HOLD_VOTE', vote(16, 13, 11)),
    ),
    start('2025-02-10', 'dev-b', '申请人B递交入党申请书', 'member-development', devInput('m-b', '2025-02-10')),
    send(
      '2025-02-20',
      'dev-a',
      '党委组织员与申请人A谈话',
      act('2025-02-20', 'org-commissioner', 'RECORD_INTERVIEW', {}, 'committee'),
    ),
    send(
      '2025-03-05',
      'dev-a',
      '总支委员会试图审批申请人A',
      act('2025-03-05', 'base-committee', 'APPROVE', { approvingOrgKind: 'general-branch' }),
      'refused',
    ),
    send(
      '2025-03-06',
      'dev-a',
      '党委集体讨论，批准申请人A为预备党员',
      act('2025-03-06', 'base-committee', 'APPROVE', { approvingOrgKind: 'party-committee' }),
    ),
    send('2025-03-10', 'dev-a', '报上级党委组织部门备案', act('2025-03-10', 'org-dept', 'FILE_APPROVAL')),
    send(
      '2025-03-25',
      'dev-b',
      '党支部书记与申请人B谈话（已超过一个月）',
      act('2025-03-25', 'branch-secretary', 'RECORD_TALK'),
    ),
    send('2025-03-28', 'dev-a', '申请人A面向党旗宣誓', act('2025-03-28', 'branch-committee', 'TAKE_OATH')),
    start('2025-03-28', 'prob-a', '党员A进入预备期（自 2025-01-15 支部大会通过之日起）', 'probation', {
      caseId: 'prob-a',
      personId: 'm-a',
      orgId: 'branch-1',
      actor: demoActor('branch-secretary'),
      profile: national,
      probationStart: '2025-01-15',
    }),
    send(
      '2025-04-15',
      'dev-b',
      '支委会确定申请人B为入党积极分子',
      act('2025-04-15', 'branch-committee', 'DESIGNATE_ACTIVIST'),
    ),
    send('2025-04-20', 'dev-b', '报党委备案', act('2025-04-20', 'base-committee', 'FILE_ACTIVIST')),
    send(
      '2025-04-22',
      'dev-b',
      '指定两名正式党员为培养联系人',
      act('2025-04-22', 'branch-committee', 'ASSIGN_CONTACTS', {
        contacts: [
          { id: 'm-k1', fullMember: true },
          { id: 'm-k2', fullMember: true },
        ],
      }),
    ),
    start(
      '2025-05-06',
      'dev-c',
      '申请人C递交入党申请书',
      'member-development',
      devInput('m-c', '2025-05-06', { birthDate: '2001-09-09' }),
    ),
    send('2025-05-20', 'dev-c', '组织委员与申请人C谈话', act('2025-05-20', 'org-commissioner', 'RECORD_TALK')),
    start('2025-06-02', 'rel-e', '预备党员E工作调动，组织关系转往第二党总支', 'relationship-transfer', {
      caseId: 'rel-e',
      personId: 'm-e',
      fromOrgId: 'branch-1',
      toOrgId: 'branch-2',
      orgs: transferOrgs,
      openedOn: '2025-06-02',
      continuingCases: ['prob-e'],
      actor: demoActor('branch-secretary'),
      profile: national,
    }),
    send('2025-06-02', 'rel-e', '转出党支部报送', act('2025-06-02', 'branch-secretary', 'FORWARD', {}, 'branch-1')),
    send('2025-06-04', 'rel-e', '第一党总支报送', act('2025-06-04', 'general-branch', 'FORWARD', {}, 'gb-1')),
    send(
      '2025-06-05',
      'rel-e',
      '党委组织部开具纸质介绍信',
      act('2025-06-05', 'org-dept', 'ISSUE_LETTER', { channel: 'paper' }, 'org-dept'),
    ),
    send('2025-06-09', 'rel-e', '第二党总支接收', act('2025-06-09', 'general-branch', 'ACCEPT', {}, 'gb-2')),
    send('2025-06-10', 'rel-e', '接收党支部登记', act('2025-06-10', 'branch-secretary', 'REGISTER', {}, 'branch-2')),
    send('2025-06-16', 'rel-e', '组织部收到回执', act('2025-06-16', 'org-dept', 'RECORD_RECEIPT', {}, 'org-dept')),
    send(
      '2025-06-17',
      'prob-e',
      '预备党员E的预备期案例转到接收党支部继续',
      act('2025-06-17', 'org-dept', 'TRANSFER', { toOrgId: 'branch-2' }),
    ),
    send(
      '2025-09-01',
      'dev-c',
      '申请人C撤回入党申请',
      act('2025-09-01', 'applicant', 'WITHDRAW', { reason: 'PERSONAL-CHOICE' }, 'branch-1'),
    ),
    send(
      '2025-10-15',
      'dev-b',
      '党支部对入党积极分子B进行半年考察',
      act('2025-10-15', 'branch-committee', 'RECORD_ASSESSMENT', { result: 'satisfactory' }),
    ),
    start('2025-10-20', 'olm-2025', '党支部2025年度组织生活会立项', 'life-meeting', {
      caseId: 'olm-2025',
      orgId: 'branch-1',
      period: { year: 2025 },
      kind: 'branch',
      members: 16,
      profile: national,
      actor: demoActor('branch-secretary'),
    }),
    send(
      '2025-11-20',
      'prob-e',
      '预备党员E向接收党支部提交转正申请',
      act('2025-11-20', 'applicant', 'APPLY_FOR_CONVERSION', {}, 'branch-2'),
    ),
    send(
      '2025-11-25',
      'prob-e',
      '接收党支部党小组提出意见',
      act('2025-11-25', 'party-group', 'COLLECT_OPINIONS', {}, 'branch-2'),
    ),
    send(
      '2025-11-28',
      'prob-e',
      '接收党支部支委会审查',
      act('2025-11-28', 'branch-committee', 'RECORD_COMMITTEE_REVIEW', {}, 'branch-2'),
    ),
    send(
      '2025-12-03',
      'prob-e',
      '接收党支部大会表决同意E转正',
      act('2025-12-03', 'branch-assembly', 'HOLD_VOTE', { ...vote(11, 10, 10), decision: 'convert' }, 'branch-2'),
    ),
    send('2026-01-12', 'prob-e', '党委批准E转正', act('2026-01-12', 'base-committee', 'APPROVE_CONVERSION')),
    send(
      '2026-01-20',
      'prob-e',
      '接收党支部书记谈话并宣布',
      act('2026-01-20', 'branch-secretary', 'TALK_AND_ANNOUNCE', {}, 'branch-2'),
    ),
    send(
      '2025-11-03',
      'olm-2025',
      '支委会确定会议主题，计划 12 月 10 日召开',
      act('2025-11-03', 'branch-committee', 'DECIDE_TOPIC', {
        contents: ['democratic-centralism', 'integrity'],
        focusProblems: ['focus-1'],
        plannedDate: '2025-12-10',
      }),
    ),
    send(
      '2025-11-10',
      'olm-2025',
      '组织委员开展谈心谈话 12 次、座谈会 1 次',
      act('2025-11-10', 'org-commissioner', 'SOLICIT_OPINIONS', { talks: 12, forums: 1 }),
    ),
    send(
      '2025-12-01',
      'olm-2025',
      '通知全体党员会期',
      act('2025-12-01', 'branch-secretary', 'NOTIFY_MEMBERS', { meetingDate: '2025-12-10' }),
    ),
    send(
      '2025-12-05',
      'olm-2025',
      '准备发言提纲',
      act('2025-12-05', 'branch-committee', 'PREPARE_SPEECHES', { prepared: 16, leaderTalks: 3 }),
    ),
    send(
      '2025-12-10',
      'olm-2025',
      '召开组织生活会：应到16人，实到15人，1人书面发言',
      act('2025-12-10', 'branch-secretary', 'HOLD_MEETING', {
        due: 16,
        present: 15,
        speeches: 15,
        documentsStudied: true,
        opinionsReported: true,
        absentees: [{ id: 'm-x', writtenStatement: true }],
        problemsRaised: ['q-1'],
      }),
    ),
    send(
      '2025-12-18',
      'olm-2025',
      '制定整改措施',
      act('2025-12-18', 'branch-committee', 'RECORD_RECTIFICATION_PLAN', {
        measures: 2,
        responsibleId: 'm-lead',
        problemIds: ['q-1'],
      }),
    ),
    send(
      '2025-12-20',
      'prob-a',
      '党员A提交转正申请',
      act('2025-12-20', 'applicant', 'APPLY_FOR_CONVERSION', {}, 'branch-1'),
    ),
    send('2026-01-05', 'prob-a', '党小组提出意见', act('2026-01-05', 'party-group', 'COLLECT_OPINIONS')),
    send('2026-01-08', 'prob-a', '支委会审查', act('2026-01-08', 'branch-committee', 'RECORD_COMMITTEE_REVIEW')),
    send(
      '2026-01-06',
      'olm-2025',
      '向上级党组织书面报告（已超过会后15日）',
      act('2026-01-06', 'branch-secretary', 'REPORT_UPPER'),
    ),
    send(
      '2026-01-08',
      'olm-2025',
      '向党员通报会议情况',
      act('2026-01-08', 'branch-committee', 'GIVE_FEEDBACK', { audiences: ['members'] }),
    ),
    send('2026-01-09', 'olm-2025', '书记总结，会议事项办结', act('2026-01-09', 'branch-secretary', 'CLOSE')),
    send(
      '2026-01-10',
      'prob-a',
      '支部大会试图在预备期满前表决转正',
      act('2026-01-10', 'branch-assembly', 'HOLD_VOTE', { ...vote(16, 14, 13), decision: 'convert' }),
      'refused',
    ),
    send(
      '2026-01-15',
      'prob-a',
      '预备期满当日，支部大会表决同意党员A按期转正',
      act('2026-01-15', 'branch-assembly', 'HOLD_VOTE', { ...vote(16, 14, 13), decision: 'convert' }),
    ),
    send(
      '2026-03-01',
      'dev-b',
      '支委会试图列B为发展对象',
      act('2026-03-01', 'branch-committee', 'PROPOSE_TARGET'),
      'refused',
    ),
    send(
      '2026-04-15',
      'dev-b',
      '支委会确定B为发展对象（培养满一年）',
      act('2026-04-15', 'branch-committee', 'PROPOSE_TARGET'),
    ),
    send('2026-04-25', 'dev-b', '报党委备案', act('2026-04-25', 'base-committee', 'FILE_TARGET')),
    send(
      '2026-04-30',
      'prob-a',
      '党委批准党员A转正（已超过三个月审批期限）',
      act('2026-04-30', 'base-committee', 'APPROVE_CONVERSION'),
    ),
    send(
      '2026-05-08',
      'prob-a',
      '支部书记谈话并在党员大会宣布',
      act('2026-05-08', 'branch-secretary', 'TALK_AND_ANNOUNCE'),
    ),
    send(
      '2026-05-20',
      'dev-b',
      '确定两名入党介绍人',
      act('2026-05-20', 'branch-committee', 'SET_INTRODUCERS', {
        introducers: [
          { id: 'm-k1', fullMember: true },
          { id: 'm-k2', fullMember: true },
        ],
      }),
    ),
    send(
      '2026-06-05',
      'dev-b',
      '政治审查合格',
      act('2026-06-05', 'branch-committee', 'RECORD_POLITICAL_REVIEW', { conclusion: 'qualified' }),
    ),
    send(
      '2026-06-20',
      'dev-b',
      '记录集中培训：2天、16学时',
      act('2026-06-20', 'base-committee', 'RECORD_TRAINING', { days: 2, hours: 16 }),
      'refused',
    ),
    send(
      '2026-06-26',
      'dev-b',
      '记录集中培训：3天、24学时',
      act('2026-06-26', 'base-committee', 'RECORD_TRAINING', { days: 3, hours: 24 }),
    ),
    send('2026-06-29', 'dev-b', '支委会审查', act('2026-06-29', 'branch-committee', 'RECORD_COMMITTEE_REVIEW')),
    send(
      '2026-07-01',
      'dev-b',
      '党委预审合格，发放入党志愿书',
      act('2026-07-01', 'base-committee', 'RECORD_PREREVIEW', { passed: true }),
    ),
    send('2026-07-06', 'dev-b', '填写入党志愿书', act('2026-07-06', 'applicant', 'FILL_FORM', {}, 'branch-1')),
    send(
      '2026-07-20',
      'dev-b',
      '支部党员大会无记名投票：应到17人，实到15人，赞成14票',
      act('2026-07-20', 'branch-assembly', 'HOLD_VOTE', vote(17, 15, 14)),
    ),
    send(
      '2026-08-03',
      'dev-b',
      '党委组织员谈话',
      act('2026-08-03', 'org-commissioner', 'RECORD_INTERVIEW', {}, 'committee'),
    ),
    send(
      '2026-09-01',
      'dev-b',
      '党委集体讨论，批准B为预备党员',
      act('2026-09-01', 'base-committee', 'APPROVE', { approvingOrgKind: 'party-committee' }),
    ),
    send('2026-09-20', 'dev-b', 'B面向党旗宣誓（批准后一个月内）', act('2026-09-20', 'branch-committee', 'TAKE_OATH')),
    start('2026-09-20', 'prob-b', 'B进入预备期（自 2026-07-20 支部大会通过之日起）', 'probation', {
      caseId: 'prob-b',
      personId: 'm-b',
      orgId: 'branch-1',
      actor: demoActor('branch-secretary'),
      profile: national,
      probationStart: '2026-07-20',
    }),
    start('2026-10-19', 'olm-2026', '党支部2026年度组织生活会立项', 'life-meeting', {
      caseId: 'olm-2026',
      orgId: 'branch-1',
      period: { year: 2026 },
      kind: 'branch',
      members: 17,
      profile: national,
      actor: demoActor('branch-secretary'),
    }),
    send(
      '2026-11-02',
      'olm-2026',
      '支委会确定会议主题，计划 12 月 8 日召开',
      act('2026-11-02', 'branch-committee', 'DECIDE_TOPIC', {
        contents: ['democratic-centralism'],
        focusProblems: ['focus-2'],
        plannedDate: '2026-12-08',
      }),
    ),
    send(
      '2026-11-09',
      'olm-2026',
      '开展谈心谈话 14 次',
      act('2026-11-09', 'org-commissioner', 'SOLICIT_OPINIONS', { talks: 14, forums: 0 }),
    ),
    send(
      '2026-12-01',
      'olm-2026',
      '通知全体党员会期',
      act('2026-12-01', 'branch-secretary', 'NOTIFY_MEMBERS', { meetingDate: '2026-12-08' }),
    ),
    send(
      '2026-12-04',
      'olm-2026',
      '准备发言提纲',
      act('2026-12-04', 'branch-committee', 'PREPARE_SPEECHES', { prepared: 17, leaderTalks: 3 }),
    ),
    send(
      '2026-12-08',
      'olm-2026',
      '召开组织生活会：17人全部到会发言',
      act('2026-12-08', 'branch-secretary', 'HOLD_MEETING', {
        due: 17,
        present: 17,
        speeches: 17,
        documentsStudied: true,
        opinionsReported: true,
        problemsRaised: [],
      }),
    ),
    send('2026-12-18', 'olm-2026', '向上级党组织书面报告', act('2026-12-18', 'branch-secretary', 'REPORT_UPPER')),
    send(
      '2026-12-21',
      'olm-2026',
      '制定整改措施',
      act('2026-12-21', 'branch-committee', 'RECORD_RECTIFICATION_PLAN', { measures: 1, responsibleId: 'm-lead' }),
    ),
    send(
      '2026-12-23',
      'olm-2026',
      '向党员通报会议情况',
      act('2026-12-23', 'branch-committee', 'GIVE_FEEDBACK', { audiences: ['members'] }),
    ),
    send('2026-12-28', 'olm-2026', '书记总结，会议事项办结', act('2026-12-28', 'branch-secretary', 'CLOSE')),
  ] satisfies ScriptStep[]
).sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));

/** The last day the demo simulates. */
export const demoEnd: LocalDate = '2026-12-31';

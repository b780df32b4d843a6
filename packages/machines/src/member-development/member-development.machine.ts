import { assign, setup } from 'xstate';
import { markOverdue } from '../core/case-ledger.js';
import { eventParser } from '../core/parse-payload.js';
import { rulesOn } from '../core/rules-context.js';
import { guardsFor } from '../core/step-spec.js';
import { ledgerGuards, timelinessRegion } from '../core/timeliness.js';
import { latestStepDate, toDevelopmentInput } from './member-development.checks.js';
import type { DevelopmentContext, DevelopmentOutcome } from './member-development.context.js';
import {
  type DevelopmentEvent,
  type DevelopmentImportPoint,
  type DevelopmentInput,
  type DevelopmentStep,
  developmentEventSchema,
} from './member-development.schema.js';
import { type DevelopmentStepName, developmentStepSpecs } from './member-development.steps.js';
import { applyCorrection, closeCase, initialDevelopmentContext, recordStep } from './member-development.updates.js';

/** What a finished development case hands on: the probation machine's input is built from it. */
export interface DevelopmentOutput {
  /** Case id. */
  readonly caseId: string;
  /** Person id. */
  readonly personId: string;
  /** The branch holding the case at the end. */
  readonly orgId: string;
  /** Profile id the case ran under. */
  readonly profileId: string;
  /** How it ended. */
  readonly outcome: DevelopmentOutcome | null;
  /** The probation start: the date the branch resolution passed (DEV-PROBATION-START, EC-25). */
  readonly probationStart: string | null;
  /** Date of approval. */
  readonly approvedOn: string | null;
}

const inForce = (context: DevelopmentContext) =>
  rulesOn(context.rules, latestStepDate(context) ?? context.steps.applied?.on ?? '2026-01-01').values.development;

const parsed = eventParser(developmentEventSchema);

const record = (step: DevelopmentStep | null, guard: DevelopmentStepName) => ({
  type: 'record' as const,
  params: { step, guard },
});

/**
 * 发展党员: from the written application to the probationary member, in both rule profiles
 * (catalogue §2). Structural differences (the talk, filings, the notice before or after the vote,
 * 预审, the oath) are chosen by the rule version in force on each step's date.
 */
export const memberDevelopmentMachine = /* @__PURE__ */ setup({
  types: {
    context: {} as DevelopmentContext,
    events: {} as DevelopmentEvent,
    input: {} as DevelopmentInput,
    output: {} as DevelopmentOutput,
  },
  guards: {
    ...guardsFor(developmentStepSpecs, toDevelopmentInput),
    ...ledgerGuards<DevelopmentContext>(),
    importedAt: ({ context }, params: { at: DevelopmentImportPoint }) => context.imported?.at === params.at,
    talkStepApplies: ({ context }) => inForce(context).applyTalkWithin !== null,
    activistFilingApplies: ({ context }) => inForce(context).activistFiling,
    targetNeedsFiling: ({ context }) => inForce(context).targetDecision === 'filing',
    targetNeedsConsent: ({ context }) => inForce(context).targetDecision === 'consent',
    targetNoticeApplies: ({ context }) => inForce(context).targetNotice !== null,
    nextPreparationIs: ({ context }, params: { step: 'introducers' | 'political-review' | 'training' }) => {
      const done = {
        introducers: context.steps.introducers,
        'political-review': context.steps.politicalReview,
        training: context.steps.training,
      };
      return inForce(context).preparationOrder.find((step) => !done[step]) === params.step;
    },
    prereviewApplies: ({ context }) => inForce(context).prereview,
    postVoteNoticeApplies: ({ context }) => inForce(context).postVoteNotice !== null,
    oathApplies: ({ context }) => inForce(context).oath.required,
  },
  actions: {
    // Actions read the parsed event (zod defaults applied), exactly as the guards did.
    record: assign(({ context, event }, params: { step: DevelopmentStep | null; guard: DevelopmentStepName }) =>
      recordStep(context, parsed(event), params.step, params.guard),
    ),
    close: assign(({ context, event }, params: { kind: DevelopmentOutcome['kind'] }) =>
      closeCase(context, parsed(event), params.kind),
    ),
    correct: assign(({ context, event }) => applyCorrection(context, parsed(event))),
    markOverdue: assign(({ context, event }) => markOverdue(context, event)),
  },
}).createMachine({
  id: 'memberDevelopment',
  description:
    '发展党员：从递交入党申请书到接收为预备党员 / Member development: from the written application to probationary membership',
  context: ({ input }) => initialDevelopmentContext(input),
  type: 'parallel',
  output: ({ context }) => ({
    caseId: context.caseId,
    personId: context.personId,
    orgId: context.orgId,
    profileId: context.rules.id,
    outcome: context.outcome,
    probationStart: context.outcome?.kind === 'admitted' ? (context.steps.vote?.on ?? null) : null,
    approvedOn: context.steps.approved?.on ?? null,
  }),
  states: {
    case: {
      initial: 'starting',
      on: {
        WITHDRAW: {
          guard: 'mayWithdraw',
          target: '.withdrawn',
          actions: [record(null, 'mayWithdraw'), { type: 'close', params: { kind: 'withdrawn' } }],
        },
        TERMINATE: {
          guard: 'mayTerminate',
          target: '.terminated',
          actions: [record(null, 'mayTerminate'), { type: 'close', params: { kind: 'terminated' } }],
        },
        CORRECT: { guard: 'mayCorrect', actions: 'correct' },
        WAIVE: { guard: 'mayWaive', actions: record(null, 'mayWaive') },
        TRANSFER: { guard: 'mayTransfer', actions: record(null, 'mayTransfer') },
        DEADLINE_REACHED: { guard: 'mayMarkOverdue', actions: 'markOverdue' },
      },
      states: {
        starting: {
          meta: { zh: '启动（导入的案例从历史步骤继续）', en: 'Starting (imported cases resume at their step)' },
          always: [
            { guard: { type: 'importedAt', params: { at: 'talked' } }, target: 'talked' },
            { guard: { type: 'importedAt', params: { at: 'activist' } }, target: 'activist' },
            { guard: { type: 'importedAt', params: { at: 'target' } }, target: 'target' },
            { guard: { type: 'importedAt', params: { at: 'formFilling' } }, target: 'formFilling' },
            { guard: { type: 'importedAt', params: { at: 'branchVote' } }, target: 'branchVote' },
            { guard: { type: 'importedAt', params: { at: 'awaitingApproval' } }, target: 'awaitingApproval' },
            { guard: { type: 'importedAt', params: { at: 'awaitingOath' } }, target: 'awaitingOath' },
            { target: 'applied' },
          ],
        },
        applied: {
          meta: { zh: '已递交入党申请书', en: 'Written application received' },
          on: {
            RECORD_TALK: { guard: 'mayRecordTalk', target: 'talked', actions: record('talked', 'mayRecordTalk') },
            DESIGNATE_ACTIVIST: {
              guard: 'mayDesignateActivist',
              target: 'activist',
              actions: record('activist', 'mayDesignateActivist'),
            },
          },
        },
        talked: {
          meta: { zh: '党组织已派人谈话', en: 'The organisation has talked with the applicant' },
          on: {
            DESIGNATE_ACTIVIST: {
              guard: 'mayDesignateActivist',
              target: 'activist',
              actions: record('activist', 'mayDesignateActivist'),
            },
          },
        },
        activist: {
          meta: { zh: '入党积极分子', en: 'Activist' },
          initial: 'routing',
          states: {
            routing: {
              meta: { zh: '按规则选择下一步', en: 'Choosing the next step by the rules' },
              always: [{ guard: 'activistFilingApplies', target: 'awaitingFiling' }, { target: 'awaitingContacts' }],
            },
            awaitingFiling: {
              meta: { zh: '报上级党委备案', en: 'Filing with the higher committee' },
              on: {
                FILE_ACTIVIST: {
                  guard: 'mayFileActivist',
                  target: 'awaitingContacts',
                  actions: record('activistFiled', 'mayFileActivist'),
                },
              },
            },
            awaitingContacts: {
              meta: { zh: '指定培养联系人', en: 'Assigning contacts' },
              on: {
                ASSIGN_CONTACTS: {
                  guard: 'mayAssignContacts',
                  target: 'cultivating',
                  actions: record('contactsAssigned', 'mayAssignContacts'),
                },
              },
            },
            cultivating: {
              meta: { zh: '培养教育和考察', en: 'Cultivation and assessment' },
              on: {
                REPLACE_CONTACT: { guard: 'mayReplaceContact', actions: record(null, 'mayReplaceContact') },
                RECORD_REPORT: { guard: 'mayRecordReport', actions: record(null, 'mayRecordReport') },
                RECORD_ASSESSMENT: { guard: 'mayRecordAssessment', actions: record(null, 'mayRecordAssessment') },
                PROPOSE_TARGET: {
                  guard: 'mayProposeTarget',
                  target: '#memberDevelopment.case.target',
                  actions: record('targetProposed', 'mayProposeTarget'),
                },
              },
            },
          },
        },
        target: {
          meta: { zh: '确定发展对象', en: 'Listing the development target' },
          initial: 'routing',
          states: {
            routing: {
              meta: { zh: '按规则选择下一步', en: 'Choosing the next step by the rules' },
              always: [
                { guard: 'targetNeedsConsent', target: 'awaitingConsent' },
                { guard: 'targetNeedsFiling', target: 'awaitingFiling' },
                { target: '#memberDevelopment.case.preparing' },
              ],
            },
            awaitingFiling: {
              meta: { zh: '报上级党委备案 (2014)', en: 'Filing with the higher committee (2014)' },
              on: {
                FILE_TARGET: {
                  guard: 'mayFileTarget',
                  target: '#memberDevelopment.case.preparing',
                  actions: record('targetFiled', 'mayFileTarget'),
                },
              },
            },
            awaitingConsent: {
              meta: { zh: '报上级党委同意 (2026)', en: 'Awaiting the higher committee’s consent (2026)' },
              on: {
                APPROVE_TARGET: {
                  guard: 'mayApproveTarget',
                  target: 'afterConsent',
                  actions: record('targetApproved', 'mayApproveTarget'),
                },
                RETURN: {
                  guard: 'mayReturnTarget',
                  target: '#memberDevelopment.case.activist.cultivating',
                  actions: record(null, 'mayReturnTarget'),
                },
              },
            },
            afterConsent: {
              meta: { zh: '按规则选择下一步', en: 'Choosing the next step by the rules' },
              always: [
                { guard: 'targetNoticeApplies', target: 'notice' },
                { target: '#memberDevelopment.case.preparing' },
              ],
            },
            notice: {
              meta: { zh: '公示（不少于五个工作日）', en: 'Public notice (at least five working days)' },
              on: {
                CLOSE_NOTICE: [
                  {
                    guard: 'mayCloseTargetNotice',
                    target: '#memberDevelopment.case.preparing',
                    actions: record('targetNoticeClosed', 'mayCloseTargetNotice'),
                  },
                  {
                    guard: 'mayInvestigateTargetNotice',
                    target: 'investigating',
                    actions: record(null, 'mayInvestigateTargetNotice'),
                  },
                ],
              },
            },
            investigating: {
              meta: { zh: '调查公示期间反映的问题', en: 'Investigating an objection raised during the notice' },
              on: {
                CONCLUDE_INVESTIGATION: [
                  {
                    guard: 'mayClearObjection',
                    target: '#memberDevelopment.case.preparing',
                    actions: record('targetNoticeClosed', 'mayClearObjection'),
                  },
                  {
                    guard: 'mayUpholdObjection',
                    target: '#memberDevelopment.case.terminated',
                    actions: [record(null, 'mayUpholdObjection'), { type: 'close', params: { kind: 'terminated' } }],
                  },
                ],
              },
            },
          },
        },
        preparing: {
          meta: {
            zh: '发展对象：介绍人、政治审查、集中培训',
            en: 'Development target: introducers, political review, training',
          },
          initial: 'routing',
          states: {
            routing: {
              meta: { zh: '按规则顺序选择下一步', en: 'Choosing the next step in the profile’s order' },
              always: [
                { guard: { type: 'nextPreparationIs', params: { step: 'introducers' } }, target: 'introducers' },
                {
                  guard: { type: 'nextPreparationIs', params: { step: 'political-review' } },
                  target: 'politicalReview',
                },
                { guard: { type: 'nextPreparationIs', params: { step: 'training' } }, target: 'training' },
                { guard: 'prereviewApplies', target: 'committeeReview' },
                { target: '#memberDevelopment.case.formFilling' },
              ],
            },
            introducers: {
              meta: { zh: '确定入党介绍人', en: 'Naming two introducers' },
              on: {
                SET_INTRODUCERS: {
                  guard: 'maySetIntroducers',
                  target: 'routing',
                  actions: record('introducers', 'maySetIntroducers'),
                },
              },
            },
            politicalReview: {
              meta: { zh: '政治审查', en: 'Political review' },
              on: {
                RECORD_POLITICAL_REVIEW: [
                  {
                    guard: 'mayPassPoliticalReview',
                    target: 'routing',
                    actions: record('politicalReview', 'mayPassPoliticalReview'),
                  },
                  {
                    guard: 'mayFailPoliticalReview',
                    target: '#memberDevelopment.case.terminated',
                    actions: [
                      record('politicalReview', 'mayFailPoliticalReview'),
                      { type: 'close', params: { kind: 'terminated' } },
                    ],
                  },
                ],
              },
            },
            training: {
              meta: { zh: '短期集中培训', en: 'Concentrated training' },
              on: {
                RECORD_TRAINING: {
                  guard: 'mayRecordTraining',
                  target: 'routing',
                  actions: record('training', 'mayRecordTraining'),
                },
              },
            },
            committeeReview: {
              meta: { zh: '支委会审查', en: 'Branch committee review' },
              on: {
                RECORD_COMMITTEE_REVIEW: {
                  guard: 'mayRecordCommitteeReview',
                  target: 'prereview',
                  actions: record('committeeReview', 'mayRecordCommitteeReview'),
                },
              },
            },
            prereview: {
              meta: { zh: '基层党委预审', en: 'Pre-review by the base committee' },
              on: {
                RECORD_PREREVIEW: [
                  {
                    guard: 'mayPassPrereview',
                    target: '#memberDevelopment.case.formFilling',
                    actions: record('prereview', 'mayPassPrereview'),
                  },
                  { guard: 'mayFailPrereview', target: 'committeeReview', actions: record(null, 'mayFailPrereview') },
                ],
              },
            },
          },
        },
        formFilling: {
          meta: { zh: '填写入党志愿书', en: 'Filling in the application form (入党志愿书)' },
          on: {
            FILL_FORM: { guard: 'mayFillForm', target: 'branchVote', actions: record('formFilled', 'mayFillForm') },
          },
        },
        branchVote: {
          meta: { zh: '支部党员大会讨论表决', en: 'Branch members’ meeting votes' },
          on: {
            HOLD_VOTE: [
              { guard: 'mayPassVote', target: 'afterVote', actions: record('vote', 'mayPassVote') },
              { guard: 'mayFailVote', target: 'voteNotPassed', actions: record(null, 'mayFailVote') },
            ],
          },
        },
        voteNotPassed: {
          meta: { zh: '表决未通过：可再次表决或终止', en: 'Vote not passed: vote again or end the case' },
          on: {
            HOLD_VOTE: [
              { guard: 'mayPassVote', target: 'afterVote', actions: record('vote', 'mayPassVote') },
              { guard: 'mayFailVote', target: 'voteNotPassed', actions: record(null, 'mayFailVote') },
            ],
          },
        },
        afterVote: {
          meta: { zh: '按规则选择下一步', en: 'Choosing the next step by the rules' },
          always: [{ guard: 'postVoteNoticeApplies', target: 'postVoteNotice' }, { target: 'higherInterview' }],
        },
        postVoteNotice: {
          meta: { zh: '支部大会通过后公示三天', en: 'Three-day notice after the vote' },
          on: {
            CLOSE_NOTICE: [
              {
                guard: 'mayClosePostVoteNotice',
                target: 'higherInterview',
                actions: record('postVoteNoticeClosed', 'mayClosePostVoteNotice'),
              },
              {
                guard: 'mayInvestigatePostVoteNotice',
                target: 'postVoteInvestigating',
                actions: record(null, 'mayInvestigatePostVoteNotice'),
              },
            ],
          },
        },
        postVoteInvestigating: {
          meta: { zh: '调查公示期间反映的问题并报上级', en: 'Investigating an objection and reporting it upward' },
          on: {
            CONCLUDE_INVESTIGATION: [
              {
                guard: 'mayClearObjection',
                target: 'higherInterview',
                actions: record('postVoteNoticeClosed', 'mayClearObjection'),
              },
              {
                guard: 'mayUpholdObjection',
                target: 'terminated',
                actions: [record(null, 'mayUpholdObjection'), { type: 'close', params: { kind: 'terminated' } }],
              },
            ],
          },
        },
        higherInterview: {
          meta: { zh: '上级党组织派人谈话、审查材料', en: 'Interview and review by the higher organisation' },
          on: {
            RECORD_INTERVIEW: {
              guard: 'mayRecordInterview',
              target: 'awaitingApproval',
              actions: record('interviewed', 'mayRecordInterview'),
            },
            RETURN: { guard: 'mayReturnInterview', target: 'formFilling', actions: record(null, 'mayReturnInterview') },
          },
        },
        awaitingApproval: {
          meta: { zh: '党委集体讨论审批', en: 'Approval by the party committee' },
          on: {
            APPROVE: { guard: 'mayApprove', target: 'afterApproval', actions: record('approved', 'mayApprove') },
            REJECT_ADMISSION: {
              guard: 'mayRejectAdmission',
              target: 'notApproved',
              actions: [record(null, 'mayRejectAdmission'), { type: 'close', params: { kind: 'not-approved' } }],
            },
            RETURN: { guard: 'mayReturnApproval', target: 'branchVote', actions: record(null, 'mayReturnApproval') },
          },
        },
        afterApproval: {
          meta: { zh: '按规则选择下一步', en: 'Choosing the next step by the rules' },
          always: [{ guard: 'oathApplies', target: 'awaitingOath' }, { target: 'announcing' }],
        },
        awaitingOath: {
          meta: { zh: '备案并组织入党宣誓', en: 'Filing upward and the oath' },
          on: {
            FILE_APPROVAL: { guard: 'mayFileApproval', actions: record('approvalFiled', 'mayFileApproval') },
            TAKE_OATH: {
              guard: 'mayTakeOath',
              target: 'admitted',
              actions: [record('oath', 'mayTakeOath'), { type: 'close', params: { kind: 'admitted' } }],
            },
          },
        },
        announcing: {
          meta: { zh: '通知本人并在党员大会上宣布', en: 'Informing the person and announcing at a members’ meeting' },
          on: {
            ANNOUNCE: {
              guard: 'mayAnnounce',
              target: 'admitted',
              actions: [record('announced', 'mayAnnounce'), { type: 'close', params: { kind: 'admitted' } }],
            },
          },
        },
        admitted: { type: 'final', meta: { zh: '接收为预备党员', en: 'Admitted as a probationary member' } },
        notApproved: { type: 'final', meta: { zh: '党委未批准', en: 'Not approved by the committee' } },
        withdrawn: { type: 'final', meta: { zh: '申请人撤回申请', en: 'Withdrawn by the applicant' } },
        terminated: { type: 'final', meta: { zh: '党组织终止发展', en: 'Ended by the organisation' } },
      },
    },
    timeliness: timelinessRegion,
  },
});

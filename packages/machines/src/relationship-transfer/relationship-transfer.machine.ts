import { assign, setup } from 'xstate';
import { markOverdue } from '../core/case-ledger.js';
import { eventParser } from '../core/parse-payload.js';
import { guardsFor } from '../core/step-spec.js';
import { ledgerGuards, timelinessMeta, timelinessRegion } from '../core/timeliness.js';
import { toTransferInput } from './relationship-transfer.checks.js';
import type {
  RelationshipTransferContext,
  RollState,
  TransferOutcome,
  WithdrawalCandidateRecord,
} from './relationship-transfer.context.js';
import type { TransferTrack } from './relationship-transfer.route.js';
import {
  type RelationshipTransferEvent,
  type RelationshipTransferInput,
  relationshipTransferEventSchema,
} from './relationship-transfer.schema.js';
import { relationshipTransferStepSpecs, type TransferStepName } from './relationship-transfer.steps.js';
import { closeCase, initialTransferContext, recordStep } from './relationship-transfer.updates.js';

/** What a finished transfer case hands on: the roll, and where continuing cases go (EC-05). */
export interface RelationshipTransferOutput {
  /** Case id. */
  readonly caseId: string;
  /** Person id. */
  readonly personId: string;
  /** Profile id the case ran under. */
  readonly profileId: string;
  /** The track the case took. */
  readonly track: TransferTrack;
  /** How it ended. */
  readonly outcome: TransferOutcome | null;
  /** Which roll the member is on: exactly one after the case ends. */
  readonly roll: RollState;
  /** The outgoing branch. */
  readonly fromOrgId: string;
  /** The branch that now holds the roll after a transfer, else null: send TRANSFER to `continuingCases` with it. */
  readonly receivingOrgId: string | null;
  /** Development or probation cases that continue at `receivingOrgId`. */
  readonly continuingCases: readonly string[];
  /** A self-withdrawal flag; removal is out of scope and never automatic. */
  readonly withdrawalCandidate: WithdrawalCandidateRecord | null;
}

const parsed = eventParser(relationshipTransferEventSchema);

const record = (guard: TransferStepName) => ({ type: 'record' as const, params: { guard } });
const close = (kind: TransferOutcome['kind']) => ({ type: 'close' as const, params: { kind } });
const withdraw = {
  guard: 'mayWithdraw' as const,
  target: '#relationshipTransfer.case.withdrawn',
  actions: [record('mayWithdraw'), close('withdrawn')],
};

/**
 * 组织关系转接: one member's move, in both rule profiles (catalogue §7, §8). The track is chosen
 * from the input (EC-30): a certificate or temporary relationship for a short absence, a mobile
 * member's card, or a formal transfer along a route computed from the host's organisation tree,
 * with the letter's validity (EC-29), refusal, escalation and the non-transfer flag (§16 B17).
 */
export const relationshipTransferMachine = /* @__PURE__ */ setup({
  types: {
    context: {} as RelationshipTransferContext,
    events: {} as RelationshipTransferEvent,
    input: {} as RelationshipTransferInput,
    output: {} as RelationshipTransferOutput,
  },
  guards: {
    ...guardsFor(relationshipTransferStepSpecs, toTransferInput),
    ...ledgerGuards<RelationshipTransferContext>(),
    trackIs: ({ context }, params: { track: TransferTrack }) => context.track.track === params.track,
  },
  actions: {
    // Actions read the parsed event (zod defaults applied, reasons trimmed), exactly as the guards did.
    record: assign(({ context, event }, params: { guard: TransferStepName }) =>
      recordStep(context, parsed(event), params.guard),
    ),
    close: assign(({ context, event }, params: { kind: TransferOutcome['kind'] }) =>
      closeCase(context, parsed(event), params.kind),
    ),
    markOverdue: assign(({ context, event }) => markOverdue(context, event)),
  },
}).createMachine({
  id: 'relationshipTransfer',
  description:
    '组织关系转接：转出、转递、接收登记和回执；短期外出与流动党员 / Organisational relationship transfer: out, along the route, registration and receipt; short absences and mobile members',
  context: ({ input }) => initialTransferContext(input),
  type: 'parallel',
  output: ({ context }) => ({
    caseId: context.caseId,
    personId: context.personId,
    profileId: context.rules.id,
    track: context.track.track,
    outcome: context.outcome,
    roll: context.roll,
    fromOrgId: context.fromOrgId,
    receivingOrgId: context.outcome?.kind === 'transferred' ? context.toOrgId : null,
    continuingCases: context.continuingCases,
    withdrawalCandidate: context.candidate,
  }),
  states: {
    case: {
      meta: { zh: '办理进程', en: 'Case progress' },
      initial: 'starting',
      on: {
        DEADLINE_REACHED: { guard: 'mayMarkOverdue', actions: 'markOverdue' },
      },
      states: {
        starting: {
          meta: { zh: '按外出期限和党员类别选择办理方式', en: 'Choosing the track from the absence and the member' },
          always: [
            { guard: { type: 'trackIs', params: { track: 'certificate' } }, target: 'temporary' },
            { guard: { type: 'trackIs', params: { track: 'temporary' } }, target: 'temporary' },
            { guard: { type: 'trackIs', params: { track: 'mobile' } }, target: 'mobile' },
            { target: 'formal' },
          ],
        },
        formal: {
          meta: { zh: '正式转接组织关系', en: 'Formal transfer of the relationship' },
          initial: 'awaitingStart',
          states: {
            awaitingStart: {
              meta: { zh: '等待转出方办理', en: 'Waiting for the outgoing side to start' },
              initial: 'waiting',
              on: {
                FORWARD: { guard: 'mayForward', target: 'sending', actions: record('mayForward') },
                ISSUE_LETTER: { guard: 'mayIssueLetter', target: 'receiving', actions: record('mayIssueLetter') },
                FLAG_WITHDRAWAL_CANDIDATE: {
                  guard: 'mayFlagCandidate',
                  target: '#relationshipTransfer.case.withdrawalCandidate',
                  actions: [record('mayFlagCandidate'), close('withdrawal-candidate')],
                },
                WITHDRAW: withdraw,
              },
              states: {
                waiting: {
                  meta: { zh: '尚未办理转出', en: 'Not started yet' },
                  on: {
                    DEADLINE_REACHED: {
                      guard: 'mayMarkNonTransferOverdue',
                      target: 'overdue',
                      actions: 'markOverdue',
                    },
                  },
                },
                overdue: {
                  meta: {
                    zh: '超过六个月未办理组织关系，基层党组织应及时纠正',
                    en: 'Not transferred for over six months; the organisation is to correct it',
                  },
                  on: {
                    RECORD_CORRECTION_ATTEMPT: {
                      guard: 'mayAttemptCorrection',
                      target: 'correctionAttempted',
                      actions: record('mayAttemptCorrection'),
                    },
                  },
                },
                correctionAttempted: {
                  meta: {
                    zh: '已纠正，仍未办理（坚持不改的可标记为自行脱党候选）',
                    en: 'Correction attempted, still not transferred (persistence may be flagged)',
                  },
                  on: {
                    RECORD_CORRECTION_ATTEMPT: {
                      guard: 'mayAttemptCorrection',
                      actions: record('mayAttemptCorrection'),
                    },
                  },
                },
              },
            },
            sending: {
              meta: { zh: '转出方逐级审核转递', en: 'The outgoing side reviews and forwards' },
              on: {
                FORWARD: { guard: 'mayForward', actions: record('mayForward') },
                ISSUE_LETTER: { guard: 'mayIssueLetter', target: 'receiving', actions: record('mayIssueLetter') },
                WITHDRAW: withdraw,
              },
            },
            receiving: {
              meta: { zh: '介绍信转递中，接收方逐级接收', en: 'Letter on its way; the receiving side accepts' },
              on: {
                ACCEPT: { guard: 'mayAccept', actions: record('mayAccept') },
                REGISTER: { guard: 'mayRegister', target: 'closing', actions: record('mayRegister') },
                REFUSE: { guard: 'mayRefuse', target: 'returned', actions: record('mayRefuse') },
                ESCALATE: { guard: 'mayEscalate', actions: record('mayEscalate') },
                REISSUE_LETTER: { guard: 'mayReissueExpired', actions: record('mayReissueExpired') },
                WITHDRAW: withdraw,
              },
            },
            returned: {
              meta: {
                zh: '接收方拒收并说明理由，退回转出方：重开介绍信或撤回',
                en: 'Refused with a reason and returned: re-issue the letter or withdraw',
              },
              on: {
                REISSUE_LETTER: {
                  guard: 'mayReissueReturned',
                  target: 'receiving',
                  actions: record('mayReissueReturned'),
                },
                WITHDRAW: withdraw,
              },
            },
            closing: {
              meta: {
                zh: '已在接收党支部登记：备案并由开具单位记录回执',
                en: 'Registered at the receiving branch: filing and the receipt',
              },
              on: {
                FILE_TRANSFER: { guard: 'mayFile', actions: record('mayFile') },
                RECORD_RECEIPT: {
                  guard: 'mayRecordReceipt',
                  target: '#relationshipTransfer.case.transferred',
                  actions: [record('mayRecordReceipt'), close('transferred')],
                },
              },
            },
          },
        },
        temporary: {
          meta: {
            zh: '短期外出：不转组织关系，开具证明信或建立临时组织关系',
            en: 'Temporary absence: no transfer; a certificate or a temporary relationship',
          },
          initial: 'awaitingCertificate',
          states: {
            awaitingCertificate: {
              meta: { zh: '等待开具党员证明信', en: 'Waiting for the certificate letter' },
              on: {
                ISSUE_CERTIFICATE: {
                  guard: 'mayIssueCertificate',
                  target: 'participating',
                  actions: record('mayIssueCertificate'),
                },
              },
            },
            participating: {
              meta: {
                zh: '在外参加临时组织生活（无表决权），组织关系留在原支部',
                en: 'Taking part in temporary organisational life (no vote); the relationship stays home',
              },
              on: {
                END_ABSENCE: {
                  guard: 'mayEndAbsence',
                  target: '#relationshipTransfer.case.absenceEnded',
                  actions: [record('mayEndAbsence'), close('absence-ended')],
                },
              },
            },
          },
        },
        mobile: {
          meta: {
            zh: '流动党员：以流入地党组织为主管理',
            en: 'Mobile member: managed mainly by the inflow organisation',
          },
          initial: 'awaitingCard',
          states: {
            awaitingCard: {
              meta: { zh: '流出地党组织发放《流动党员活动证》', en: 'The outflow organisation issues the card' },
              on: {
                ISSUE_MOBILE_CARD: {
                  guard: 'mayIssueMobileCard',
                  target: 'awaitingRegistration',
                  actions: record('mayIssueMobileCard'),
                },
              },
            },
            awaitingRegistration: {
              meta: { zh: '流入地党组织登记', en: 'The inflow organisation registers the member' },
              on: {
                REGISTER_MOBILE: {
                  guard: 'mayRegisterMobile',
                  target: 'managed',
                  actions: record('mayRegisterMobile'),
                },
              },
            },
            managed: {
              meta: {
                zh: '流入地为主、流出地共同管理；组织关系留在原支部',
                en: 'Managed by the inflow organisation with the outflow one; the roll stays home',
              },
              on: {
                END_MOBILE: {
                  guard: 'mayEndMobile',
                  target: '#relationshipTransfer.case.mobileEnded',
                  actions: [record('mayEndMobile'), close('mobile-ended')],
                },
              },
            },
          },
        },
        transferred: {
          type: 'final',
          meta: { zh: '转接完成：已在接收党支部登记，回执已记录', en: 'Transferred: registered, receipt recorded' },
        },
        withdrawn: { type: 'final', meta: { zh: '已撤回转接', en: 'Transfer withdrawn' } },
        withdrawalCandidate: {
          type: 'final',
          meta: {
            zh: '标记为自行脱党候选（不自动除名）',
            en: 'Flagged as a self-withdrawal candidate (never removed automatically)',
          },
        },
        absenceEnded: { type: 'final', meta: { zh: '外出结束', en: 'Absence ended' } },
        mobileEnded: { type: 'final', meta: { zh: '流动结束', en: 'Mobile period ended' } },
      },
    },
    timeliness: { meta: timelinessMeta, ...timelinessRegion },
  },
});

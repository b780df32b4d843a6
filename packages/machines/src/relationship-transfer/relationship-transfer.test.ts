import { InvalidPayloadError } from '@dangwu/rules';
import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { type DriverMode, driverModes } from '../../test/case-driver.js';
import { toMermaid } from '../core/mermaid.js';
import { parsePayload } from '../core/parse-payload.js';
import { relationshipTransferMachine } from './relationship-transfer.machine.js';
import { relationshipTransferProcess } from './relationship-transfer.process.js';
import { relationshipTransferInputSchema } from './relationship-transfer.schema.js';
import {
  actorOf,
  at,
  caseState,
  member,
  reached,
  startTransfer,
  testOrgs,
  timeliness,
  transferInput,
} from './relationship-transfer.test-helpers.js';

/** National, online, b1 (gbA) → b3 (gbB): up through gbA, the department issues, down through gbB. */
function nationalAcross(mode: DriverMode, extra: Parameters<typeof transferInput>[3] = {}) {
  const d = startTransfer(mode, transferInput('national', 'b3', '2026-03-02', extra));
  d.accept(at('FORWARD', '2026-03-02', 'b1'));
  d.accept(at('FORWARD', '2026-03-04', 'gbA'));
  d.accept(at('ISSUE_LETTER', '2026-03-10', 'dept', { channel: 'online' }));
  return d;
}

/** Document, paper, b1 → b2 within gbA: the branch issues directly. */
function documentWithin(mode: DriverMode) {
  const d = startTransfer(mode, transferInput('document', 'b2', '2026-03-02'));
  d.accept(at('ISSUE_LETTER', '2026-03-02', 'b1', { channel: 'paper' }));
  return d;
}

describe.each(driverModes)('relationship transfer (%s actor)', (mode) => {
  it('national online transfer across general branches goes through the organisation department [REL-ROUTING]', () => {
    const d = startTransfer(
      mode,
      transferInput('national', 'b3', '2026-03-02', { continuingCases: ['development-7', 'probation-2'] }),
    );
    expect(d.context.track).toMatchObject({ track: 'formal', ruleId: 'REL-ROUTING' });
    expect(d.context.route.map((hop) => `${hop.orgId}:${hop.action}`)).toEqual([
      'b1:forward',
      'gbA:forward',
      'dept:issue',
      'gbB:accept',
      'b3:register',
      'dept:receipt',
    ]);
    expect(relationshipTransferProcess.organisationOf(d.snapshot)).toBe('b1');
    d.accept(at('FORWARD', '2026-03-02', 'b1'));
    expect(caseState(d)).toEqual({ formal: 'sending' });
    expect(relationshipTransferProcess.organisationOf(d.snapshot)).toBe('gbA');
    d.accept(at('FORWARD', '2026-03-04', 'gbA'));
    d.accept(at('ISSUE_LETTER', '2026-03-10', 'dept', { channel: 'online' }));
    expect(caseState(d)).toEqual({ formal: 'receiving' });
    expect(d.context.letters[0]).toMatchObject({ channel: 'online', validUntil: '2026-06-10', status: 'in-transit' });
    expect(d.context.deadlines).toEqual([
      expect.objectContaining({ id: 'receive-hop-4-letter-1', ruleId: 'REL-ROUTING', due: '2026-04-09' }),
      expect.objectContaining({ id: 'letter-1', ruleId: 'REL-LETTER-VALIDITY', due: '2026-06-10' }),
    ]);
    d.accept(at('ACCEPT', '2026-03-12', 'gbB'));
    expect(d.context.deadlines.map((deadline) => [deadline.id, deadline.due])).toEqual([
      ['receive-hop-5-letter-1', '2026-04-11'],
    ]);
    d.accept(at('REGISTER', '2026-03-15', 'b3'));
    expect(caseState(d)).toEqual({ formal: 'closing' });
    expect(d.context.roll).toEqual({ outgoing: true, incoming: true });
    d.accept(at('RECORD_RECEIPT', '2026-03-20', 'dept'));
    expect(d.snapshot.status).toBe('done');
    expect(d.snapshot.output).toEqual({
      caseId: 'transfer-1',
      personId: 'person-1',
      profileId: 'national',
      track: 'formal',
      outcome: { kind: 'transferred', on: '2026-03-20', reason: null },
      roll: { outgoing: false, incoming: true },
      fromOrgId: 'b1',
      receivingOrgId: 'b3',
      continuingCases: ['development-7', 'probation-2'],
      withdrawalCandidate: null,
    });
    expect(relationshipTransferProcess.organisationOf(d.snapshot)).toBe('b3');
    expect(d.context.history.map((entry) => entry.hop)).toEqual([null, 0, 1, 2, 3, 4, 5]);
    expect(d.context.history.at(-1)?.versionId).toBe('NAT-2020');
  });

  it('document paper transfer within one general branch is direct and filed with the organisation department', () => {
    const d = startTransfer(mode, transferInput('document', 'b2', '2026-03-02'));
    expect(d.context.route.map((hop) => `${hop.orgId}:${hop.action}`)).toEqual([
      'b1:issue',
      'b2:register',
      'dept:file',
      'b1:receipt',
    ]);
    const online = d.send(at('ISSUE_LETTER', '2026-03-02', 'b1', { channel: 'online' }));
    expect(online.verdict).toBe('refused');
    expect(online.failures[0]).toMatchObject({ ruleId: 'REL-LETTER-CARRIER' });
    d.accept(at('ISSUE_LETTER', '2026-03-02', 'b1', { channel: 'paper' }));
    d.accept(at('REGISTER', '2026-03-05', 'b2'));
    const early = d.send(at('RECORD_RECEIPT', '2026-03-06', 'b1'));
    expect(early.failures[0]?.message.zh).toContain('报组织部备案');
    d.accept(at('FILE_TRANSFER', '2026-03-06', 'dept'));
    d.accept(at('RECORD_RECEIPT', '2026-03-08', 'b1'));
    expect(d.snapshot.output).toMatchObject({
      outcome: { kind: 'transferred' },
      roll: { outgoing: false, incoming: true },
      receivingOrgId: 'b2',
    });
    expect(d.context.warnings).toEqual([]);
  });

  it('EC-29 national: an expired letter is refused on arrival with the remedy; re-issue only after expiry [REL-LETTER-VALIDITY]', () => {
    const d = nationalAcross(mode);
    const tooSoon = d.send(at('REISSUE_LETTER', '2026-06-10', 'dept', { basis: 'reissue' }));
    expect(tooSoon.verdict).toBe('refused');
    expect(tooSoon.failures[0]).toMatchObject({ ruleId: 'REL-LETTER-VALIDITY', earliest: '2026-06-11' });
    const expired = d.send(at('ACCEPT', '2026-06-11', 'gbB'));
    expect(expired.verdict).toBe('refused');
    expect(expired.failures.map((failure) => failure.ruleId)).toEqual(['REL-LETTER-VALIDITY']);
    expect(expired.message.zh).toContain('已于 2026-06-10 到期');
    expect(expired.message.zh).toContain('由原党支部出具证明并本人重新申请开具介绍信');
    expect(expired.message.zh).toContain('REISSUE_LETTER');
    expect(expired.message.en).toContain('Remedy');
    expect(d.send(at('REGISTER', '2026-06-11', 'b3')).verdict).toBe('refused');
    const byOther = d.send(at('REISSUE_LETTER', '2026-06-12', 'b1', { basis: 'reissue' }));
    expect(byOther.failures[0]).toMatchObject({ check: 'issuerActs', ruleId: 'REL-ROUTING' });
    d.accept(at('REISSUE_LETTER', '2026-06-12', 'dept', { basis: 'certificate-and-application' }));
    expect(d.context.letters.map((letter) => [letter.no, letter.status, letter.basis])).toEqual([
      [1, 'superseded', 'original'],
      [2, 'in-transit', 'certificate-and-application'],
    ]);
    expect(d.context.letters[1]).toMatchObject({ channel: 'online', validUntil: '2026-09-12' });
    d.accept(at('ACCEPT', '2026-06-15', 'gbB'));
    expect(d.context.letters[1]).toMatchObject({ status: 'arrived', arrivedOn: '2026-06-15' });
    expect(d.context.warnings).toEqual([]);
  });

  it('EC-29 document (§16 E-11 "一般"): an expired letter is accepted with a warning that names the remedy', () => {
    const d = documentWithin(mode);
    expect(d.context.letters[0]?.validUntil).toBe('2026-06-02');
    d.accept(reached('letter-1', '2026-06-03'));
    expect(timeliness(d)).toBe('overdue');
    const late = d.accept(at('REGISTER', '2026-06-03', 'b2'));
    expect(late.warnings).toEqual([
      expect.objectContaining({ check: 'letterValidWarning', ruleId: 'REL-LETTER-VALIDITY', severity: 'warn' }),
    ]);
    expect(late.warnings[0]?.message.zh).toContain('重新开具');
    expect(d.context.warnings).toEqual([
      expect.objectContaining({ eventType: 'REGISTER', ruleId: 'REL-LETTER-VALIDITY' }),
    ]);
    expect(timeliness(d)).toBe('onTime');
    expect(d.context.late[0]).toMatchObject({ deadlineId: 'letter-1', doneOn: '2026-06-03' });
  });

  it('the receiving side that does not act goes overdue, and its superior escalates and acts in its place', () => {
    const d = nationalAcross(mode);
    const early = d.send(at('ESCALATE', '2026-04-09', 'cmte', { reason: 'NO-RESPONSE' }));
    expect(early.failures[0]).toMatchObject({ check: 'escalationDue', earliest: '2026-04-10' });
    expect(d.send(reached('receive-hop-4-letter-1', '2026-04-09')).verdict).toBe('refused');
    d.accept(reached('receive-hop-4-letter-1', '2026-04-10'));
    expect(timeliness(d)).toBe('overdue');
    expect(d.context.overdue).toEqual([
      expect.objectContaining({ deadlineId: 'receive-hop-4-letter-1', ruleId: 'REL-ROUTING', due: '2026-04-09' }),
    ]);
    expect(d.send(reached('receive-hop-4-letter-1', '2026-04-11')).verdict).toBe('refused');
    const notSuperior = d.send(at('ESCALATE', '2026-04-12', 'gbA', { reason: 'NO-RESPONSE' }));
    expect(notSuperior.failures[0]).toMatchObject({ check: 'superiorActs', ruleId: 'REL-ROUTING' });
    d.accept(at('ESCALATE', '2026-04-12', 'cmte', { reason: 'NO-RESPONSE' }));
    expect(d.context.escalations).toEqual([
      {
        hop: 3,
        fromOrgId: 'gbB',
        toOrgId: 'cmte',
        byActorId: 'base-committee@cmte',
        on: '2026-04-12',
        reason: 'NO-RESPONSE',
      },
    ]);
    expect(relationshipTransferProcess.organisationOf(d.snapshot)).toBe('cmte');
    expect(d.send(at('ACCEPT', '2026-04-13', 'gbB')).verdict).toBe('refused');
    d.accept(at('ACCEPT', '2026-04-13', 'cmte'));
    expect(timeliness(d)).toBe('onTime');
    expect(d.context.late[0]).toMatchObject({ deadlineId: 'receive-hop-4-letter-1', doneOn: '2026-04-13' });
    expect(d.context.history.at(-1)).toMatchObject({ eventType: 'ACCEPT', orgId: 'cmte', hop: 3 });
    d.accept(at('REGISTER', '2026-04-14', 'b3'));
  });

  it('a refusal needs a reason and returns the case to the sender, who re-issues or withdraws', () => {
    const d = nationalAcross(mode);
    d.accept(at('ACCEPT', '2026-03-12', 'gbB'));
    expect(d.send(at('REFUSE', '2026-03-13', 'b3')).verdict).toBe('invalid');
    expect(d.send(at('REFUSE', '2026-03-13', 'b3', { reason: '  ' })).verdict).toBe('invalid');
    expect(d.send(at('REFUSE', '2026-03-13', 'gbB', { reason: 'WRONG-UNIT' })).verdict).toBe('refused');
    d.accept(at('REFUSE', '2026-03-13', 'b3', { reason: 'WRONG-UNIT' }));
    expect(caseState(d)).toEqual({ formal: 'returned' });
    expect(d.context.returns).toEqual([{ from: 'b3', on: '2026-03-13', reason: 'WRONG-UNIT' }]);
    expect(d.context.letters[0]?.status).toBe('returned');
    expect(d.context.deadlines).toEqual([]);
    expect(relationshipTransferProcess.organisationOf(d.snapshot)).toBe('b1');
    expect(d.send(at('REGISTER', '2026-03-14', 'b3')).verdict).toBe('not-accepted');
    d.accept(at('REISSUE_LETTER', '2026-03-20', 'dept', { basis: 'reissue' }));
    expect(caseState(d)).toEqual({ formal: 'receiving' });
    expect(d.context.route[3]).toMatchObject({ actingOrgId: 'gbB' });
    expect(d.context.hopsDone[3]).toBeNull();
    d.accept(at('REFUSE', '2026-03-25', 'gbB', { reason: 'STILL-WRONG' }));
    const stranger = d.send({
      ...at('WITHDRAW', '2026-03-26', 'b1', { reason: 'STAYING' }),
      actor: { ...member, id: 'x' },
    });
    expect(stranger.verdict).toBe('refused');
    d.accept({ ...at('WITHDRAW', '2026-03-26', 'b1', { reason: 'STAYING' }), actor: member });
    expect(d.snapshot.output).toMatchObject({
      outcome: { kind: 'withdrawn', reason: 'STAYING' },
      roll: { outgoing: true, incoming: false },
      receivingOrgId: null,
    });
  });

  it.each([
    ['2026-06-01', 'certificate', 'exactly three months is within "三个月以内"'],
    ['2026-06-02', 'temporary', 'three months and a day'],
    ['2026-09-01', 'temporary', 'exactly six months is not "超过半年"'],
    ['2026-09-02', 'formal', 'six months and a day'],
  ] as const)('EC-30 away 2026-03-01 to %s: %s track (%s) [REL-TEMP-ABSENCE]', (until, track, _why) => {
    const d = startTransfer(
      mode,
      transferInput('national', 'b3', '2026-02-20', { absence: { from: '2026-03-01', until } }),
    );
    expect(d.context.track).toMatchObject({ track, ruleId: 'REL-TEMP-ABSENCE' });
    expect(caseState(d)).toEqual(
      track === 'formal' ? { formal: { awaitingStart: 'waiting' } } : { temporary: 'awaitingCertificate' },
    );
  });

  it('EC-30 a short absence takes a certificate only; temporary members keep their roll and have no vote at the host', () => {
    const short = startTransfer(
      mode,
      transferInput('document', 'host-9', '2026-02-20', { absence: { from: '2026-03-01', until: '2026-06-01' } }),
    );
    const relationship = short.send(
      at('ISSUE_CERTIFICATE', '2026-02-25', 'dept', { arrangement: 'temporary-relationship' }),
    );
    expect(relationship.failures[0]).toMatchObject({ ruleId: 'REL-TEMP-ABSENCE', check: 'arrangementFits' });
    expect(
      short.send(at('ISSUE_CERTIFICATE', '2026-02-25', 'b3', { arrangement: 'certificate' })).failures[0],
    ).toMatchObject({
      check: 'outgoingSideActs',
    });
    short.accept(at('ISSUE_CERTIFICATE', '2026-02-25', 'dept', { arrangement: 'certificate' }));
    expect(short.context.temporary).toEqual({
      arrangement: 'certificate',
      issuedOn: '2026-02-25',
      hostOrgId: 'host-9',
      votingAtHost: false,
    });
    expect(short.context.deadlines).toEqual([expect.objectContaining({ id: 'absence-end', due: '2026-06-01' })]);
    short.accept({ ...at('END_ABSENCE', '2026-05-30', 'b1'), actor: member });
    expect(short.snapshot.output).toMatchObject({
      track: 'certificate',
      outcome: { kind: 'absence-ended' },
      roll: { outgoing: true, incoming: false },
    });
    const middle = startTransfer(
      mode,
      transferInput('national', 'host-9', '2026-02-20', { absence: { from: '2026-03-01', until: '2026-08-01' } }),
    );
    middle.accept(at('ISSUE_CERTIFICATE', '2026-02-25', 'cmte', { arrangement: 'temporary-relationship' }));
    expect(middle.context.temporary?.arrangement).toBe('temporary-relationship');
  });

  it('EC-30 a mobile member gets a card from the outflow side and is managed mainly by the inflow organisation [REL-MOBILE-DEFINITION]', () => {
    const d = startTransfer(mode, transferInput('national', 'inflow-7', '2026-04-01', { mobile: true }));
    expect(d.context.track.track).toBe('mobile');
    expect(caseState(d)).toEqual({ mobile: 'awaitingCard' });
    expect(d.send(at('REGISTER_MOBILE', '2026-04-02', 'inflow-7')).verdict).toBe('not-accepted');
    d.accept(at('ISSUE_MOBILE_CARD', '2026-04-02', 'b1'));
    expect(relationshipTransferProcess.organisationOf(d.snapshot)).toBe('inflow-7');
    const wrongSide = d.send(at('REGISTER_MOBILE', '2026-04-05', 'b3'));
    expect(wrongSide.failures[0]).toMatchObject({ ruleId: 'REL-MOBILE-DEFINITION' });
    d.accept(at('REGISTER_MOBILE', '2026-04-05', 'inflow-7'));
    expect(caseState(d)).toEqual({ mobile: 'managed' });
    expect(d.context.mobile).toEqual({ cardIssuedOn: '2026-04-02', registeredOn: '2026-04-05' });
    d.accept(at('END_MOBILE', '2026-10-01', 'inflow-7', { reason: 'RETURNED-HOME' }));
    expect(d.snapshot.output).toMatchObject({
      track: 'mobile',
      outcome: { kind: 'mobile-ended', reason: 'RETURNED-HOME' },
      roll: { outgoing: true, incoming: false },
      receivingOrgId: null,
    });
  });

  it('document: not transferring for over six months goes overdue, then a correction, then a withdrawal candidate; never removal [REL-NONTRANSFER-6M]', () => {
    const d = startTransfer(mode, transferInput('document', 'b3', '2026-01-20', { movedOn: '2026-01-10' }));
    expect(d.context.deadlines).toEqual([
      expect.objectContaining({ id: 'non-transfer', ruleId: 'REL-NONTRANSFER-6M', due: '2026-07-10' }),
    ]);
    const early = d.send(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-07-10', 'b1'));
    expect(early.failures[0]).toMatchObject({ ruleId: 'REL-NONTRANSFER-6M', earliest: '2026-07-11' });
    expect(d.send(reached('non-transfer', '2026-07-10')).verdict).toBe('refused');
    d.accept(reached('non-transfer', '2026-07-11'));
    expect(caseState(d)).toEqual({ formal: { awaitingStart: 'overdue' } });
    expect(timeliness(d)).toBe('overdue');
    const uncorrected = d.send(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-07-12', 'b1'));
    expect(uncorrected.failures[0]?.message.zh).toContain('须先由基层党组织发现并纠正');
    d.accept(at('RECORD_CORRECTION_ATTEMPT', '2026-07-15', 'b1', { method: 'talk' }));
    expect(caseState(d)).toEqual({ formal: { awaitingStart: 'correctionAttempted' } });
    d.accept(at('RECORD_CORRECTION_ATTEMPT', '2026-08-15', 'gbA', { method: 'warning-card' }));
    expect(d.context.correctionAttempts.map((attempt) => attempt.method)).toEqual(['talk', 'warning-card']);
    d.accept(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-09-01', 'b1'));
    expect(caseState(d)).toBe('withdrawalCandidate');
    expect(d.snapshot.output?.withdrawalCandidate).toMatchObject({
      ruleId: 'REL-NONTRANSFER-6M',
      removal: { automatic: false, inScope: false },
    });
    expect(d.snapshot.output?.withdrawalCandidate?.removal.requires.zh).toContain('支部党员大会决定并报上级党组织批准');
    expect(d.snapshot.output?.roll).toEqual({ outgoing: true, incoming: false });
  });

  it('document: a member who transfers after the correction resolves the overdue period late', () => {
    const d = startTransfer(mode, transferInput('document', 'b2', '2026-01-20', { movedOn: '2026-01-10' }));
    d.accept(reached('non-transfer', '2026-07-11'));
    d.accept(at('RECORD_CORRECTION_ATTEMPT', '2026-07-15', 'b1', { method: 'written-notice' }));
    d.accept(at('ISSUE_LETTER', '2026-07-20', 'b1', { channel: 'paper' }));
    expect(caseState(d)).toEqual({ formal: 'receiving' });
    expect(d.context.late).toEqual([expect.objectContaining({ deadlineId: 'non-transfer', doneOn: '2026-07-20' })]);
  });

  it('national: not transferring is not a trigger; a candidate needs the 党章 Art. 9 facts [WDR-SELF-WITHDRAWAL]', () => {
    const d = startTransfer(mode, transferInput('national', 'b3', '2026-01-20', { movedOn: '2026-01-10' }));
    expect(d.context.deadlines).toEqual([]);
    const bare = d.send(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-08-01', 'b1'));
    expect(bare.failures[0]).toMatchObject({ ruleId: 'WDR-SELF-WITHDRAWAL' });
    expect(bare.message.zh).toContain('不转组织关系本身不构成自行脱党');
    const facts = { noOrgLifeSince: '2026-01-15', noDuesSince: '2026-02-01' };
    const short = d.send(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-07-14', 'b1', { facts }));
    expect(short.failures[0]).toMatchObject({ ruleId: 'WDR-SELF-WITHDRAWAL', earliest: '2026-07-15' });
    const excused = d.send(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-07-15', 'b1', { facts, goodReason: true }));
    expect(excused.failures[0]?.message.zh).toContain('正当理由');
    expect(d.send(at('RECORD_CORRECTION_ATTEMPT', '2026-07-15', 'b1', { method: 'talk' })).verdict).toBe(
      'not-accepted',
    );
    d.accept(at('FLAG_WITHDRAWAL_CANDIDATE', '2026-07-15', 'b1', { facts }));
    expect(d.snapshot.output?.withdrawalCandidate).toMatchObject({
      ruleId: 'WDR-SELF-WITHDRAWAL',
      facts,
      removal: { automatic: false, inScope: false },
    });
    expect(d.snapshot.output?.outcome).toMatchObject({ kind: 'withdrawal-candidate' });
  });

  it('an actor from an organisation not on the route is refused with the rule id; so is the wrong hop or role', () => {
    const d = startTransfer(mode, transferInput('national', 'b3', '2026-03-02'));
    const outsider = d.send(at('FORWARD', '2026-03-02', 'b2'));
    expect(outsider.verdict).toBe('refused');
    expect(outsider.failures[0]).toMatchObject({ check: 'actorOnRoute', ruleId: 'REL-ROUTING' });
    expect(outsider.message.zh).toContain('不在转接路线上');
    expect(outsider.message.en).toContain('[REL-ROUTING]');
    const laterHop = d.send(at('FORWARD', '2026-03-02', 'gbA'));
    expect(laterHop.failures[0]).toMatchObject({ ruleId: 'REL-ROUTING' });
    expect(laterHop.failures[0]?.message.zh).not.toContain('不在转接路线上');
    const wrongRole = d.send({ ...at('FORWARD', '2026-03-02', 'b1'), actor: actorOf('b1', 'org-dept') });
    expect(wrongRole.failures.map((failure) => failure.ruleId)).toEqual(['REL-ROUTING']);
    const asMember = d.send({ ...at('FORWARD', '2026-03-02', 'b1'), actor: member });
    expect(asMember.failures[0]).toMatchObject({ check: 'allowedRoles', ruleId: 'REL-ROUTING' });
    const backdated = d.send(at('FORWARD', '2026-03-01', 'b1'));
    expect(backdated.failures[0]).toMatchObject({ ruleId: 'CASE-CHRONOLOGY', earliest: '2026-03-02' });
  });

  it('an event the state does not take is reported as not-accepted, never ignored', () => {
    const d = startTransfer(mode, transferInput('national', 'b3', '2026-03-02'));
    const register = d.send(at('REGISTER', '2026-03-02', 'b3'));
    expect(register.verdict).toBe('not-accepted');
    expect(register.checks[0]).toMatchObject({ check: 'stepOrder', ruleId: 'REL-ROUTING' });
    expect(register.message.en).toContain('does not accept REGISTER');
    expect(d.send(at('END_ABSENCE', '2026-03-02', 'b1')).verdict).toBe('not-accepted');
    const done = documentWithin(mode);
    done.accept(at('REGISTER', '2026-03-05', 'b2'));
    done.accept(at('FILE_TRANSFER', '2026-03-06', 'dept'));
    done.accept(at('RECORD_RECEIPT', '2026-03-08', 'b1'));
    const after = done.send(at('RECORD_RECEIPT', '2026-03-09', 'b1'));
    expect(after.verdict).toBe('not-accepted');
    expect(after.message.zh).toContain('流程已结束');
  });
});

describe('relationship transfer machine definition', () => {
  const nodes = (node: AnyStateNode): AnyStateNode[] => [
    node,
    ...Object.values(node.states).flatMap((child) => nodes(child as AnyStateNode)),
  ];

  it('every state carries zh-CN and English meta, and the diagram draws every guarded step', () => {
    const all = nodes(relationshipTransferMachine.root).slice(1);
    const missing = all.filter((node) => {
      const meta = node.meta as { zh?: string; en?: string } | undefined;
      return !meta?.zh || !meta.en;
    });
    expect(missing.map((node) => node.path.join('.'))).toEqual([]);
    const diagram = toMermaid(relationshipTransferMachine);
    for (const guard of ['mayEscalate', 'mayReissueExpired', 'mayFlagCandidate', 'mayRegisterMobile']) {
      expect(diagram).toContain(guard);
    }
    expect(diagram).toContain('case_withdrawalCandidate --> [*]');
  });
});

describe('relationship transfer input', () => {
  const parse = (input: unknown) => parsePayload(relationshipTransferInputSchema, input, 'input');

  it('refuses a tree without the organisation department a cross-general-branch route needs, naming REL-ROUTING', () => {
    const orgs = testOrgs.filter((org) => org.id !== 'dept');
    expect(() => parse(transferInput('national', 'b3', '2026-03-02', { orgs }))).toThrow(InvalidPayloadError);
    expect(() => parse(transferInput('national', 'b3', '2026-03-02', { orgs }))).toThrow(/REL-ROUTING/);
    // Within one general branch nationally no filing is needed, so the department is not required.
    expect(() => parse(transferInput('national', 'b2', '2026-03-02', { orgs }))).not.toThrow();
    expect(() => parse(transferInput('document', 'b2', '2026-03-02', { orgs }))).toThrow(/REL-ROUTING/);
  });

  it('refuses a receiving branch outside the tree, the same branch, an unknown parent, and a return before departure', () => {
    expect(() => parse(transferInput('national', 'nowhere', '2026-03-02'))).toThrow(/REL-ROUTING/);
    expect(() => parse(transferInput('national', 'b1', '2026-03-02'))).toThrow(/REL-ROUTING/);
    expect(() =>
      parse(
        transferInput('national', 'b3', '2026-03-02', {
          orgs: [...testOrgs, { id: 'x', parentId: 'y', kind: 'branch' }],
        }),
      ),
    ).toThrow(InvalidPayloadError);
    expect(() =>
      parse(transferInput('national', 'b3', '2026-03-02', { absence: { from: '2026-03-01', until: '2026-02-01' } })),
    ).toThrow(/absence|返回/);
    // A short absence does not need a route: the host organisation may be outside the tree.
    expect(() =>
      parse(transferInput('national', 'host', '2026-03-02', { absence: { from: '2026-03-01', until: '2026-04-01' } })),
    ).not.toThrow();
  });

  it('a directly attached branch transfers through the department with one hop fewer', () => {
    const input = parse(transferInput('national', 'b4', '2026-03-02'));
    expect(input.toOrgId).toBe('b4');
    const d = startTransfer('live', transferInput('national', 'b4', '2026-03-02'));
    expect(d.context.route.map((hop) => `${hop.orgId}:${hop.action}`)).toEqual([
      'b1:forward',
      'gbA:forward',
      'dept:issue',
      'b4:register',
      'dept:receipt',
    ]);
  });
});

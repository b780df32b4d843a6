import { randomUUID } from 'node:crypto';
import type { ProcessDefinition } from '@dangwu/machines';
import { InvalidPayloadError, issuesFromZod, type LocalDate } from '@dangwu/rules';
import { IdempotencyKeyReusedError, UnknownVersionError, VersionConflictError } from '../errors/runtime-errors.js';
import { canonicalCopy, copyJson, heldUnstorableText, plainJsonCopy } from '../records/canonical-json.js';
import type { CommitBuilder } from './build-commit.js';
import {
  fingerprint,
  notPlainJsonError,
  parseRequest,
  refuseUnstorableText,
  startRequestSchema,
} from './engine-requests.js';
import type { SendResult } from './engine-types.js';
import { type IdempotentAnswers, keyRecord } from './idempotent-answers.js';
import type { InstanceAccess } from './instance-access.js';
import { viewOf } from './instance-view.js';
import { checkProcessStatus, firstSnapshot, inProcess } from './machine-step.js';
import { isWithinOrg, type OrgDirectory } from './org-scope.js';
import type { Refuse } from './refusal.js';
import { checkedOrgId } from './snapshot-io.js';
import { SYSTEM_ROLE, SYSTEM_ROLE_REFUSAL } from './system-role.js';

/** What `engine.start` needs of its engine. */
export interface StartDeps {
  readonly orgs: OrgDirectory;
  readonly definitionOf: (processId: string, version: string) => ProcessDefinition;
  /** The latest registered version of each process. */
  readonly latest: ReadonlyMap<string, ProcessDefinition>;
  readonly today: () => LocalDate;
  /** Logs a refused attempt and throws ForbiddenError. */
  readonly refuse: Refuse;
  readonly commitOf: CommitBuilder;
  readonly commitLive: InstanceAccess['commitLive'];
  readonly answers: IdempotentAnswers;
}

/** `engine.start`: validates the input and the actor, and commits the instance's first snapshot. */
export function createStart(deps: StartDeps): (raw: unknown) => Promise<SendResult> {
  const { orgs, definitionOf, latest, today, refuse, commitOf, commitLive, answers } = deps;
  return async function start(raw: unknown): Promise<SendResult> {
    const request = parseRequest(startRequestSchema, raw, 'input');
    const { actor, idempotencyKey } = request;
    // A keyed start's fingerprint is of the request as sent: the version it names (or none), its input as
    // plain JSON data (read once, into the copy that is then parsed), the id the caller gave (not one
    // drawn for it), the actor and the date. So a retry is answered before anything is resolved, after a
    // new version is deployed or the one it named is retired; a key another request holds is said once
    // the request is authorised.
    // An input that is plain JSON data is read once, into that data, keyed or not (as a sent event is):
    // what is validated is what the start entry records and a replay reads.
    const plainInput = plainJsonCopy(request.input);
    const keyedInput = idempotencyKey === undefined ? undefined : plainInput;
    const print =
      keyedInput === undefined
        ? undefined
        : fingerprint({
            start: request.processId,
            version: request.version ?? null,
            instanceId: request.instanceId ?? null,
            input: keyedInput,
            actor,
            occurredOn: request.occurredOn ?? null,
          });
    /**
     * The print an earlier release took of this request: of the version it resolved (the one its stored
     * result names, when this engine has it) and the input as that version parsed it, without the date.
     */
    const legacyPrint = async (key: string, resolved: ProcessDefinition): Promise<string | undefined> => {
      // A request that names its version was fingerprinted with it; one that names none, with the latest then.
      const version =
        request.version === undefined ? ((await answers.storedVersion(key)) ?? resolved.version) : resolved.version;
      try {
        const used = version === resolved.version ? resolved : definitionOf(request.processId, version);
        // The input as read once for this request (a keyed input that is not plain JSON data, as sent).
        const parsedThen = used.inputSchema.safeParse(keyedInput ?? request.input);
        if (!parsedThen.success) return undefined;
        const input = canonicalCopy(parsedThen.data);
        return fingerprint({
          start: used.id,
          version: used.version,
          instanceId: request.instanceId ?? null,
          input,
          actor,
        });
      } catch {
        // A version no longer registered, or a schema that throws: no older print to match.
        return undefined;
      }
    };
    let keyTaken = false;
    if (idempotencyKey !== undefined && print !== undefined) {
      const answer = await answers.answerFor(idempotencyKey, [print]);
      if (answer.earlier) return answer.earlier;
      keyTaken = answer.taken;
    }
    // Who is asking comes before anything the process says (its input, its organisation): the system
    // role is refused whatever it sends, naming only what the request names.
    if (actor.roles.includes(SYSTEM_ROLE)) {
      await refuse(
        actor,
        'start',
        { ...(request.instanceId === undefined ? {} : { instanceId: request.instanceId }), eventType: 'START' },
        SYSTEM_ROLE_REFUSAL,
      );
    }
    const definition = request.version
      ? definitionOf(request.processId, request.version)
      : latest.get(request.processId);
    if (!definition) throw new UnknownVersionError(request.processId);
    // A key another request holds may hold this one's older print (so may a key a keyed input that is not
    // plain JSON data was stored under by an earlier release); looked at before the input is parsed by a
    // version that may not be the one the print was taken with.
    if (idempotencyKey !== undefined && (keyTaken || print === undefined)) {
      const legacy = await legacyPrint(idempotencyKey, definition);
      const answer = legacy === undefined ? undefined : await answers.answerFor(idempotencyKey, [legacy]);
      if (answer?.earlier) return answer.earlier;
    }
    const sentInput: unknown = plainInput ?? request.input;
    const parsed = inProcess(request.instanceId ?? request.processId, 'START', () =>
      definition.inputSchema.safeParse(sentInput),
    );
    if (!parsed.success) throw new InvalidPayloadError('input', issuesFromZod(parsed.error, 'input'));
    const { data } = parsed;
    const input = inProcess(request.instanceId ?? request.processId, 'START', () => canonicalCopy(data));
    if (heldUnstorableText()) refuseUnstorableText('input', input);
    refuseUnstorableText('input', request.actor, 'actor');
    const instanceId = request.instanceId ?? randomUUID();
    // The machine gets a copy of its own: nothing its code does to its input reaches the start entry.
    const snapshot = inProcess(instanceId, 'START', () => firstSnapshot(definition.machine, copyJson(input)));
    checkProcessStatus(snapshot, instanceId, 'START');
    // Checked as a commit checks it: a process that names no usable organisation is the process's failure,
    // not a refusal of the actor (nor a security entry naming something that is not an organisation id).
    const orgId = inProcess(instanceId, 'START', () => checkedOrgId(definition.organisationOf(snapshot)));
    if (!isWithinOrg(orgs, actor.orgId, orgId)) {
      await refuse(
        actor,
        'start',
        { instanceId, orgId, eventType: 'START' },
        {
          zh: `组织 ${actor.orgId} 不能为组织 ${orgId} 启动流程`,
          en: `organisation ${actor.orgId} may not start a process for organisation ${orgId}`,
        },
      );
    }
    if (idempotencyKey !== undefined && print === undefined) {
      throw notPlainJsonError('input');
    }
    if (keyTaken && idempotencyKey !== undefined) throw new IdempotencyKeyReusedError(idempotencyKey);
    const built = commitOf(definition, undefined, instanceId, [
      {
        snapshot,
        entry: {
          kind: 'start',
          occurredOn: request.occurredOn ?? today(),
          eventType: 'START',
          actorId: actor.id,
          actorRoles: [...actor.roles],
          actorOrgId: actor.orgId,
          decision: 'applied',
          warnings: [],
          payload: input,
        },
      },
    ]);
    const result: SendResult = { instance: viewOf(built.record), seq: 1, warnings: [], replayed: false };
    const outcome = await commitLive(
      {
        instance: built.record,
        expectedVersion: null,
        audit: built.audit,
        timers: built.timers,
        ...keyRecord(idempotencyKey, print, result),
      },
      { definition, snapshot },
    );
    if (!outcome.ok) {
      // The same start sent twice at once: the one that lost (on its key, or on the instance id the other
      // created) answers with the winner's result.
      if (idempotencyKey !== undefined) {
        // The winner may be a node of an earlier release, which stored the older print.
        const legacy = await legacyPrint(idempotencyKey, definition);
        const prints = [print, legacy].filter((candidate): candidate is string => candidate !== undefined);
        const earlier = await answers.replayIdempotent(idempotencyKey, prints);
        if (earlier) return earlier;
      }
      throw new VersionConflictError(instanceId, null, outcome.actualVersion);
    }
    return result;
  };
}

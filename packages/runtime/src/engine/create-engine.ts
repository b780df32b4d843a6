import { type CheckResult, type Explanation, invalidExplanation, type ProcessDefinition } from '@dangwu/machines';
import { InvalidPayloadError, type Issue, issuesFromZod, type LocalDate, shanghaiDateOf } from '@dangwu/rules';
import { verifyChain } from '../audit/audit-chain.js';
import {
  EventNotAcceptedError,
  EventRefusedError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  StoreFailureError,
  UnknownVersionError,
  VersionConflictError,
} from '../errors/runtime-errors.js';
import { checkOptions } from '../options/check-options.js';
import { jsonDataOf, plainJsonCopy } from '../records/canonical-json.js';
import type { CommitRequest } from '../store/store.js';
import { actorScopeFailures, orgScopeFailure, scopeRefusal, withActorScope } from './actor-scope.js';
import { buildCommit, type CommitBuilder } from './build-commit.js';
import { systemClock } from './clock.js';
import { commitNotifier } from './commit-notices.js';
import { engineOptionsSchema } from './engine-options.js';
import {
  checkedActor,
  claimedActorOf,
  eventTypeOf,
  fingerprint,
  idSchema,
  notPlainJsonError,
  parseRequest,
  parseSendRequest,
  readOptionsSchema,
  securityLogLimitSchema,
  UNREADABLE_ACTOR,
} from './engine-requests.js';
import type { Engine, EngineOptions, SendResult } from './engine-types.js';
import { createIdempotentAnswers, keyRecord } from './idempotent-answers.js';
import { conflictOf, createInstanceAccess } from './instance-access.js';
import { InstanceCache, type InstanceHead, type LiveInstance } from './instance-cache.js';
import { createInstanceList } from './instance-list.js';
import { viewOf } from './instance-view.js';
import { KeyedLock } from './keyed-lock.js';
import { checkProcessStatus, inProcess, nextSnapshot } from './machine-step.js';
import { createMigration } from './migration.js';
import { flatOrgs, isWithinOrg } from './org-scope.js';
import { createRefusal } from './refusal.js';
import { readSentEvent } from './sent-event.js';
import { restoreSnapshot } from './snapshot-io.js';
import { createStart } from './start-instance.js';
import { SYSTEM_ROLE, SYSTEM_ROLE_REFUSAL } from './system-role.js';
import { createTimerFiring } from './timer-firing.js';
import { TimerWakeups } from './timer-wakeups.js';

/** Thrown inside a keyed send to answer with the result of the same request, applied meanwhile. */
class AnsweredMeanwhile extends Error {
  constructor(readonly result: SendResult) {
    super('answered by the same request, applied meanwhile (internal; never leaves send)');
  }
}

/** An issue of a sent event (its path from `event`) with its path within the payload, as explanations name it. */
const withinPayload = (issue: Issue): Issue => ({ ...issue, path: issue.path.replace(/^event(\.|$)/, '') });

/** Failing non-blocking checks of an explanation. */
const warningsOf = (explanation: Explanation): CheckResult[] => [...explanation.warnings];

/** Creates the durable engine over a store and a set of process definitions. */
export function createEngine(options: EngineOptions): Engine {
  checkOptions('createEngine', engineOptionsSchema, options);
  const { store } = options;
  const clock = options.clock ?? systemClock;
  const orgs = options.orgs ?? flatOrgs;
  const maxRetries = options.maxRetries ?? 50;
  const timerBatchSize = options.timerBatchSize ?? 512;
  const cache = new InstanceCache(options.snapshotCacheSize ?? 1000);
  const definitions = new Map<string, ProcessDefinition>();
  const latest = new Map<string, ProcessDefinition>();
  for (const definition of options.processes) {
    definitions.set(`${definition.id}@${definition.version}`, definition);
    latest.set(definition.id, definition);
  }
  const lock = new KeyedLock();
  const wakeups = new TimerWakeups();
  const notify = commitNotifier(options.onCommit);
  // Every commit of this engine: its timer loops hear of the rows it wrote, then the host's onCommit.
  const committed = (request: CommitRequest): void => {
    wakeups.noteCommit(request);
    notify?.(request);
  };
  const access = createInstanceAccess({ store, cache, maxRetries, definitionOf, committed });
  const { load, withRetries, withLive, commitLive } = access;

  // Many commits share one clock reading (a manual clock, or several sends within a millisecond).
  let lastNow = Number.NaN;
  let lastIso = '';
  const nowIso = (): string => {
    const now = clock.now();
    if (now !== lastNow) {
      lastIso = new Date(now).toISOString();
      lastNow = now;
    }
    return lastIso;
  };
  const today = (): LocalDate => shanghaiDateOf(clock.now());

  function definitionOf(processId: string, version: string): ProcessDefinition {
    const definition = definitions.get(`${processId}@${version}`);
    if (!definition) throw new UnknownVersionError(processId, version);
    return definition;
  }

  const { refuse, authorise } = createRefusal({ store, orgs, nowIso });

  /** The record, sealed audit entries and timers after `steps`, stamped now; nothing is written. */
  const commitOf: CommitBuilder = (definition, previous, instanceId, steps) =>
    buildCommit({ definition, previous, instanceId, steps, orgs, at: nowIso() });
  const { runDueTimers, startTimerLoop } = createTimerFiring({
    store,
    clock,
    lock,
    access,
    timerBatchSize,
    commitOf,
    wakeups,
  });
  const migrate = createMigration({ store, lock, cache, definitionOf, commitOf, today, committed });
  const listInstances = createInstanceList({ store, orgs, today, refuse });
  const answers = createIdempotentAnswers(store);
  const { answerFor } = answers;
  const start = createStart({
    orgs,
    definitionOf,
    latest,
    today,
    refuse,
    commitOf,
    commitLive,
    answers,
  });

  async function send(raw: unknown): Promise<SendResult> {
    const request = parseSendRequest(raw);
    const { instanceId, expectedVersion, idempotencyKey } = request;
    // An event that is plain JSON data is read once, into that data (undefined members dropped, undefined
    // items null): what is validated is what the entry records and a replay reads, and a getter cannot
    // give the fingerprint one value and the process another. Anything else (a class instance, a Date) is
    // read as it is, unkeyed; a keyed one is refused below, once authorised (its JSON text, which the
    // fingerprint would be taken of, could differ from its members).
    const plain = plainJsonCopy(request.event);
    const keyed = idempotencyKey === undefined ? undefined : plain;
    const sent: unknown = plain ?? request.event;
    const print =
      keyed === undefined
        ? undefined
        : fingerprint({ instanceId, event: keyed, expectedVersion: expectedVersion ?? null });
    let pastKeyCheck = false;
    return lock.run(instanceId, () =>
      withRetries(instanceId, expectedVersion, async () => {
        // A retry of a request already applied gets its result whatever state or organisation the instance
        // is in now (its actor was authorised then); a key another request holds is said only once this
        // request is authorised.
        let keyTaken = false;
        if (idempotencyKey !== undefined && print !== undefined) {
          const answer = await answerFor(idempotencyKey, [print]);
          if (answer.earlier) return answer.earlier;
          keyTaken = answer.taken;
        }
        // Before any refusal that rests on the instance's state: the state must be the stored one, and
        // for a keyed request, the same request applied meanwhile by another process (which led the
        // instance there) answers instead of the refusal, and nothing is logged.
        const confirmWith = (confirmState: () => Promise<void>) => async (): Promise<void> => {
          await confirmState();
          if (idempotencyKey === undefined || print === undefined) return;
          const { earlier } = await answerFor(idempotencyKey, [print]);
          if (earlier) throw new AnsweredMeanwhile(earlier);
        };
        const sentType = eventTypeOf(sent);
        // An actor from outside the instance's subtree, or one whose organisation cannot be read, is
        // refused (and logged) before its event is validated, and before the instance's process version
        // is resolved: neither a malformed event nor an instance pinned to a version this engine does not
        // run lets it probe another organisation's instance unseen (the error would tell it the process).
        const screenClaimed = async (head: InstanceHead, confirm: () => Promise<void>): Promise<void> => {
          const claimed = claimedActorOf(sent);
          if (claimed === undefined) {
            await confirm();
            await refuse(
              { id: UNREADABLE_ACTOR, orgId: UNREADABLE_ACTOR },
              'send',
              { instanceId, orgId: head.orgId, eventType: sentType },
              { zh: '事件未指明可识别的操作人组织', en: 'the event names no actor whose organisation can be read' },
            );
          } else if (!isWithinOrg(orgs, claimed.orgId, head.orgId)) {
            await confirm();
            await authorise(claimed, 'send', head, sentType);
          }
        };
        const work = async (
          { head, definition, snapshot: before }: LiveInstance,
          confirmState: () => Promise<void>,
        ): Promise<SendResult> => {
          // Per run: a rerun on the stored instance has not passed the key check yet.
          pastKeyCheck = false;
          const confirm = confirmWith(confirmState);
          // Repeated on a stored instance, where it passed already: a cached one was not screened.
          await screenClaimed(head, confirm);
          if (idempotencyKey !== undefined && print === undefined) throw notPlainJsonError('event');
          const read = readSentEvent(instanceId, definition, sent, sentType ?? 'EVENT');
          if (!read.ok) {
            // The schema may be another process version's, which the same request applied meanwhile led to.
            if (idempotencyKey !== undefined) await confirm();
            throw new InvalidPayloadError('event', issuesFromZod(read.error, 'event'));
          }
          const { payload, event } = read;
          const { type: eventType, occurredOn } = read.envelope;
          const actor = inProcess(instanceId, eventType, () => checkedActor(definition.actorOf(event)));
          if (actor.roles.includes(SYSTEM_ROLE)) {
            await confirm();
            await refuse(actor, 'send', { instanceId, orgId: head.orgId, eventType }, SYSTEM_ROLE_REFUSAL);
          }
          if (!isWithinOrg(orgs, actor.orgId, head.orgId)) {
            await confirm();
            await authorise(actor, 'send', head, eventType);
          }
          if (keyTaken && idempotencyKey !== undefined) throw new IdempotencyKeyReusedError(idempotencyKey);
          // From here on, a key another request took (even meanwhile) is what this request is told.
          pastKeyCheck = true;
          if (expectedVersion !== undefined && expectedVersion !== head.version) {
            throw new VersionConflictError(instanceId, expectedVersion, head.version);
          }
          const explanation = inProcess(instanceId, eventType, () => definition.explain(before, event));
          if (explanation.verdict !== 'allowed') {
            await confirm();
            if (explanation.verdict === 'invalid') {
              throw new InvalidPayloadError('event', [{ path: 'event', message: explanation.message }]);
            }
            if (explanation.verdict === 'not-accepted') throw new EventNotAcceptedError(instanceId, explanation);
            throw new EventRefusedError(instanceId, explanation);
          }
          const after = inProcess(instanceId, eventType, () => nextSnapshot(definition.machine, before, event));
          if (after.status === 'error') await confirm();
          checkProcessStatus(after, instanceId, eventType);
          const warnings = warningsOf(explanation);
          const built = commitOf(definition, head, instanceId, [
            {
              snapshot: after,
              entry: {
                kind: 'event',
                occurredOn,
                eventType,
                actorId: actor.id,
                actorRoles: [...actor.roles],
                actorOrgId: actor.orgId,
                decision: 'applied',
                warnings: warnings.map((warning) => warning.ruleId),
                payload,
              },
            },
          ]);
          const result: SendResult = {
            instance: viewOf(built.record),
            seq: built.record.auditHead.seq,
            warnings,
            replayed: false,
          };
          const outcome = await commitLive(
            {
              instance: built.record,
              expectedVersion: head.version,
              audit: built.audit,
              timers: built.timers,
              timersUnchanged: built.timersUnchanged,
              // A keyed event that is not plain JSON data (no print) was refused above.
              ...keyRecord(idempotencyKey, print, result),
            },
            { definition, snapshot: after },
          );
          const conflict = conflictOf(outcome);
          if (conflict) throw conflict;
          return result;
        };
        // A stored instance is screened before its process version is resolved (the screen needs no state).
        return withLive(instanceId, expectedVersion, work, (head) =>
          screenClaimed(
            head,
            confirmWith(async () => {}),
          ),
        );
      }).catch(async (error: unknown) => {
        if (error instanceof AnsweredMeanwhile) return error.result;
        if (idempotencyKey === undefined || print === undefined) throw error;
        // A logged refusal stands, and so does a store failure (its commit may have landed: a retry is then
        // answered with its result).
        if (error instanceof ForbiddenError || error instanceof IdempotencyKeyReusedError) throw error;
        if (error instanceof StoreFailureError) throw error;
        // Whatever else failed (a lost race, a process version migrated meanwhile that cannot take the
        // event): if the same request has been applied by now, its result is this one's. Past the key check,
        // a key another request took meanwhile is said as if it had been taken before.
        const answer = await answerFor(idempotencyKey, [print]).catch(() => ({ taken: false, earlier: undefined }));
        if (answer.earlier) return answer.earlier;
        if (answer.taken && pastKeyCheck) throw new IdempotencyKeyReusedError(idempotencyKey);
        throw error;
      }),
    );
  }

  return {
    start,
    send,
    async get(instanceId, readOptions) {
      const { actor } = parseRequest(readOptionsSchema, readOptions, 'input');
      const record = await load(parseRequest(idSchema, instanceId, 'input'));
      await authorise(actor, 'read', record);
      definitionOf(record.processId, record.processVersion);
      return viewOf(record);
    },
    list: listInstances,
    async history(instanceId, readOptions) {
      const { actor } = parseRequest(readOptionsSchema, readOptions, 'input');
      const record = await load(parseRequest(idSchema, instanceId, 'input'));
      await authorise(actor, 'history', record);
      return store.getAudit(record.id);
    },
    async verifyHistory(instanceId) {
      const record = await load(parseRequest(idSchema, instanceId, 'input'));
      return verifyChain(await store.getAudit(record.id), record.auditHead);
    },
    async explain(instanceId, event, readOptions) {
      const { actor } = parseRequest(readOptionsSchema, readOptions, 'input');
      const record = await load(parseRequest(idSchema, instanceId, 'input'));
      await authorise(actor, 'explain', record);
      // The event is read as send reads it: as plain JSON data when it is that, the organisation it claims
      // first (send refuses an outsider before it validates anything, or resolves the instance's process
      // version), then the process's schema; the process's own code gets the copy send's would (nothing
      // it does reaches the caller's object), so explain judges every event as send does.
      const sent = jsonDataOf(event);
      const claimedOrgId = claimedActorOf(sent)?.orgId ?? null;
      const sentType =
        typeof sent === 'object' && sent !== null && typeof (sent as { type?: unknown }).type === 'string'
          ? String((sent as { type: string }).type)
          : '?';
      const outsider = orgScopeFailure(orgs, claimedOrgId, record.orgId);
      if (outsider !== undefined) return scopeRefusal(sentType, [outsider]);
      const definition = definitionOf(record.processId, record.processVersion);
      const snapshot = restoreSnapshot(definition, record.snapshot);
      let read: ReturnType<typeof readSentEvent>;
      try {
        read = readSentEvent(record.id, definition, sent, sentType);
      } catch (error) {
        // send's issues name their path from `event`; an explanation's checks name it within the payload.
        if (error instanceof InvalidPayloadError) return invalidExplanation(sentType, error.issues.map(withinPayload));
        throw error;
      }
      if (!read.ok) return invalidExplanation(sentType, issuesFromZod(read.error));
      const { event: own } = read;
      const eventActor = inProcess(record.id, own.type, () => checkedActor(definition.actorOf(own)));
      // What send would refuse the event for before asking the process (its actor) comes first; send
      // never asks the process then, so its explain failing does not change the answer.
      const failures = actorScopeFailures(orgs, eventActor, record.orgId, claimedOrgId);
      let explanation: Explanation;
      try {
        explanation = inProcess(record.id, own.type, () => definition.explain(snapshot, own));
      } catch (error) {
        const [first, ...rest] = failures;
        if (first !== undefined) return scopeRefusal(own.type, [first, ...rest]);
        throw error;
      }
      return withActorScope(explanation, failures);
    },
    runDueTimers,
    startTimerLoop,
    migrate,
    async securityLog(limit) {
      return store.securityLog(
        limit === undefined ? undefined : parseRequest(securityLogLimitSchema, { limit }, 'input').limit,
      );
    },
  };
}

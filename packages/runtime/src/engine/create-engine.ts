import { randomUUID } from 'node:crypto';
import type { Actor, CheckResult, Explanation, ProcessDefinition } from '@dangwu/machines';
import { InvalidPayloadError, issuesFromZod, type LocalDate, shanghaiDateOf } from '@dangwu/rules';
import { verifyChain } from '../audit/audit-chain.js';
import {
  EventNotAcceptedError,
  EventRefusedError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  UnknownVersionError,
  VersionConflictError,
} from '../errors/runtime-errors.js';
import { checkOptions } from '../options/check-options.js';
import { canonicalCopy, heldLoneSurrogate, type JsonValue } from '../records/canonical-json.js';
import type { SecurityEntry } from '../records/security-entry.js';
import type { CommitRequest } from '../store/store.js';
import { actorScopeFailures, withActorScope } from './actor-scope.js';
import { buildCommit, type CommitBuilder } from './build-commit.js';
import { systemClock } from './clock.js';
import { commitNotifier } from './commit-notices.js';
import { engineOptionsSchema } from './engine-options.js';
import {
  claimedActorOf,
  envelopeOf,
  eventTypeOf,
  fingerprint,
  idSchema,
  parseRequest,
  parseSendRequest,
  readOptionsSchema,
  refuseLoneSurrogates,
  securityLogLimitSchema,
  startRequestSchema,
  UNREADABLE_ACTOR,
} from './engine-requests.js';
import type { Engine, EngineOptions, SendResult } from './engine-types.js';
import { conflictOf, createInstanceAccess } from './instance-access.js';
import { InstanceCache } from './instance-cache.js';
import { createInstanceList } from './instance-list.js';
import { viewOf } from './instance-view.js';
import { KeyedLock } from './keyed-lock.js';
import { checkProcessStatus, firstSnapshot, inProcess, nextSnapshot } from './machine-step.js';
import { createMigration } from './migration.js';
import { flatOrgs, isWithinOrg } from './org-scope.js';
import { restoreSnapshot, toJson } from './snapshot-io.js';
import { SYSTEM_ROLE } from './system-role.js';
import { createTimerFiring } from './timer-firing.js';
import { TimerWakeups } from './timer-wakeups.js';

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

  async function refuse(
    actor: Pick<Actor, 'id' | 'orgId'>,
    action: SecurityEntry['action'],
    target: { instanceId?: string; orgId?: string; eventType?: string | undefined },
    reason: { zh: string; en: string },
  ): Promise<never> {
    await store.appendSecurity({
      schemaVersion: 1,
      recordedAt: nowIso(),
      actorId: actor.id,
      actorOrgId: actor.orgId,
      action,
      instanceId: target.instanceId ?? null,
      targetOrgId: target.orgId ?? null,
      eventType: target.eventType ?? null,
      reason: reason.en,
    });
    throw new ForbiddenError(actor.id, reason);
  }

  async function authorise(
    actor: Pick<Actor, 'id' | 'orgId'>,
    action: SecurityEntry['action'],
    record: { readonly id: string; readonly orgId: string },
    eventType?: string,
  ): Promise<void> {
    if (isWithinOrg(orgs, actor.orgId, record.orgId)) return;
    await refuse(
      actor,
      action,
      { instanceId: record.id, orgId: record.orgId, eventType },
      {
        zh: `组织 ${actor.orgId} 不能访问组织 ${record.orgId} 的实例`,
        en: `organisation ${actor.orgId} may not access instances of organisation ${record.orgId}`,
      },
    );
  }

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

  /** What the store holds under `key`: the earlier result if `print` is its request's, or whether another request took it. */
  async function answerFor(key: string, print: string): Promise<{ earlier?: SendResult; taken: boolean }> {
    const stored = await store.getIdempotency(key);
    if (!stored) return { taken: false };
    if (stored.fingerprint !== print) return { taken: true };
    return { earlier: { ...(stored.result as unknown as SendResult), replayed: true }, taken: false };
  }

  async function replayIdempotent(key: string, print: string): Promise<SendResult | undefined> {
    const answer = await answerFor(key, print);
    if (answer.taken) throw new IdempotencyKeyReusedError(key);
    return answer.earlier;
  }

  /** `canonicalCopy(data)`, or undefined when it throws. */
  const copiedOrUndefined = (data: unknown): JsonValue | undefined => {
    try {
      return canonicalCopy(data);
    } catch {
      return undefined;
    }
  };

  async function send(raw: unknown): Promise<SendResult> {
    const request = parseSendRequest(raw);
    const { instanceId, expectedVersion, idempotencyKey } = request;
    // A keyed request's fingerprint: of its event as validated, what would be applied (not what its
    // JSON text or toJSON would say).
    let print: string | undefined;
    return lock.run(instanceId, () =>
      withRetries(instanceId, expectedVersion, async () => {
        return withLive(instanceId, expectedVersion, async ({ head, definition, snapshot: before }, confirm) => {
          // A keyed request is read first, answering nothing yet: a retry of a request already applied gets
          // its result whatever state or organisation the instance is in now (its actor was authorised
          // then); a key that another request holds is said only once this one is authorised.
          let parsed: ReturnType<typeof definition.eventSchema.safeParse> | undefined;
          let keyTaken = false;
          if (idempotencyKey !== undefined) {
            parsed = definition.eventSchema.safeParse(request.event);
            // A schema whose output cannot be copied (a BigInt) is the process's failure, said below.
            const event = parsed.success ? copiedOrUndefined(parsed.data) : undefined;
            if (event !== undefined) {
              print = fingerprint({ instanceId, event, expectedVersion: expectedVersion ?? null });
              const answer = await answerFor(idempotencyKey, print);
              if (answer.earlier) return answer.earlier;
              keyTaken = answer.taken;
            }
          }
          // An actor from outside the instance's subtree, or one whose organisation cannot be read, is
          // refused (and logged) before its event is validated: a malformed event cannot probe another
          // organisation's instance unseen (a validation error would tell it the process's events).
          const claimed = claimedActorOf(request.event);
          if (claimed === undefined) {
            await confirm();
            await refuse(
              { id: UNREADABLE_ACTOR, orgId: UNREADABLE_ACTOR },
              'send',
              { instanceId, orgId: head.orgId, eventType: eventTypeOf(request.event) },
              { zh: '事件未指明可识别的操作人组织', en: 'the event names no actor whose organisation can be read' },
            );
          } else if (!isWithinOrg(orgs, claimed.orgId, head.orgId)) {
            await confirm();
            await authorise(claimed, 'send', head, eventTypeOf(request.event));
          }
          parsed ??= definition.eventSchema.safeParse(request.event);
          if (!parsed.success) throw new InvalidPayloadError('event', issuesFromZod(parsed.error, 'event'));
          // A private, sorted copy: the caller cannot change it afterwards, and hashing it copies nothing.
          const { data } = parsed;
          const payload = inProcess(instanceId, eventTypeOf(request.event) ?? 'EVENT', () => canonicalCopy(data));
          if (heldLoneSurrogate()) refuseLoneSurrogates('event', payload);
          // Every dangwu event carries type, occurredOn and actor; a definition whose schema lets one through without them is refused here.
          const event = envelopeOf(payload);
          const actor = inProcess(instanceId, event.type, () => definition.actorOf(event));
          if (actor.roles.includes(SYSTEM_ROLE)) {
            await confirm();
            await refuse(
              actor,
              'send',
              { instanceId, orgId: head.orgId, eventType: event.type },
              { zh: '系统角色仅供运行时使用', en: 'the system role is reserved for the runtime' },
            );
          }
          if (!isWithinOrg(orgs, actor.orgId, head.orgId)) {
            await confirm();
            await authorise(actor, 'send', head, event.type);
          }
          if (keyTaken && idempotencyKey !== undefined) throw new IdempotencyKeyReusedError(idempotencyKey);
          if (expectedVersion !== undefined && expectedVersion !== head.version) {
            throw new VersionConflictError(instanceId, expectedVersion, head.version);
          }
          const explanation = inProcess(instanceId, event.type, () => definition.explain(before, event));
          if (explanation.verdict !== 'allowed') {
            await confirm();
            if (explanation.verdict === 'invalid') {
              throw new InvalidPayloadError('event', [{ path: 'event', message: explanation.message }]);
            }
            if (explanation.verdict === 'not-accepted') throw new EventNotAcceptedError(instanceId, explanation);
            throw new EventRefusedError(instanceId, explanation);
          }
          const after = inProcess(instanceId, event.type, () => nextSnapshot(definition.machine, before, event));
          if (after.status === 'error') await confirm();
          checkProcessStatus(after, instanceId, event.type);
          const warnings = warningsOf(explanation);
          const built = commitOf(definition, head, instanceId, [
            {
              snapshot: after,
              entry: {
                kind: 'event',
                occurredOn: event.occurredOn,
                eventType: event.type,
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
              ...(idempotencyKey === undefined
                ? {}
                : {
                    idempotency: {
                      schemaVersion: 1,
                      key: idempotencyKey,
                      instanceId,
                      fingerprint:
                        print ?? fingerprint({ instanceId, event: payload, expectedVersion: expectedVersion ?? null }),
                      seq: built.record.auditHead.seq,
                      result: toJson(result),
                    },
                  }),
            },
            { definition, snapshot: after },
          );
          const conflict = conflictOf(outcome);
          if (conflict) throw conflict;
          return result;
        });
      }).catch(async (error: unknown) => {
        // A pinned send that lost a race may have lost it to the same request sent again (its result is
        // this one's) or to another request under the same key (IdempotencyKeyReusedError).
        if (idempotencyKey !== undefined && print !== undefined && error instanceof VersionConflictError) {
          const earlier = await replayIdempotent(idempotencyKey, print);
          if (earlier) return earlier;
        }
        throw error;
      }),
    );
  }

  async function start(raw: unknown): Promise<SendResult> {
    const request = parseRequest(startRequestSchema, raw, 'input');
    const definition = request.version
      ? definitionOf(request.processId, request.version)
      : latest.get(request.processId);
    if (!definition) throw new UnknownVersionError(request.processId);
    const parsed = definition.inputSchema.safeParse(request.input);
    if (!parsed.success) throw new InvalidPayloadError('input', issuesFromZod(parsed.error, 'input'));
    const { data } = parsed;
    const input = inProcess(request.instanceId ?? request.processId, 'START', () => canonicalCopy(data));
    if (heldLoneSurrogate()) refuseLoneSurrogates('input', input);
    refuseLoneSurrogates('input', request.actor, 'actor');
    const instanceId = request.instanceId ?? randomUUID();
    const { actor, idempotencyKey } = request;
    const print =
      idempotencyKey === undefined
        ? ''
        : // The id the caller gave, not one drawn for it: a retry without an id is the same request.
          fingerprint({
            start: definition.id,
            version: definition.version,
            instanceId: request.instanceId ?? null,
            input,
            actor,
            // Only when given, so a retry without a date matches, as fingerprints made before it was counted do.
            ...(request.occurredOn === undefined ? {} : { occurredOn: request.occurredOn }),
          });
    if (idempotencyKey !== undefined) {
      const earlier = await replayIdempotent(idempotencyKey, print);
      if (earlier) return earlier;
    }
    const snapshot = inProcess(instanceId, 'START', () => firstSnapshot(definition.machine, input));
    checkProcessStatus(snapshot, instanceId, 'START');
    const orgId = inProcess(instanceId, 'START', () => definition.organisationOf(snapshot));
    if (actor.roles.includes(SYSTEM_ROLE) || !isWithinOrg(orgs, actor.orgId, orgId)) {
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
        ...(idempotencyKey === undefined
          ? {}
          : {
              idempotency: {
                schemaVersion: 1,
                key: idempotencyKey,
                instanceId,
                fingerprint: print,
                seq: 1,
                result: toJson(result),
              },
            }),
      },
      { definition, snapshot },
    );
    if (!outcome.ok) {
      // The same start sent twice at once: the one that lost (on its key, or on the instance id the other
      // created) answers with the winner's result.
      if (idempotencyKey !== undefined) {
        const earlier = await replayIdempotent(idempotencyKey, print);
        if (earlier) return earlier;
      }
      throw new VersionConflictError(instanceId, null, outcome.actualVersion);
    }
    return result;
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
      const definition = definitionOf(record.processId, record.processVersion);
      const snapshot = restoreSnapshot(definition, record.snapshot);
      const eventType = typeof event === 'object' && event !== null && 'type' in event ? String(event.type) : '?';
      const explanation = inProcess(record.id, eventType, () => definition.explain(snapshot, event));
      if (explanation.verdict !== 'allowed' && explanation.verdict !== 'refused') return explanation;
      // A valid event: what send would refuse it for before asking the process (its actor) comes first.
      const eventActor = inProcess(record.id, eventType, () => definition.actorOf(envelopeOf(event)));
      return withActorScope(explanation, actorScopeFailures(orgs, eventActor, record.orgId));
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

import type { ProcessDefinition } from '@dangwu/machines';
import { InstanceNotFoundError, StoreFailureError, VersionConflictError } from '../errors/runtime-errors.js';
import type { InstanceRecord } from '../records/instance-record.js';
import type { CommitOutcome, CommitRequest, Store } from '../store/store.js';
import { headOf, type InstanceCache, type InstanceHead, type LiveInstance } from './instance-cache.js';
import { adoptSnapshot } from './snapshot-io.js';

/** A conflict the caller should see (expected version given) or the engine should retry. */
export class RetryableConflict {
  constructor(readonly actual: number | undefined) {}
}

/** The cached state a decision was about to rest on is not the stored one any more; read the store again. */
class StaleCache {}

/**
 * How the engine reads, retries and commits one instance: the cached live snapshot when there is one,
 * the store otherwise, and optimistic concurrency over both.
 */
export interface InstanceAccess {
  /** The stored record, or {@link InstanceNotFoundError}. */
  load(instanceId: string): Promise<InstanceRecord>;
  /**
   * Retries `attempt` after a {@link RetryableConflict} unless the caller pinned the version it expects
   * (then, or when the retries run out, {@link VersionConflictError} naming that version).
   */
  withRetries<T>(instanceId: string, expected: number | undefined, attempt: () => Promise<T>): Promise<T>;
  /**
   * Runs `work` on the cached live instance when there is one, else on the stored one. `work` calls
   * `confirm` before any refusal or skip that rests on the instance's state; on a cached instance that
   * the store has moved past, `confirm` makes the work run again on the stored instance. Any other error
   * `work` throws on a cached instance before confirming it is checked the same way: one that came from a
   * state (or a process version) the store has moved past is not reported, the work runs again. Any
   * error on a cached instance makes the cache forget it. `screen`, when given, is called with the head of
   * an instance read from the store before its process version is resolved, so a refusal that rests on
   * the head alone (an outsider's) is not hidden behind an unregistered version.
   */
  withLive<T>(
    instanceId: string,
    pinned: number | undefined,
    work: (live: LiveInstance, confirm: () => Promise<void>) => Promise<T>,
    screen?: (head: InstanceHead) => Promise<void>,
  ): Promise<T>;
  /** Commits `request` and caches the instance it leaves; any failure forgets the cached instance. */
  commitLive(request: CommitRequest, live: Omit<LiveInstance, 'head'>): Promise<CommitOutcome>;
}

/**
 * Whether `error`, thrown by work on a cached instance, came from a state the store has moved past, so
 * the work should run again on the stored one. Not if the work had confirmed the cached state, nor for a
 * conflict at commit (the retry loop's) or a store failure (a commit may have been written before it
 * failed: running again could apply the event twice); and if the store cannot even be read, the
 * original error stands.
 */
async function ranOnStaleState(error: unknown, confirmed: boolean, isStale: () => Promise<boolean>): Promise<boolean> {
  if (confirmed || error instanceof RetryableConflict || error instanceof StoreFailureError) return false;
  try {
    return await isStale();
  } catch {
    return false;
  }
}

/**
 * What a store's failed commit is to the engine: a StoreFailureError, whatever the store threw. A host's
 * own store fails as the built-in stores do, and its write may have landed: the failure stands (no typed
 * error of another kind may make the engine run the event again on the state it left).
 */
export function commitFailure(error: unknown): StoreFailureError {
  return error instanceof StoreFailureError ? error : new StoreFailureError('commit failed', error);
}

/** The outcome of a commit as a conflict to retry, or undefined when it was applied. */
export function conflictOf(outcome: CommitOutcome): RetryableConflict | undefined {
  return outcome.ok ? undefined : new RetryableConflict(outcome.actualVersion);
}

/** Instance access over `store`, with `cache` holding recently used live snapshots. */
export function createInstanceAccess(options: {
  readonly store: Store;
  readonly cache: InstanceCache;
  readonly maxRetries: number;
  readonly definitionOf: (processId: string, version: string) => ProcessDefinition;
  /** Called with each request the store applied (see `EngineOptions.onCommit`). */
  readonly committed?: ((request: CommitRequest) => void) | undefined;
}): InstanceAccess {
  const { store, cache, maxRetries, definitionOf, committed } = options;

  async function load(instanceId: string): Promise<InstanceRecord> {
    const record = await store.getInstance(instanceId);
    if (!record) throw new InstanceNotFoundError(instanceId);
    return record;
  }

  /** A stored instance restored to a live snapshot. */
  function liveOf(record: InstanceRecord, head: InstanceHead): LiveInstance {
    const definition = definitionOf(record.processId, record.processVersion);
    // The record was just read for this call and is dropped after it, so its snapshot can be adopted.
    return { head, definition, snapshot: adoptSnapshot(definition, record.snapshot) };
  }

  return {
    load,
    async withRetries(instanceId, expected, attempt) {
      for (let tries = 0; ; tries += 1) {
        try {
          return await attempt();
        } catch (error) {
          if (!(error instanceof RetryableConflict)) throw error;
          if (expected !== undefined) throw new VersionConflictError(instanceId, expected, error.actual);
          if (tries >= maxRetries) throw new VersionConflictError(instanceId, null, error.actual, tries + 1);
          // Another process won the race; back off a little so the retries spread out.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** tries)));
        }
      }
    },
    async withLive(instanceId, pinned, work, screen) {
      const cached = cache.get(instanceId);
      // A pinned version other than the cached one may be the store's: let the store decide.
      if (cached && (pinned === undefined || pinned === cached.head.version)) {
        const isStale = async (): Promise<boolean> =>
          (await store.getInstance(instanceId))?.version !== cached.head.version;
        let confirmed = false;
        try {
          return await work(cached, async () => {
            confirmed = true;
            if (await isStale()) throw new StaleCache();
          });
        } catch (error) {
          // Whatever failed, the process's own code may have run on the cached snapshot first, and a
          // context it changes in place is shared with that snapshot: only a commit replaces the entry,
          // so one that never came leaves the cache without it, and the next call reads the store.
          cache.delete(instanceId);
          if (!(error instanceof StaleCache) && !(await ranOnStaleState(error, confirmed, isStale))) throw error;
        }
      }
      cache.delete(instanceId);
      const record = await load(instanceId);
      const head = headOf(record);
      await screen?.(head);
      return work(liveOf(record, head), async () => {});
    },
    async commitLive(request, live) {
      const id = request.instance.id;
      let outcome: CommitOutcome;
      try {
        outcome = await store.commit(request);
      } catch (error) {
        cache.delete(id);
        throw commitFailure(error);
      }
      if (outcome.ok) {
        cache.set({ head: headOf(request.instance), definition: live.definition, snapshot: live.snapshot });
        committed?.(request);
      } else {
        cache.delete(id);
      }
      return outcome;
    },
  };
}

import { StoreFailureError } from '../errors/runtime-errors.js';
import type { AuditEntry } from '../records/audit-entry.js';
import { canonicalJson } from '../records/canonical-json.js';
import type { IdempotencyRecord } from '../records/idempotency-record.js';
import type { InstanceRecord } from '../records/instance-record.js';
import type { SecurityEntry } from '../records/security-entry.js';
import type { TimerRecord } from '../records/timer-record.js';
import { compareCodePoints } from './code-point-order.js';
import { matchesQuery, sortTimers } from './query-match.js';
import type { CommitOutcome, CommitRequest, InstanceQuery, Store } from './store.js';

/** A {@link Store} kept in memory, for tests and short-lived hosts; {@link MemoryStore.dump} shows its content. */
export interface MemoryStore extends Store {
  /** Canonical JSON of everything stored (for byte-for-byte comparisons in tests). */
  dump(): string;
}

/** Creates an empty in-memory {@link Store}. Records are copied in and out, so callers cannot alias them. */
export function createMemoryStore(): MemoryStore {
  const instances = new Map<string, InstanceRecord>();
  const audit = new Map<string, AuditEntry[]>();
  const timers = new Map<string, TimerRecord[]>();
  const idempotency = new Map<string, IdempotencyRecord>();
  const security: SecurityEntry[] = [];
  let closed = false;

  // Every call fails as the other stores do: a StoreFailureError, as a rejected promise.
  const guard = async <T>(what: string, run: () => T): Promise<T> => {
    if (closed) throw new StoreFailureError(`${what}: memory store is closed`);
    try {
      return run();
    } catch (error) {
      throw error instanceof StoreFailureError ? error : new StoreFailureError(what, error);
    }
  };

  function commitNow(request: CommitRequest): CommitOutcome {
    const current = instances.get(request.instance.id);
    if (request.expectedVersion === null ? current !== undefined : current?.version !== request.expectedVersion) {
      return current
        ? { ok: false, conflict: 'version', actualVersion: current.version }
        : { ok: false, conflict: 'version' };
    }
    if (request.idempotency && idempotency.has(request.idempotency.key)) return { ok: false, conflict: 'idempotency' };
    // Everything is copied before anything is stored: a part that cannot be copied fails the commit whole.
    const instance = structuredClone(request.instance);
    const entries = request.audit.map((entry) => structuredClone(entry));
    const rows = sortTimers(structuredClone([...request.timers]));
    const key = request.idempotency && structuredClone(request.idempotency);
    instances.set(instance.id, instance);
    audit.set(instance.id, [...(audit.get(instance.id) ?? []), ...entries]);
    timers.set(instance.id, rows);
    if (key) idempotency.set(key.key, key);
    return { ok: true };
  }

  return {
    commit: (request) => guard('commit failed', () => commitNow(request)),
    getInstance: (instanceId) =>
      guard('read instance', () => {
        const record = instances.get(instanceId);
        return record ? structuredClone(record) : undefined;
      }),
    listInstances: (query: InstanceQuery) =>
      guard('list instances', () => {
        // In code point order, as SQLite and PostgreSQL list them.
        const ids = [...instances.keys()].sort(compareCodePoints);
        const out: InstanceRecord[] = [];
        for (const id of ids) {
          const record = instances.get(id);
          if (!record || !matchesQuery(record, query)) continue;
          out.push(structuredClone(record));
          if (query.limit !== undefined && out.length >= query.limit) break;
        }
        return out;
      }),
    getAudit: (instanceId) => guard('read audit', () => structuredClone(audit.get(instanceId) ?? [])),
    getTimers: (instanceId) => guard('read timers', () => structuredClone(timers.get(instanceId) ?? [])),
    dueTimers: (nowMs, limit) =>
      guard('read due timers', () => {
        const due = [...timers.values()].flat().filter((timer) => timer.status === 'pending' && timer.dueAt <= nowMs);
        return structuredClone(sortTimers(due).slice(0, limit));
      }),
    nextTimerDue: (after) =>
      guard('read next timer', () => {
        let next: number | undefined;
        for (const list of timers.values()) {
          for (const timer of list) {
            if (timer.status !== 'pending' || (after !== undefined && timer.dueAt <= after)) continue;
            if (next === undefined || timer.dueAt < next) next = timer.dueAt;
          }
        }
        return next;
      }),
    getIdempotency: (key) =>
      guard('read idempotency', () => {
        const record = idempotency.get(key);
        return record ? structuredClone(record) : undefined;
      }),
    appendSecurity: (entry) =>
      guard('append security log', () => {
        security.push(structuredClone(entry));
      }),
    securityLog: (limit) =>
      guard('read security log', () => structuredClone(limit === undefined ? security : security.slice(-limit))),
    async close() {
      closed = true;
    },
    dump() {
      const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => compareCodePoints(a, b));
      return canonicalJson({
        instances: sorted(instances),
        audit: sorted(audit),
        timers: sorted(timers),
        idempotency: sorted(idempotency),
      });
    },
  };
}

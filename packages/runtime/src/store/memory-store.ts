import type { AuditEntry } from '../records/audit-entry.js';
import { canonicalJson } from '../records/canonical-json.js';
import type { IdempotencyRecord } from '../records/idempotency-record.js';
import type { InstanceRecord } from '../records/instance-record.js';
import type { SecurityEntry } from '../records/security-entry.js';
import type { TimerRecord } from '../records/timer-record.js';
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

  const open = (): void => {
    if (closed) throw new Error('memory store is closed');
  };

  function commitNow(request: CommitRequest): CommitOutcome {
    const current = instances.get(request.instance.id);
    if (request.expectedVersion === null ? current !== undefined : current?.version !== request.expectedVersion) {
      return current
        ? { ok: false, conflict: 'version', actualVersion: current.version }
        : { ok: false, conflict: 'version' };
    }
    if (request.idempotency && idempotency.has(request.idempotency.key)) return { ok: false, conflict: 'idempotency' };
    instances.set(request.instance.id, structuredClone(request.instance));
    const entries = audit.get(request.instance.id) ?? [];
    for (const entry of request.audit) entries.push(structuredClone(entry));
    audit.set(request.instance.id, entries);
    timers.set(request.instance.id, sortTimers(structuredClone([...request.timers])));
    if (request.idempotency) idempotency.set(request.idempotency.key, structuredClone(request.idempotency));
    return { ok: true };
  }

  return {
    async commit(request) {
      open();
      return commitNow(request);
    },
    async getInstance(instanceId) {
      open();
      const record = instances.get(instanceId);
      return record ? structuredClone(record) : undefined;
    },
    async listInstances(query: InstanceQuery) {
      open();
      const ids = [...instances.keys()].sort();
      const out: InstanceRecord[] = [];
      for (const id of ids) {
        const record = instances.get(id);
        if (!record || !matchesQuery(record, query)) continue;
        out.push(structuredClone(record));
        if (query.limit !== undefined && out.length >= query.limit) break;
      }
      return out;
    },
    async getAudit(instanceId) {
      open();
      return structuredClone(audit.get(instanceId) ?? []);
    },
    async getTimers(instanceId) {
      open();
      return structuredClone(timers.get(instanceId) ?? []);
    },
    async dueTimers(nowMs, limit) {
      open();
      const due = [...timers.values()].flat().filter((timer) => timer.status === 'pending' && timer.dueAt <= nowMs);
      return structuredClone(sortTimers(due).slice(0, limit));
    },
    async nextTimerDue(after) {
      open();
      let next: number | undefined;
      for (const list of timers.values()) {
        for (const timer of list) {
          if (timer.status !== 'pending' || (after !== undefined && timer.dueAt <= after)) continue;
          if (next === undefined || timer.dueAt < next) next = timer.dueAt;
        }
      }
      return next;
    },
    async getIdempotency(key) {
      open();
      const record = idempotency.get(key);
      return record ? structuredClone(record) : undefined;
    },
    async appendSecurity(entry) {
      open();
      security.push(structuredClone(entry));
    },
    async securityLog(limit) {
      open();
      return structuredClone(limit === undefined ? security : security.slice(-limit));
    },
    async close() {
      closed = true;
    },
    dump() {
      const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return canonicalJson({
        instances: sorted(instances),
        audit: sorted(audit),
        timers: sorted(timers),
        idempotency: sorted(idempotency),
      });
    },
  };
}

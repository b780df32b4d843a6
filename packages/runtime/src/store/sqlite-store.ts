import Database from 'better-sqlite3';
import type * as z from 'zod';
import { StoreFailureError } from '../errors/runtime-errors.js';
import { checkOptions } from '../options/check-options.js';
import { auditEntrySchema } from '../records/audit-entry.js';
import { type IdempotencyRecord, idempotencyRecordSchema } from '../records/idempotency-record.js';
import { type InstanceRecord, instanceRecordSchema } from '../records/instance-record.js';
import { jsonTextOf, stringifyWith } from '../records/json-text.js';
import { type SecurityEntry, securityEntrySchema } from '../records/security-entry.js';
import { timerRecordSchema } from '../records/timer-record.js';
import { mayBeOneRequest } from './sqlite-batch-failure.js';
import { type Checkpointer, createBackgroundCheckpointer } from './sqlite-checkpointer.js';
import { listOf, listText, missingFrom } from './sqlite-lists.js';
import { openSchema } from './sqlite-schema.js';
import type { SqliteStoreOptions } from './sqlite-store-options.js';
import type { CommitOutcome, CommitRequest, InstanceQuery, Store } from './store.js';
import { sqliteStoreOptionsSchema } from './store-options.js';

export type { SqliteStoreOptions } from './sqlite-store-options.js';

/** A SQLite {@link Store} (WAL mode); several processes may share one file. */
export interface SqliteStore extends Store {
  /** The database file path. */
  readonly path: string;
}

/** Thrown by a request's checks, before it writes anything, to reject that request alone. */
class Conflict {
  constructor(readonly outcome: CommitOutcome) {}
}

interface Pending {
  readonly request: CommitRequest;
  readonly resolve: (outcome: CommitOutcome) => void;
  readonly reject: (error: unknown) => void;
}

function parse<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const result = schema.safeParse(JSON.parse(text));
  if (!result.success) throw new StoreFailureError(`${what} fails its schema`, result.error);
  return result.data;
}

/** Opens (creating if needed) a SQLite {@link Store} with WAL journaling. */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  checkOptions('createSqliteStore', sqliteStoreOptionsSchema, options);
  let db: Database.Database;
  let checkpointer: Checkpointer | undefined;
  let opened: Database.Database | undefined;
  try {
    db = new Database(options.path);
    opened = db;
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    openSchema(db);
    // The file SQLite opened (absolute); empty for `:memory:` and temporary databases, which have no WAL
    // (nor has a file whose file system refused WAL mode).
    const file = (db.pragma('database_list') as { name: string; file: string }[]).find(
      (entry) => entry.name === 'main',
    )?.file;
    const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
    if ((options.checkpoint ?? 'background') === 'background' && file && wal) {
      checkpointer = createBackgroundCheckpointer(db, file, options.synchronous ?? 'FULL');
    }
  } catch (error) {
    // A store that could not open leaves no connection behind (a host retrying would pile them up).
    try {
      opened?.close();
    } catch {
      // Closing is only tidying up here; the error that matters is the one below.
    }
    // The reason is part of the message: a host printing only that still learns why.
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreFailureError(`cannot open ${options.path}: ${reason}`, error);
  }
  const groupCommit = options.groupCommit ?? true;

  const sql = {
    current: db.prepare<
      [string],
      {
        version: number;
        org_path: string;
        state_paths: string;
        process_id: string;
        process_version: string;
        earliest_due: string | null;
        audit_tail: number | null;
      }
    >(
      'SELECT version, org_path, state_paths, process_id, process_version, earliest_due, audit_tail FROM instances WHERE id = ?',
    ),
    insert: db.prepare(
      `INSERT INTO instances (id, process_id, process_version, earliest_due, version, org_path, state_paths, record, audit_tail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Each update sets only the indexed columns that changed: SQLite rewrites an index entry whenever its
    // column is assigned, even to the value it had.
    update: db.prepare(
      `UPDATE instances SET process_id = ?, process_version = ?, earliest_due = ?, version = ?, org_path = ?,
         state_paths = ?, record = ?, audit_tail = ? WHERE id = ?`,
    ),
    updateDue: db.prepare(
      `UPDATE instances SET earliest_due = ?, version = ?, org_path = ?, state_paths = ?, record = ?, audit_tail = ?
         WHERE id = ?`,
    ),
    // The common commit's first entry, appended only if the instance is at the expected version with none
    // of its indexed or listed columns changed: the version check itself, and nothing is written unless it holds.
    appendIfUnchanged: db.prepare(
      `INSERT INTO audit (instance_id, seq, prev, entry) SELECT id, ?, audit_tail, ? FROM instances
         WHERE id = ? AND version = ? AND process_id = ? AND process_version = ? AND earliest_due IS ? AND org_path = ?
         AND state_paths = ?`,
    ),
    // The common update leaves the indexed columns alone, so SQLite rewrites no index entry.
    updateRecord: db.prepare(
      'UPDATE instances SET version = ?, org_path = ?, state_paths = ?, record = ?, audit_tail = ? WHERE id = ?',
    ),
    updateUnchanged: db.prepare('UPDATE instances SET version = ?, record = ?, audit_tail = ? WHERE id = ?'),
    // The organisations and states the stored record lists, for a row whose columns predate JSON lists.
    storedLists: db.prepare<[string], { orgs: string | null; states: string | null }>(
      "SELECT json_extract(record, '$.orgPath') AS orgs, json_extract(record, '$.statePaths') AS states FROM instances WHERE id = ?",
    ),
    deleteOrg: db.prepare('DELETE FROM instance_orgs WHERE org_id = ? AND instance_id = ?'),
    insertOrg: db.prepare('INSERT OR IGNORE INTO instance_orgs (org_id, instance_id) VALUES (?, ?)'),
    deleteState: db.prepare('DELETE FROM instance_states WHERE state = ? AND instance_id = ?'),
    insertState: db.prepare('INSERT OR IGNORE INTO instance_states (state, instance_id) VALUES (?, ?)'),
    appendAudit: db.prepare('INSERT INTO audit (instance_id, seq, prev, entry) VALUES (?, ?, ?, ?)'),
    deleteTimers: db.prepare('DELETE FROM timers WHERE instance_id = ?'),
    instanceTimers: db.prepare<[string], { deadline_id: string; record: string }>(
      'SELECT deadline_id, record FROM timers WHERE instance_id = ?',
    ),
    putTimer: db.prepare(
      'INSERT OR REPLACE INTO timers (instance_id, deadline_id, due_at, status, record) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteTimer: db.prepare('DELETE FROM timers WHERE instance_id = ? AND deadline_id = ?'),
    hasKey: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM idempotency WHERE key = ?'),
    insertKey: db.prepare('INSERT INTO idempotency (key, record) VALUES (?, ?)'),
    getInstance: db.prepare<[string], { record: string }>('SELECT record FROM instances WHERE id = ?'),
    // Newest first, from the tail along the links; a link to a missing row, to another instance's row or
    // to a later row ends the walk (so a tampered chain cannot loop).
    auditChain: db.prepare<[{ id: string }], { seq: number; prev: number | null; entry: string }>(
      `WITH RECURSIVE chain(id, seq, prev, entry) AS (
         SELECT audit.id, audit.seq, audit.prev, audit.entry FROM instances JOIN audit ON audit.id = instances.audit_tail
           WHERE instances.id = @id AND audit.instance_id = @id
         UNION ALL
         SELECT audit.id, audit.seq, audit.prev, audit.entry FROM chain JOIN audit ON audit.id = chain.prev
           WHERE audit.id < chain.id AND audit.instance_id = @id
       ) SELECT seq, prev, entry FROM chain`,
    ),
    // Every row of the instance, found by scanning the table: only read when the chain is broken.
    auditScan: db.prepare<[string], { entry: string }>(
      'SELECT entry FROM audit WHERE instance_id = ? ORDER BY seq, id',
    ),
    // The seq of the instance's newest entry as its record names it (null: no such instance).
    headSeq: db.prepare<[string], { seq: number | null }>(
      "SELECT json_extract(record, '$.auditHead.seq') AS seq FROM instances WHERE id = ?",
    ),
    getTimers: db.prepare<[string], { record: string }>(
      'SELECT record FROM timers WHERE instance_id = ? ORDER BY due_at, deadline_id',
    ),
    dueTimers: db.prepare<[number, number], { record: string }>(
      `SELECT record FROM timers WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, instance_id, deadline_id LIMIT ?`,
    ),
    nextDue: db.prepare<[number], { due: number | null }>(
      `SELECT MIN(due_at) AS due FROM timers WHERE status = 'pending' AND due_at > ?`,
    ),
    getKey: db.prepare<[string], { record: string }>('SELECT record FROM idempotency WHERE key = ?'),
    appendSecurity: db.prepare('INSERT INTO security_log (entry) VALUES (?)'),
    securityLog: db.prepare<[number], { entry: string }>(
      'SELECT entry FROM (SELECT id, entry FROM security_log ORDER BY id DESC LIMIT ?) ORDER BY id',
    ),
  };

  // The timer rows of an instance become `timers`; `mayHaveRows` false for a new instance.
  const writeTimers = (instanceId: string, timers: CommitRequest['timers'], mayHaveRows: boolean): void => {
    if (!mayHaveRows || timers.length === 0) {
      if (mayHaveRows) sql.deleteTimers.run(instanceId);
      for (const timer of timers) {
        sql.putTimer.run(instanceId, timer.deadlineId, timer.dueAt, timer.status, JSON.stringify(timer));
      }
      return;
    }
    // Only rows that change are written: most events leave most timers as they were.
    const stored = new Map<string, string>();
    for (const row of sql.instanceTimers.all(instanceId)) stored.set(row.deadline_id, row.record);
    for (const timer of timers) {
      const text = JSON.stringify(timer);
      if (stored.get(timer.deadlineId) !== text) {
        sql.putTimer.run(instanceId, timer.deadlineId, timer.dueAt, timer.status, text);
      }
      stored.delete(timer.deadlineId);
    }
    for (const deadlineId of stored.keys()) sql.deleteTimer.run(instanceId, deadlineId);
  };

  const auditText = (entry: CommitRequest['audit'][number]): string => jsonTextOf(entry) ?? JSON.stringify(entry);

  // Appends `entries` after the row `prev`, each linked to the one before; returns the last row's id.
  const appendAudit = (instanceId: string, entries: CommitRequest['audit'], prev: number | null): number | null => {
    let tail = prev;
    for (const entry of entries) {
      tail = Number(sql.appendAudit.run(instanceId, entry.seq, tail, auditText(entry)).lastInsertRowid);
    }
    return tail;
  };

  // The organisations and states an instance's listing rows were written from: its list columns, or the
  // stored record's own lists when the columns predate JSON (`|a|b|`).
  const listsOf = (
    instanceId: string,
    columns: { readonly org_path: string; readonly state_paths: string },
  ): { orgs: string[]; states: string[] } => {
    const lists =
      columns.org_path.startsWith('[') && columns.state_paths.startsWith('[')
        ? { orgs: columns.org_path, states: columns.state_paths }
        : sql.storedLists.get(instanceId);
    return { orgs: listOf(lists?.orgs), states: listOf(lists?.states) };
  };

  // One request: the checks come first and throw Conflict before anything is written; then every write.
  const writeOne = (request: CommitRequest): void => {
    const { instance, audit } = request;
    const orgPath = listText(instance.orgPath);
    const statePaths = listText(instance.statePaths);
    const record = stringifyWith(instance, 'snapshot');
    const [first, ...rest] = audit;
    // The common commit (right version, no indexed or listed column changed): its first entry is appended
    // only if the version check holds, so a conflict writes nothing; then the instance row is updated.
    const appended =
      first !== undefined && request.expectedVersion !== null && request.idempotency === undefined
        ? sql.appendIfUnchanged.run(
            first.seq,
            auditText(first),
            instance.id,
            request.expectedVersion,
            instance.processId,
            instance.processVersion,
            instance.earliestDue,
            orgPath,
            statePaths,
          )
        : undefined;
    if (appended?.changes === 1) {
      const tail = appendAudit(instance.id, rest, Number(appended.lastInsertRowid));
      sql.updateUnchanged.run(instance.version, record, tail, instance.id);
      // The version check passed, so the rows stored are those of expectedVersion.
      if (!request.timersUnchanged) writeTimers(instance.id, request.timers, true);
      return;
    }
    const current = sql.current.get(instance.id);
    if (request.expectedVersion === null ? current !== undefined : current?.version !== request.expectedVersion) {
      throw new Conflict(
        current
          ? { ok: false, conflict: 'version', actualVersion: current.version }
          : { ok: false, conflict: 'version' },
      );
    }
    if (request.idempotency && sql.hasKey.get(request.idempotency.key)) {
      throw new Conflict({ ok: false, conflict: 'idempotency' });
    }
    // Read before the row is rewritten: the lists its listing rows were written from.
    const before =
      current !== undefined && (current.org_path !== orgPath || current.state_paths !== statePaths)
        ? listsOf(instance.id, current)
        : { orgs: [], states: [] };
    const tail = appendAudit(instance.id, audit, current?.audit_tail ?? null);
    const sameProcess =
      current !== undefined &&
      current.process_id === instance.processId &&
      current.process_version === instance.processVersion;
    if (sameProcess && current.earliest_due === instance.earliestDue) {
      sql.updateRecord.run(instance.version, orgPath, statePaths, record, tail, instance.id);
    } else if (sameProcess) {
      sql.updateDue.run(instance.earliestDue, instance.version, orgPath, statePaths, record, tail, instance.id);
    } else if (current === undefined) {
      sql.insert.run(
        instance.id,
        instance.processId,
        instance.processVersion,
        instance.earliestDue,
        instance.version,
        orgPath,
        statePaths,
        record,
        tail,
      );
    } else {
      sql.update.run(
        instance.processId,
        instance.processVersion,
        instance.earliestDue,
        instance.version,
        orgPath,
        statePaths,
        record,
        tail,
        instance.id,
      );
    }
    // The listing rows (instance_orgs, instance_states) that leave or join, each removed by its key:
    // neither table has an index by instance.
    if (current?.org_path !== orgPath) {
      for (const org of missingFrom(before.orgs, instance.orgPath)) sql.deleteOrg.run(org, instance.id);
      for (const org of missingFrom(instance.orgPath, before.orgs)) sql.insertOrg.run(org, instance.id);
    }
    if (current?.state_paths !== statePaths) {
      for (const state of missingFrom(before.states, instance.statePaths)) sql.deleteState.run(state, instance.id);
      for (const state of missingFrom(instance.statePaths, before.states)) sql.insertState.run(state, instance.id);
    }
    if (!(request.timersUnchanged && current !== undefined))
      writeTimers(instance.id, request.timers, current !== undefined);
    if (request.idempotency) sql.insertKey.run(request.idempotency.key, JSON.stringify(request.idempotency));
  };

  const outcomeOf = (run: () => void): CommitOutcome => {
    try {
      run();
      return { ok: true };
    } catch (error) {
      if (error instanceof Conflict) return error.outcome;
      throw error;
    }
  };

  // No savepoint per request: writeOne throws Conflict before its first write, so a rejected request has
  // nothing to undo; any other error rolls back the whole transaction (commitBatch then retries its
  // requests one by one when one of them may be the cause).
  const applyAll = db.transaction((requests: readonly CommitRequest[]): CommitOutcome[] =>
    requests.map((request) => outcomeOf(() => writeOne(request))),
  );

  // Every write transaction goes through this, so a background checkpointer knows when they happen.
  const write = <T>(transaction: () => T): T => (checkpointer ? checkpointer.write(transaction) : transaction());

  let queue: Pending[] = [];
  let scheduled = false;

  // One transaction for `batch`; each request's promise settles with its outcome or the failure.
  const commitBatch = (batch: readonly Pending[]): void => {
    try {
      const outcomes = write(() => applyAll.immediate(batch.map((pending) => pending.request)));
      for (const [index, pending] of batch.entries()) {
        pending.resolve(outcomes[index] ?? { ok: false, conflict: 'version' });
      }
    } catch (error) {
      if (batch.length > 1 && mayBeOneRequest(error)) {
        // The transaction was rolled back whole, so nothing of it was written: each request is tried
        // again in a transaction of its own, and a request SQLite refuses fails alone.
        for (const pending of batch) commitBatch([pending]);
        return;
      }
      const failure = new StoreFailureError('commit failed', error);
      for (const pending of batch) pending.reject(failure);
    }
  };

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length > 0) commitBatch(batch);
  }

  // An instance's audit texts in seq order. The chain is used when it is whole: from the entry the
  // record names as its head (so rows appended without moving the tail, say by an older release still
  // writing to the file, are not missed) down to seq 1, the last without a link. Otherwise (a row
  // deleted, a link or a seq altered) every row the table holds for the instance is read, in seq order,
  // so a verification reports exactly what was changed. A row added after the head without moving the
  // tail is not found: without an index by instance only a scan of the whole table would find it.
  // One read transaction, so a commit by another process between the head and the chain cannot make a
  // whole chain look broken (and cost a scan).
  const auditTexts = db.transaction((instanceId: string): string[] => {
    const head = sql.headSeq.get(instanceId);
    if (head === undefined) return [];
    const chain = sql.auditChain.all({ id: instanceId });
    const whole =
      chain[0]?.seq === head.seq &&
      chain.every((row, index) => row.seq === chain.length - index) &&
      chain.at(-1)?.prev === null;
    if (whole) return chain.map((row) => row.entry).reverse();
    return sql.auditScan.all(instanceId).map((row) => row.entry);
  }).deferred;

  const rows = <T>(list: { record: string }[], schema: z.ZodType<T>, what: string): T[] =>
    list.map((row) => parse(schema, row.record, what));

  function listInstances(query: InstanceQuery): InstanceRecord[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.withinOrg !== undefined) {
      where.push('i.id IN (SELECT instance_id FROM instance_orgs WHERE org_id = ?)');
      params.push(query.withinOrg);
    }
    if (query.state !== undefined) {
      where.push('i.id IN (SELECT instance_id FROM instance_states WHERE state = ?)');
      params.push(query.state);
    }
    if (query.processId !== undefined) {
      where.push('i.process_id = ?');
      params.push(query.processId);
    }
    if (query.processVersion !== undefined) {
      where.push('i.process_version = ?');
      params.push(query.processVersion);
    }
    if (query.dueBefore !== undefined) {
      where.push('i.earliest_due IS NOT NULL AND i.earliest_due < ?');
      params.push(query.dueBefore);
    }
    if (query.afterId !== undefined) {
      where.push('i.id > ?');
      params.push(query.afterId);
    }
    const limit = query.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(query.limit))}`;
    const text = `SELECT i.record FROM instances i${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id${limit}`;
    return rows(db.prepare<unknown[], { record: string }>(text).all(...params), instanceRecordSchema, 'instance');
  }

  const guard = <T>(what: string, run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error instanceof StoreFailureError ? error : new StoreFailureError(what, error));
    }
  };

  return {
    path: options.path,
    commit(request) {
      if (!groupCommit) {
        return guard('commit failed', () => write(() => applyAll.immediate([request]))[0] as CommitOutcome);
      }
      return new Promise<CommitOutcome>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate lets every send that is ready in this turn of the event loop join the batch.
          setImmediate(flush);
        }
      });
    },
    getInstance: (instanceId) =>
      guard('read instance', () => {
        const row = sql.getInstance.get(instanceId);
        return row ? parse(instanceRecordSchema, row.record, 'instance') : undefined;
      }),
    listInstances: (query) => guard('list instances', () => listInstances(query)),
    getAudit: (instanceId) =>
      guard('read audit', () => auditTexts(instanceId).map((entry) => parse(auditEntrySchema, entry, 'audit entry'))),
    getTimers: (instanceId) =>
      guard('read timers', () => rows(sql.getTimers.all(instanceId), timerRecordSchema, 'timer')),
    dueTimers: (nowMs, limit) =>
      guard('read due timers', () => rows(sql.dueTimers.all(nowMs, limit), timerRecordSchema, 'timer')),
    nextTimerDue: (after) =>
      guard('read next timer', () => sql.nextDue.get(after ?? Number.NEGATIVE_INFINITY)?.due ?? undefined),
    getIdempotency: (key) =>
      guard('read idempotency', (): IdempotencyRecord | undefined => {
        const row = sql.getKey.get(key);
        return row ? parse(idempotencyRecordSchema, row.record, 'idempotency record') : undefined;
      }),
    appendSecurity: (entry: SecurityEntry) =>
      guard('append security log', () => {
        write(() => sql.appendSecurity.run(JSON.stringify(entry)));
      }),
    securityLog: (limit) =>
      guard('read security log', () =>
        sql.securityLog.all(limit ?? -1).map((row) => parse(securityEntrySchema, row.entry, 'security entry')),
      ),
    close: async () => {
      // Commits queued before close() are written first; the worker's connection closes before this
      // one, so closing the last connection checkpoints the WAL and removes it, as SQLite always does.
      flush();
      await checkpointer?.close();
      return guard('close', () => {
        flush();
        db.close();
      });
    },
  };
}

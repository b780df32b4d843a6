import { createHash, randomUUID } from 'node:crypto';
import { Pool, type QueryResultRow } from 'pg';
import type * as z from 'zod';
import type { Clock } from '../engine/clock.js';
import { StoreFailureError } from '../errors/runtime-errors.js';
import { checkOptions } from '../options/check-options.js';
import { auditEntrySchema } from '../records/audit-entry.js';
import { idempotencyRecordSchema } from '../records/idempotency-record.js';
import { instanceRecordSchema } from '../records/instance-record.js';
import { jsonTextOf, stringifyWith } from '../records/json-text.js';
import { securityEntrySchema } from '../records/security-entry.js';
import { timerRecordSchema } from '../records/timer-record.js';
import { unreachableError } from './postgres-connection-error.js';
import { PostgresSchemaVersionError, PostgresUnreachableError } from './postgres-errors.js';
import { listInstancesStatement, type PostgresDueClock, postgresQueries } from './postgres-queries.js';
import { migratePostgresSchema } from './postgres-schema.js';
import { postgresUrlFromEnv } from './postgres-url.js';
import { sortTimers } from './query-match.js';
import type { CommitOutcome, Store } from './store.js';
import { postgresStoreOptionsSchema } from './store-options.js';

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Connection URL; ignored when `pool` is given. @default `DANGWU_PG_URL`, else `postgres://postgres@127.0.0.1:5432/test` */
  readonly connectionString?: string;
  /** A `pg` pool to use instead of opening one; the store never ends it. @default undefined (the store opens its own) */
  readonly pool?: Pool;
  /** Schema holding the store's tables: lowercase letters, digits and `_`, at most 63 characters. @default 'dangwu' */
  readonly schema?: string;
  /** Connections of the pool the store opens (one commit uses one connection for one round trip). @default 10 */
  readonly poolSize?: number;
  /** How long to wait for a connection, in milliseconds. @default 5000 */
  readonly connectTimeoutMs?: number;
  /**
   * How long timers returned by {@link Store.dueTimers} stay reserved to this node, in milliseconds. Other
   * nodes skip them until the lease runs out, so a node that dies mid-batch delays its timers by at most
   * this long. @default 60000
   */
  readonly claimLeaseMs?: number;
  /**
   * Which clock decides that a timer is due. `database`: a timer is due at `min(now passed by the engine,
   * the database's clock_timestamp())`, so no node fires early because its own clock runs ahead;
   * `caller`: the instant the engine passes is trusted (virtual clocks in tests and replays).
   * @default 'database'
   */
  readonly dueClock?: PostgresDueClock;
  /** This node's name in timer claims (must differ between engine processes). @default a random UUID */
  readonly nodeId?: string;
}

/**
 * A PostgreSQL {@link Store}: any number of engine processes may share one database. Each commit is one
 * transaction (one call of the schema's `commit_event` function); due timers are claimed with
 * `FOR UPDATE SKIP LOCKED` and a lease, so nodes take disjoint batches.
 */
export interface PostgresStore extends Store {
  /** The schema holding the tables. */
  readonly schema: string;
  /** This node's name in timer claims. */
  readonly nodeId: string;
  /**
   * The database's clock as seen from this process (local time plus the offset measured against
   * `clock_timestamp()`, refreshed at most every 30 s by timer queries). Pass it as the engine's `clock`
   * so every node reads one clock.
   */
  readonly clock: Clock;
  /** The database's `clock_timestamp()` in epoch milliseconds (one round trip); refreshes {@link PostgresStore.clock}. */
  databaseNow(): Promise<number>;
}

const CLOCK_REFRESH_MS = 30_000;
/** SQLSTATE raised by `commit_event` when the idempotency key exists. */
const IDEMPOTENCY_CONFLICT = 'DW409';
// A commit the server rolled back because another transaction got there first: a serialization failure
// (a host's pool at REPEATABLE READ or SERIALIZABLE) or a deadlock. Nothing was written; it is a conflict.
const LOST_RACE = new Set(['40001', '40P01']);

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new StoreFailureError(`${what} fails its schema`, result.error);
  return result.data;
}

const statementName = (text: string): string => `dw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;

/**
 * Connects, creates or migrates the schema (see `migratePostgresSchema`) and returns the store. Throws
 * {@link PostgresUnreachableError} when the server cannot be reached and {@link PostgresSchemaVersionError}
 * when the schema was written by a newer dangwu.
 */
export async function createPostgresStore(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  checkOptions('createPostgresStore', postgresStoreOptionsSchema, options);
  const schemaName = options.schema ?? 'dangwu';
  const connectionString = options.connectionString ?? postgresUrlFromEnv();
  const ownsPool = options.pool === undefined;
  const pool =
    options.pool ??
    new Pool({
      connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: Math.ceil(options.connectTimeoutMs ?? 5000),
    });
  // An idle connection that breaks must not crash the host; the next query reports the failure.
  if (ownsPool) pool.on('error', () => undefined);
  const nodeId = options.nodeId ?? randomUUID();
  const leaseMs = Math.ceil(options.claimLeaseMs ?? 60_000);
  const sql = postgresQueries(schemaName, options.dueClock ?? 'database');

  try {
    const client = await pool.connect();
    try {
      await migratePostgresSchema(client, schemaName);
    } finally {
      client.release();
    }
  } catch (error) {
    if (ownsPool) await pool.end().catch(() => undefined);
    if (error instanceof PostgresSchemaVersionError || error instanceof PostgresUnreachableError) throw error;
    throw unreachableError(connectionString, error) ?? new StoreFailureError(`cannot open schema ${schemaName}`, error);
  }

  let closed = false;
  let offsetMs = 0;
  let syncedAt = Number.NEGATIVE_INFINITY;

  async function run<R extends QueryResultRow>(what: string, text: string, values: unknown[] = [], named = true) {
    if (closed) throw new StoreFailureError(`${what}: the store is closed`);
    try {
      return await pool.query<R>(named ? { name: statementName(text), text, values } : { text, values });
    } catch (error) {
      throw new StoreFailureError(what, unreachableError(connectionString, error) ?? error);
    }
  }

  async function databaseNow(): Promise<number> {
    const before = Date.now();
    const result = await run<{ now: number }>('read database clock', sql.databaseNow);
    const after = Date.now();
    const now = Number(result.rows[0]?.now);
    offsetMs = now - (before + after) / 2;
    syncedAt = after;
    return now;
  }

  const refreshClock = async (): Promise<void> => {
    if (Date.now() - syncedAt > CLOCK_REFRESH_MS) await databaseNow();
  };
  await refreshClock();

  const records = <T>(rows: { record: unknown }[], schemaOf: z.ZodType<T>, what: string): T[] =>
    rows.map((row) => parse(schemaOf, row.record, what));

  return {
    schema: schemaName,
    nodeId,
    clock: { now: () => Date.now() + offsetMs },
    databaseNow,
    async commit(request) {
      const { instance, timers } = request;
      const key = request.idempotency;
      try {
        const result = await run<{ o_ok: boolean; o_actual: number | null }>('commit failed', sql.commit, [
          instance.id,
          request.expectedVersion,
          instance.version,
          instance.processId,
          instance.processVersion,
          instance.orgPath,
          instance.statePaths,
          instance.earliestDue,
          stringifyWith(instance, 'snapshot'),
          request.audit.map((entry) => entry.seq),
          request.audit.map((entry) => jsonTextOf(entry) ?? JSON.stringify(entry)),
          timers.map((timer) => timer.deadlineId),
          timers.map((timer) => timer.dueAt),
          timers.map((timer) => timer.status),
          timers.map((timer) => JSON.stringify(timer)),
          key?.key ?? null,
          key ? JSON.stringify(key) : null,
        ]);
        const row = result.rows[0];
        if (row?.o_ok) return { ok: true };
        const outcome: CommitOutcome =
          row?.o_actual === null || row?.o_actual === undefined
            ? { ok: false, conflict: 'version' }
            : { ok: false, conflict: 'version', actualVersion: row.o_actual };
        return outcome;
      } catch (error) {
        const code = error instanceof StoreFailureError ? (error.cause as { code?: unknown })?.code : undefined;
        if (code === IDEMPOTENCY_CONFLICT) return { ok: false, conflict: 'idempotency' };
        if (typeof code === 'string' && LOST_RACE.has(code)) return { ok: false, conflict: 'version' };
        throw error;
      }
    },
    async getInstance(instanceId) {
      const result = await run<{ record: unknown }>('read instance', sql.getInstance, [instanceId]);
      const row = result.rows[0];
      return row ? parse(instanceRecordSchema, row.record, 'instance') : undefined;
    },
    async listInstances(query) {
      const statement = listInstancesStatement(schemaName, query);
      const result = await run<{ record: unknown }>('list instances', statement.text, statement.values, false);
      return records(result.rows, instanceRecordSchema, 'instance');
    },
    async getAudit(instanceId) {
      const result = await run<{ entry: unknown }>('read audit', sql.getAudit, [instanceId]);
      return result.rows.map((row) => parse(auditEntrySchema, row.entry, 'audit entry'));
    },
    async getTimers(instanceId) {
      const result = await run<{ record: unknown }>('read timers', sql.getTimers, [instanceId]);
      return records(result.rows, timerRecordSchema, 'timer');
    },
    async dueTimers(nowMs, limit) {
      await refreshClock();
      const result = await run<{ record: unknown }>('claim due timers', sql.claimDue, [
        Math.floor(nowMs),
        nodeId,
        Math.max(0, Math.floor(limit)),
        leaseMs,
      ]);
      return sortTimers(records(result.rows, timerRecordSchema, 'timer'));
    },
    async nextTimerDue(after) {
      await refreshClock();
      const result = await run<{ free_due: string | null; lease_end: number | null }>('read next timer', sql.nextDue, [
        nodeId,
        after === undefined ? null : Math.floor(after),
      ]);
      const row = result.rows[0];
      const candidates = [row?.free_due, row?.lease_end]
        .filter((value) => value !== null && value !== undefined)
        .map((value) => Math.ceil(Number(value)));
      return candidates.length > 0 ? Math.min(...candidates) : undefined;
    },
    async getIdempotency(key) {
      const result = await run<{ record: unknown }>('read idempotency', sql.getIdempotency, [key]);
      const row = result.rows[0];
      return row ? parse(idempotencyRecordSchema, row.record, 'idempotency record') : undefined;
    },
    async appendSecurity(entry) {
      await run('append security log', sql.appendSecurity, [JSON.stringify(entry)]);
    },
    async securityLog(limit) {
      const result = await run<{ entry: unknown }>('read security log', sql.securityLog, [
        limit === undefined ? null : Math.max(0, Math.floor(limit)),
      ]);
      return result.rows.map((row) => parse(securityEntrySchema, row.entry, 'security entry'));
    },
    async close() {
      if (closed) return;
      closed = true;
      if (ownsPool) await pool.end();
    },
  };
}

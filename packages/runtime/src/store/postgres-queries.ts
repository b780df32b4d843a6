import { escapeIdentifier } from 'pg';
import type { InstanceQuery } from './store.js';

/** Which clock decides that a timer is due (see `PostgresStoreOptions.dueClock`). */
export type PostgresDueClock = 'database' | 'caller';

/** A parameterised SQL statement. */
export interface SqlStatement {
  readonly text: string;
  readonly values: unknown[];
}

/** Epoch milliseconds of the database's `clock_timestamp()`, as SQL. */
const DB_NOW_MS = '(extract(epoch FROM clock_timestamp()) * 1000)';
/** The same at the start of the statement: stable, so `due_at <= ...` can be an index condition. */
const STATEMENT_NOW_MS = '(extract(epoch FROM statement_timestamp()) * 1000)';

/** Rows another node claimed and whose lease has not run out are not offered to this node ($2). */
const CLAIMABLE = '(t.claimed_by IS NULL OR t.claimed_by = $2 OR t.claimed_until < clock_timestamp())';

/** The fixed SQL of a PostgreSQL store over `schema` (shared by the store and the plan script). */
export function postgresQueries(schema: string, dueClock: PostgresDueClock) {
  const s = escapeIdentifier(schema);
  // With the database clock, a caller cannot fire a timer before the database says it is due.
  const dueLimit = dueClock === 'database' ? `LEAST($1::bigint, ${STATEMENT_NOW_MS}::bigint)` : '$1::bigint';
  return {
    commit: `SELECT o_ok, o_actual FROM ${s}.commit_event($1::text, $2::integer, $3::integer, $4::text, $5::text,
      $6::text[], $7::text[], $8::text, $9::json, $10::integer[], $11::json[],
      $12::text[], $13::bigint[], $14::text[], $15::json[], $16::text, $17::json)`,
    getInstance: `SELECT record FROM ${s}.instances WHERE id = $1`,
    getAudit: `SELECT entry FROM ${s}.audit WHERE instance_id = $1 ORDER BY seq`,
    getTimers: `SELECT record FROM ${s}.timers WHERE instance_id = $1 ORDER BY due_at, deadline_id`,
    // $1 now (epoch ms), $2 node id, $3 limit, $4 lease (ms). Rows locked by a concurrent claim or commit
    // are skipped, not waited for, so nodes polling at once take disjoint batches.
    claimDue: `WITH due AS (
        SELECT t.instance_id, t.deadline_id FROM ${s}.timers t
         WHERE t.status = 'pending' AND t.due_at <= ${dueLimit} AND ${CLAIMABLE}
         ORDER BY t.due_at, t.instance_id, t.deadline_id
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
      UPDATE ${s}.timers t
         SET claimed_by = $2,
             -- A node's own claim is offered to it again but not prolonged: a timer it keeps failing to fire
             -- (a process version it lacks) goes to another node when the lease runs out.
             claimed_until = CASE WHEN t.claimed_by = $2 AND t.claimed_until >= clock_timestamp() THEN t.claimed_until
                                  ELSE clock_timestamp() + make_interval(secs => $4::float8 / 1000) END
        FROM due
       WHERE t.instance_id = due.instance_id AND t.deadline_id = due.deadline_id
      RETURNING t.record`,
    // $1 node id, $2 an instant or null: the earliest pending timer due after $2 this node may claim, and the earliest lease of another node
    // that runs out (its timers come back then if that node died).
    // One reading of the clock for both halves: with two, a lease ending between them was in neither.
    nextDue: `WITH clock AS (SELECT clock_timestamp() AS now) SELECT
        (SELECT t.due_at FROM ${s}.timers t, clock
          WHERE t.status = 'pending' AND (t.claimed_by IS NULL OR t.claimed_by = $1 OR t.claimed_until < clock.now)
            AND ($2::bigint IS NULL OR t.due_at > $2::bigint)
          ORDER BY t.due_at LIMIT 1) AS free_due,
        (SELECT (extract(epoch FROM min(t.claimed_until)) * 1000)::float8 FROM ${s}.timers t, clock
          WHERE t.status = 'pending' AND t.claimed_by IS NOT NULL AND t.claimed_by <> $1
            AND t.claimed_until >= clock.now) AS lease_end`,
    databaseNow: `SELECT ${DB_NOW_MS}::float8 AS now`,
    getIdempotency: `SELECT record FROM ${s}.idempotency WHERE key = $1`,
    appendSecurity: `INSERT INTO ${s}.security_log (entry) VALUES ($1::json)`,
    securityLog: `SELECT entry FROM (SELECT id, entry FROM ${s}.security_log ORDER BY id DESC LIMIT $1) AS recent ORDER BY id`,
  };
}

/**
 * The SQL of `listInstances`. With `withinOrg` it walks the subtree's range of `instance_orgs` (in id
 * order, or by `earliest_due` for overdue listings) and joins the instances; without it, the instances'
 * own indexes (primary key, process, due date, GIN on state paths) serve.
 */
export function listInstancesStatement(schema: string, query: InstanceQuery): SqlStatement {
  const s = escapeIdentifier(schema);
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const scoped = query.withinOrg !== undefined;
  const id = scoped ? 'o.instance_id' : 'i.id';
  if (query.withinOrg !== undefined) where.push(`o.org_id = ${param(query.withinOrg)}`);
  if (query.dueBefore !== undefined) where.push(`${scoped ? 'o' : 'i'}.earliest_due < ${param(query.dueBefore)}`);
  if (query.afterId !== undefined) {
    const after = param(query.afterId);
    // On both sides of the join, so a merge join starts both index scans at the page boundary.
    where.push(scoped ? `o.instance_id > ${after} AND i.id > ${after}` : `i.id > ${after}`);
  }
  if (query.state !== undefined) where.push(`i.state_paths @> ARRAY[${param(query.state)}::text]`);
  if (query.processId !== undefined) where.push(`i.process_id = ${param(query.processId)}`);
  if (query.processVersion !== undefined) where.push(`i.process_version = ${param(query.processVersion)}`);
  const limit = query.limit === undefined ? '' : ` LIMIT ${param(Math.max(0, Math.floor(query.limit)))}`;
  const from = scoped ? `${s}.instance_orgs o JOIN ${s}.instances i ON i.id = o.instance_id` : `${s}.instances i`;
  const filter = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  return { text: `SELECT i.record FROM ${from}${filter} ORDER BY ${id}${limit}`, values };
}

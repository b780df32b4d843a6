import type { PoolClient } from 'pg';
import { escapeIdentifier } from 'pg';
import { PostgresSchemaVersionError } from './postgres-errors.js';

/** One versioned step of the PostgreSQL schema; steps run in order, each exactly once per schema. */
interface Migration {
  readonly version: number;
  readonly description: string;
  /** SQL of the step, given the quoted schema name. */
  readonly sql: (s: string) => string;
}

/**
 * The commit function: schema version 1 appended one audit entry per call, version 2 appends an array
 * (an instance's due timers fired together). Both are built here so their common body is written once.
 */
function commitEventFunction(s: string, auditVersion: 1 | 2): string {
  return `
-- One accepted event (or one batch of an instance's due timers) = one call = one transaction: version check,
-- idempotency key, snapshot, audit entries and the instance's timer set. A version conflict returns without
-- writing; a used idempotency key raises SQLSTATE DW409, which rolls back the whole statement.
CREATE FUNCTION ${s}.commit_event(
  p_id text, p_expected integer, p_version integer, p_process_id text, p_process_version text,
  p_org_path text[], p_state_paths text[], p_earliest_due text, p_record json,
  ${auditVersion === 1 ? 'p_seq integer, p_audit json' : 'p_seqs integer[], p_audits json[]'},
  p_timer_ids text[], p_timer_due bigint[], p_timer_status text[], p_timer_records json[],
  p_key text, p_key_record json,
  OUT o_ok boolean, OUT o_actual integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_version integer;
  v_org_path text[];
  v_due text;
BEGIN
  IF p_expected IS NULL THEN
    INSERT INTO ${s}.instances AS i (id, process_id, process_version, org_path, state_paths, earliest_due, version, record)
    VALUES (p_id, p_process_id, p_process_version, p_org_path, p_state_paths, p_earliest_due, p_version, p_record)
    ON CONFLICT (id) DO NOTHING;
    IF NOT FOUND THEN
      SELECT i.version INTO o_actual FROM ${s}.instances AS i WHERE i.id = p_id;
      o_ok := false;
      RETURN;
    END IF;
  ELSE
    -- The row lock waits for a concurrent commit of the same instance, then reads its result.
    SELECT i.version, i.org_path, i.earliest_due INTO v_version, v_org_path, v_due
      FROM ${s}.instances AS i WHERE i.id = p_id FOR UPDATE;
    IF NOT FOUND OR v_version <> p_expected THEN
      o_actual := v_version;
      o_ok := false;
      RETURN;
    END IF;
    UPDATE ${s}.instances AS i
       SET process_id = p_process_id, process_version = p_process_version, org_path = p_org_path,
           state_paths = p_state_paths, earliest_due = p_earliest_due, version = p_version, record = p_record
     WHERE i.id = p_id;
  END IF;
  IF p_expected IS NULL OR v_org_path IS DISTINCT FROM p_org_path THEN
    DELETE FROM ${s}.instance_orgs AS o WHERE o.instance_id = p_id AND NOT (o.org_id = ANY (p_org_path));
    INSERT INTO ${s}.instance_orgs AS o (org_id, instance_id, earliest_due)
    SELECT DISTINCT u.org_id, p_id, p_earliest_due FROM unnest(p_org_path) AS u(org_id)
    ON CONFLICT (org_id, instance_id) DO UPDATE SET earliest_due = EXCLUDED.earliest_due;
  ELSIF v_due IS DISTINCT FROM p_earliest_due THEN
    UPDATE ${s}.instance_orgs AS o SET earliest_due = p_earliest_due WHERE o.instance_id = p_id;
  END IF;
  IF p_key IS NOT NULL THEN
    INSERT INTO ${s}.idempotency AS k (key, record) VALUES (p_key, p_key_record) ON CONFLICT (key) DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'idempotency key % exists', p_key USING ERRCODE = 'DW409';
    END IF;
  END IF;
  ${
    auditVersion === 1
      ? `INSERT INTO ${s}.audit (instance_id, seq, entry) VALUES (p_id, p_seq, p_audit);`
      : `INSERT INTO ${s}.audit (instance_id, seq, entry) SELECT p_id, u.seq, u.entry FROM unnest(p_seqs, p_audits) AS u(seq, entry);`
  }
  DELETE FROM ${s}.timers AS t WHERE t.instance_id = p_id AND NOT (t.deadline_id = ANY (p_timer_ids));
  INSERT INTO ${s}.timers AS t (instance_id, deadline_id, due_at, status, record)
  SELECT p_id, u.deadline_id, u.due_at, u.status, u.record
    FROM unnest(p_timer_ids, p_timer_due, p_timer_status, p_timer_records) AS u(deadline_id, due_at, status, record)
  ON CONFLICT (instance_id, deadline_id) DO UPDATE
     SET due_at = EXCLUDED.due_at, status = EXCLUDED.status, record = EXCLUDED.record,
         -- A claim survives only while the row stays the same pending deadline.
         claimed_by = CASE WHEN EXCLUDED.status = 'pending' AND EXCLUDED.due_at = t.due_at THEN t.claimed_by END,
         claimed_until = CASE WHEN EXCLUDED.status = 'pending' AND EXCLUDED.due_at = t.due_at THEN t.claimed_until END
   WHERE t.record::text IS DISTINCT FROM EXCLUDED.record::text;
  o_ok := true;
END
$fn$;
`;
}

// Text keys use the "C" collation so ordering is by code point, as in the memory and SQLite stores, and
// keyset pagination (`id > $after ORDER BY id`) walks the primary key.
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'instances, audit, timers with claims, idempotency, security log, commit_event()',
    sql: (s) => `
CREATE TABLE ${s}.instances (
  id text COLLATE "C" PRIMARY KEY,
  process_id text COLLATE "C" NOT NULL,
  process_version text COLLATE "C" NOT NULL,
  org_path text[] NOT NULL,
  state_paths text[] NOT NULL,
  earliest_due text COLLATE "C",
  version integer NOT NULL,
  record json NOT NULL
);
CREATE INDEX instances_state_paths_gin ON ${s}.instances USING gin (state_paths);
-- One row per (organisation on the path, instance): a subtree listing is a range of the primary key in id
-- order, and the overdue listing a range of (org_id, earliest_due).
CREATE TABLE ${s}.instance_orgs (
  org_id text COLLATE "C" NOT NULL,
  instance_id text COLLATE "C" NOT NULL,
  earliest_due text COLLATE "C",
  PRIMARY KEY (org_id, instance_id)
);
CREATE INDEX instance_orgs_instance ON ${s}.instance_orgs (instance_id);
CREATE INDEX instance_orgs_due ON ${s}.instance_orgs (org_id, earliest_due) WHERE earliest_due IS NOT NULL;
CREATE INDEX instances_process ON ${s}.instances (process_id, process_version, id);
CREATE INDEX instances_due ON ${s}.instances (earliest_due, id) WHERE earliest_due IS NOT NULL;
CREATE TABLE ${s}.audit (
  instance_id text COLLATE "C" NOT NULL,
  seq integer NOT NULL,
  entry json NOT NULL,
  PRIMARY KEY (instance_id, seq)
);
CREATE TABLE ${s}.timers (
  instance_id text COLLATE "C" NOT NULL,
  deadline_id text COLLATE "C" NOT NULL,
  due_at bigint NOT NULL,
  status text NOT NULL,
  record json NOT NULL,
  claimed_by text,
  claimed_until timestamptz,
  PRIMARY KEY (instance_id, deadline_id)
);
CREATE INDEX timers_pending ON ${s}.timers (due_at, instance_id, deadline_id) WHERE status = 'pending';
CREATE INDEX timers_claimed ON ${s}.timers (claimed_until) WHERE status = 'pending' AND claimed_by IS NOT NULL;
CREATE TABLE ${s}.idempotency (key text COLLATE "C" PRIMARY KEY, record json NOT NULL);
CREATE TABLE ${s}.security_log (id bigserial PRIMARY KEY, entry json NOT NULL);

${commitEventFunction(s, 1)}`,
  },
  {
    version: 2,
    description: 'commit_event() appends several audit entries (due timers of an instance fired in one commit)',
    sql: (s) => `
DROP FUNCTION ${s}.commit_event(text, integer, integer, text, text, text[], text[], text, json, integer, json,
  text[], bigint[], text[], json[], text, json);
${commitEventFunction(s, 2)}`,
  },
];

/** The newest schema version this code creates and understands. */
export const POSTGRES_SCHEMA_VERSION: number = MIGRATIONS.reduce((max, step) => Math.max(max, step.version), 0);

/** Outcome of {@link migratePostgresSchema}. */
export interface PostgresMigrationResult {
  /** Version found before migrating (0 for a new schema). */
  readonly from: number;
  /** Version after migrating. */
  readonly to: number;
}

/**
 * Creates or upgrades `schema` to {@link POSTGRES_SCHEMA_VERSION} in one transaction under a
 * transaction-scoped advisory lock, so several nodes may start at once: the first migrates, the others
 * wait and find nothing to do. Throws {@link PostgresSchemaVersionError} when the schema is newer.
 */
export async function migratePostgresSchema(client: PoolClient, schema: string): Promise<PostgresMigrationResult> {
  const s = escapeIdentifier(schema);
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('dangwu.migrate'), hashtext($1))", [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_version (
         version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const found = await client.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM ${s}.schema_version`,
    );
    const from = found.rows[0]?.version ?? 0;
    if (from > POSTGRES_SCHEMA_VERSION) throw new PostgresSchemaVersionError(schema, from, POSTGRES_SCHEMA_VERSION);
    for (const step of MIGRATIONS) {
      if (step.version <= from) continue;
      await client.query(step.sql(s));
      await client.query(`INSERT INTO ${s}.schema_version (version, description) VALUES ($1, $2)`, [
        step.version,
        step.description,
      ]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, POSTGRES_SCHEMA_VERSION) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

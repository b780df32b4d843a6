import type Database from 'better-sqlite3';

// Tables holding large JSON (instances, audit, idempotency) are rowid tables: a WITHOUT ROWID row longer
// than about 1 KB spills into overflow pages, which made every update of a snapshot several times
// dearer. Files created with WITHOUT ROWID instance or idempotency tables keep working unchanged.
//
// The audit table has no index by instance: an index by (instance, seq) puts each instance's newest
// entry on a page of its own, so a group commit of 64 sends to 64 instances wrote about 80 pages (51 of
// them index pages) where the rows alone need about 29, and its fsync took twice as long. Each entry
// names instead the row of the instance's entry before it (`prev`), and the instance row names its
// newest entry (`audit_tail`): a history is read by walking that chain back from the tail. Rows are only
// ever appended, so `id` grows with every entry and a chain link always points to a smaller id.
//
// instance_orgs and instance_states have no index by instance either: a commit that moves an instance to
// another state wrote a page of that index besides the table's own (0.8 of the 9.2 WAL pages a member-
// development step wrote). The store removes a row by its key, from the lists the instance row keeps.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS instances (
  id TEXT PRIMARY KEY, process_id TEXT NOT NULL, process_version TEXT NOT NULL,
  earliest_due TEXT, version INTEGER NOT NULL, org_path TEXT NOT NULL, state_paths TEXT NOT NULL, record TEXT NOT NULL,
  audit_tail INTEGER
);
CREATE INDEX IF NOT EXISTS instances_process ON instances(process_id, process_version, id);
CREATE INDEX IF NOT EXISTS instances_due ON instances(earliest_due) WHERE earliest_due IS NOT NULL;
CREATE TABLE IF NOT EXISTS instance_orgs (org_id TEXT NOT NULL, instance_id TEXT NOT NULL, PRIMARY KEY (org_id, instance_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS instance_states (state TEXT NOT NULL, instance_id TEXT NOT NULL, PRIMARY KEY (state, instance_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL, seq INTEGER NOT NULL, prev INTEGER, entry TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
  instance_id TEXT NOT NULL, deadline_id TEXT NOT NULL, due_at INTEGER NOT NULL, status TEXT NOT NULL, record TEXT NOT NULL,
  PRIMARY KEY (instance_id, deadline_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timers_pending ON timers(due_at, instance_id, deadline_id) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS security_log (id INTEGER PRIMARY KEY AUTOINCREMENT, entry TEXT NOT NULL);
`;

// Files written before the chain keep their audit rows in a table keyed by (instance, seq). They are
// copied into a chained table in (instance, seq) order, so an instance's entries get consecutive ids and
// each links to the row just before it when that row is the same instance's.
const CHAIN_MIGRATION = `
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL, seq INTEGER NOT NULL, prev INTEGER, entry TEXT NOT NULL
);
INSERT INTO audit_chain (instance_id, seq, entry) SELECT instance_id, seq, entry FROM audit ORDER BY instance_id, seq;
UPDATE audit_chain SET prev = id - 1
  WHERE EXISTS (SELECT 1 FROM audit_chain AS before WHERE before.id = audit_chain.id - 1 AND before.instance_id = audit_chain.instance_id);
CREATE INDEX audit_chain_by_instance ON audit_chain(instance_id, id);
UPDATE instances SET audit_tail = (SELECT MAX(id) FROM audit_chain WHERE audit_chain.instance_id = instances.id);
DROP INDEX audit_chain_by_instance;
DROP TABLE audit;
ALTER TABLE audit_chain RENAME TO audit;
`;

const columnsOf = (db: Database.Database, table: string): string[] =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);

const needsChain = (db: Database.Database): boolean =>
  !columnsOf(db, 'instances').includes('audit_tail') || !columnsOf(db, 'audit').includes('prev');

// Indexes by instance of the listing tables, created by files written before the store removed rows by key.
const RETIRED_INDEXES = ['instance_orgs_instance', 'instance_states_instance'];

// Run while those indexes are still there. Releases that joined a list's members with `|` read ['a|b']
// and ['a', 'b'] alike, so a move between the two left an instance's listing rows as they were. Only an
// instance whose record or listing rows hold a `|` can be affected: its rows are rebuilt from its record.
const LISTING_REPAIR = `
CREATE TEMP TABLE listing_repair AS
  SELECT id FROM instances WHERE instr(record, '|') > 0
  UNION SELECT instance_id FROM instance_orgs WHERE instr(org_id, '|') > 0
  UNION SELECT instance_id FROM instance_states WHERE instr(state, '|') > 0;
DELETE FROM instance_orgs WHERE instance_id IN (SELECT id FROM listing_repair);
DELETE FROM instance_states WHERE instance_id IN (SELECT id FROM listing_repair);
INSERT OR IGNORE INTO instance_orgs (org_id, instance_id)
  SELECT org.value, i.id FROM instances i JOIN listing_repair r ON r.id = i.id, json_each(i.record, '$.orgPath') AS org;
INSERT OR IGNORE INTO instance_states (state, instance_id)
  SELECT state.value, i.id FROM instances i JOIN listing_repair r ON r.id = i.id, json_each(i.record, '$.statePaths') AS state;
DROP TABLE listing_repair;
`;

const retiredIndexesOf = (db: Database.Database): string[] => {
  const present = db.prepare<[string], { one: number }>(
    "SELECT 1 AS one FROM sqlite_schema WHERE type = 'index' AND name = ?",
  );
  return RETIRED_INDEXES.filter((name) => present.get(name) !== undefined);
};

/**
 * Creates the tables a new file needs and moves a file written before the audit chain onto it (and, in a
 * file that has the listing tables' indexes by instance, repairs the listing rows an older release may
 * have left behind and drops those indexes). Opening
 * a file already in this layout writes nothing and takes no lock; the move runs in one write
 * transaction that checks again inside, so several processes opening the same old file move it once.
 */
export function openSchema(db: Database.Database): void {
  db.exec(SCHEMA);
  if (!needsChain(db) && retiredIndexesOf(db).length === 0) return;
  db.transaction(() => {
    if (!columnsOf(db, 'instances').includes('audit_tail')) {
      db.exec('ALTER TABLE instances ADD COLUMN audit_tail INTEGER');
    }
    if (!columnsOf(db, 'audit').includes('prev')) db.exec(CHAIN_MIGRATION);
    const retired = retiredIndexesOf(db);
    if (retired.length > 0) db.exec(LISTING_REPAIR);
    for (const name of retired) db.exec(`DROP INDEX ${name}`);
  }).immediate();
}

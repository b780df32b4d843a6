import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createManualClock, type Engine, StoreFailureError } from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { replay } from './support/replay.js';
import { actor, event, MARCH_1, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const root = actor('root');
const engineOn = (path: string): Engine =>
  createEngine({
    store: createSqliteStore({ path }),
    processes: [reviewProcess()],
    clock: createManualClock(MARCH_1),
    orgs,
  });

/** Starts a fixture case `id` in branch-1. */
const startCase = (engine: Engine, id: string) =>
  engine.start({
    processId: 'fixture-review',
    instanceId: id,
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: actor('branch-1'),
  });

/** Rewrites a file into the layout written before the audit chain: audit keyed by (instance, seq), no tail column. */
function toLayoutBeforeChain(path: string, withoutRowid: boolean): void {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE audit_old (instance_id TEXT NOT NULL, seq INTEGER NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (instance_id, seq))${withoutRowid ? ' WITHOUT ROWID' : ''};
    INSERT INTO audit_old SELECT instance_id, seq, entry FROM audit ORDER BY id;
    DROP TABLE audit;
    ALTER TABLE audit_old RENAME TO audit;
    ALTER TABLE instances DROP COLUMN audit_tail;
  `);
  db.close();
}

describe('SQLite files written before the audit chain', () => {
  for (const withoutRowid of [false, true]) {
    it(`are moved onto it when opened${withoutRowid ? ' (WITHOUT ROWID audit table)' : ''}: same histories, new events chain on`, async () => {
      const path = join(dir, `old-${withoutRowid}.db`);
      const before = engineOn(path);
      // Two instances whose entries interleave in commit order.
      for (const id of ['a', 'b']) {
        await startCase(before, id);
      }
      for (let n = 1; n <= 3; n += 1) {
        for (const id of ['b', 'a'])
          await before.send({ instanceId: id, event: event('NOTE', '2026-03-02', { count: n }) });
      }
      const histories = {
        a: await before.history('a', { actor: root }),
        b: await before.history('b', { actor: root }),
      };
      toLayoutBeforeChain(path, withoutRowid);

      const after = engineOn(path);
      expect(await after.history('a', { actor: root })).toEqual(histories.a);
      expect(await after.history('b', { actor: root })).toEqual(histories.b);
      const next = await after.send({ instanceId: 'a', event: event('NOTE', '2026-03-03', { count: 9 }) });
      expect(next.seq).toBe(5);
      const history = await after.history('a', { actor: root });
      expect(history.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await after.verifyHistory('a')).toEqual({ ok: true, entries: 5 });
      expect(next.instance.snapshot).toEqual(replay(reviewProcess(), history));

      const db = new Database(path, { readonly: true });
      const columns = (db.pragma('table_info(audit)') as { name: string }[]).map((column) => column.name);
      expect(columns).toEqual(['id', 'instance_id', 'seq', 'prev', 'entry']);
      // Every entry but an instance's first links to the one before it; each tail is its newest entry.
      const rows = db.prepare('SELECT id, instance_id, seq, prev FROM audit ORDER BY instance_id, seq').all() as {
        id: number;
        instance_id: string;
        seq: number;
        prev: number | null;
      }[];
      for (const [index, row] of rows.entries()) {
        const earlier = rows[index - 1];
        expect(row.prev).toBe(row.seq === 1 ? null : earlier?.id);
      }
      expect(db.prepare('SELECT id, audit_tail FROM instances ORDER BY id').all()).toEqual(
        ['a', 'b'].map((id) => ({ id, audit_tail: rows.filter((row) => row.instance_id === id).at(-1)?.id })),
      );
      db.close();
    });
  }

  it('a second process opening the same file finds it moved already', async () => {
    const path = join(dir, 'twice.db');
    const first = engineOn(path);
    await startCase(first, 'a');
    toLayoutBeforeChain(path, false);
    const [one, two] = [engineOn(path), engineOn(path)];
    expect(await one.verifyHistory('a')).toEqual({ ok: true, entries: 1 });
    expect(await two.verifyHistory('a')).toEqual({ ok: true, entries: 1 });
  });

  // Counts the process's open files through /proc (Linux, as on the CI machines).
  it.runIf(existsSync('/proc/self/fd'))(
    'a file it cannot move (another process holds the write lock) is refused and no connection is left open',
    async () => {
      const path = join(dir, 'busy-old.db');
      await startCase(engineOn(path), 'a');
      toLayoutBeforeChain(path, false);
      const openOn = (): string[] =>
        readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            const target = readlinkSync(`/proc/self/fd/${fd}`);
            return target.startsWith(path) ? [target] : [];
          } catch {
            return [];
          }
        });
      const writer = new Database(path);
      writer.prepare('BEGIN IMMEDIATE').run();
      const refused = () => expect(() => createSqliteStore({ path, busyTimeoutMs: 20 })).toThrow(StoreFailureError);
      try {
        // SQLite may keep one descriptor of a closed connection while others hold locks on the file; what
        // must not happen is a connection left open per refused attempt.
        refused();
        const afterOne = openOn().length;
        for (let attempt = 0; attempt < 4; attempt += 1) refused();
        expect(openOn()).toHaveLength(afterOne);
      } finally {
        writer.prepare('ROLLBACK').run();
        writer.close();
      }
    },
  );

  it('opening a file already in the layout takes no write lock', async () => {
    const path = join(dir, 'locked.db');
    const first = engineOn(path);
    await startCase(first, 'a');
    const writer = new Database(path);
    writer.prepare('BEGIN IMMEDIATE').run();
    try {
      const store = createSqliteStore({ path, busyTimeoutMs: 50 });
      expect((await store.getInstance('a'))?.version).toBe(1);
      await store.close();
    } finally {
      writer.prepare('ROLLBACK').run();
      writer.close();
    }
  });
});

/** Rewrites a file into the listing layout written before rows were removed by key: indexes by instance, `|a|b|` lists. */
function toListingLayoutBefore(path: string): void {
  const db = new Database(path);
  db.exec(`
    CREATE INDEX instance_orgs_instance ON instance_orgs(instance_id);
    CREATE INDEX instance_states_instance ON instance_states(instance_id);
  `);
  const rows = db.prepare<[], { id: string; record: string }>('SELECT id, record FROM instances').all();
  const update = db.prepare('UPDATE instances SET org_path = ?, state_paths = ? WHERE id = ?');
  for (const row of rows) {
    const record = JSON.parse(row.record) as { orgPath: string[]; statePaths: string[] };
    update.run(`|${record.orgPath.join('|')}|`, `|${record.statePaths.join('|')}|`, row.id);
  }
  db.close();
}

const indexesOf = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  const names = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
  db.close();
  return names;
};

describe('SQLite listing tables', () => {
  it('have no index by instance in a new file', async () => {
    const path = join(dir, 'listing-new.db');
    await startCase(engineOn(path), 'a');
    expect(indexesOf(path)).toEqual(['instances_due', 'instances_process', 'timers_pending']);
  });

  it('lose it when a file written before is opened, and list every instance where its next commit leaves it', async () => {
    const path = join(dir, 'listing-old.db');
    const before = engineOn(path);
    for (const id of ['a', 'b']) await startCase(before, id);
    await before.send({ instanceId: 'b', event: event('SUBMIT', '2026-03-02', { reviewDays: 5 }) });
    toListingLayoutBefore(path);
    expect(indexesOf(path)).toContain('instance_states_instance');
    const after = engineOn(path);
    expect(indexesOf(path)).toEqual(['instances_due', 'instances_process', 'timers_pending']);
    const listed = async (query: { state?: string; orgId?: string }) =>
      (await after.list({ actor: root, ...query })).map((view) => view.id);
    expect(await listed({ state: 'open.drafting' })).toEqual(['a']);
    expect(await listed({ state: 'open.review' })).toEqual(['b']);
    // a: to review, then to branch-3 (another general branch); b: back to drafting.
    await after.send({ instanceId: 'a', event: event('SUBMIT', '2026-03-03', { reviewDays: 5 }) });
    await after.send({ instanceId: 'a', event: event('TRANSFER', '2026-03-04', { toOrgId: 'branch-3' }) });
    await after.send({ instanceId: 'b', event: event('REJECT', '2026-03-04', { reasonCode: 'r' }) });
    expect(await listed({ state: 'open.drafting' })).toEqual(['b']);
    expect(await listed({ state: 'open.review' })).toEqual(['a']);
    expect(await listed({ state: 'open' })).toEqual(['a', 'b']);
    expect(await listed({ orgId: 'general-1' })).toEqual(['b']);
    expect(await listed({ orgId: 'general-2' })).toEqual(['a']);
    expect(await listed({ orgId: 'branch-1' })).toEqual(['b']);
  });

  it('are rebuilt from the records for instances an older release may have listed wrongly (a `|` in a member)', async () => {
    const path = join(dir, 'listing-repair.db');
    const before = engineOn(path);
    for (const id of ['a', 'b', 'c', 'd']) await startCase(before, id);
    toListingLayoutBefore(path);
    const db = new Database(path);
    // a and d: rows left from a list that read like the record's when joined by `|` (an organisation, a
    // state); b: a record whose state list has a member with `|`, listed as if split in two; c: untouched.
    db.exec(
      `INSERT INTO instance_orgs VALUES ('x|y', 'a'); INSERT INTO instance_states VALUES ('open|drafting', 'd');`,
    );
    const b = JSON.parse(
      db.prepare<[], { record: string }>("SELECT record FROM instances WHERE id = 'b'").get()?.record ?? '{}',
    ) as { statePaths: string[] };
    b.statePaths = ['open', 'weird|state'];
    db.prepare("UPDATE instances SET record = ? WHERE id = 'b'").run(JSON.stringify(b));
    db.exec(`DELETE FROM instance_states WHERE instance_id = 'b';
      INSERT INTO instance_states VALUES ('open', 'b'), ('weird', 'b'), ('state', 'b');`);
    db.close();
    engineOn(path);
    const reader = new Database(path, { readonly: true });
    const listed = (table: 'instance_orgs' | 'instance_states', column: string, id: string) =>
      reader
        .prepare<[string], { member: string }>(
          `SELECT ${column} AS member FROM ${table} WHERE instance_id = ? ORDER BY 1`,
        )
        .all(id)
        .map((row) => row.member);
    for (const id of ['a', 'c', 'd']) {
      expect(listed('instance_orgs', 'org_id', id), id).toEqual(['branch-1', 'general-1', 'root']);
      expect(listed('instance_states', 'state', id), id).toEqual(['open', 'open.drafting']);
    }
    expect(listed('instance_states', 'state', 'b')).toEqual(['open', 'weird|state']);
    reader.close();
  });
});

describe('SQLite audit chain', () => {
  it('reads every row of an instance whose tail was not moved (rows appended by an older release)', async () => {
    const path = join(dir, 'stale-tail.db');
    const engine = engineOn(path);
    await startCase(engine, 'a');
    for (let n = 1; n <= 4; n += 1)
      await engine.send({ instanceId: 'a', event: event('NOTE', '2026-03-02', { count: n }) });
    const db = new Database(path);
    // What a release without the chain leaves: its rows have no link and the tail stays where it was.
    db.prepare(
      "UPDATE instances SET audit_tail = (SELECT id FROM audit WHERE instance_id = 'a' AND seq = 2) WHERE id = 'a'",
    ).run();
    db.prepare("UPDATE audit SET prev = NULL WHERE instance_id = 'a' AND seq > 2").run();
    db.close();
    const reader = engineOn(path);
    expect((await reader.history('a', { actor: root })).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await reader.verifyHistory('a')).toEqual({ ok: true, entries: 5 });
  });
});

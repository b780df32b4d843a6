import { DangwuError } from '@dangwu/rules';
import { Pool } from 'pg';
import { afterAll, expect, it } from 'vitest';
import {
  type AuditEntry,
  type CommitRequest,
  createEngine,
  createManualClock,
  type InstanceRecord,
  InvalidOptionsError,
  StoreFailureError,
  type TimerRecord,
} from '../src/index.js';
import {
  createPostgresStore,
  POSTGRES_SCHEMA_VERSION,
  PostgresSchemaVersionError,
  type PostgresStore,
  PostgresUnreachableError,
} from '../src/postgres.js';
import { reviewProcess } from './fixtures/review-process.js';
import { describePostgres, PG_URL, schemaFactory } from './support/postgres-env.js';
import { actor, DAY, MARCH_1, orgs } from './support/world.js';

const nextSchema = schemaFactory('store');
const admin = new Pool({ connectionString: PG_URL, max: 2 });
admin.on('error', () => undefined);
afterAll(() => admin.end());
const HASH = 'b'.repeat(64);

function commitOf(id: string, timers: { deadlineId: string; dueAt: number }[]): CommitRequest {
  const instance: InstanceRecord = {
    schemaVersion: 1,
    id,
    processId: 'p',
    processVersion: '1',
    rulesProfileId: null,
    rulesProfileVersion: null,
    orgId: 'branch-1',
    orgPath: ['root', 'branch-1'],
    statePaths: ['open'],
    status: 'active',
    version: 1,
    snapshot: {},
    deadlines: [],
    firedDeadlines: [],
    earliestDue: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    auditHead: { seq: 1, hash: HASH },
  };
  const audit: AuditEntry = {
    schemaVersion: 1,
    instanceId: id,
    seq: 1,
    kind: 'start',
    recordedAt: '2026-01-01T00:00:00.000Z',
    occurredOn: '2026-01-01',
    eventType: 'START',
    actorId: 'u',
    actorRoles: [],
    actorOrgId: 'branch-1',
    decision: 'applied',
    warnings: [],
    payload: null,
    processVersion: '1',
    version: 1,
    fromState: [],
    toState: ['open'],
    prevHash: HASH,
    hash: HASH,
  };
  const rows: TimerRecord[] = timers.map((timer) => ({
    schemaVersion: 1,
    instanceId: id,
    deadlineId: timer.deadlineId,
    ruleId: 'R',
    due: '2026-01-01',
    dueAt: timer.dueAt,
    status: 'pending',
    firedSeq: null,
  }));
  return { instance, expectedVersion: null, audit: [audit], timers: rows };
}

const key = (timer: TimerRecord): string => `${timer.instanceId}/${timer.deadlineId}`;

describePostgres('postgres store', () => {
  it('answers a commit that lost a race under SERIALIZABLE isolation with a version conflict, not a failure', async () => {
    const schema = nextSchema();
    await (await createPostgresStore({ connectionString: PG_URL, schema })).close();
    const pools = [0, 1].map(
      () => new Pool({ connectionString: PG_URL, max: 1, options: '-c default_transaction_isolation=serializable' }),
    );
    const stores = await Promise.all(pools.map((pool) => createPostgresStore({ pool, schema })));
    try {
      await stores[0]?.commit(commitOf('s1', []));
      const next = (n: number): CommitRequest => {
        const first = commitOf('s1', []);
        return {
          ...first,
          instance: { ...first.instance, version: 2, auditHead: { seq: 2, hash: HASH } },
          expectedVersion: 1,
          audit: [{ ...(first.audit[0] as AuditEntry), seq: 2, version: 2, eventType: `E${n}` }],
        };
      };
      let lostRaces = 0;
      for (let round = 0; round < 20; round += 1) {
        const outcomes = await Promise.all(stores.map((store, n) => store.commit(next(n))));
        expect(outcomes.filter((outcome) => outcome.ok).length).toBeLessThanOrEqual(1);
        // A race the server broke off has no version to report (a plain version check reports one).
        lostRaces += outcomes.filter((outcome) => !outcome.ok && outcome.actualVersion === undefined).length;
        await admin.query(`DELETE FROM ${schema}.audit WHERE seq = 2; UPDATE ${schema}.instances SET version = 1`);
      }
      expect(lostRaces).toBeGreaterThan(0);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await Promise.all(pools.map((pool) => pool.end()));
    }
  });

  it('migrates once when several nodes open a new schema at the same moment', async () => {
    const schema = nextSchema();
    const stores = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        createPostgresStore({ connectionString: PG_URL, schema, poolSize: 2, nodeId: `n${index}` }),
      ),
    );
    const versions = await admin.query<{ version: number }>(`SELECT version FROM ${schema}.schema_version`);
    // Every migration step ran exactly once.
    expect(versions.rows.map((row) => row.version).sort()).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, index) => index + 1),
    );
    const outcomes = await Promise.all(stores.map((store, index) => store.commit(commitOf(`i${index}`, []))));
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    await Promise.all(stores.map((store) => store.close()));
    // Opening again finds the schema current and changes nothing.
    const again = await createPostgresStore({ connectionString: PG_URL, schema });
    expect(await again.listInstances({})).toHaveLength(6);
    await again.close();
    expect((await admin.query(`SELECT 1 FROM ${schema}.schema_version`)).rowCount).toBe(POSTGRES_SCHEMA_VERSION);
  });

  it('refuses a schema written by a newer dangwu, in both languages', async () => {
    const schema = nextSchema();
    await (await createPostgresStore({ connectionString: PG_URL, schema })).close();
    await admin.query(`INSERT INTO ${schema}.schema_version (version, description) VALUES (99, 'from the future')`);
    const error = await createPostgresStore({ connectionString: PG_URL, schema }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PostgresSchemaVersionError);
    expect(error).toBeInstanceOf(DangwuError);
    expect(error).toMatchObject({ code: 'STORE_FAILURE', found: 99, supported: POSTGRES_SCHEMA_VERSION });
    expect((error as DangwuError).text.zh).toContain('高于本程序支持的版本');
    expect((error as DangwuError).text.en).toContain('newer than');
  });

  it('reports an unreachable server or missing database with a typed error that hides the password', async () => {
    const refused = await createPostgresStore({
      connectionString: 'postgres://postgres:secret@127.0.0.1:1/test',
      connectTimeoutMs: 2000,
    }).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(PostgresUnreachableError);
    expect(refused).toMatchObject({ code: 'STORE_FAILURE', target: '127.0.0.1:1/test' });
    expect(String((refused as Error).message)).not.toContain('secret');
    expect((refused as DangwuError).text.zh).toContain('无法连接');
    const url = new URL(PG_URL);
    url.pathname = '/no_such_database_dangwu';
    const missing = await createPostgresStore({ connectionString: url.href }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(PostgresUnreachableError);
  });

  it('rejects a schema name that is not a plain identifier, naming the option', async () => {
    const refused = await createPostgresStore({ connectionString: PG_URL, schema: 'x"; DROP TABLE y; --' }).catch(
      (caught: unknown) => caught,
    );
    expect(refused).toBeInstanceOf(InvalidOptionsError);
    expect((refused as InvalidOptionsError).issues.map((issue) => issue.path)).toEqual(['options.schema']);
  });

  it('hands each due timer to exactly one node at a time (FOR UPDATE SKIP LOCKED and a lease)', async () => {
    const schema = nextSchema();
    const open = (nodeId: string, claimLeaseMs = 60_000): Promise<PostgresStore> =>
      createPostgresStore({ connectionString: PG_URL, schema, nodeId, claimLeaseMs, dueClock: 'caller', poolSize: 4 });
    const [a, b, c] = await Promise.all([open('a'), open('b'), open('c', 150)]);
    if (!a || !b || !c) throw new Error('stores not opened');
    for (let index = 0; index < 40; index += 1) {
      await a.commit(
        commitOf(`i${String(index).padStart(2, '0')}`, [
          { deadlineId: 'x', dueAt: 1000 + index },
          { deadlineId: 'y', dueAt: 5000 + index },
        ]),
      );
    }
    // Three nodes poll at once: disjoint batches that together hold every timer due at 2000.
    const batches = await Promise.all([a.dueTimers(2000, 15), b.dueTimers(2000, 15), c.dueTimers(2000, 15)]);
    const claimed = batches.flat().map(key);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(40);
    expect(claimed.every((name) => name.endsWith('/x'))).toBe(true);
    // A node sees its own claims again (the engine's retry loop relies on it), never another node's.
    expect((await a.dueTimers(2000, 100)).map(key)).toEqual(batches[0]?.map(key));
    const stillClaimedByC = (await b.dueTimers(2000, 100)).map(key);
    expect(stillClaimedByC).toEqual(batches[1]?.map(key));
    // Node c's lease (150 ms) runs out, as if it had died: its timers go to the next node that asks.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const taken = (await b.dueTimers(2000, 100)).map(key);
    expect(taken.sort()).toEqual([...(batches[1] ?? []), ...(batches[2] ?? [])].map(key).sort());
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it('offers a node its own claim again without prolonging it, so a timer it cannot fire reaches another node', async () => {
    const schema = nextSchema();
    const node = (nodeId: string) =>
      createPostgresStore({ connectionString: PG_URL, schema, nodeId, claimLeaseMs: 600, dueClock: 'caller' });
    const [a, b] = [await node('a'), await node('b')];
    try {
      await a.commit(commitOf('stuck', [{ deadlineId: 'x', dueAt: 1000 }]));
      expect((await a.dueTimers(2000, 10)).map(key)).toEqual(['stuck/x']);
      // Node a keeps asking (and, say, keeps failing to fire it) within its lease; node b gets nothing yet.
      for (let poll = 0; poll < 2; poll += 1) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect((await a.dueTimers(2000, 10)).map(key)).toEqual(['stuck/x']);
        expect(await b.dueTimers(2000, 10)).toEqual([]);
      }
      // The lease taken first runs out: node a's polls did not prolong it.
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await b.dueTimers(2000, 10)).map(key)).toEqual(['stuck/x']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('uses the database clock for due checks and exposes it to the engine', async () => {
    const store = await createPostgresStore({ connectionString: PG_URL, schema: nextSchema() });
    const dbNow = Math.floor(await store.databaseNow());
    expect(Math.abs(store.clock.now() - dbNow)).toBeLessThan(1000);
    await store.commit(
      commitOf('clock', [
        { deadlineId: 'past', dueAt: dbNow - 60_000 },
        { deadlineId: 'future', dueAt: dbNow + 3_600_000 },
      ]),
    );
    // The caller claims it is two hours later; the database says the later timer is not due yet.
    expect((await store.dueTimers(dbNow + 7_200_000, 10)).map((timer) => timer.deadlineId)).toEqual(['past']);
    await store.close();
  });

  it('turns failed writes and corrupt rows into StoreFailureError, writing nothing', async () => {
    const schema = nextSchema();
    const store = await createPostgresStore({ connectionString: PG_URL, schema });
    await expect(store.commit(commitOf('nul\u0000id', []))).rejects.toThrow(StoreFailureError);
    expect(await store.listInstances({})).toEqual([]);
    await store.commit(commitOf('ok', []));
    await admin.query(`UPDATE ${schema}.instances SET record = '{"schemaVersion": 2}'`);
    await expect(store.getInstance('ok')).rejects.toThrow(StoreFailureError);
    await store.close();
    await expect(store.getInstance('ok')).rejects.toThrow(StoreFailureError);
  });

  it('runs the engine: start, send, fire timers, verify history, list overdue by subtree', async () => {
    const store = await createPostgresStore({ connectionString: PG_URL, schema: nextSchema(), dueClock: 'caller' });
    const clock = createManualClock(MARCH_1);
    const engine = createEngine({ store, processes: [reviewProcess()], orgs, clock });
    const who = actor('branch-1');
    for (const id of ['a', 'b']) {
      await engine.start({
        processId: 'fixture-review',
        instanceId: id,
        input: { orgId: id === 'a' ? 'branch-1' : 'branch-3', openedOn: '2026-03-01' },
        actor: actor('root'),
      });
    }
    await engine.send({
      instanceId: 'a',
      event: { type: 'SUBMIT', occurredOn: '2026-03-01', actor: who, reviewDays: 2 },
    });
    clock.set(MARCH_1 + 5 * DAY);
    const overdue = await engine.list({ actor: actor('general-1'), overdue: true });
    expect(overdue.map((view) => view.id)).toEqual(['a']);
    expect((await engine.list({ actor: actor('root'), state: 'open.drafting' })).map((view) => view.id)).toEqual(['b']);
    expect(await engine.runDueTimers()).toMatchObject({ fired: 1 });
    expect(await engine.runDueTimers()).toMatchObject({ fired: 0 });
    const history = await engine.history('a', { actor: who });
    expect(history.map((entry) => entry.kind)).toEqual(['start', 'event', 'timer']);
    expect(await engine.verifyHistory('a')).toEqual({ ok: true, entries: 3 });
    await store.close();
  });
});

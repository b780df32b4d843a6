// The store conformance suite against PostgreSQL: one fresh schema per test, all dropped afterwards.
// Without a server this file fails, unless DANGWU_PG_OPTIONAL=1, in which case its one test records
// (and prints) that no server was reachable: it never reports the suite as passed.
import type { Store } from '@dangwu/runtime';
import { createPostgresStore, dropPostgresSchema, postgresUrlFromEnv, probePostgres } from '@dangwu/runtime/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreConformance } from '../src/index.js';

const url = postgresUrlFromEnv();
const probe = await probePostgres(url);

if (probe.reachable) {
  const prefix = `dw_conf_${process.pid}_${Date.now().toString(36)}`;
  const schemas: string[] = [];
  const schemaOf = new WeakMap<Store, string>();
  afterAll(() => dropPostgresSchema({ connectionString: url, schemas }));
  const open = async (schema: string): Promise<Store> => {
    // `caller`: the suite's instants (100, 300, ...) are virtual, not the database's clock.
    const store = await createPostgresStore({ connectionString: url, schema, poolSize: 8, dueClock: 'caller' });
    schemaOf.set(store, schema);
    return store;
  };
  describeStoreConformance(
    'postgres',
    () => {
      const schema = `${prefix}_${schemas.length}`;
      schemas.push(schema);
      return open(schema);
    },
    {
      reopen: async (store) => {
        await store.close();
        return open(schemaOf.get(store) ?? '');
      },
    },
  );
} else if (process.env.DANGWU_PG_OPTIONAL === '1') {
  describe('store conformance: postgres (DANGWU_PG_OPTIONAL=1)', () => {
    it('did NOT run: no PostgreSQL server is reachable', () => {
      console.warn(`PostgreSQL store conformance NOT run: ${url} unreachable (${probe.reason})`);
      expect(probe.reachable).toBe(false);
    });
  });
} else {
  describe('store conformance: postgres', () => {
    it('needs a PostgreSQL server', () => {
      throw new Error(
        `No PostgreSQL server at ${url} (${probe.reason}). Start one, set DANGWU_PG_URL, or set DANGWU_PG_OPTIONAL=1 to run without it.`,
      );
    });
  });
}

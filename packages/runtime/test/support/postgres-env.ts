// Shared set-up of the PostgreSQL tests: the server URL, a probe, unique schemas dropped after the file,
// and `describePostgres`, which fails loudly without a server unless DANGWU_PG_OPTIONAL=1.
import { afterAll, describe, expect, it } from 'vitest';
import { dropPostgresSchema, postgresUrlFromEnv, probePostgres } from '../../src/postgres.js';

/** The server the tests use (`DANGWU_PG_URL`, default postgres://postgres@127.0.0.1:5432/test). */
export const PG_URL = postgresUrlFromEnv();
const probe = await probePostgres(PG_URL);

/**
 * Declares `body` when a server answers. Otherwise declares one test that fails and says why, or, with
 * DANGWU_PG_OPTIONAL=1, one test that asserts the server is unreachable and prints that nothing ran.
 */
export function describePostgres(name: string, body: () => void): void {
  if (probe.reachable) {
    describe(name, body);
    return;
  }
  const reason = probe.reason;
  if (process.env.DANGWU_PG_OPTIONAL === '1') {
    describe(`${name} (DANGWU_PG_OPTIONAL=1)`, () => {
      it('did NOT run: no PostgreSQL server is reachable', () => {
        console.warn(`${name}: NOT run, ${PG_URL} unreachable (${reason})`);
        expect(probe.reachable).toBe(false);
      });
    });
    return;
  }
  describe(name, () => {
    it('needs a PostgreSQL server', () => {
      throw new Error(
        `No PostgreSQL server at ${PG_URL} (${reason}). Start one, set DANGWU_PG_URL, or set DANGWU_PG_OPTIONAL=1 to run without it.`,
      );
    });
  });
}

/** Returns a factory of schema names unique to this file and run; every schema it named is dropped after the file. */
export function schemaFactory(tag: string): () => string {
  const names: string[] = [];
  const prefix = `dw_${tag}_${process.pid}_${Date.now().toString(36)}`;
  afterAll(async () => {
    if (probe.reachable) await dropPostgresSchema({ connectionString: PG_URL, schemas: names });
  });
  return () => {
    const name = `${prefix}_${names.length}`;
    names.push(name);
    return name;
  };
}

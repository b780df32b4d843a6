import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DangwuError, InvalidPayloadError } from '@dangwu/rules';
import Database from 'better-sqlite3';
import * as fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  createManualClock,
  createMemoryStore,
  type Engine,
  ForbiddenError,
  type Store,
} from '../src/index.js';
import { createSqliteStore } from '../src/sqlite.js';
import { reviewProcess } from './fixtures/review-process.js';
import { actor, MARCH_1, orgs } from './support/world.js';

const dir = mkdtempSync(join(tmpdir(), 'dangwu-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const types = [
  'SUBMIT',
  'APPROVE',
  'REJECT',
  'NOTE',
  'SCHEDULE',
  'CANCEL',
  'SUSPEND',
  'RESUME',
  'TRANSFER',
  'DEADLINE_REACHED',
  'START',
  'note',
  '',
];
const weird = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom('2026-02-30', '2026-13-01', '26-03-01', '2026-03-01T00:00:00Z', 'x'.repeat(5000)),
);
const actorArb = fc.oneof(
  fc.constantFrom(
    actor('branch-1'),
    actor('branch-2'),
    actor('general-2'),
    actor('branch-1', ['system']),
    actor('root'),
  ),
  fc.record({ id: weird, roles: fc.oneof(weird, fc.array(fc.string())), orgId: weird }, { requiredKeys: [] }),
  weird,
);
const eventArb = fc.oneof(
  weird,
  fc.record(
    {
      type: fc.oneof(fc.constantFrom(...types), weird),
      occurredOn: fc.oneof(fc.constant('2026-03-02'), weird),
      actor: actorArb,
      reviewDays: fc.oneof(fc.integer({ min: -5, max: 500 }), weird),
      present: fc.oneof(fc.integer({ min: -1, max: 9 }), weird),
      total: fc.oneof(fc.integer({ min: -1, max: 9 }), weird),
      count: fc.oneof(fc.integer({ min: -1, max: 200 }), weird),
      deadlineId: fc.oneof(fc.constantFrom('review', 'x'), weird),
      due: fc.oneof(fc.constant('2026-03-05'), weird),
      toOrgId: fc.oneof(fc.constantFrom('branch-2', ''), weird),
      reasonCode: weird,
      extra: weird,
    },
    { requiredKeys: [] },
  ),
);
const requestArb = fc.oneof(
  { weight: 1, arbitrary: weird },
  {
    weight: 6,
    arbitrary: fc.record(
      {
        instanceId: fc.oneof(fc.constantFrom('i1', 'i1', 'i1', 'missing'), weird),
        event: eventArb,
        expectedVersion: fc.oneof(fc.integer({ min: -1, max: 4 }), weird),
        idempotencyKey: fc.oneof(fc.constantFrom('k1', 'k2'), weird),
      },
      { requiredKeys: ['instanceId', 'event'] },
    ),
  },
);

/** The whole security log as JSON text, to compare before and after a refusal. */
async function securityText(store: Store): Promise<string> {
  return JSON.stringify(await store.securityLog());
}

async function exercise(engine: Engine, store: Store, dump: () => string, runs: number) {
  await engine.start({
    processId: 'fixture-review',
    instanceId: 'i1',
    input: { orgId: 'branch-1', openedOn: '2026-03-01' },
    actor: actor('branch-1'),
  });
  let refusals = 0;
  let forbidden = 0;
  await fc.assert(
    fc.asyncProperty(requestArb, async (request) => {
      const before = dump();
      const logBefore = await store.securityLog();
      try {
        await engine.send(request as never);
      } catch (error) {
        refusals += 1;
        expect(error).toBeInstanceOf(DangwuError);
        expect(dump()).toBe(before);
        const logAfter = await store.securityLog();
        if (error instanceof ForbiddenError) {
          // An outsider's refusal appends exactly one entry and leaves the earlier ones as they were.
          forbidden += 1;
          expect(logAfter).toHaveLength(logBefore.length + 1);
          expect(JSON.stringify(logAfter.slice(0, -1))).toBe(JSON.stringify(logBefore));
        } else {
          expect(JSON.stringify(logAfter)).toBe(JSON.stringify(logBefore));
        }
      }
    }),
    { numRuns: runs },
  );
  // The generators must actually produce refusals, outsiders' among them, or this test could not fail.
  expect(refusals).toBeGreaterThan(runs / 2);
  expect(forbidden).toBeGreaterThan(0);
}

describe('bad input through send', () => {
  it('memory store: only typed errors, and nothing changes on a refusal', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
    await exercise(engine, store, () => store.dump(), 400);
  });

  it('SQLite store: only typed errors, and every table is byte-for-byte unchanged on a refusal', async () => {
    const path = join(dir, 'bad.db');
    const store: Store = createSqliteStore({ path });
    const engine = createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
    const reader = new Database(path, { readonly: true });
    const tables = ['instances', 'instance_orgs', 'instance_states', 'audit', 'timers', 'idempotency'];
    const dump = () =>
      tables
        .map((table) => JSON.stringify(reader.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().all()))
        .join('\n');
    await exercise(engine, store, dump, 250);
    reader.close();
    await store.close();
  });
});

describe('bad arguments to the other engine calls', () => {
  async function scheduled() {
    const store = createMemoryStore();
    const engine = createEngine({ store, processes: [reviewProcess()], clock: createManualClock(MARCH_1), orgs });
    const who = actor('branch-1');
    await engine.start({
      processId: 'fixture-review',
      instanceId: 'i1',
      input: { orgId: 'branch-1', openedOn: '2026-03-01' },
      actor: who,
    });
    await engine.send({
      instanceId: 'i1',
      event: { type: 'SCHEDULE', occurredOn: '2026-03-01', actor: who, deadlineId: 'review', due: '2026-03-02' },
    });
    return { store, engine };
  }

  it('runDueTimers refuses an instant that is not one, and fires nothing', async () => {
    const { store, engine } = await scheduled();
    const before = store.dump();
    const logBefore = await securityText(store);
    // Beyond a Date's range (±8.64e15 ms) a number is no instant, and PostgreSQL's bigint cannot take 1e21 and up.
    const outOfRange = [8.64e15 + 1, -8.64e15 - 1, 1e21, Number.MAX_VALUE];
    for (const now of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Date('not a date'),
      '2026-03-05',
      null,
      ...outOfRange,
    ]) {
      const refused = await engine.runDueTimers(now as never).catch((caught: unknown) => caught);
      expect(refused, String(now)).toBeInstanceOf(InvalidPayloadError);
      expect((refused as InvalidPayloadError).issues).toEqual([
        {
          path: 'now',
          message: {
            zh: '须为 Date 范围内（±8.64e15）的毫秒时间戳或有效的 Date',
            en: 'must be epoch milliseconds within the Date range (±8.64e15) or a valid Date',
          },
        },
      ]);
      expect(store.dump()).toBe(before);
      expect(await securityText(store)).toBe(logBefore);
    }
    // The same timer does fire for a real instant, the last a Date holds too, so the refusals above were
    // not an empty run.
    expect((await engine.runDueTimers(8.64e15)).fired).toBe(1);
  });

  it('migrate and securityLog refuse malformed arguments with typed errors naming the field', async () => {
    const { store, engine } = await scheduled();
    const before = store.dump();
    const logBefore = await securityText(store);
    const migration = { processId: 'fixture-review', from: '1', to: '1', transform: (snapshot: unknown) => snapshot };
    for (const [bad, path] of [
      [{ ...migration, transform: 'identity' }, 'transform'],
      [{ ...migration, from: '' }, 'from'],
      [{ ...migration, dryRun: 'yes' }, 'dryRun'],
    ] as const) {
      const refused = await engine.migrate(bad as never).catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(InvalidPayloadError);
      const [issue, ...others] = (refused as InvalidPayloadError).issues;
      expect(others).toEqual([]);
      expect(issue?.path).toBe(path);
      // Both languages, not zod's English default behind a generic prefix.
      expect(issue?.message.zh).toMatch(/^须为/);
      expect(issue?.message.en).toMatch(/^must be/);
    }
    expect(store.dump()).toBe(before);
    expect(await securityText(store)).toBe(logBefore);
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      const refused = await engine.securityLog(limit).catch((caught: unknown) => caught);
      expect(refused).toBeInstanceOf(InvalidPayloadError);
      expect((refused as InvalidPayloadError).issues).toEqual([
        { path: 'limit', message: { zh: '须为不小于 1 的整数', en: 'must be a whole number of at least 1' } },
      ]);
    }
    expect(await securityText(store)).toBe(logBefore);
    expect(await engine.securityLog(1)).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import {
  createEngine,
  createManualClock,
  createMemoryStore,
  type Engine,
  type ManualClock,
  type Store,
} from '../../src/index.js';
import { createSqliteStore } from '../../src/sqlite.js';
import { reviewProcess } from '../fixtures/review-process.js';
import { actor, MARCH_1, orgs } from './world.js';

/** The stores an engine test runs on, each made fresh: memory, and SQLite files in a folder removed after the file. */
export function storesUnderTest(tag: string): [string, () => Store][] {
  const dir = mkdtempSync(join(tmpdir(), `dangwu-${tag}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let counter = 0;
  return [
    ['memory', () => createMemoryStore()],
    ['sqlite', () => createSqliteStore({ path: join(dir, `${tag}${counter++}.db`) })],
  ];
}

/** A fresh store, clock and fixture engine before each test of the enclosing describe (read them in the tests). */
export interface ReviewWorld {
  store: Store;
  clock: ManualClock;
  engine: Engine;
  /** Starts a fixture case `id` in `orgId`, by an actor of that organisation. */
  open(id?: string, orgId?: string): ReturnType<Engine['start']>;
}

export function reviewWorld(makeStore: () => Store): ReviewWorld {
  const world = {
    open: (id = 'i1', orgId = 'branch-1') =>
      world.engine.start({
        processId: 'fixture-review',
        instanceId: id,
        input: { orgId, openedOn: '2026-03-01', rules: { profileId: 'national', version: '2014' } },
        actor: actor(orgId),
      }),
  } as ReviewWorld;
  beforeEach(() => {
    world.store = makeStore();
    world.clock = createManualClock(MARCH_1);
    world.engine = createEngine({ store: world.store, processes: [reviewProcess()], clock: world.clock, orgs });
  });
  return world;
}

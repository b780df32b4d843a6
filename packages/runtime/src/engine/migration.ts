import type { ProcessDefinition } from '@dangwu/machines';
import type { LocalDate } from '@dangwu/rules';
import { MigrationInterruptedError, StoreFailureError, VersionConflictError } from '../errors/runtime-errors.js';
import { canonicalJson } from '../records/canonical-json.js';
import type { InstanceRecord } from '../records/instance-record.js';
import type { CommitRequest, Store } from '../store/store.js';
import type { CommitBuilder } from './build-commit.js';
import { migrationOptionsSchema, parseRequest } from './engine-requests.js';
import type { Engine, MigrationItem } from './engine-types.js';
import { commitFailure } from './instance-access.js';
import type { InstanceCache } from './instance-cache.js';
import type { KeyedLock } from './keyed-lock.js';
import { checkMigratedRecord, contextChecked, restoreMigratedSnapshot } from './migrated-snapshot.js';
import { persistSnapshot, toJson } from './snapshot-io.js';
import { SYSTEM_ROLE } from './system-role.js';

/** What a migration needs of its engine. */
export interface MigrationDeps {
  readonly store: Store;
  readonly lock: KeyedLock;
  readonly cache: InstanceCache;
  readonly definitionOf: (processId: string, version: string) => ProcessDefinition;
  /** The record, sealed audit entries and timers after `steps`, stamped now. */
  readonly commitOf: CommitBuilder;
  /** Today in Asia/Shanghai, by the engine's clock. */
  readonly today: () => LocalDate;
  /** Called with each request the store applied (see `EngineOptions.onCommit`). */
  readonly committed?: ((request: CommitRequest) => void) | undefined;
}

/**
 * The engine's `migrate`: moves every instance pinned to `from` onto `to` through the host's transform,
 * one commit and one audit entry each, under the instance's lock; a dry run reports and writes nothing.
 */
export function createMigration(deps: MigrationDeps): Engine['migrate'] {
  const { store, lock, cache, definitionOf, commitOf, today, committed } = deps;
  return async function migrate(
    migration: Parameters<Engine['migrate']>[0],
  ): Promise<Awaited<ReturnType<Engine['migrate']>>> {
    parseRequest(migrationOptionsSchema, migration, 'input');
    const target = definitionOf(migration.processId, migration.to);
    const dryRun = migration.dryRun ?? false;
    const items: MigrationItem[] = [];
    let migrated = 0;
    let failed = 0;
    const records = await store.listInstances({ processId: migration.processId, processVersion: migration.from });
    for (const listed of records) {
      await lock.run(listed.id, async () => {
        let record = listed;
        try {
          // Read again under the instance's lock: a send may have moved it on since the listing.
          record = (await store.getInstance(listed.id)) ?? listed;
          if (record.processVersion !== migration.from) {
            throw new VersionConflictError(record.id, listed.version, record.version);
          }
          const transformed = toJson(migration.transform(structuredClone(record.snapshot), record));
          const snapshot = restoreMigratedSnapshot(target, record.id, transformed);
          const built = contextChecked(record.id, () =>
            commitOf(target, record, record.id, [
              {
                snapshot,
                entry: {
                  kind: 'migration',
                  occurredOn: today(),
                  eventType: 'MIGRATE',
                  actorId: SYSTEM_ROLE,
                  actorRoles: [SYSTEM_ROLE],
                  actorOrgId: record.orgId,
                  decision: 'applied',
                  warnings: [],
                  payload: { from: migration.from, to: migration.to, snapshot: persistSnapshot(target, snapshot) },
                },
              },
            ]),
          );
          checkMigratedRecord(record.id, built.record);
          const item: MigrationItem = {
            instanceId: record.id,
            fromState: record.statePaths,
            toState: built.record.statePaths,
            deadlinesBefore: deadlineMarks(record),
            deadlinesAfter: deadlineMarks(built.record),
            changed: canonicalJson(built.record.snapshot) !== canonicalJson(record.snapshot),
          };
          if (!dryRun) {
            cache.delete(record.id);
            const request: CommitRequest = {
              instance: built.record,
              expectedVersion: record.version,
              audit: built.audit,
              timers: built.timers,
              timersUnchanged: built.timersUnchanged,
            };
            const outcome = await store.commit(request).catch((error: unknown) => {
              throw commitFailure(error);
            });
            if (!outcome.ok) throw new VersionConflictError(record.id, record.version, outcome.actualVersion);
            migrated += 1;
            committed?.(request);
          }
          // Only now: an instance whose commit failed is reported once, as failed.
          items.push(item);
        } catch (error) {
          if (error instanceof StoreFailureError) {
            throw new MigrationInterruptedError({ dryRun, items: [...items], migrated, failed }, error);
          }
          failed += 1;
          items.push({
            instanceId: record.id,
            fromState: record.statePaths,
            toState: [],
            deadlinesBefore: deadlineMarks(record),
            deadlinesAfter: [],
            changed: false,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      });
    }
    return { dryRun, items, migrated, failed };
  };
}

/** An instance's deadlines as the report lists them: id@due. */
const deadlineMarks = (record: InstanceRecord): string[] =>
  record.deadlines.map((deadline) => `${deadline.id}@${deadline.due}`);

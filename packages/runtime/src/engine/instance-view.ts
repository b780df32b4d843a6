import type { InstanceRecord } from '../records/instance-record.js';
import type { InstanceView } from './engine-types.js';

/** The public view of a stored instance record. */
export function viewOf(record: InstanceRecord): InstanceView {
  return {
    id: record.id,
    processId: record.processId,
    processVersion: record.processVersion,
    rulesProfileId: record.rulesProfileId,
    rulesProfileVersion: record.rulesProfileVersion,
    orgId: record.orgId,
    state: record.statePaths,
    status: record.status,
    version: record.version,
    deadlines: record.deadlines,
    // Read through, so a lazily parsed snapshot is parsed only when the caller looks at it.
    get snapshot() {
      return record.snapshot;
    },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

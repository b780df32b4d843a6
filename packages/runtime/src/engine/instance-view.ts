import type { InstanceRecord } from '../records/instance-record.js';
import type { InstanceView } from './engine-types.js';

const RECORD = Symbol('dangwu.viewRecord');

// Read through, so a lazily parsed snapshot is parsed only when the caller looks at it. One getter for
// every view, so views share one hidden class (a getter closure per view gave each its own).
function readSnapshot(this: { readonly [RECORD]: InstanceRecord }): InstanceRecord['snapshot'] {
  return this[RECORD].snapshot;
}

const snapshotOfRecord: PropertyDescriptor = { get: readSnapshot, enumerable: true, configurable: true };

/** The public view of a stored instance record. */
export function viewOf(record: InstanceRecord): InstanceView {
  const view: Omit<InstanceView, 'snapshot'> = {
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
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
  Object.defineProperty(view, RECORD, { value: record });
  return Object.defineProperty(view, 'snapshot', snapshotOfRecord) as InstanceView;
}

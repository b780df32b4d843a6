import type { InstanceRecord } from '../records/instance-record.js';
import type { TimerRecord } from '../records/timer-record.js';
import type { InstanceQuery } from './store.js';

/** Whether a record satisfies every property of the query (the in-memory reading of {@link InstanceQuery}). */
export function matchesQuery(record: InstanceRecord, query: InstanceQuery): boolean {
  if (query.withinOrg !== undefined && !record.orgPath.includes(query.withinOrg)) return false;
  if (query.processId !== undefined && record.processId !== query.processId) return false;
  if (query.processVersion !== undefined && record.processVersion !== query.processVersion) return false;
  if (query.state !== undefined && !record.statePaths.includes(query.state)) return false;
  if (query.dueBefore !== undefined && (record.earliestDue === null || record.earliestDue >= query.dueBefore))
    return false;
  if (query.afterId !== undefined && record.id <= query.afterId) return false;
  return true;
}

/** Timers ordered by due instant, then instance id, then deadline id (the firing order). */
export function sortTimers(list: TimerRecord[]): TimerRecord[] {
  return list.sort(
    (a, b) =>
      a.dueAt - b.dueAt ||
      (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0) ||
      (a.deadlineId < b.deadlineId ? -1 : a.deadlineId > b.deadlineId ? 1 : 0),
  );
}

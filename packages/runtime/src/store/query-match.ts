import type { InstanceRecord } from '../records/instance-record.js';
import type { TimerRecord } from '../records/timer-record.js';
import { compareCodePoints } from './code-point-order.js';
import type { InstanceQuery } from './store.js';

/** Whether a record satisfies every property of the query (the in-memory reading of {@link InstanceQuery}; ids compare by code point). */
export function matchesQuery(record: InstanceRecord, query: InstanceQuery): boolean {
  if (query.withinOrg !== undefined && !record.orgPath.includes(query.withinOrg)) return false;
  if (query.processId !== undefined && record.processId !== query.processId) return false;
  if (query.processVersion !== undefined && record.processVersion !== query.processVersion) return false;
  if (query.state !== undefined && !record.statePaths.includes(query.state)) return false;
  if (query.dueBefore !== undefined && (record.earliestDue === null || record.earliestDue >= query.dueBefore))
    return false;
  if (query.afterId !== undefined && compareCodePoints(record.id, query.afterId) <= 0) return false;
  return true;
}

/** Timers ordered by due instant, then instance id, then deadline id (the firing order), ids as the SQL stores order them. */
export function sortTimers(list: TimerRecord[]): TimerRecord[] {
  return list.sort(
    (a, b) =>
      a.dueAt - b.dueAt ||
      compareCodePoints(a.instanceId, b.instanceId) ||
      compareCodePoints(a.deadlineId, b.deadlineId),
  );
}

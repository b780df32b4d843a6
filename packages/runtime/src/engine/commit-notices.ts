import type { AuditEntry } from '../records/audit-entry.js';
import type { InstanceRecord } from '../records/instance-record.js';
import { jsonTextOf, stringifyWith } from '../records/json-text.js';
import type { CommitRequest } from '../store/store.js';
import type { CommitNotice } from './engine-types.js';
import { viewOf } from './instance-view.js';

/** Reports a listener's failure; reporting must not fail either (an error whose inspection throws, say). */
function report(error: unknown): void {
  try {
    console.error('dangwu onCommit 监听器出错 / dangwu onCommit listener failed:', error);
  } catch {
    // Nothing more can be said about it; the commit stands.
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === 'object' || typeof value === 'function') &&
  value !== null &&
  typeof (value as { then?: unknown }).then === 'function';

/**
 * Tells `listener` of a commit the store has made durable. The commit stands whatever the listener
 * does: an error it throws, or a promise it returns that rejects, is reported, never passed on to the
 * caller whose request succeeded. The listener gets its own copy of the instance and of the entries
 * (parsed from the text the store wrote), so a change it makes cannot reach the caller's result, nor the
 * case, which may keep parts of the event an entry's payload holds.
 */
export function commitNotifier(
  listener: ((notice: CommitNotice) => void) | undefined,
): ((request: CommitRequest) => void) | undefined {
  if (listener === undefined) return undefined;
  return (request) => {
    try {
      const copy = JSON.parse(stringifyWith(request.instance, 'snapshot')) as InstanceRecord;
      const entries = request.audit.map(
        (entry) => JSON.parse(jsonTextOf(entry) ?? JSON.stringify(entry)) as AuditEntry,
      );
      const result: unknown = listener({ instance: viewOf(copy), entries });
      if (isThenable(result)) result.then(undefined, report);
    } catch (error) {
      report(error);
    }
  };
}

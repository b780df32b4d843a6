import type { CommitRequest } from '../store/store.js';
import type { CommitNotice } from './engine-types.js';
import { viewOf } from './instance-view.js';

/**
 * Tells `listener` of a commit the store has made durable. The commit stands whatever the listener
 * does, so a listener that throws is reported, not passed on to the caller whose request succeeded.
 */
export function commitNotifier(
  listener: ((notice: CommitNotice) => void) | undefined,
): ((request: CommitRequest) => void) | undefined {
  if (listener === undefined) return undefined;
  return (request) => {
    try {
      listener({ instance: viewOf(request.instance), entries: request.audit });
    } catch (error) {
      console.error('dangwu onCommit 监听器出错 / dangwu onCommit listener failed:', error);
    }
  };
}

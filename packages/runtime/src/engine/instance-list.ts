import type { LocalDate } from '@dangwu/rules';
import type { InstanceRecord } from '../records/instance-record.js';
import type { Store } from '../store/store.js';
import { listQuerySchema, parseRequest } from './engine-requests.js';
import type { InstanceView } from './engine-types.js';
import { viewOf } from './instance-view.js';
import { isWithinOrg, type OrgDirectory } from './org-scope.js';
import type { Refuse } from './refusal.js';

/** Rows `list` reads from the store at a time (at least; a larger page reads its own size). */
const LIST_BATCH = 100;

/** What `engine.list` needs of its engine. */
export interface InstanceListDeps {
  readonly store: Store;
  readonly orgs: OrgDirectory;
  /** Today's date in Asia/Shanghai on the engine's clock (for `overdue`). */
  readonly today: () => LocalDate;
  /** Logs a refused attempt and throws ForbiddenError. */
  readonly refuse: Refuse;
}

/** `engine.list`: a page of the instances in an organisation's subtree the actor may see, by id. */
export function createInstanceList(deps: InstanceListDeps): (rawQuery: unknown) => Promise<InstanceView[]> {
  const { store, orgs, today, refuse } = deps;
  return async (rawQuery) => {
    const query = parseRequest(listQuerySchema, rawQuery, 'input');
    const { actor } = query;
    const scope = query.orgId ?? actor.orgId;
    if (!isWithinOrg(orgs, actor.orgId, scope)) {
      await refuse(
        actor,
        'list',
        { orgId: scope },
        {
          zh: `组织 ${actor.orgId} 不能查看组织 ${scope}`,
          en: `organisation ${actor.orgId} may not list organisation ${scope}`,
        },
      );
    }
    const limit = query.limit ?? 100;
    const page: InstanceRecord[] = [];
    let afterId = query.afterId;
    // The stored organisation path may predate a change in the host's tree: the live tree decides, and
    // rows it drops are made up from the rows after them, so a page is short only at the end.
    for (;;) {
      // Whole batches, not the rows still missing: past many dropped rows, one read per row would crawl.
      const batch = Math.max(limit, LIST_BATCH);
      const records = await store.listInstances({
        withinOrg: scope,
        ...(query.processId === undefined ? {} : { processId: query.processId }),
        ...(query.state === undefined ? {} : { state: query.state }),
        ...(query.overdue ? { dueBefore: today() } : {}),
        ...(afterId === undefined ? {} : { afterId }),
        limit: batch,
      });
      for (const record of records) {
        if (isWithinOrg(orgs, scope, record.orgId)) page.push(record);
        if (page.length === limit) return page.map(viewOf);
      }
      // Fewer rows than asked for: the store has no more.
      if (records.length < batch) return page.map(viewOf);
      afterId = records.at(-1)?.id;
    }
  };
}

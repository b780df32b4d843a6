import type { ProcessDefinition } from '@dangwu/machines';
import * as z from 'zod';
import {
  bilingual,
  countOrInfinityOption,
  functionOption,
  integerOption,
  objectOption,
} from '../options/check-options.js';
import type { Store } from '../store/store.js';

/** The methods every store has (see `Store`). */
const storeMethods = [
  'commit',
  'getInstance',
  'listInstances',
  'getAudit',
  'getTimers',
  'dueTimers',
  'nextTimerDue',
  'getIdempotency',
  'appendSecurity',
  'securityLog',
  'close',
] as const satisfies readonly (keyof Store)[];
// Fails to compile when Store gains a method this list does not name.
const everyStoreMethod: Exclude<keyof Store, (typeof storeMethods)[number]> extends never ? true : never = true;
void everyStoreMethod;

const isProcessDefinition = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return false;
  const definition = value as Record<string, unknown>;
  return (
    typeof definition.id === 'string' &&
    typeof definition.version === 'string' &&
    typeof definition.machine === 'object' &&
    definition.machine !== null &&
    ['explain', 'deadlines', 'organisationOf', 'actorOf'].every((method) => typeof definition[method] === 'function') &&
    ['inputSchema', 'eventSchema'].every(
      (schema) => typeof (definition[schema] as { safeParse?: unknown } | undefined)?.safeParse === 'function',
    )
  );
};

const processesSchema = z
  .array(
    z.custom<ProcessDefinition>(
      isProcessDefinition,
      bilingual('须为流程定义（defineProcess 的结果）', 'must be a process definition (as defineProcess returns)'),
    ),
    bilingual('须为流程定义的数组', 'must be an array of process definitions'),
  )
  .min(1, bilingual('至少需要一个流程定义', 'needs at least one process definition'))
  .superRefine((definitions, context) => {
    // Two different definitions under one id and version: instances stored under it would load with either.
    const seen = new Map<string, ProcessDefinition>();
    for (const [index, definition] of definitions.entries()) {
      const key = `${definition.id}@${definition.version}`;
      const earlier = seen.get(key);
      if (earlier !== undefined && earlier !== definition) {
        context.addIssue({
          code: 'custom',
          path: [index],
          message: `流程 ${key} 出现了两个不同的定义 / two different definitions of process ${key}`,
        });
      }
      seen.set(key, definition);
    }
  });

/** What `createEngine` accepts (see `EngineOptions`); unknown options are refused. */
export const engineOptionsSchema = z.strictObject(
  {
    store: objectOption<Store>(storeMethods, { zh: '存储（Store）', en: 'a store' }),
    processes: processesSchema,
    clock: objectOption(['now'], { zh: '时钟', en: 'a clock' }).optional(),
    orgs: objectOption(['parentOf'], { zh: '组织目录', en: 'an organisation directory' }).optional(),
    maxRetries: integerOption(0).optional(),
    timerBatchSize: integerOption(1).optional(),
    snapshotCacheSize: countOrInfinityOption(0).optional(),
    onCommit: functionOption().optional(),
  },
  bilingual('选项须为对象', 'options must be an object'),
);

import type * as z from 'zod';
import type { Issue } from './dangwu-error.js';

const BILINGUAL_SEPARATOR = ' / ';

/**
 * Turns zod issues into dangwu issues. Our schemas write messages as `中文 / English`; zod's own
 * messages (English only) are kept for both languages with a Chinese prefix naming the field.
 */
export function issuesFromZod(error: z.ZodError, pathPrefix = ''): Issue[] {
  return error.issues.flatMap((issue) => {
    const base = [pathPrefix, ...issue.path.map(String)].filter(Boolean);
    if (issue.code === 'unrecognized_keys') {
      // zod reports unknown keys on their parent; name each key so the caller sees which one.
      return issue.keys.map((key) => ({
        path: [...base, key].join('.'),
        message: { zh: `未知字段 ${key}`, en: `Unknown key ${key}` },
      }));
    }
    const path = base.join('.');
    const split = issue.message.split(BILINGUAL_SEPARATOR);
    const ruleId = /\[([A-Z]+(?:-[A-Z0-9]+)+)\]/.exec(issue.message)?.[1];
    const message =
      split.length === 2 && split[0] && split[1]
        ? { zh: split[0], en: split[1] }
        : { zh: `字段 ${path || '(根)'} 无效：${issue.message}`, en: issue.message };
    return [ruleId ? { path, ruleId, message } : { path, message }];
  });
}

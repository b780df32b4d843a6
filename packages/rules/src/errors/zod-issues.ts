import type * as z from 'zod';
import type { Issue } from './dangwu-error.js';

const BILINGUAL_SEPARATOR = ' / ';

/**
 * Turns zod issues into dangwu issues. Our schemas write messages as `中文 / English`; zod's own
 * messages (English only) are kept for both languages with a Chinese prefix naming the field.
 */
export function issuesFromZod(error: z.ZodError, pathPrefix = ''): Issue[] {
  return error.issues.map((issue) => {
    const path = [pathPrefix, ...issue.path.map(String)].filter(Boolean).join('.');
    const split = issue.message.split(BILINGUAL_SEPARATOR);
    const ruleId = /\[([A-Z]+(?:-[A-Z0-9]+)+)\]/.exec(issue.message)?.[1];
    const message =
      split.length === 2 && split[0] && split[1]
        ? { zh: split[0], en: split[1] }
        : { zh: `字段 ${path || '(根)'} 无效：${issue.message}`, en: issue.message };
    return ruleId ? { path, ruleId, message } : { path, message };
  });
}

import type { Bilingual } from './bilingual.js';

/** One reason an input, event or override was rejected: where, which rule, and why in both languages. */
export interface Issue {
  /** Dotted path of the offending field, e.g. `votes.present` or `dev.training.minDays`. */
  readonly path: string;
  /** The catalogue rule id that the value breaks, when one applies (e.g. `DEV-VOTE-QUORUM`). */
  readonly ruleId?: string;
  /** What is wrong, in zh-CN and English. */
  readonly message: Bilingual;
}

/** The machine-readable kind of a {@link DangwuError}. */
export type DangwuErrorCode =
  | 'INVALID_RULES'
  | 'INVALID_INPUT'
  | 'INVALID_EVENT'
  | 'INVALID_OPTIONS'
  | 'EVENT_NOT_ACCEPTED'
  | 'EVENT_REFUSED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VERSION_CONFLICT'
  | 'UNKNOWN_VERSION'
  | 'STORE_FAILURE';

function render(issues: readonly Issue[], pick: (text: Bilingual) => string): string {
  return issues
    .map((issue) => `${issue.path || '(root)'}${issue.ruleId ? ` [${issue.ruleId}]` : ''}: ${pick(issue.message)}`)
    .join('; ');
}

/**
 * Base class of every error dangwu throws on purpose. `message` carries the English text and the
 * Chinese text, so a log line is readable by either reader; `issues` lists each field and rule.
 */
export class DangwuError extends Error {
  /** Machine-readable kind. */
  readonly code: DangwuErrorCode;
  /** Summary in zh-CN and English. */
  readonly text: Bilingual;
  /** Each field and rule involved. */
  readonly issues: readonly Issue[];

  constructor(code: DangwuErrorCode, text: Bilingual, issues: readonly Issue[] = []) {
    const details = issues.length > 0 ? ` — ${render(issues, (t) => t.en)} / ${render(issues, (t) => t.zh)}` : '';
    super(`${text.en} / ${text.zh}${details}`);
    this.name = new.target.name;
    this.code = code;
    this.text = text;
    this.issues = issues;
  }
}

/** Rule overrides or a rule profile that fail validation (unknown keys, impossible values). */
export class RuleValidationError extends DangwuError {
  constructor(issues: readonly Issue[]) {
    super('INVALID_RULES', { zh: '规则配置无效', en: 'Invalid rule configuration' }, issues);
  }
}

/** A process input or event payload that fails its schema; nothing was changed. */
export class InvalidPayloadError extends DangwuError {
  constructor(kind: 'input' | 'event', issues: readonly Issue[]) {
    super(
      kind === 'input' ? 'INVALID_INPUT' : 'INVALID_EVENT',
      kind === 'input'
        ? { zh: '流程启动参数无效', en: 'Invalid process input' }
        : { zh: '事件内容无效', en: 'Invalid event payload' },
      issues,
    );
  }
}

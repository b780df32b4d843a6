import type { Explanation } from '@dangwu/machines';
import type { Bilingual } from '@dangwu/rules';

/**
 * A failed scenario assertion or step. The message carries the zh-CN line, then the English line, so
 * any test runner (vitest, node:test, jest) prints both.
 */
export class ScenarioAssertionError extends Error {
  /** The assertion's message in both languages. */
  readonly text: Bilingual;
  /** The process's explanation of the event involved, when there was one. */
  readonly explanation: Explanation | undefined;

  constructor(text: Bilingual, explanation?: Explanation) {
    const why = explanation ? `\n  ${explanation.message.zh}\n  ${explanation.message.en}` : '';
    super(`${text.zh}\n${text.en}${why}`);
    this.name = 'ScenarioAssertionError';
    this.text = text;
    this.explanation = explanation;
  }
}

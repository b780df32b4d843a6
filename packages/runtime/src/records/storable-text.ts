// Text every store holds as it was given. SQLite and PostgreSQL store text as UTF-8, where a lone
// surrogate (half of a UTF-16 pair) becomes U+FFFD, so two ids differing only there would be one row;
// PostgreSQL's text cannot hold U+0000 at all. Ids are refused when they hold either, and so are events
// and inputs, whose ids a process takes into text columns too: every store then behaves alike.

/** Whether `text` is well-formed UTF-16 without U+0000. */
export function isStorableText(text: string): boolean {
  return text.isWellFormed() && !text.includes('\u0000');
}

/** The message of a refusal for text that is not {@link isStorableText}. */
export const unstorableTextMessage = {
  zh: '不得含孤立的代理项字符或空字符（U+0000）',
  en: 'must not contain a lone surrogate or a NUL (U+0000) character',
} as const;

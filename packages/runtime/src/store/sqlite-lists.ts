// The organisation and state lists an instance row keeps, and how a commit moves its listing rows.

/**
 * A list as the text the instance row keeps to tell whether it changed: its JSON, which no two lists share
 * (files written before kept `|a|b|`, which never equals a JSON text, so their first commit takes the
 * full path once and rewrites it).
 */
export const listText = (list: readonly string[]): string => JSON.stringify(list);

/** The list a JSON text holds; empty for none (a record always has its lists, so only a damaged row lacks one). */
export const listOf = (text: string | null | undefined): string[] => {
  const list: unknown = text == null ? [] : JSON.parse(text);
  return Array.isArray(list) ? list.filter((member): member is string => typeof member === 'string') : [];
};

/** The members of `before` not in `after`. */
export const missingFrom = (before: readonly string[], after: readonly string[]): string[] =>
  before.filter((member) => !after.includes(member));

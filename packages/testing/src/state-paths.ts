import type { StateValue } from 'xstate';

/** Every state path of a state value: `{ case: { activist: 'cultivating' } }` gives `case`, `case.activist`, `case.activist.cultivating`. */
export function statePaths(value: StateValue, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix + value];
  return Object.entries(value).flatMap(([key, child]) => [
    prefix + key,
    ...(child === undefined ? [] : statePaths(child, `${prefix}${key}.`)),
  ]);
}

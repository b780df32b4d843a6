import type { ProcessDefinition } from '@dangwu/machines';
import { initialTransition, transition } from 'xstate';
import type { AuditEntry, JsonValue } from '../../src/index.js';
import { restoreSnapshot } from '../../src/index.js';

/** Rebuilds the persisted snapshot from an audit history (start input, then every applied event). */
export function replay(definition: ProcessDefinition, history: readonly AuditEntry[]): JsonValue {
  const [first, ...rest] = history;
  if (!first) throw new Error('empty history');
  let [snapshot] = initialTransition(definition.machine, first.payload);
  for (const entry of rest) {
    if (entry.decision !== 'applied') continue;
    if (entry.kind === 'migration') {
      snapshot = restoreSnapshot(definition, (entry.payload as { snapshot: JsonValue }).snapshot);
      continue;
    }
    const { due: _due, ruleId: _ruleId, ...event } = entry.payload as Record<string, JsonValue>;
    [snapshot] = transition(definition.machine, snapshot, entry.kind === 'timer' ? event : entry.payload);
  }
  return JSON.parse(JSON.stringify(definition.machine.getPersistedSnapshot(snapshot)));
}

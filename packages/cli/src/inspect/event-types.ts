import type { AnyStateMachine, AnyStateNode } from 'xstate';

/** Every event type the machine's transitions name (no eventless or XState-internal ones), sorted. */
export function eventTypesOf(machine: AnyStateMachine): string[] {
  const types = new Set<string>();
  const visit = (node: AnyStateNode): void => {
    for (const type of node.transitions.keys()) {
      if (type && type !== '*' && !type.startsWith('xstate.')) types.add(type);
    }
    for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
  };
  visit(machine.root as AnyStateNode);
  return [...types].sort();
}

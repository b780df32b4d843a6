import type { AnyStateMachine, AnyStateNode } from 'xstate';

/** Which language labels the states of a drawn statechart. */
export type ChartLabels = 'zh' | 'en' | 'both';

/** One state of a statechart as the SVG layout sees it. */
export interface ChartNode {
  /** Dotted state path, e.g. `case.activist.cultivating`; the empty string for the machine's root. */
  readonly path: string;
  /** The state's key (the machine id for the root). */
  readonly key: string;
  /** XState node type. */
  readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  /** Label lines from the state's `meta` (`zh`, `en` or both), the key when it has none. */
  readonly label: readonly string[];
  /** Child states in definition order. */
  readonly children: readonly ChartNode[];
  /** Path of the initial child of a compound state. */
  readonly initial: string | undefined;
  /** Transitions that leave the state where it is (no target, or itself), as `EVENT [guard]` texts. */
  readonly internal: readonly string[];
}

/** One transition drawn as an arrow between two states. */
export interface ChartEdge {
  /** Path of the state that owns the transition. */
  readonly source: string;
  /** Path of the target state. */
  readonly target: string;
  /** The event type; empty for an eventless (`always`) transition. */
  readonly event: string;
  /** The named guard, with its parameters, or empty. */
  readonly guard: string;
}

/** A statechart reduced to the states and transitions the SVG draws. */
export interface ChartModel {
  /** The machine's root state. */
  readonly root: ChartNode;
  /** Every transition with a target other than its own state, in definition order. */
  readonly edges: readonly ChartEdge[];
}

interface StateMeta {
  readonly zh?: unknown;
  readonly en?: unknown;
}

function labelOf(node: AnyStateNode, labels: ChartLabels): string[] {
  const meta = (node.meta ?? {}) as StateMeta;
  const zh = typeof meta.zh === 'string' ? meta.zh : undefined;
  const en = typeof meta.en === 'string' ? meta.en : undefined;
  const lines = labels === 'zh' ? [zh] : labels === 'en' ? [en] : [zh, en];
  const present = lines.filter((line): line is string => Boolean(line));
  return present.length > 0 ? present : [node.key];
}

/** The text of a named guard (`name` or `name(param,…)`), or empty for none. */
export function guardText(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string') {
    const params =
      'params' in guard && typeof guard.params === 'object' && guard.params !== null
        ? Object.values(guard.params as Record<string, unknown>).join(',')
        : '';
    return params ? `${guard.type}(${params})` : guard.type;
  }
  return '';
}

/** `EVENT [guard]`, with `always` for an eventless transition. */
export function transitionText(event: string, guard: string): string {
  const name = event || 'always';
  return guard ? `${name} [${guard}]` : name;
}

const pathOf = (node: AnyStateNode): string => node.path.join('.');

/** Reads the states, labels and transitions of `machine` from its definition (no snapshot needed). */
export function chartModel(machine: AnyStateMachine, labels: ChartLabels): ChartModel {
  const edges: ChartEdge[] = [];
  const visit = (node: AnyStateNode): ChartNode => {
    const path = pathOf(node);
    const internal: string[] = [];
    const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const transition of transitions) {
      const event = transition.eventType;
      const guard = guardText(transition.guard);
      const targets = (transition.target ?? []) as AnyStateNode[];
      if (targets.length === 0) internal.push(transitionText(event, guard));
      for (const target of targets) {
        if (target === node) internal.push(transitionText(event, guard));
        else edges.push({ source: path, target: pathOf(target), event, guard });
      }
    }
    const children = (Object.values(node.states) as AnyStateNode[]).map(visit);
    const initialTarget = node.type === 'compound' ? (node.initial?.target[0] as AnyStateNode | undefined) : undefined;
    return {
      path,
      key: path === '' ? node.machine.id : node.key,
      type: node.type,
      label: labelOf(node, labels),
      children,
      initial: initialTarget ? pathOf(initialTarget) : undefined,
      internal,
    };
  };
  const root = visit(machine.root as AnyStateNode);
  return { root, edges };
}

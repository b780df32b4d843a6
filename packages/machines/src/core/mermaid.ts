import type { AnyStateMachine, AnyStateNode } from 'xstate';

/** Options for {@link toMermaid}. */
export interface MermaidOptions {
  /** Which language labels states in: both (default), Chinese only or English only. */
  readonly labels?: 'both' | 'zh' | 'en';
}

interface StateMeta {
  readonly zh?: string;
  readonly en?: string;
}

const nodeName = (node: AnyStateNode) => node.path.join('_') || node.machine.id;

function label(node: AnyStateNode, labels: MermaidOptions['labels']): string {
  const meta = (node.meta ?? {}) as StateMeta;
  const text = labels === 'zh' ? meta.zh : labels === 'en' ? meta.en : [meta.zh, meta.en].filter(Boolean).join('<br/>');
  return (text || node.key).replaceAll('"', "'");
}

function guardText(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard && typeof guard.type === 'string') {
    const params =
      'params' in guard && guard.params ? Object.values(guard.params as Record<string, unknown>).join(',') : '';
    return params ? `${guard.type}(${params})` : guard.type;
  }
  return '';
}

function transitionLines(node: AnyStateNode, indent: string): string[] {
  const lines: string[] = [];
  const source = nodeName(node);
  const all = [...node.transitions.values()].flat().concat(node.always ?? []);
  for (const transition of all) {
    const guard = guardText(transition.guard);
    const event = transition.eventType || 'always';
    const text = guard ? `${event} [${guard}]` : event;
    for (const target of transition.target ?? [node]) {
      lines.push(`${indent}${source} --> ${nodeName(target)} : ${text}`);
    }
  }
  return lines;
}

function render(node: AnyStateNode, indent: string, labels: MermaidOptions['labels'], edges: string[]): string[] {
  const lines: string[] = [];
  const children = Object.values(node.states) as AnyStateNode[];
  const name = nodeName(node);
  lines.push(`${indent}state "${label(node, labels)}" as ${name}`);
  edges.push(...transitionLines(node, '  '));
  if (children.length === 0) {
    if (node.type === 'final') edges.push(`  ${name} --> [*]`);
    return lines;
  }
  lines.push(`${indent}state ${name} {`);
  children.forEach((child, index) => {
    if (node.type === 'parallel' && index > 0) lines.push(`${indent}  --`);
    if (node.type !== 'parallel' && node.initial?.target[0] === child)
      lines.push(`${indent}  [*] --> ${nodeName(child)}`);
    if (node.type === 'parallel') lines.push(`${indent}  [*] --> ${nodeName(child)}`);
    lines.push(...render(child, `${indent}  `, labels, edges));
  });
  lines.push(`${indent}}`);
  return lines;
}

/**
 * The machine as a Mermaid `stateDiagram-v2`, drawn from its definition alone (offline): every state
 * with its zh-CN/English `meta` label, every transition with its event and named guard, optional
 * steps included, so a diagram can never drift from the machine it documents.
 */
export function toMermaid(machine: AnyStateMachine, options: MermaidOptions = {}): string {
  const edges: string[] = [];
  const root = machine.root as AnyStateNode;
  const body = render(root, '  ', options.labels ?? 'both', edges);
  return ['stateDiagram-v2', `  [*] --> ${nodeName(root)}`, ...body, ...edges].join('\n');
}

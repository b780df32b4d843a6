import { toMermaid } from '@dangwu/machines';
import { findProcess } from '../process-registry.js';

/** Options of `dangwu diagram`. */
export interface DiagramOptions {
  /** Process id, e.g. `member-development`. */
  readonly process: string;
  /** Labels: both languages (default), Chinese or English. */
  readonly labels?: 'both' | 'zh' | 'en';
}

/** The Mermaid diagram of a process, generated offline from its machine definition. */
export function diagram(options: DiagramOptions): string {
  return toMermaid(findProcess(options.process).machine, { labels: options.labels ?? 'both' });
}

import { toMermaid } from '@dangwu/machines';
import { findProcess } from '../process-registry.js';
import { toSvg } from '../svg/to-svg.js';

/** Options of `dangwu diagram`. */
export interface DiagramOptions {
  /** Process id, e.g. `member-development`. */
  readonly process: string;
  /** Output format: Mermaid text, or an SVG laid out locally (no browser, no network). @default 'mermaid' */
  readonly format?: 'mermaid' | 'svg';
  /** Labels: both languages, Chinese or English. @default 'both' for Mermaid, 'zh' for SVG */
  readonly labels?: 'both' | 'zh' | 'en';
}

/** The diagram of a process (Mermaid or SVG), generated offline from its machine definition. */
export function diagram(options: DiagramOptions): string {
  const process = findProcess(options.process);
  if (options.format === 'svg') {
    return toSvg(process.machine, {
      labels: options.labels ?? 'zh',
      title: `${process.title.zh} / ${process.title.en} (${process.id} ${process.version})`,
    });
  }
  return toMermaid(process.machine, { labels: options.labels ?? 'both' });
}

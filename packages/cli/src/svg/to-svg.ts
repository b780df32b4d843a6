import type { AnyStateMachine } from 'xstate';
import { type ChartLabels, chartModel } from './chart-model.js';
import { EDGE_FONT, EDGE_LINE, routeEdges } from './edge-routing.js';
import {
  type Box,
  INITIAL_SPACE,
  INTERNAL_FONT,
  INTERNAL_LINE,
  LABEL_FONT,
  LABEL_LINE,
  layoutChart,
  PAD_Y,
} from './layout.js';
import { escapeXml } from './xml-escape.js';

/** Options of {@link toSvg}. */
export interface SvgOptions {
  /** Language of the state labels, read from each state's `meta`. @default 'zh' */
  readonly labels?: ChartLabels;
  /** State paths to highlight with the CSS class `active`, e.g. an instance's `view.state`. @default [] */
  readonly active?: readonly string[];
  /** Where a parallel state's regions go: side by side (`row`) or stacked (`column`). @default 'row' */
  readonly parallel?: 'row' | 'column';
  /** Title above the chart, also read by screen readers. @default the machine id */
  readonly title?: string;
  /** Prefix of the ids inside the SVG (its arrow markers), so several charts can share one page. @default 'dangwu' */
  readonly idPrefix?: string;
}

const MARGIN = 16;
const TITLE_HEIGHT = 30;
const FONT_FAMILY = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',system-ui,sans-serif";

const STYLE = `
.dw-state>rect.dw-box{fill:#fff;stroke:#475569;stroke-width:1.2}
.dw-state.dw-compound>rect.dw-box,.dw-state.dw-parallel>rect.dw-box{fill:#f8fafc}
.dw-state.dw-region>rect.dw-box{fill:#f1f5f9;stroke-dasharray:6 4}
.dw-state>rect.dw-inner{fill:none;stroke:#475569;stroke-width:1}
.dw-state.active>rect.dw-box{stroke:#b45309;stroke-width:2.5}
.dw-state.dw-leaf.active>rect.dw-box{fill:#fde68a;stroke-width:3}
.dw-label{font-size:${LABEL_FONT}px;fill:#0f172a}
.dw-compound>.dw-label,.dw-parallel>.dw-label,.dw-region>.dw-label{font-weight:600}
.dw-internal{font-size:${INTERNAL_FONT}px;fill:#475569}
.dw-edge{fill:none;stroke:#64748b;stroke-width:1.2}
.dw-edge.dw-eventless{stroke-dasharray:4 3}
.dw-edge-label rect{fill:#fff;fill-opacity:.92;stroke:#cbd5e1;stroke-width:.6}
.dw-edge-label text{font-size:${EDGE_FONT}px;fill:#1e293b}
.dw-edge-label text.dw-guard{font-size:${EDGE_FONT - 1}px;fill:#64748b}
.dw-initial{fill:#0f172a}
.dw-title{font-size:16px;font-weight:700;fill:#0f172a}
`.trim();

const n = (value: number): string => String(Math.round(value * 10) / 10);

function classOf(box: Box, active: ReadonlySet<string>, parentType: string | undefined): string {
  const { node } = box;
  const classes = ['dw-state'];
  if (node.children.length === 0) classes.push('dw-leaf');
  classes.push(node.type === 'parallel' ? 'dw-parallel' : node.children.length > 0 ? 'dw-compound' : `dw-${node.type}`);
  if (parentType === 'parallel') classes.push('dw-region');
  if (active.has(node.path)) classes.push('active');
  return classes.join(' ');
}

function stateLines(box: Box): string[] {
  const { node } = box;
  const leaf = node.children.length === 0;
  const out: string[] = [];
  out.push(
    `<rect class="dw-box" x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="${leaf ? 8 : 12}"/>`,
  );
  if (node.type === 'final')
    out.push(
      `<rect class="dw-inner" x="${n(box.x + 4)}" y="${n(box.y + 4)}" width="${n(box.width - 8)}" height="${n(box.height - 8)}" rx="6"/>`,
    );
  const centre = box.x + box.width / 2;
  const textBlock = node.label.length * LABEL_LINE + node.internal.length * INTERNAL_LINE;
  let y = leaf ? box.y + (box.height - textBlock) / 2 : box.y + PAD_Y;
  const anchor = leaf ? `x="${n(centre)}" text-anchor="middle"` : `x="${n(box.x + 12)}"`;
  for (const line of node.label) {
    out.push(`<text class="dw-label" ${anchor} y="${n(y + LABEL_LINE - 5)}">${escapeXml(line)}</text>`);
    y += LABEL_LINE;
  }
  for (const line of node.internal) {
    out.push(`<text class="dw-internal" ${anchor} y="${n(y + INTERNAL_LINE - 4)}">↻ ${escapeXml(line)}</text>`);
    y += INTERNAL_LINE;
  }
  return out;
}

/**
 * The machine's statechart as a standalone SVG, laid out in pure TypeScript (no browser, no network):
 * compound states as nested boxes, parallel regions side by side, transitions as arrows labelled with
 * their event and guard, internal transitions listed in their state, zh-CN labels from `meta` by
 * default. The same machine and options always give the same bytes.
 */
export function toSvg(machine: AnyStateMachine, options: SvgOptions = {}): string {
  const model = chartModel(machine, options.labels ?? 'zh');
  const prefix = options.idPrefix ?? 'dangwu';
  const title = options.title ?? machine.id;
  const active = new Set(options.active ?? []);
  const { boxes, width, height } = layoutChart(
    model,
    { parallel: options.parallel ?? 'row' },
    { x: MARGIN, y: MARGIN + TITLE_HEIGHT },
  );
  const routed = routeEdges(model.edges, boxes);
  // Arrows that bulge right of the chart and labels may reach past the root box.
  const right = Math.max(
    width + MARGIN,
    ...routed.map((edge) => edge.label.x + edge.label.width),
    ...routed.map((edge) => edge.right),
  );
  const bottom = Math.max(height + MARGIN + TITLE_HEIGHT, ...routed.map((edge) => edge.label.y + edge.label.height));
  const totalWidth = Math.ceil(right + MARGIN);
  const totalHeight = Math.ceil(bottom + MARGIN);
  const byPath = new Map(boxes.map((box) => [box.node.path, box]));
  const parentType = new Map<string, string>();
  for (const box of boxes) for (const child of box.node.children) parentType.set(child.path, box.node.type);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="dw-chart" width="${totalWidth}" height="${totalHeight}" viewBox="0 0 ${totalWidth} ${totalHeight}" font-family="${escapeXml(FONT_FAMILY)}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    `<defs><marker id="${escapeXml(prefix)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker></defs>`,
    `<text class="dw-title" x="${MARGIN}" y="${MARGIN + 18}">${escapeXml(title)}</text>`,
  ];
  // States nest as groups, so `[data-state="case"] [data-state="case.applied"]` mirrors the chart.
  const drawState = (path: string, indent: string): void => {
    const box = byPath.get(path);
    if (!box) return;
    out.push(
      `${indent}<g class="${classOf(box, active, parentType.get(path))}" data-state="${escapeXml(path)}" data-key="${escapeXml(box.node.key)}">`,
    );
    for (const line of stateLines(box)) out.push(`${indent}  ${line}`);
    const initial = box.node.initial ? byPath.get(box.node.initial) : undefined;
    if (initial) {
      const x = initial.x + initial.width / 2;
      out.push(
        `${indent}  <circle class="dw-initial" cx="${n(x)}" cy="${n(initial.y - INITIAL_SPACE + 6)}" r="5"/>`,
        `${indent}  <path class="dw-edge" d="M${n(x)},${n(initial.y - INITIAL_SPACE + 11)} L${n(x)},${n(initial.y - 1)}" marker-end="url(#${escapeXml(prefix)}-arrow)"/>`,
      );
    }
    for (const child of box.node.children) drawState(child.path, `${indent}  `);
    out.push(`${indent}</g>`);
  };
  drawState(model.root.path, '');
  out.push('<g class="dw-transitions">');
  for (const edge of routed) {
    out.push(
      `  <path class="dw-edge${edge.edge.event ? '' : ' dw-eventless'}" data-event="${escapeXml(edge.edge.event)}" data-source="${escapeXml(edge.edge.source)}" data-target="${escapeXml(edge.edge.target)}" d="${edge.d}" marker-end="url(#${escapeXml(prefix)}-arrow)"/>`,
    );
  }
  out.push('</g>', '<g class="dw-transition-labels">');
  for (const edge of routed) {
    const { label } = edge;
    out.push(`  <g class="dw-edge-label" data-event="${escapeXml(edge.edge.event)}">`);
    out.push(`    <rect x="${label.x}" y="${label.y}" width="${label.width}" height="${label.height}" rx="3"/>`);
    edge.lines.forEach((line, index) => {
      const cls = index > 0 ? ' class="dw-guard"' : '';
      out.push(
        `    <text${cls} x="${label.x + 4}" y="${label.y + 2 + EDGE_LINE * (index + 1) - 3}">${escapeXml(line)}</text>`,
      );
    });
    out.push('  </g>');
  }
  out.push('</g>', '</svg>');
  return `${out.join('\n')}\n`;
}

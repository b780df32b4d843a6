// Arrows between laid-out state boxes: downward edges leave a box's bottom and enter the target's
// top, upward (back) edges bulge out on the right, side edges join facing sides, and a transition from
// a compound state into one of its own children comes in from the compound's right border. Several
// arrows on one side are spread along it; labels are nudged until they overlap no earlier label.

import type { ChartEdge } from './chart-model.js';
import type { Box } from './layout.js';
import { textWidth } from './text-metrics.js';

/** Font size of transition labels, in pixels. */
export const EDGE_FONT = 11;
/** Line height of transition labels, in pixels. */
export const EDGE_LINE = 13;

type Side = 'top' | 'bottom' | 'left' | 'right';

interface Point {
  readonly x: number;
  readonly y: number;
}

/** One transition arrow, ready to draw. */
export interface RoutedEdge {
  /** The transition. */
  readonly edge: ChartEdge;
  /** SVG path data of the arrow (a cubic Bézier curve). */
  readonly d: string;
  /** Label lines: the event (or `always`), then the guard in brackets. */
  readonly lines: readonly string[];
  /** The label's box (left, top, width, height), in pixels. */
  readonly label: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** The rightmost x the curve can reach (its control points bound it), in pixels. */
  readonly right: number;
}

const num = (value: number): string => String(Math.round(value * 10) / 10);
const contains = (outer: Box, inner: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

interface Plan {
  readonly edge: ChartEdge;
  readonly source: Box;
  readonly target: Box;
  readonly sourceSide: Side;
  readonly targetSide: Side;
  /** Set when an end must not be spread (a compound's border facing its own child). */
  readonly fixedStart?: Point;
}

function plan(edge: ChartEdge, source: Box, target: Box): Plan {
  const base = { edge, source, target };
  if (contains(source, target)) {
    return {
      ...base,
      sourceSide: 'right',
      targetSide: 'right',
      fixedStart: { x: source.x + source.width, y: target.y + target.height / 2 },
    };
  }
  if (source.y + source.height <= target.y) return { ...base, sourceSide: 'bottom', targetSide: 'top' };
  if (target.y + target.height <= source.y || contains(target, source))
    return { ...base, sourceSide: 'right', targetSide: 'right' };
  if (target.x >= source.x + source.width) return { ...base, sourceSide: 'right', targetSide: 'left' };
  return { ...base, sourceSide: 'left', targetSide: 'right' };
}

function anchor(box: Box, side: Side, fraction: number): Point {
  switch (side) {
    case 'top':
      return { x: box.x + box.width * fraction, y: box.y };
    case 'bottom':
      return { x: box.x + box.width * fraction, y: box.y + box.height };
    case 'left':
      return { x: box.x, y: box.y + box.height * fraction };
    default:
      return { x: box.x + box.width, y: box.y + box.height * fraction };
  }
}

function otherEnd(item: Plan, end: 'source' | 'target'): Point {
  const box = end === 'source' ? item.target : item.source;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Routes every edge between the given boxes; edges whose states have no box are left out. */
export function routeEdges(edges: readonly ChartEdge[], boxes: readonly Box[]): RoutedEdge[] {
  const byPath = new Map(boxes.map((box) => [box.node.path, box]));
  const plans: Plan[] = [];
  for (const edge of edges) {
    const source = byPath.get(edge.source);
    const target = byPath.get(edge.target);
    if (source && target) plans.push(plan(edge, source, target));
  }
  // Spread the ends that share a side, ordered along the side by where their other end lies.
  const groups = new Map<string, { plan: number; end: 'source' | 'target' }[]>();
  plans.forEach((item, index) => {
    const ends: ['source' | 'target', Box, Side][] = [
      ['source', item.source, item.sourceSide],
      ['target', item.target, item.targetSide],
    ];
    for (const [end, box, side] of ends) {
      if (end === 'source' && item.fixedStart) continue;
      const key = `${box.node.path}|${side}`;
      const group = groups.get(key) ?? [];
      group.push({ plan: index, end });
      groups.set(key, group);
    }
  });
  const points = new Map<string, Point>();
  for (const [key, group] of groups) {
    const side = key.slice(key.lastIndexOf('|') + 1) as Side;
    const along = (entry: { plan: number; end: 'source' | 'target' }): number => {
      const item = plans[entry.plan];
      if (!item) return 0;
      const other = otherEnd(item, entry.end);
      return side === 'top' || side === 'bottom' ? other.x : other.y;
    };
    const sorted = [...group].sort((a, b) => along(a) - along(b) || a.plan - b.plan || (a.end < b.end ? -1 : 1));
    sorted.forEach((entry, order) => {
      const item = plans[entry.plan];
      if (!item) return;
      const box = entry.end === 'source' ? item.source : item.target;
      const fraction = 0.15 + (0.7 * (order + 1)) / (sorted.length + 1);
      points.set(`${entry.plan}|${entry.end}`, anchor(box, side, fraction));
    });
  }
  // Labels keep clear of state labels (a leaf's whole box, a compound's header) and of each other.
  const placed: { x: number; y: number; width: number; height: number }[] = boxes.map((box) =>
    box.node.children.length === 0
      ? { x: box.x, y: box.y, width: box.width, height: box.height }
      : { x: box.x, y: box.y, width: box.width, height: box.header },
  );
  const routed: RoutedEdge[] = [];
  plans.forEach((item, index) => {
    const start = item.fixedStart ?? points.get(`${index}|source`);
    const end = points.get(`${index}|target`);
    if (!start || !end) return;
    let c1: Point;
    let c2: Point;
    if (item.fixedStart) {
      c1 = { x: start.x + (end.x - start.x) / 3, y: start.y };
      c2 = { x: start.x + ((end.x - start.x) * 2) / 3, y: end.y };
    } else if (item.sourceSide === 'bottom') {
      const bend = Math.max(24, (end.y - start.y) / 2);
      c1 = { x: start.x, y: start.y + bend };
      c2 = { x: end.x, y: end.y - bend };
    } else if (item.sourceSide === 'right' && item.targetSide === 'right') {
      const bulge = 28 + Math.min(60, Math.abs(end.y - start.y) * 0.1);
      const x = Math.max(start.x, end.x) + bulge;
      c1 = { x, y: start.y };
      c2 = { x, y: end.y };
    } else {
      const dx = (end.x - start.x) / 2;
      c1 = { x: start.x + dx, y: start.y };
      c2 = { x: end.x - dx, y: end.y };
    }
    const mid = {
      x: (start.x + 3 * c1.x + 3 * c2.x + end.x) / 8,
      y: (start.y + 3 * c1.y + 3 * c2.y + end.y) / 8,
    };
    const lines = item.edge.event ? [item.edge.event] : ['always'];
    if (item.edge.guard) lines.push(`[${item.edge.guard}]`);
    const width = Math.max(...lines.map((line) => textWidth(line, EDGE_FONT))) + 8;
    const height = lines.length * EDGE_LINE + 4;
    const leftAligned = item.sourceSide === 'right' && item.targetSide === 'right' && !item.fixedStart;
    const baseX = leftAligned ? mid.x - 6 : mid.x - width / 2;
    const baseY = mid.y - height / 2;
    const free = (left: number, top: number) =>
      !placed.some(
        (other) =>
          left < other.x + other.width &&
          other.x < left + width &&
          top < other.y + other.height &&
          other.y < top + height,
      );
    // Try nearby spots in a fixed order (deterministic): up and down first, then sideways.
    let x = baseX;
    let y = baseY;
    search: for (let ring = 0; ring <= 8; ring += 1) {
      for (const [dx, dy] of [
        [0, ring],
        [0, -ring],
        [ring, 0],
        [-ring, 0],
        [ring, ring],
        [-ring, ring],
      ] as const) {
        const left = baseX + dx * 24;
        const top = baseY + dy * (height / 2 + 2);
        if (free(left, top)) {
          x = left;
          y = top;
          break search;
        }
      }
    }
    const label = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    placed.push(label);
    routed.push({
      edge: item.edge,
      d: `M${num(start.x)},${num(start.y)} C${num(c1.x)},${num(c1.y)} ${num(c2.x)},${num(c2.y)} ${num(end.x)},${num(end.y)}`,
      lines,
      label,
      right: Math.ceil(Math.max(start.x, c1.x, c2.x, end.x)),
    });
  });
  return routed;
}

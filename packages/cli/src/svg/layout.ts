// A layered layout of a statechart, computed in pure TypeScript so the SVG needs no browser and is
// byte-identical for the same machine: every compound state stacks its children in layers (longest
// path from its initial child, back edges ignored), orders each layer by the barycentre of the layer
// above, and draws itself as a box around them; a parallel state puts its regions side by side or
// stacked.

import type { ChartEdge, ChartModel, ChartNode } from './chart-model.js';
import { textWidth } from './text-metrics.js';

/** Font size of state labels, in pixels. */
export const LABEL_FONT = 13;
/** Line height of state labels, in pixels. */
export const LABEL_LINE = 18;
/** Font size of a state's internal transitions, in pixels. */
export const INTERNAL_FONT = 11;
/** Line height of a state's internal transitions, in pixels. */
export const INTERNAL_LINE = 15;
/** Horizontal padding inside a state box, in pixels. */
export const PAD_X = 12;
/** Vertical padding around a state's label, in pixels. */
export const PAD_Y = 8;
/** Room above a compound state's first layer for its initial-state marker, in pixels. */
export const INITIAL_SPACE = 26;
const COMPOUND_PAD = 18;
const ROUTE_ROOM = 56;
const NODE_GAP = 40;
const LAYER_GAP = 72;
const REGION_GAP = 24;
const MIN_WIDTH = 84;

/** A state's box in absolute SVG coordinates (pixels). */
export interface Box {
  /** The state. */
  readonly node: ChartNode;
  /** Left edge. */
  readonly x: number;
  /** Top edge. */
  readonly y: number;
  /** Width. */
  readonly width: number;
  /** Height. */
  readonly height: number;
  /** Height of the label area at the top (the whole box for an atomic state). */
  readonly header: number;
}

/** Options of {@link layoutChart}. */
export interface LayoutOptions {
  /** Where a parallel state's regions go. */
  readonly parallel: 'row' | 'column';
}

interface Measured {
  readonly width: number;
  readonly height: number;
  readonly header: number;
  /** Children's offsets from this box's top-left corner. */
  readonly offsets: ReadonlyMap<string, { readonly dx: number; readonly dy: number }>;
}

const within = (path: string, ancestor: string): boolean =>
  ancestor === '' || path === ancestor || path.startsWith(`${ancestor}.`);

function headerOf(node: ChartNode): { width: number; height: number } {
  const labelWidth = Math.max(...node.label.map((line) => textWidth(line, LABEL_FONT)));
  const internalWidth = Math.max(0, ...node.internal.map((line) => textWidth(`↻ ${line}`, INTERNAL_FONT)));
  return {
    width: Math.max(MIN_WIDTH, labelWidth, internalWidth) + 2 * PAD_X,
    height: 2 * PAD_Y + node.label.length * LABEL_LINE + node.internal.length * INTERNAL_LINE,
  };
}

/** The children of `node` in layers: longest path from the initial child, back edges ignored. */
export function layersOf(node: ChartNode, edges: readonly ChartEdge[]): ChartNode[][] {
  const children = node.children;
  const indexOf = (path: string): number => children.findIndex((child) => within(path, child.path));
  const next: number[][] = children.map(() => []);
  const hasIn = children.map(() => false);
  for (const edge of edges) {
    const from = indexOf(edge.source);
    const to = indexOf(edge.target);
    if (from < 0 || to < 0 || from === to || !within(edge.source, node.path)) continue;
    if (!next[from]?.includes(to)) next[from]?.push(to);
    hasIn[to] = true;
  }
  // Depth-first from the initial child: edges to a child still on the stack are back edges.
  const colour = children.map(() => 0);
  const finished: number[] = [];
  const forward: [number, number][] = [];
  const visit = (index: number): void => {
    colour[index] = 1;
    for (const to of next[index] ?? []) {
      if (colour[to] === 1) continue;
      forward.push([index, to]);
      if (colour[to] === 0) visit(to);
    }
    colour[index] = 2;
    finished.push(index);
  };
  const initial = children.findIndex((child) => child.path === node.initial);
  if (initial >= 0) visit(initial);
  children.forEach((_child, index) => {
    if (colour[index] === 0) visit(index);
  });
  const rank = children.map(() => 0);
  for (const index of finished.reverse()) {
    for (const [from, to] of forward) if (from === index) rank[to] = Math.max(rank[to] ?? 0, (rank[from] ?? 0) + 1);
  }
  // States only reached from outside (e.g. `withdrawn`, entered from the parent) go below the rest.
  const last = Math.max(0, ...rank);
  children.forEach((_child, index) => {
    if (index !== initial && !hasIn[index] && (next[index]?.length ?? 0) === 0 && children.length > 1)
      rank[index] = last + 1;
  });
  const layers: number[][] = [];
  children.forEach((_child, index) => {
    const layer = rank[index] ?? 0;
    while (layers.length <= layer) layers.push([]);
    layers[layer]?.push(index);
  });
  // Two sweeps of barycentre ordering against the layers above; ties keep definition order.
  const position = new Map<number, number>();
  for (let sweep = 0; sweep < 2; sweep += 1) {
    for (const layer of layers) {
      const keyed = layer.map((index, order) => {
        const above = forward.filter(([, to]) => to === index).map(([from]) => position.get(from));
        const known = above.filter((value): value is number => value !== undefined);
        const key = known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : order;
        return { index, key };
      });
      keyed.sort((a, b) => a.key - b.key || a.index - b.index);
      layer.splice(0, layer.length, ...keyed.map((entry) => entry.index));
      layer.forEach((index, order) => {
        position.set(index, order + (layer.length > 1 ? 0 : 0.5));
      });
    }
  }
  return layers
    .filter((layer) => layer.length > 0)
    .map((layer) => layer.map((index) => children[index]).filter((child): child is ChartNode => child !== undefined));
}

function measure(
  node: ChartNode,
  edges: readonly ChartEdge[],
  options: LayoutOptions,
  sizes: Map<string, Measured>,
): Measured {
  const header = headerOf(node);
  const offsets = new Map<string, { dx: number; dy: number }>();
  let result: Measured;
  if (node.children.length === 0) {
    const extra = node.type === 'final' ? 8 : 0;
    result = { width: header.width + extra, height: header.height + extra, header: header.height + extra, offsets };
  } else if (node.type === 'parallel') {
    const regions = node.children.map((child) => measure(child, edges, options, sizes));
    const top = header.height;
    let width: number;
    let height: number;
    if (options.parallel === 'row') {
      const tallest = Math.max(...regions.map((region) => region.height));
      let x = COMPOUND_PAD;
      node.children.forEach((child, index) => {
        const region = regions[index];
        if (!region) return;
        offsets.set(child.path, { dx: x, dy: top });
        sizes.set(child.path, { ...region, height: tallest });
        x += region.width + REGION_GAP;
      });
      width = Math.max(header.width, x - REGION_GAP + COMPOUND_PAD);
      height = top + tallest + COMPOUND_PAD;
    } else {
      const widest = Math.max(...regions.map((region) => region.width));
      let y = top;
      node.children.forEach((child, index) => {
        const region = regions[index];
        if (!region) return;
        offsets.set(child.path, { dx: COMPOUND_PAD, dy: y });
        sizes.set(child.path, { ...region, width: widest });
        y += region.height + REGION_GAP;
      });
      width = Math.max(header.width, widest + 2 * COMPOUND_PAD);
      height = y - REGION_GAP + COMPOUND_PAD;
    }
    result = { width, height, header: header.height, offsets };
  } else {
    const layers = layersOf(node, edges);
    const measured = new Map(node.children.map((child) => [child.path, measure(child, edges, options, sizes)]));
    const sizeOf = (child: ChartNode) => measured.get(child.path) ?? { width: 0, height: 0 };
    const layerWidths = layers.map(
      (layer) => layer.reduce((sum, child) => sum + sizeOf(child).width, 0) + NODE_GAP * (layer.length - 1),
    );
    const layerHeights = layers.map((layer) => Math.max(...layer.map((child) => sizeOf(child).height)));
    const content = Math.max(...layerWidths);
    const routeRoom = layers.length > 1 ? ROUTE_ROOM : 0;
    const width = Math.max(header.width, content + 2 * COMPOUND_PAD + routeRoom);
    const left = (width - routeRoom - content) / 2;
    let y = header.height + (node.initial ? INITIAL_SPACE : 0);
    layers.forEach((layer, index) => {
      const layerHeight = layerHeights[index] ?? 0;
      let x = left + (content - (layerWidths[index] ?? 0)) / 2;
      for (const child of layer) {
        const size = sizeOf(child);
        offsets.set(child.path, { dx: Math.round(x), dy: Math.round(y + (layerHeight - size.height) / 2) });
        x += size.width + NODE_GAP;
      }
      y += layerHeight + LAYER_GAP;
    });
    result = {
      width: Math.round(width),
      height: Math.round(y - LAYER_GAP + COMPOUND_PAD),
      header: header.height,
      offsets,
    };
  }
  if (!sizes.has(node.path)) sizes.set(node.path, result);
  return result;
}

/** Absolute boxes of every state of `model`, parents before children, and the drawing's size. */
export function layoutChart(
  model: ChartModel,
  options: LayoutOptions,
  origin: { readonly x: number; readonly y: number },
): { boxes: Box[]; width: number; height: number } {
  const sizes = new Map<string, Measured>();
  measure(model.root, model.edges, options, sizes);
  const boxes: Box[] = [];
  const place = (node: ChartNode, x: number, y: number): void => {
    const size = sizes.get(node.path);
    if (!size) return;
    boxes.push({ node, x, y, width: size.width, height: size.height, header: size.header });
    for (const child of node.children) {
      const offset = size.offsets.get(child.path);
      if (offset) place(child, x + offset.dx, y + offset.dy);
    }
  };
  place(model.root, origin.x, origin.y);
  const root = sizes.get(model.root.path);
  return { boxes, width: root?.width ?? 0, height: root?.height ?? 0 };
}

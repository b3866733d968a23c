/**
 * Automatic placement of graph nodes, left to right: stimuli → populations → recorders (dagre,
 * ranked along the edges). Used by the Auto-layout button (all nodes) and by deriveGraph for nodes
 * the document gives no position (so examples without `layout` look tidy). Deterministic: the same
 * nodes and links in the same order give the same positions.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Position } from '../store/document';

export interface LayoutNode {
  readonly key: string;
  readonly width: number;
  readonly height: number;
}

export interface LayoutLink {
  readonly source: string;
  readonly target: string;
}

export const RANK_GAP = 160;
export const NODE_GAP = 36;

/** Top-left positions (as React Flow and `layout` keep them) for every node. */
export function layoutPositions(nodes: readonly LayoutNode[], links: readonly LayoutLink[]): Record<string, Position> {
  const g = new Graph();
  g.setGraph({ rankdir: 'LR', nodesep: NODE_GAP, ranksep: RANK_GAP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const keys = new Set(nodes.map((n) => n.key));
  for (const n of nodes) g.setNode(n.key, { width: n.width, height: n.height });
  // Self-loops do not affect ranks; links to missing nodes would create phantom nodes.
  for (const l of links) if (l.source !== l.target && keys.has(l.source) && keys.has(l.target)) g.setEdge(l.source, l.target);
  layout(g);
  const out: Record<string, Position> = {};
  for (const n of nodes) {
    const p = g.node(n.key) as { x: number; y: number };
    out[n.key] = { x: Math.round(p.x - n.width / 2), y: Math.round(p.y - n.height / 2) };
  }
  return out;
}

export interface Box extends Position {
  readonly width: number;
  readonly height: number;
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The smallest box around `boxes` (undefined for none). */
export function boundsOf(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

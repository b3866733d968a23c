/**
 * Where a node added from the palette goes. A drop goes exactly where it was dropped. A click puts
 * a population at the centre of the view, a stimulus left of the population it drives and a
 * recorder right of the one it records (as the auto-layout would), then moves it to the nearest
 * spot that does not cover another node.
 */
import type { Position } from '../store/document';
import { overlaps, type Box } from './autoLayout';
import { POPULATION_WIDTH, SMALL_NODE_WIDTH } from './deriveGraph';

export type NewNodeKind = 'population' | 'small';

/** The size a new node is assumed to have before it is measured. */
export const NEW_SIZE: Readonly<Record<NewNodeKind, { width: number; height: number }>> = {
  population: { width: POPULATION_WIDTH, height: 170 },
  small: { width: SMALL_NODE_WIDTH, height: 90 },
};

const GAP = 60;
const STEP = 40;
const MARGIN = 12;
const MAX_RING = 30;

export interface PlacementContext {
  /** The drop point, or the centre of the view for a click (flow coordinates). */
  readonly at?: Position;
  readonly dropped?: boolean;
  /** The boxes of the nodes on the canvas, by node key. */
  readonly occupied?: Readonly<Record<string, Box>>;
}

/**
 * The nearest top-left corner to `start`, in rings of STEP pixels, where a `size` box keeps MARGIN
 * pixels from every occupied box. Deterministic.
 */
export function freeSpot(start: Position, size: { width: number; height: number }, occupied: readonly Box[]): Position {
  const grown = (p: Position): Box => ({ x: p.x - MARGIN, y: p.y - MARGIN, width: size.width + 2 * MARGIN, height: size.height + 2 * MARGIN });
  const free = (p: Position) => !occupied.some((b) => overlaps(grown(p), b));
  for (let r = 0; r <= MAX_RING; r++) {
    const ring: [number, number][] = r === 0 ? [[0, 0]] : [[0, r], [0, -r], [r, 0], [-r, 0], [r, r], [-r, r], [r, -r], [-r, -r]];
    for (const [dx, dy] of ring) {
      const p = { x: start.x + dx * STEP, y: start.y + dy * STEP };
      if (free(p)) return p;
    }
  }
  return start;
}

/** The top-left corner of a new node (undefined: no position, the graph places it automatically). */
export function placeNew(ctx: PlacementContext, kind: NewNodeKind, anchor?: { key: string; side: 'left' | 'right' }): Position | undefined {
  const size = NEW_SIZE[kind];
  const topLeftAround = (c: Position) => ({ x: Math.round(c.x - size.width / 2), y: Math.round(c.y - size.height / 2) });
  if (ctx.dropped && ctx.at) return topLeftAround(ctx.at);
  const box = anchor ? ctx.occupied?.[anchor.key] : undefined;
  let start: Position | undefined;
  if (box && anchor) start = { x: anchor.side === 'left' ? box.x - GAP - size.width : box.x + box.width + GAP, y: box.y };
  else if (ctx.at) start = topLeftAround(ctx.at);
  if (!start) return undefined;
  return freeSpot({ x: Math.round(start.x), y: Math.round(start.y) }, size, Object.values(ctx.occupied ?? {}));
}

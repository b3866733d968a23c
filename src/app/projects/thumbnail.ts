/**
 * A project's thumbnail, drawn from the project itself: populations as circles whose radius grows
 * with log(size), projections as arrows (a loop for recurrent ones), stimuli as small squares with
 * a dashed arrow to their target. Positions come from the editor layout when every node has one,
 * otherwise from a dagre layout (left to right), so a thumbnail is always honest and automatic.
 *
 * Returns SVG text meant to be inlined in the page. Populations have the colours the graph and the
 * plots give them (populationColor, readable on both themes); edges, stimuli and outlines are theme
 * variables (var(--...)). Every piece of text from the project is escaped.
 */
import dagre from '@dagrejs/dagre';
import { populationColor } from '../plots/colors';
import { nodeKey, positionOf, type ProjectDoc } from '../store/document';

export interface ThumbnailOptions {
  readonly width?: number;
  readonly height?: number;
}

interface ThumbNode {
  readonly key: string;
  readonly kind: 'population' | 'stimulus';
  /** Radius (populations) or half the side (stimuli), px. */
  readonly r: number;
  readonly label: string;
  /** Populations: the colour the graph and the plots give the population at this index. */
  readonly fill: string;
  x: number;
  y: number;
}

interface ThumbEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'projection' | 'stimulus';
}

const PAD = 4;
const STIM_HALF = 3.5;
const ARROW = 4.5;

export const populationRadius = (size: number) => 4 + 1.6 * Math.log(Math.max(1, size));

const fmt = (v: number) => String(Math.round(v * 10) / 10);

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function collect(doc: ProjectDoc): { nodes: ThumbNode[]; edges: ThumbEdge[] } {
  const nodes: ThumbNode[] = [];
  const popKeys = new Set<string>();
  doc.populations.forEach((p, index) => {
    const key = nodeKey({ kind: 'population', id: p.id });
    if (popKeys.has(key)) return; // a duplicate id (invalid document): draw it once
    popKeys.add(key);
    const size = typeof p.size === 'number' && Number.isFinite(p.size) ? p.size : 1;
    nodes.push({ key, kind: 'population', r: populationRadius(size), label: `${p.label ?? p.id} (${p.model}, ${size} neuron${size === 1 ? '' : 's'})`, fill: populationColor(index), x: 0, y: 0 });
  });
  const edges: ThumbEdge[] = [];
  for (const s of doc.stimuli ?? []) {
    const key = nodeKey({ kind: 'stimulus', id: s.id });
    nodes.push({ key, kind: 'stimulus', r: STIM_HALF, label: `${s.id} (${s.type} stimulus)`, fill: 'var(--node-stimulus)', x: 0, y: 0 });
    if (popKeys.has(s.target)) edges.push({ from: key, to: s.target, kind: 'stimulus' });
  }
  for (const p of doc.projections ?? []) {
    if (popKeys.has(p.pre) && popKeys.has(p.post)) edges.push({ from: p.pre, to: p.post, kind: 'projection' });
  }
  return { nodes, edges };
}

/** Places the nodes: the editor's layout when it covers every node, else dagre. Returns whether the editor layout was used. */
function place(doc: ProjectDoc, nodes: ThumbNode[], edges: ThumbEdge[]): boolean {
  const saved = nodes.map((n) => positionOf(doc, n.key));
  if (nodes.length > 0 && saved.every((p) => p !== undefined)) {
    nodes.forEach((n, i) => {
      n.x = saved[i]!.x;
      n.y = saved[i]!.y;
    });
    return true;
  }
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 30, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.key, { width: 2 * n.r, height: 2 * n.r });
  edges.forEach((e, i) => {
    if (e.from !== e.to) g.setEdge(e.from, e.to, {}, `e${i}`);
  });
  dagre.layout(g);
  for (const n of nodes) {
    const p = g.node(n.key);
    n.x = p.x;
    n.y = p.y;
  }
  return false;
}

/** Positions are spread out at most this much (small networks fill the picture; node sizes stay in px). */
const MAX_SCALE = 2.5;

/** How far a recurrent loop reaches above its node's centre (the cubic in drawEdge peaks at 1/4 s + 3/4 c). */
const loopReach = (r: number) => 0.25 * 0.87 * r + 0.75 * (1.9 * r + 6);

/** Scales and centres the layout into the picture, leaving room for radii and loops. */
function fit(nodes: ThumbNode[], edges: readonly ThumbEdge[], width: number, height: number): void {
  if (nodes.length === 0) return;
  const looped = new Set(edges.filter((e) => e.from === e.to).map((e) => e.from));
  const maxR = Math.max(...nodes.map((n) => n.r));
  const topRoom = Math.max(...nodes.map((n) => (looped.has(n.key) ? loopReach(n.r) : n.r)));
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const sx = x1 > x0 ? (width - 2 * (PAD + maxR)) / (x1 - x0) : Infinity;
  const sy = y1 > y0 ? (height - 2 * PAD - topRoom - maxR) / (y1 - y0) : Infinity;
  const scale = Math.max(0.01, Math.min(MAX_SCALE, sx, sy));
  const top = (height - ((y1 - y0) * scale + topRoom + maxR)) / 2;
  const cx = (x0 + x1) / 2;
  for (const n of nodes) {
    n.x = width / 2 + (n.x - cx) * scale;
    n.y = top + topRoom + (n.y - y0) * scale;
  }
}

function arrowHead(x: number, y: number, dx: number, dy: number, fill: string): string {
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x - ux * ARROW;
  const by = y - uy * ARROW;
  const w = ARROW * 0.55;
  return `<polygon points="${fmt(x)},${fmt(y)} ${fmt(bx - uy * w)},${fmt(by + ux * w)} ${fmt(bx + uy * w)},${fmt(by - ux * w)}" fill="${fill}"/>`;
}

function drawEdge(e: ThumbEdge, a: ThumbNode, b: ThumbNode): string {
  const stroke = e.kind === 'stimulus' ? 'var(--node-stimulus)' : 'var(--edge)';
  const dash = e.kind === 'stimulus' ? ' stroke-dasharray="2 2"' : '';
  if (a === b) {
    // A recurrent projection: a loop over the top of the circle, arriving on its right.
    const s = { x: a.x - a.r * 0.5, y: a.y - a.r * 0.87 };
    const t = { x: a.x + a.r * 0.5, y: a.y - a.r * 0.87 };
    const lift = a.r * 1.9 + 6;
    const c1 = { x: a.x - a.r * 1.2, y: a.y - lift };
    const c2 = { x: a.x + a.r * 1.2, y: a.y - lift };
    return (
      `<path class="thumb-projection" d="M${fmt(s.x)},${fmt(s.y)} C${fmt(c1.x)},${fmt(c1.y)} ${fmt(c2.x)},${fmt(c2.y)} ${fmt(t.x)},${fmt(t.y)}" fill="none" stroke="${stroke}" stroke-width="1.2"/>` +
      arrowHead(t.x, t.y, t.x - c2.x, t.y - c2.y, stroke)
    );
  }
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  // Projections bend a little to their left, so A→B and B→A stay two visible arrows.
  const bend = e.kind === 'projection' ? Math.min(12, len * 0.18) : 0;
  const mx = (a.x + b.x) / 2 + (dy / len) * bend;
  const my = (a.y + b.y) / 2 - (dx / len) * bend;
  const toward = (n: ThumbNode, px: number, py: number) => {
    const l = Math.hypot(px - n.x, py - n.y) || 1;
    return { x: n.x + ((px - n.x) / l) * n.r, y: n.y + ((py - n.y) / l) * n.r };
  };
  const s = toward(a, mx, my);
  const t = toward(b, mx, my);
  const cls = e.kind === 'stimulus' ? 'thumb-stimulus-edge' : 'thumb-projection';
  return (
    `<path class="${cls}" d="M${fmt(s.x)},${fmt(s.y)} Q${fmt(mx)},${fmt(my)} ${fmt(t.x)},${fmt(t.y)}" fill="none" stroke="${stroke}" stroke-width="1.2"${dash}/>` +
    arrowHead(t.x, t.y, t.x - mx, t.y - my, stroke)
  );
}

function drawNode(n: ThumbNode): string {
  const title = `<title>${escapeXml(n.label)}</title>`;
  if (n.kind === 'stimulus') {
    const side = 2 * n.r;
    return `<rect class="thumb-stimulus" x="${fmt(n.x - n.r)}" y="${fmt(n.y - n.r)}" width="${fmt(side)}" height="${fmt(side)}" fill="${n.fill}">${title}</rect>`;
  }
  return `<circle class="thumb-population" cx="${fmt(n.x)}" cy="${fmt(n.y)}" r="${fmt(n.r)}" fill="${n.fill}" fill-opacity="0.85" stroke="var(--panel)" stroke-width="1">${title}</circle>`;
}

/** The thumbnail of `doc` as SVG text: one `<circle class="thumb-population">` per population. */
export function projectThumbnailSvg(doc: ProjectDoc, options: ThumbnailOptions = {}): string {
  const width = options.width ?? 176;
  const height = options.height ?? 104;
  const { nodes, edges } = collect(doc);
  place(doc, nodes, edges);
  fit(nodes, edges, width, height);
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const parts = edges.map((e) => drawEdge(e, byKey.get(e.from)!, byKey.get(e.to)!));
  parts.push(...nodes.filter((n) => n.kind === 'stimulus').map(drawNode), ...nodes.filter((n) => n.kind === 'population').map(drawNode));
  const pops = doc.populations.length;
  const label = `Network diagram: ${pops} population${pops === 1 ? '' : 's'}, ${(doc.projections ?? []).length} projection${(doc.projections ?? []).length === 1 ? '' : 's'}, ${(doc.stimuli ?? []).length} stimul${(doc.stimuli ?? []).length === 1 ? 'us' : 'i'}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="thumb" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(label)}">${parts.join('')}</svg>`;
}

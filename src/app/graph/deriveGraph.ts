/**
 * The graph is a view of the project document: this pure function derives React Flow nodes and
 * edges from it (populations, stimuli, recorders as nodes; projections, stimulus → target and
 * population → recorder as edges). Positions come from `doc.layout`; nodes without one are placed
 * automatically (autoLayout), deterministically, so the same document always looks the same.
 */
import type { Position, ProjectDoc } from '../store/document';
import { nodeKey, positionOf, recordingId } from '../store/document';
import { boundsOf, layoutPositions, type LayoutLink, type LayoutNode } from './autoLayout';
import { connectivityLabel, formatValue, neuronList, recordingInterval, stimulusLines, withUnit, type AnyValue } from './format';
import { inputUnit, isSpikeSource, paramUnit, type Catalog } from './models';
import { COLLAPSED_ROWS, paramRows } from './paramRows';
import type { DerivedGraph, GraphEdge, GraphNode, PopulationNodeData, RecorderNodeData, StimulusNodeData } from './types';

export const POPULATION_WIDTH = 230;
export const SMALL_NODE_WIDTH = 190;
const ARROW = { type: 'arrowclosed', width: 16, height: 16 } as const;
/** How far below the saved nodes new populations go. */
const STACK_GAP = 80;

/** A node's size before React Flow has measured it (close to what the CSS renders). */
export function estimateSize(data: GraphNode['data']): { width: number; height: number } {
  switch (data.kind) {
    case 'population': {
      const rows = Math.min(data.params.length, COLLAPSED_ROWS + 1);
      return { width: POPULATION_WIDTH, height: 62 + 17 * rows + (data.channels.length > 0 ? 28 : 0) };
    }
    case 'stimulus':
      return { width: SMALL_NODE_WIDTH, height: 40 + 16 * data.lines.length };
    case 'recording':
      return { width: SMALL_NODE_WIDTH, height: 40 + 16 * 3 };
  }
}

export function deriveGraph(doc: ProjectDoc, catalog: Catalog): DerivedGraph {
  const catalogReady = catalog.size > 0;
  const modelOf = new Map(doc.populations.map((p) => [p.id, p.model]));
  const datas: GraphNode['data'][] = [];
  const links: LayoutLink[] = [];
  const edges: GraphEdge[] = [];

  doc.populations.forEach((pop, index) => {
    const info = catalog.get(pop.model);
    const data: PopulationNodeData = {
      kind: 'population',
      id: pop.id,
      label: pop.label,
      model: pop.model,
      size: pop.size,
      modelKnown: !catalogReady || info !== undefined,
      isSource: isSpikeSource(info),
      colorIndex: index,
      params: paramRows(pop, info),
      channels: (pop.channels ?? []).map((c, i) => ({ model: c.model, index: i })),
      integrator: pop.integrator,
    };
    datas.push(data);
  });

  const parallel = new Map<string, number>();
  for (const proj of doc.projections ?? []) {
    const pair = `${proj.pre}\u0000${proj.post}`;
    const k = parallel.get(pair) ?? 0;
    parallel.set(pair, k + 1);
    const synapse = catalog.get(proj.synapse);
    const wUnit = paramUnit(synapse, 'w');
    const wDefault = synapse?.params.find((p) => p.name === 'w');
    const weight =
      proj.weight !== undefined
        ? `w = ${formatValue(proj.weight as AnyValue, wUnit)}`
        : wDefault
          ? `w = ${withUnit(wDefault.defaultValue, wDefault.unit)} (default)`
          : 'w = model default';
    const delay = proj.delayMs !== undefined ? `d = ${formatValue(proj.delayMs as AnyValue, 'ms')}` : 'd = 0 ms';
    if (modelOf.has(proj.pre) && modelOf.has(proj.post)) {
      edges.push({
        id: projectionEdgeId(proj.id),
        type: 'projection',
        source: proj.pre,
        target: proj.post,
        data: { kind: 'projection', id: proj.id, synapse: proj.synapse, connectivity: connectivityLabel(proj.connectivity), weight, delay, label: proj.label, parallel: k, lane: 0 },
        markerEnd: ARROW,
        domAttributes: testId(`edge-${proj.id}`),
        ariaLabel: `Projection ${proj.id}: ${proj.pre} to ${proj.post}`,
      });
      links.push({ source: proj.pre, target: proj.post });
    }
  }

  for (const stim of doc.stimuli ?? []) {
    const key = nodeKey({ kind: 'stimulus', id: stim.id });
    const unit = inputUnit(catalog, modelOf.get(stim.target), stim.input);
    const data: StimulusNodeData = { kind: 'stimulus', id: stim.id, type: stim.type, target: stim.target, lines: stimulusLines(stim, unit) };
    datas.push(data);
    if (modelOf.has(stim.target)) {
      edges.push(attachmentEdge('stimulus', key, key, stim.target));
      links.push({ source: key, target: stim.target });
    }
  }

  (doc.recordings ?? []).forEach((rec, i) => {
    const id = recordingId(rec, i);
    const key = nodeKey({ kind: 'recording', id });
    const data: RecorderNodeData = {
      kind: 'recording',
      id,
      population: rec.population,
      variables: rec.variables,
      neurons: neuronList(rec.neurons, [0]),
      interval: recordingInterval(rec),
    };
    datas.push(data);
    if (modelOf.has(rec.population)) {
      edges.push(attachmentEdge('recording', key, rec.population, key));
      links.push({ source: rec.population, target: key });
    }
  });

  const positions = placeNodes(doc, datas, links);
  const nodes = datas.map((data) => toNode(data, positions[keyOf(data)]));
  return { nodes, edges: withLanes(edges, positions) };
}

/** Numbers the backwards projections (post left of pre) in document order. */
function withLanes(edges: GraphEdge[], positions: Record<string, Position>): GraphEdge[] {
  let lane = 0;
  return edges.map((e) => {
    if (e.type !== 'projection' || e.source === e.target || positions[e.target].x >= positions[e.source].x) return e;
    return { ...e, data: { ...e.data!, lane: lane++ } };
  });
}

export function projectionEdgeId(id: string): string {
  return `projection:${id}`;
}

export function keyOf(data: GraphNode['data']): string {
  return data.kind === 'population' ? data.id : nodeKey({ kind: data.kind, id: data.id });
}

function testId(id: string) {
  return { 'data-testid': id } as Record<string, string>;
}

function attachmentEdge(kind: 'stimulus' | 'recording', owner: string, source: string, target: string): GraphEdge {
  return {
    id: `attach:${owner}`,
    type: 'attachment',
    source,
    target,
    data: { kind, owner },
    markerEnd: ARROW,
    domAttributes: testId(`edge-${owner}`),
    ariaLabel: kind === 'stimulus' ? `Stimulus ${owner} drives ${target}` : `${source} is recorded by ${owner}`,
  };
}

function toNode(data: GraphNode['data'], position: Position): GraphNode {
  const key = keyOf(data);
  const common = { id: key, position, domAttributes: testId(`node-${key}`) };
  switch (data.kind) {
    case 'population':
      return { ...common, type: 'population', data, ariaLabel: `Population ${data.id}, ${data.model} × ${data.size}` };
    case 'stimulus':
      return { ...common, type: 'stimulus', data, ariaLabel: `Stimulus ${data.id} (${data.type})` };
    case 'recording':
      return { ...common, type: 'recorder', data, ariaLabel: `Recorder ${data.id} of ${data.population}` };
  }
}

/**
 * Saved positions where the document has them. Otherwise: with nothing saved, the auto layout;
 * with some saved, unsaved populations go (auto-laid out among themselves) below everything saved,
 * and an unsaved stimulus or recorder keeps its auto-layout offset from its population.
 */
function placeNodes(doc: ProjectDoc, datas: readonly GraphNode['data'][], links: readonly LayoutLink[]): Record<string, Position> {
  const out: Record<string, Position> = {};
  const missing: GraphNode['data'][] = [];
  for (const d of datas) {
    const p = positionOf(doc, keyOf(d));
    if (p) out[keyOf(d)] = p;
    else missing.push(d);
  }
  if (missing.length === 0) return out;
  const layoutNodes: LayoutNode[] = datas.map((d) => ({ key: keyOf(d), ...estimateSize(d) }));
  const auto = layoutPositions(layoutNodes, links);
  if (missing.length === datas.length) return auto;

  const sizes = new Map(layoutNodes.map((n) => [n.key, n]));
  const box = (key: string, p: Position) => ({ ...p, width: sizes.get(key)!.width, height: sizes.get(key)!.height });
  const saved = boundsOf(Object.entries(out).map(([k, p]) => box(k, p)))!;
  const newPops = missing.filter((d) => d.kind === 'population').map(keyOf);
  const autoPops = boundsOf(newPops.map((k) => box(k, auto[k])));
  if (autoPops) {
    const dx = saved.x - autoPops.x;
    const dy = saved.y + saved.height + STACK_GAP - autoPops.y;
    for (const k of newPops) out[k] = { x: auto[k].x + dx, y: auto[k].y + dy };
  }
  let stray = 0;
  for (const d of missing) {
    if (d.kind === 'population') continue;
    const key = keyOf(d);
    const anchor = d.kind === 'stimulus' ? d.target : d.population;
    const at = out[anchor];
    if (at && auto[anchor]) out[key] = { x: at.x + auto[key].x - auto[anchor].x, y: at.y + auto[key].y - auto[anchor].y };
    else out[key] = { x: saved.x + stray++ * (SMALL_NODE_WIDTH + 20), y: saved.y - 160 };
  }
  return out;
}

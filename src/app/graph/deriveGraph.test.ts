import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import { overlaps } from './autoLayout';
import { deriveGraph, estimateSize } from './deriveGraph';
import { libraryCatalog } from './testCatalog';
import type { GraphNode, PopulationNodeData, ProjectionEdgeData, RecorderNodeData, StimulusNodeData } from './types';

const catalog = libraryCatalog();
/** The shape of the old default example (one LIF population, two stimuli, a recorder). */
const example: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { dtMs: 0.1, durationMs: 500, seed: 7 },
  populations: [
    {
      id: 'exc',
      model: 'LIF',
      size: 20,
      params: {
        R: { dist: 'normal', mean: '1 Mohm', std: '0.1 Mohm', min: '0.7 Mohm', max: '1.3 Mohm' },
        tau_m: { dist: 'uniform', low: '8 ms', high: '20 ms' },
        t_ref: '3 ms',
      },
    },
  ],
  stimuli: [
    { type: 'step', id: 'drive', target: 'exc', amplitude: '14 nA', startMs: 50, stopMs: 450 },
    { type: 'noise', id: 'noise', target: 'exc', mean: '0 nA', std: '20 nA' },
  ],
  recordings: [{ population: 'exc', variables: ['v'], neurons: [0, 5, 10, 15] }],
  layout: { exc: { x: 200, y: 120 } },
};

/** CUBA-like: two populations, four projections (one a self-loop), no layout entries for stimuli. */
const network: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { dtMs: 0.1, durationMs: 1000 },
  populations: [
    { id: 'exc', model: 'LIF', size: 3200 },
    { id: 'inh', model: 'LIF', size: 800 },
    { id: 'ext', model: 'PoissonSource', size: 100 },
  ],
  projections: [
    { id: 'ee', pre: 'exc', post: 'exc', synapse: 'ExpVoltage', connectivity: { rule: 'fixed_probability', p: 0.02, allowSelf: true }, weight: '1.62 mV' },
    { id: 'ei', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.02 }, weight: 0.5 },
    { id: 'ie', pre: 'inh', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.02 }, weight: '-9 nA' },
    { id: 'xe', pre: 'ext', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'one_to_one' } },
  ],
  stimuli: [{ type: 'step', id: 'drive', target: 'inh', amplitude: 1 }],
  recordings: [{ id: 'vexc', population: 'exc', variables: ['v'] }],
  layout: {},
};

function node(nodes: GraphNode[], id: string) {
  const n = nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
}

const boxOf = (n: GraphNode) => ({ ...n.position, ...estimateSize(n.data) });

describe('deriveGraph', () => {
  it('makes a node for every population, stimulus and recording, keyed by nodeKey', () => {
    const { nodes } = deriveGraph(example, catalog);
    expect(nodes.map((n) => n.id)).toEqual(['exc', 'stimulus:drive', 'stimulus:noise', 'recording:rec1']);
    expect(nodes.map((n) => n.type)).toEqual(['population', 'stimulus', 'stimulus', 'recorder']);
    expect(node(nodes, 'exc').domAttributes).toEqual({ 'data-testid': 'node-exc' });
    expect(node(nodes, 'stimulus:drive').domAttributes).toEqual({ 'data-testid': 'node-stimulus:drive' });
  });

  it('lists every model parameter with units, highlighting the ones the document sets', () => {
    const pop = node(deriveGraph(example, catalog).nodes, 'exc').data as PopulationNodeData;
    expect(pop).toMatchObject({ model: 'LIF', size: 20, modelKnown: true, isSource: false, colorIndex: 0 });
    const rows = Object.fromEntries(pop.params.map((r) => [r.name, r]));
    expect(Object.keys(rows)).toEqual(['tau_m', 'R', 'v_rest', 'v_reset', 'thr', 't_ref']);
    expect(rows.R).toMatchObject({ text: 'normal(1 Mohm, 0.1 Mohm)', set: true });
    expect(rows.tau_m).toMatchObject({ text: 'uniform(8 ms, 20 ms)', set: true });
    expect(rows.t_ref).toMatchObject({ text: '3 ms', set: true });
    expect(rows.v_rest).toMatchObject({ text: '-65 mV', set: false, known: true });
  });

  it('summarises stimuli and recorders with units', () => {
    const { nodes } = deriveGraph(example, catalog);
    expect((node(nodes, 'stimulus:drive').data as StimulusNodeData).lines).toEqual(['14 nA', '50 – 450 ms']);
    expect((node(nodes, 'stimulus:noise').data as StimulusNodeData).lines).toEqual(['mean 0 nA, σ 20 nA', 'whole run']);
    expect(node(nodes, 'recording:rec1').data as RecorderNodeData).toMatchObject({ variables: ['v'], neurons: 'neurons 0, 5, 10, 15', interval: 'every step' });
  });

  it('bare numbers in stimuli get the target input unit', () => {
    const doc: ProjectDoc = { ...example, stimuli: [{ type: 'pulses', id: 'p', target: 'exc', amplitude: 2, widthMs: 5, periodMs: 20, count: 3 }] };
    const stim = node(deriveGraph(doc, catalog).nodes, 'stimulus:p').data as StimulusNodeData;
    expect(stim.lines[0]).toBe('2 nA, 5 ms every 20 ms × 3');
  });

  it('makes edges for projections (labelled), stimuli and recordings', () => {
    const { edges } = deriveGraph(network, catalog);
    const ee = edges.find((e) => e.id === 'projection:ee')!;
    expect(ee).toMatchObject({ source: 'exc', target: 'exc', type: 'projection', domAttributes: { 'data-testid': 'edge-ee' } });
    const data = ee.data as ProjectionEdgeData;
    expect(data).toMatchObject({ synapse: 'ExpVoltage', connectivity: 'p = 0.02', weight: 'w = 1.62 mV', delay: 'd = 0 ms' });
    // A bare number is in the synapse's declared unit of w.
    expect((edges.find((e) => e.id === 'projection:ei')!.data as ProjectionEdgeData).weight).toBe('w = 0.5 nA');
    expect((edges.find((e) => e.id === 'projection:xe')!.data as ProjectionEdgeData).connectivity).toBe('one-to-one');
    const attach = deriveGraph(example, catalog).edges;
    expect(attach.map((e) => [e.id, e.source, e.target])).toEqual([
      ['attach:stimulus:drive', 'stimulus:drive', 'exc'],
      ['attach:stimulus:noise', 'stimulus:noise', 'exc'],
      ['attach:recording:rec1', 'exc', 'recording:rec1'],
    ]);
    expect(attach[0].domAttributes).toEqual({ 'data-testid': 'edge-stimulus:drive' });
  });

  it('shows the synapse default weight when a projection sets none, and numbers parallel projections', () => {
    const doc: ProjectDoc = {
      ...example,
      projections: [
        { id: 'a', pre: 'exc', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_in_degree', k: 20 }, delayMs: 1.5 },
        { id: 'b', pre: 'exc', post: 'exc', synapse: 'ExpConductance', connectivity: { rule: 'all_to_all' }, weight: { dist: 'lognormal', median: '1 nS', sigma: 0.5 } },
      ],
    };
    const [a, b] = deriveGraph(doc, catalog).edges.filter((e) => e.type === 'projection').map((e) => e.data as ProjectionEdgeData);
    expect(a).toMatchObject({ connectivity: 'k_in = 20', weight: 'w = 0.1 nA (default)', delay: 'd = 1.5 ms', parallel: 0 });
    expect(b).toMatchObject({ connectivity: 'all-to-all', weight: 'w = lognormal(1 nS, σ = 0.5)', parallel: 1 });
  });

  it('keeps saved positions and places the others around their population, deterministically', () => {
    const first = deriveGraph(example, catalog);
    expect(node(first.nodes, 'exc').position).toEqual({ x: 200, y: 120 });
    const drive = node(first.nodes, 'stimulus:drive').position;
    const rec = node(first.nodes, 'recording:rec1').position;
    expect(drive.x + estimateSize(node(first.nodes, 'stimulus:drive').data).width).toBeLessThanOrEqual(200);
    expect(rec.x).toBeGreaterThanOrEqual(200 + estimateSize(node(first.nodes, 'exc').data).width);
    expect(deriveGraph(structuredClone(example), catalog).nodes.map((n) => n.position)).toEqual(first.nodes.map((n) => n.position));
  });

  it('lays out a document without layout tidily: every node placed, none overlapping', () => {
    const { nodes } = deriveGraph({ ...network, layout: undefined }, catalog);
    for (const n of nodes) expect(Number.isFinite(n.position.x) && Number.isFinite(n.position.y)).toBe(true);
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) expect(overlaps(boxOf(nodes[i]), boxOf(nodes[j]))).toBe(false);
  });

  it('puts a new population without position below the saved ones', () => {
    const doc: ProjectDoc = { ...example, populations: [...example.populations, { id: 'src', model: 'PoissonSource', size: 100 }] };
    const { nodes } = deriveGraph(doc, catalog);
    const exc = boxOf(node(nodes, 'exc'));
    const src = node(nodes, 'src');
    expect(src.position.y).toBeGreaterThanOrEqual(exc.y + exc.height);
    expect((src.data as PopulationNodeData).isSource).toBe(true);
    expect((src.data as PopulationNodeData).colorIndex).toBe(1);
  });

  it('works before the catalog is loaded, and flags unknown models once it is', () => {
    const early = node(deriveGraph(example, new Map()).nodes, 'exc').data as PopulationNodeData;
    expect(early.modelKnown).toBe(true);
    expect(early.params.map((r) => r.name)).toEqual(['R', 'tau_m', 't_ref']);
    const doc: ProjectDoc = { ...example, populations: [{ id: 'x', model: 'NoSuchCell', size: 1, params: { a: 1 } }] };
    const unknown = node(deriveGraph(doc, catalog).nodes, 'x').data as PopulationNodeData;
    expect(unknown.modelKnown).toBe(false);
  });

  it('flags a parameter the model does not declare', () => {
    const doc: ProjectDoc = { ...example, populations: [{ id: 'exc', model: 'LIF', size: 2, params: { tau: '5 ms' } }] };
    const rows = (node(deriveGraph(doc, catalog).nodes, 'exc').data as PopulationNodeData).params;
    expect(rows.at(-1)).toMatchObject({ name: 'tau', text: '5 ms', set: true, known: false });
  });

  it('lists channels as chips', () => {
    const doc: ProjectDoc = { ...example, populations: [{ id: 'soma', model: 'Compartment', size: 1, channels: [{ model: 'Na' }, { model: 'K' }] }], stimuli: [], recordings: [] };
    const pop = node(deriveGraph(doc, catalog).nodes, 'soma').data as PopulationNodeData;
    expect(pop.channels).toEqual([
      { model: 'Na', index: 0 },
      { model: 'K', index: 1 },
    ]);
  });

  it('numbers backwards projections (post left of pre) so their detours do not coincide', () => {
    const doc: ProjectDoc = {
      ...example,
      populations: [
        { id: 'a', model: 'LIF', size: 1 },
        { id: 'b', model: 'LIF', size: 1 },
      ],
      projections: ['ab:a:b', 'ba:b:a', 'ba2:b:a', 'aa:a:a'].map((spec) => {
        const [id, pre, post] = spec.split(':');
        return { id, pre, post, synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' } };
      }),
      stimuli: [],
      recordings: [],
      layout: { a: { x: 0, y: 0 }, b: { x: 500, y: 0 } },
    };
    const lanes = deriveGraph(doc, catalog).edges.map((e) => [(e.data as ProjectionEdgeData).id, (e.data as ProjectionEdgeData).lane]);
    expect(lanes).toEqual([
      ['ab', 0],
      ['ba', 0],
      ['ba2', 1],
      ['aa', 0],
    ]);
  });

  it('leaves out edges to populations that do not exist', () => {
    const doc: ProjectDoc = { ...example, stimuli: [{ type: 'step', id: 's', target: 'ghost', amplitude: 1 }], recordings: [] };
    const g = deriveGraph(doc, catalog);
    expect(g.nodes.map((n) => n.id)).toContain('stimulus:s');
    expect(g.edges).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import { selectionCounts, selectionTitle, selectionView } from './selectionView';

const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  name: 'demo',
  simulation: { durationMs: 100 },
  populations: [{ id: 'exc', model: 'LIF', size: 2 }],
  projections: [{ id: 'ee', pre: 'exc', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' } }],
  stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: 1 }],
  recordings: [{ population: 'exc', variables: ['v'] }],
};

describe('selectionView', () => {
  it('shows the project when nothing (existing) is selected', () => {
    expect(selectionView(doc, { nodes: [], projections: [] })).toEqual({ kind: 'project' });
    expect(selectionView(doc, { nodes: [{ kind: 'population', id: 'gone' }], projections: [] })).toEqual({ kind: 'project' });
    expect(selectionTitle({ kind: 'project' }, doc)).toEqual({ kind: 'Project', name: 'demo' });
  });
  it('finds each kind of thing', () => {
    expect(selectionView(doc, { nodes: [{ kind: 'population', id: 'exc' }], projections: [] })).toMatchObject({ kind: 'population', pop: { id: 'exc' } });
    expect(selectionView(doc, { nodes: [{ kind: 'stimulus', id: 'drive' }], projections: [] })).toMatchObject({ kind: 'stimulus', stim: { id: 'drive' } });
    expect(selectionView(doc, { nodes: [{ kind: 'recording', id: 'rec1' }], projections: [] })).toMatchObject({ kind: 'recording', id: 'rec1', rec: { population: 'exc' } });
    const proj = selectionView(doc, { nodes: [], projections: ['ee'] });
    expect(proj).toMatchObject({ kind: 'projection', proj: { id: 'ee' } });
    expect(selectionTitle(proj, doc)).toEqual({ kind: 'Projection', name: 'ee: exc → exc' });
  });
  it('summarises several', () => {
    const view = selectionView(doc, { nodes: [{ kind: 'population', id: 'exc' }, { kind: 'stimulus', id: 'drive' }], projections: ['ee'] });
    expect(view.kind).toBe('many');
    expect(selectionTitle(view, doc).name).toBe('3 items selected');
    expect(view.kind === 'many' && selectionCounts(view.items)).toBe('1 population, 1 projection, 1 stimulus');
  });
});

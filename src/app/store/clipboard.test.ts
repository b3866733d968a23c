import { describe, expect, it } from 'vitest';
import { parseProject } from '../../project/validate';
import { copyItems, pasteItems } from './clipboard';
import { DEFAULT_PROJECT_FOR_TESTS } from './testProject';
import type { ProjectDoc } from './document';

const network: ProjectDoc = {
  ...DEFAULT_PROJECT_FOR_TESTS,
  populations: [
    { id: 'exc', model: 'LIF', size: 20 },
    { id: 'inh', model: 'LIF', size: 5 },
  ],
  projections: [{ id: 'ei', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' } }],
  layout: { exc: { x: 0, y: 0 }, inh: { x: 100, y: 0 }, 'stimulus:drive': { x: -100, y: 0 } },
};

describe('copy and paste', () => {
  it('copies populations with the projections between them and pastes them with fresh ids', () => {
    const clip = copyItems(network, [
      { kind: 'population', id: 'exc' },
      { kind: 'population', id: 'inh' },
      { kind: 'stimulus', id: 'drive' },
    ]);
    expect(clip.projections.map((p) => p.id)).toEqual(['ei']);
    const { doc, nodes } = pasteItems(network, clip, { x: 30, y: 40 });
    expect(doc.populations.map((p) => p.id)).toEqual(['exc', 'inh', 'exc2', 'inh2']);
    expect(doc.projections?.[1]).toMatchObject({ id: 'ei2', pre: 'exc2', post: 'inh2' });
    expect(doc.stimuli?.[1]).toMatchObject({ id: 'drive2', target: 'exc2' });
    expect(doc.layout?.exc2).toEqual({ x: 30, y: 40 });
    expect(doc.layout?.['stimulus:drive2']).toEqual({ x: -70, y: 40 });
    expect(nodes).toContainEqual({ kind: 'population', id: 'inh2' });
    expect(parseProject(doc).ok).toBe(true);
  });

  it('leaves out projections to populations that were not copied', () => {
    const clip = copyItems(network, [{ kind: 'population', id: 'exc' }]);
    expect(clip.projections).toEqual([]);
  });

  it('a copied stimulus alone keeps its target', () => {
    const clip = copyItems(network, [{ kind: 'stimulus', id: 'drive' }]);
    const { doc } = pasteItems(network, clip, { x: 0, y: 0 });
    expect(doc.stimuli?.map((s) => [s.id, s.target])).toEqual([
      ['drive', 'exc'],
      ['drive2', 'exc'],
    ]);
  });

  it('pasting is independent of the clipboard (deep copies)', () => {
    const clip = copyItems(network, [{ kind: 'population', id: 'exc' }]);
    const { doc } = pasteItems(network, clip, { x: 0, y: 0 });
    (doc.populations[2] as { size: number }).size = 99;
    expect(clip.populations[0].size).toBe(20);
  });
});

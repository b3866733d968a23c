import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION } from '../store/projectStore';
import { mergeEdges, mergeNodes, sameSelection, selectedAttachments, selectionOf } from './sync';
import type { GraphEdge, GraphNode } from './types';

const pop = (id: string, x = 0): GraphNode => ({
  id,
  type: 'population',
  position: { x, y: 0 },
  data: { kind: 'population', id, model: 'LIF', size: 1, modelKnown: true, isSource: false, colorIndex: 0, params: [], channels: [] },
});
const proj = (id: string): GraphEdge => ({ id: `projection:${id}`, type: 'projection', source: 'a', target: 'b', data: { kind: 'projection', id, synapse: 'S', connectivity: '', weight: '', delay: '', parallel: 0, lane: 0 } });
const attach: GraphEdge = { id: 'attach:stimulus:s', type: 'attachment', source: 'stimulus:s', target: 'a', data: { kind: 'stimulus', owner: 'stimulus:s' } };

describe('sync', () => {
  it('nodes take the store selection and keep measured sizes and a drag in progress', () => {
    const prev = [{ ...pop('a', 50), measured: { width: 230, height: 120 }, dragging: true }, { ...pop('b'), measured: { width: 1, height: 2 } }];
    const merged = mergeNodes([pop('a', 0), pop('b', 10), pop('c')], prev as GraphNode[], { nodes: [{ kind: 'population', id: 'b' }], projections: [] });
    expect(merged.map((n) => n.selected)).toEqual([false, true, false]);
    expect(merged[0]).toMatchObject({ position: { x: 50, y: 0 }, dragging: true, measured: { width: 230, height: 120 } });
    expect(merged[1].position).toEqual({ x: 10, y: 0 });
    expect(merged[2].measured).toBeUndefined();
  });

  it('projection edges take the store selection; attachments keep their own', () => {
    const merged = mergeEdges([proj('p'), proj('q'), attach], [{ ...attach, selected: true }], { nodes: [], projections: ['q'] });
    expect(merged.map((e) => e.selected)).toEqual([false, true, true]);
    expect(selectedAttachments(merged)).toEqual(['stimulus:s']);
  });

  it('canvas selection → store selection, compared regardless of order', () => {
    const s = selectionOf([{ id: 'a' }, { id: 'stimulus:s' }, { id: 'recording:r' }], [proj('p'), attach]);
    expect(s).toEqual({
      nodes: [
        { kind: 'population', id: 'a' },
        { kind: 'stimulus', id: 's' },
        { kind: 'recording', id: 'r' },
      ],
      projections: ['p'],
    });
    expect(sameSelection(s, { nodes: [...s.nodes].reverse(), projections: ['p'] })).toBe(true);
    expect(sameSelection(s, EMPTY_SELECTION)).toBe(false);
    expect(sameSelection(EMPTY_SELECTION, { nodes: [], projections: [] })).toBe(true);
  });
});

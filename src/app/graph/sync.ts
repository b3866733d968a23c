/**
 * Keeping React Flow's node and edge arrays in step with the document and the store's selection.
 *
 * React Flow owns transient state: measured sizes, a drag in progress, the selection of
 * stimulus/recorder edges (which the store does not model). Everything else comes from the derived
 * graph. The selection goes both ways: the store's selection marks nodes and projection edges, and
 * a selection made in the canvas becomes a store selection (the inspector shows it).
 */
import { nodeKey, parseNodeKey, type NodeRef } from '../store/document';
import type { Selection } from '../store/projectStore';
import type { GraphEdge, GraphNode } from './types';

/** The derived nodes, selected as the store says, keeping what React Flow measured and a drag in progress. */
export function mergeNodes(derived: readonly GraphNode[], previous: readonly GraphNode[], selection: Selection): GraphNode[] {
  const prev = new Map(previous.map((n) => [n.id, n]));
  const selected = new Set(selection.nodes.map((n) => nodeKey(n)));
  return derived.map((n) => {
    const p = prev.get(n.id);
    const next = { ...n, selected: selected.has(n.id) } as GraphNode;
    if (p?.measured) next.measured = p.measured;
    if (p?.dragging) {
      next.position = p.position;
      next.dragging = true;
    }
    return next;
  });
}

/** The derived edges; projections selected as the store says, stimulus/recorder edges as before. */
export function mergeEdges(derived: readonly GraphEdge[], previous: readonly GraphEdge[], selection: Selection): GraphEdge[] {
  const prev = new Map(previous.map((e) => [e.id, e]));
  const projections = new Set(selection.projections);
  return derived.map((e) => {
    const selected = e.type === 'projection' ? projections.has(e.data!.id) : (prev.get(e.id)?.selected ?? false);
    return { ...e, selected } as GraphEdge;
  });
}

/** The store selection for what is selected in the canvas. */
export function selectionOf(nodes: readonly { id: string }[], edges: readonly GraphEdge[]): Selection {
  return {
    nodes: nodes.map((n): NodeRef => parseNodeKey(n.id)),
    projections: edges.filter((e) => e.type === 'projection').map((e) => (e.data as { id: string }).id),
  };
}

/** The owners (node keys) of the selected stimulus/recorder edges. */
export function selectedAttachments(edges: readonly GraphEdge[]): string[] {
  return edges.filter((e) => e.selected && e.type === 'attachment').map((e) => (e.data as { owner: string }).owner);
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a.nodes.length !== b.nodes.length || a.projections.length !== b.projections.length) return false;
  const keys = new Set(a.nodes.map((n) => nodeKey(n)));
  const projs = new Set(a.projections);
  return b.nodes.every((n) => keys.has(nodeKey(n))) && b.projections.every((p) => projs.has(p));
}

/**
 * React Flow's node and edge arrays for the derived graph. Transient state stays local (positions
 * while dragging, measured sizes, the selection of stimulus/recorder edges); a finished move
 * (mouse drag or arrow keys) becomes one `move` edit, and a selection made in the canvas becomes
 * the store's selection.
 */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type OnSelectionChangeParams } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { positionOf, type Position } from '../store/document';
import { projectStore, useProject } from '../store';
import { mergeEdges, mergeNodes, sameSelection, selectionOf } from './sync';
import type { DerivedGraph, GraphEdge, GraphNode } from './types';

export function useGraphFlow(derived: DerivedGraph) {
  const selection = useProject((s) => s.selection);
  const [nodes, setNodes] = useState<GraphNode[]>(() => mergeNodes(derived.nodes, [], selection));
  const [edges, setEdges] = useState<GraphEdge[]>(() => mergeEdges(derived.edges, [], selection));
  const derivedRef = useRef(derived);

  useEffect(() => {
    derivedRef.current = derived;
    setNodes((prev) => mergeNodes(derived.nodes, prev, selection));
    setEdges((prev) => mergeEdges(derived.edges, prev, selection));
  }, [derived, selection]);

  const onNodesChange = useCallback((changes: NodeChange<GraphNode>[]) => {
    setNodes((prev) => applyNodeChanges(changes, prev));
    // A position change with dragging === false ends a mouse drag or is an arrow-key move.
    const moved: Record<string, Position> = {};
    for (const c of changes) if (c.type === 'position' && c.dragging === false && c.position) moved[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
    const doc = projectStore.getState().doc;
    const shown = new Map(derivedRef.current.nodes.map((n) => [n.id, n.position]));
    const changed = Object.entries(moved).some(([key, p]) => {
      const before = positionOf(doc, key) ?? shown.get(key);
      return !before || Math.round(before.x) !== p.x || Math.round(before.y) !== p.y;
    });
    if (changed) projectStore.getState().dispatch({ type: 'move', positions: moved });
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<GraphEdge>[]) => {
    setEdges((prev) => applyEdgeChanges(changes, prev));
  }, []);

  const onSelectionChange = useCallback((params: OnSelectionChangeParams<GraphNode, GraphEdge>) => {
    const next = selectionOf(params.nodes, params.edges);
    const store = projectStore.getState();
    if (!sameSelection(next, store.selection)) store.select(next);
  }, []);

  return { nodes, edges, onNodesChange, onEdgesChange, onSelectionChange };
}

/**
 * The graph's commands (palette, connect, delete, duplicate, copy/paste, select all, auto-layout,
 * fit): each gathers its context from React Flow and the stores, asks actions.ts for a plan and
 * dispatches it, or shows why it was refused. Plans read the store's current document, never a
 * render's stale copy.
 */
import type { Connection, FinalConnectionState, ReactFlowInstance } from '@xyflow/react';
import { useCallback, useMemo, useState, type DragEvent, type RefObject } from 'react';
import type { Clipboard } from '../store/clipboard';
import { catalogStore, projectStore } from '../store';
import { EMPTY_SELECTION } from '../store/projectStore';
import { isRefused, planAutoLayout, planConnect, planCopy, planDelete, planPaletteAdd, planPaste, planSetSynapse, selectAll, type Plan } from './actions';
import { estimateSize } from './deriveGraph';
import { adoptClipboard, getGraphClipboard, nextPasteOffset, setGraphClipboard } from './graphClipboard';
import type { GraphMessageValue } from './GraphMessage';
import { decodeDrag, PALETTE_MIME, type PaletteItem, type PaletteKind } from './palette';
import { selectedAttachments } from './sync';
import type { GraphEdge, GraphNode } from './types';

const DUPLICATE_OFFSET = { x: 40, y: 40 };
/**
 * Zoom to fit leaves the nodes clear of React Flow's 40 px auto-pan band at the canvas edges
 * (otherwise starting a connection from a handle at the edge pans the view away under the pointer)
 * and of the graph toolbar over the top of the canvas.
 */
export const FIT_OPTIONS = { padding: { top: '64px', bottom: '56px', left: '56px', right: '56px' }, maxZoom: 1.2 } as const;

function nodeKeyAt(target: EventTarget | null, clientX: number, clientY: number): string | undefined {
  const el = (target as Element | null)?.closest?.('.react-flow__node') ?? document.elementFromPoint(clientX, clientY)?.closest('.react-flow__node');
  return el?.getAttribute('data-id') ?? undefined;
}

/**
 * `autoFit`: while true the view re-fits when the canvas is resized; the user panning or zooming
 * clears it, the Fit button sets it again.
 */
export function useGraphCommands(flow: ReactFlowInstance<GraphNode, GraphEdge>, canvas: RefObject<HTMLDivElement | null>, autoFit: RefObject<boolean>) {
  const [message, setMessage] = useState<GraphMessageValue | null>(null);
  const [nextSynapse, setNextSynapse] = useState<string | undefined>();

  const say = useCallback((text: string, tone: GraphMessageValue['tone']) => setMessage({ text, tone, serial: Date.now() }), []);
  const closeMessage = useCallback(() => setMessage(null), []);
  /** Another project: its messages and the synapse picked for it no longer apply. */
  const resetForProject = useCallback(() => {
    setMessage(null);
    setNextSynapse(undefined);
  }, []);

  const run = useCallback(
    (plan: Plan): boolean => {
      if (isRefused(plan)) {
        say(plan.refused, 'error');
        return false;
      }
      const store = projectStore.getState();
      if (!store.dispatch(plan.edit)) {
        say(projectStore.getState().editError ?? 'The edit could not be applied.', 'error');
        return false;
      }
      if (plan.select) projectStore.getState().select(plan.select);
      // A note explains what happened; otherwise an earlier refusal no longer applies.
      if (plan.note) say(plan.note, plan.edit.type === 'remove' ? 'error' : 'info');
      else setMessage(null);
      return true;
    },
    [say],
  );

  const viewportCentre = useCallback(() => {
    const r = canvas.current?.getBoundingClientRect();
    return r ? flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : undefined;
  }, [flow, canvas]);

  const doc = () => projectStore.getState().doc;
  const catalog = () => catalogStore.getState().byName;

  const pickSynapse = useCallback(
    (name: string) => {
      setNextSynapse(name);
      const selected = projectStore.getState().selection.projections;
      if (selected.length > 0) run(planSetSynapse(doc(), catalog(), name, selected));
      else say(`New connections will use ${name}. Drag from a population's right handle to another population.`, 'info');
    },
    [run, say],
  );

  const add = useCallback(
    (item: { kind: PaletteKind; name: string }, where: { at?: { x: number; y: number }; dropped?: boolean; dropOn?: string }) => {
      if (item.kind === 'synapse') return pickSynapse(item.name);
      const occupied = Object.fromEntries(
        flow.getNodes().map((n) => {
          const est = estimateSize(n.data);
          return [n.id, { ...n.position, width: n.measured?.width ?? est.width, height: n.measured?.height ?? est.height }];
        }),
      );
      run(planPaletteAdd(doc(), catalog(), item, { ...where, occupied, selection: projectStore.getState().selection }));
      canvas.current?.focus();
    },
    [run, pickSynapse, canvas, flow],
  );

  const activate = useCallback((item: PaletteItem) => add(item, { at: viewportCentre() }), [add, viewportCentre]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const item = decodeDrag(e.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      e.preventDefault();
      add(item, { at: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }), dropped: true, dropOn: nodeKeyAt(e.target, e.clientX, e.clientY) });
    },
    [add, flow],
  );

  const onConnect = useCallback((c: Connection) => run(planConnect(doc(), catalog(), c.source, c.target, nextSynapse)), [run, nextSynapse]);

  /** A refused drop on a handle says why; a drop anywhere on another node's body connects to it. */
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.fromNode || !state.fromHandle) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      const other = state.toNode?.id ?? nodeKeyAt(event.target, point.clientX, point.clientY);
      if (!other || (state.toNode === null && other === state.fromNode.id)) return;
      const [source, target] = state.fromHandle.type === 'source' ? [state.fromNode.id, other] : [other, state.fromNode.id];
      run(planConnect(doc(), catalog(), source, target, nextSynapse));
    },
    [run, nextSynapse],
  );

  const deleteSelection = useCallback(() => run(planDelete(projectStore.getState().selection, selectedAttachments(flow.getEdges()))), [run, flow]);

  const copy = useCallback((): Clipboard | undefined => {
    const shown = Object.fromEntries(flow.getNodes().map((n) => [n.id, n.position]));
    const clip = planCopy(doc(), projectStore.getState().selection, shown);
    if (!clip) say('Select the nodes to copy first.', 'error');
    return clip;
  }, [flow, say]);

  const copyToClipboard = useCallback(() => {
    const clip = copy();
    if (clip) setGraphClipboard(clip);
  }, [copy]);

  const paste = useCallback(
    (fromSystem?: Clipboard) => {
      if (fromSystem) adoptClipboard(fromSystem);
      const clip = getGraphClipboard();
      if (!clip) return say('The clipboard is empty: copy nodes first (Ctrl/⌘+C).', 'error');
      run(planPaste(doc(), clip, nextPasteOffset()));
    },
    [run, say],
  );

  const duplicate = useCallback(() => {
    const clip = copy();
    if (clip) run(planPaste(doc(), clip, DUPLICATE_OFFSET));
  }, [copy, run]);

  const selectEverything = useCallback(() => projectStore.getState().select(selectAll(doc())), []);
  const clearSelection = useCallback(() => projectStore.getState().select(EMPTY_SELECTION), []);

  const autoLayout = useCallback(() => {
    const nodes = flow.getNodes().map((n) => {
      const est = estimateSize(n.data);
      return { key: n.id, width: n.measured?.width ?? est.width, height: n.measured?.height ?? est.height };
    });
    const links = flow.getEdges().map((e) => ({ source: e.source, target: e.target }));
    if (run(planAutoLayout(nodes, links))) requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS));
  }, [flow, run]);

  const fit = useCallback(() => {
    autoFit.current = true;
    void flow.fitView({ ...FIT_OPTIONS, duration: 200 });
  }, [flow, autoFit]);

  return useMemo(
    () => ({
      message,
      closeMessage,
      resetForProject,
      say,
      nextSynapse,
      clearNextSynapse: () => setNextSynapse(undefined),
      activate,
      onDragOver,
      onDrop,
      onConnect,
      onConnectEnd,
      deleteSelection,
      copyToClipboard,
      paste,
      duplicate,
      selectEverything,
      clearSelection,
      autoLayout,
      fit,
    }),
    [message, closeMessage, resetForProject, say, nextSynapse, activate, onDragOver, onDrop, onConnect, onConnectEnd, deleteSelection, copyToClipboard, paste, duplicate, selectEverything, clearSelection, autoLayout, fit],
  );
}

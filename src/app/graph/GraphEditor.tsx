/**
 * The network editor (centre panel): a palette and a React Flow canvas showing the project
 * document as a graph. The graph is a view: nodes and edges are derived from the document
 * (deriveGraph), and every change the user makes is a typed edit dispatched to the project store,
 * so undo/redo covers all of it.
 */
import { Background, Controls, MiniMap, Panel, ReactFlow, ReactFlowProvider, useReactFlow, type Connection, type Edge, type IsValidConnection } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { catalogStore, projectStore, useCatalog, usePrefs, useProject } from '../store';
import { AttachmentEdgeComponent } from './AttachmentEdge';
import { checkConnection } from './connection';
import { deriveGraph } from './deriveGraph';
import { clipboardFromText } from './graphClipboard';
import { GraphMessage } from './GraphMessage';
import { GraphToolbar } from './GraphToolbar';
import { graphKeyAction, isTypingTarget } from './keyboard';
import { Palette } from './Palette';
import { PopulationNodeComponent } from './PopulationNode';
import { ProjectionEdgeComponent } from './ProjectionEdge';
import { RecorderNodeComponent } from './RecorderNode';
import { StimulusNodeComponent } from './StimulusNode';
import { selectedAttachments } from './sync';
import type { GraphEdge, GraphNode } from './types';
import { FIT_OPTIONS, useGraphCommands } from './useGraphCommands';
import { useGraphFlow } from './useGraphFlow';
import './GraphEditor.css';

const nodeTypes = { population: PopulationNodeComponent, stimulus: StimulusNodeComponent, recorder: RecorderNodeComponent };
const edgeTypes = { projection: ProjectionEdgeComponent, attachment: AttachmentEdgeComponent };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const MINIMAP_SIZE = { width: 150, height: 100 };

const minimapColor = (n: GraphNode): string =>
  n.type === 'stimulus' ? 'var(--node-stimulus)' : n.type === 'recorder' ? 'var(--node-recording)' : n.data.isSource ? 'var(--node-source)' : 'var(--node-population)';

export function GraphEditor() {
  return (
    <ReactFlowProvider>
      <GraphEditorInner />
    </ReactFlowProvider>
  );
}

function GraphEditorInner() {
  const doc = useProject((s) => s.doc);
  const projectSerial = useProject((s) => s.projectSerial);
  const catalog = useCatalog((s) => s.byName);
  const theme = usePrefs((s) => s.theme);
  const flow = useReactFlow<GraphNode, GraphEdge>();
  const canvas = useRef<HTMLDivElement>(null);
  const derived = useMemo(() => deriveGraph(doc, catalog), [doc, catalog]);
  const { nodes, edges, onNodesChange, onEdgesChange, onSelectionChange } = useGraphFlow(derived);
  const autoFit = useRef(true);
  const cmd = useGraphCommands(flow, canvas, autoFit);
  const pendingPaste = useRef(false);

  // Fit the view to a newly loaded project (and on first show) ...
  const { resetForProject } = cmd;
  useEffect(() => {
    autoFit.current = true;
    resetForProject();
    const id = requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS));
    return () => cancelAnimationFrame(id);
  }, [projectSerial, flow, resetForProject]);

  // ... and again when the panel is resized (the panel layout settles after the first paint), until
  // the user pans or zooms.
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      if (!autoFit.current) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => void flow.fitView(FIT_OPTIONS));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow]);

  // Ctrl/⌘+V: a spikeflow clipboard on the system clipboard (copied in another tab) wins; the
  // paste event carries it without a permission prompt. Without one, the page clipboard is used.
  const { paste } = cmd;
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (!pendingPaste.current) return;
      const clip = clipboardFromText(e.clipboardData?.getData('text/plain') ?? '');
      if (!clip) return;
      pendingPaste.current = false;
      e.preventDefault();
      paste(clip);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [paste]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (isTypingTarget(e.target)) return;
    const action = graphKeyAction(e);
    if (!action) return;
    if (action === 'paste') {
      // Not prevented: the browser's paste event may bring a clipboard from another tab.
      pendingPaste.current = true;
      setTimeout(() => {
        if (!pendingPaste.current) return;
        pendingPaste.current = false;
        paste();
      }, 0);
      return;
    }
    e.preventDefault();
    if (action === 'delete') cmd.deleteSelection();
    else if (action === 'duplicate') cmd.duplicate();
    else if (action === 'copy') cmd.copyToClipboard();
    else if (action === 'selectAll') cmd.selectEverything();
    else if (action === 'clear') cmd.clearSelection();
  };

  const isValidConnection: IsValidConnection<GraphEdge> = useCallback(
    (c: GraphEdge | Connection | Edge) => checkConnection(projectStore.getState().doc, catalogStore.getState().byName, c.source, c.target).ok,
    [],
  );

  const empty = doc.populations.length === 0 && (doc.stimuli ?? []).length === 0 && (doc.recordings ?? []).length === 0;
  const attachmentSelected = selectedAttachments(edges).length > 0;

  return (
    <div className="graph-editor">
      <Palette onActivate={cmd.activate} nextSynapse={cmd.nextSynapse} />
      <div className="graph-canvas" ref={canvas} tabIndex={-1} onKeyDown={onKeyDown} onDragOver={cmd.onDragOver} onDrop={cmd.onDrop} data-testid="graph-canvas" aria-label="Network graph">
        <ReactFlow<GraphNode, GraphEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onSelectionChange={onSelectionChange}
          onConnect={cmd.onConnect}
          onConnectEnd={cmd.onConnectEnd}
          isValidConnection={isValidConnection}
          colorMode={theme}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          onMoveStart={(event) => {
            if (event) autoFit.current = false;
          }}
          minZoom={0.1}
          maxZoom={2.5}
        >
          <Background gap={20} />
          <Controls showInteractive={false} />
          {!empty && <MiniMap pannable zoomable nodeColor={minimapColor} ariaLabel="Overview of the network" style={MINIMAP_SIZE} />}
          <Panel position="top-right">
            <GraphToolbar
              onAutoLayout={cmd.autoLayout}
              onFit={cmd.fit}
              onDelete={cmd.deleteSelection}
              onDuplicate={cmd.duplicate}
              nextSynapse={cmd.nextSynapse}
              onClearNextSynapse={cmd.clearNextSynapse}
              attachmentSelected={attachmentSelected}
            />
          </Panel>
        </ReactFlow>
        {empty && (
          <div className="graph-empty" data-testid="graph-empty">
            <strong>Add a population from the palette</strong>
            <span>Click a cell model on the left, or drag it here. Then connect populations by dragging from a node's right handle to another node.</span>
          </div>
        )}
        <GraphMessage message={cmd.message} onClose={cmd.closeMessage} />
      </div>
    </div>
  );
}

/** The buttons in the graph's corner: auto-layout, fit, delete and duplicate the selection. */
import { useProject } from '../store';
import './GraphToolbar.css';

export interface GraphToolbarProps {
  readonly onAutoLayout: () => void;
  readonly onFit: () => void;
  readonly onDelete: () => void;
  readonly onDuplicate: () => void;
  /** The synapse picked in the palette for new connections, shown so the choice is not hidden. */
  readonly nextSynapse?: string;
  readonly onClearNextSynapse: () => void;
  /** True when a stimulus or recorder edge is selected (deleting it explains why it cannot go). */
  readonly attachmentSelected: boolean;
}

export function GraphToolbar(props: GraphToolbarProps) {
  const selection = useProject((s) => s.selection);
  const anything = selection.nodes.length + selection.projections.length > 0 || props.attachmentSelected;
  const nodes = selection.nodes.length > 0;
  const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘' : 'Ctrl+';
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <button type="button" data-testid="graph-autolayout" onClick={props.onAutoLayout} title="Arrange the nodes left to right: stimuli → populations → recorders">
        Auto-layout
      </button>
      <button type="button" data-testid="graph-fit" onClick={props.onFit} title="Zoom to fit the whole network">
        Fit
      </button>
      <button type="button" data-testid="graph-delete" onClick={props.onDelete} disabled={!anything} title="Delete the selection (Delete)">
        Delete
      </button>
      <button type="button" data-testid="graph-duplicate" onClick={props.onDuplicate} disabled={!nodes} title={`Duplicate the selected nodes (${mod}D)`}>
        Duplicate
      </button>
      {props.nextSynapse && (
        <span className="graph-next-synapse" data-testid="graph-next-synapse" title="New connections use this synapse model">
          new connections: <strong>{props.nextSynapse}</strong>
          <button type="button" className="graph-next-synapse-x" aria-label="Use the default synapse for new connections" onClick={props.onClearNextSynapse}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}

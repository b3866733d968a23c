/**
 * A population on the canvas: id, model and size, the inserted channels (removable chips) and
 * every model parameter at a glance, `name = value unit`, with the ones the document sets
 * highlighted. Spike sources are drawn in the source colour.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { populationColor } from '../plots/colors';
import { projectStore } from '../store';
import { COLLAPSED_ROWS, visibleRows } from './paramRows';
import type { PopulationNode } from './types';
import './GraphNode.css';
import './PopulationNode.css';

function PopulationNodeView({ data, selected }: NodeProps<PopulationNode>) {
  const [expanded, setExpanded] = useState(false);
  const { shown, hidden } = visibleRows(data.params, expanded);
  const classes = ['graph-node', 'graph-pop', data.isSource ? 'is-source' : '', selected ? 'is-selected' : '', data.modelKnown ? '' : 'is-unknown'];
  const removeChannel = (index: number) => projectStore.getState().dispatch({ type: 'removeChannel', population: data.id, index });
  return (
    <div className={classes.filter(Boolean).join(' ')}>
      <Handle type="target" position={Position.Left} className="graph-handle" data-testid={`handle-target-${data.id}`} aria-label={`Input of ${data.id}`} />
      <div className="graph-node-head">
        <span className="graph-dot" style={{ background: populationColor(data.colorIndex) }} aria-hidden="true" />
        <span className="graph-node-id" title={data.label ?? data.id}>
          {data.id}
        </span>
        <span className="graph-pop-size" title={`${data.size} neurons`}>
          × {data.size}
        </span>
      </div>
      <div className="graph-pop-model">
        <span className="graph-pop-modelname">{data.model}</span>
        {data.isSource && <span className="graph-badge">spike source</span>}
        {!data.modelKnown && <span className="graph-badge is-warn">unknown model</span>}
      </div>
      {data.label && <div className="graph-pop-label">{data.label}</div>}
      {data.channels.length > 0 && (
        <div className="graph-chips">
          {data.channels.map((c) => (
            <span key={`${c.index}-${c.model}`} className="graph-chip" data-testid={`channel-${data.id}-${c.model}`}>
              {c.model}
              <button
                type="button"
                className="graph-chip-x nodrag"
                aria-label={`Remove channel ${c.model} from ${data.id}`}
                title={`Remove ${c.model}`}
                onClick={(e) => {
                  e.stopPropagation();
                  removeChannel(c.index);
                }}
              >
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {shown.length > 0 && (
        <ul className="graph-params" aria-label={`Parameters of ${data.id}`}>
          {shown.map((r) => (
            <li key={r.name} className={[r.set ? 'is-set' : '', r.known ? '' : 'is-unknown'].filter(Boolean).join(' ')} title={r.description || undefined}>
              <span className="graph-param-name">{r.name}</span> = <span className="graph-param-value">{r.text}</span>
            </li>
          ))}
        </ul>
      )}
      {(hidden > 0 || (expanded && data.params.length > COLLAPSED_ROWS + 1)) && (
        <button
          type="button"
          className="graph-more nodrag"
          onClick={(e) => {
            e.stopPropagation();
            setExpanded(!expanded);
          }}
          aria-expanded={expanded}
        >
          {expanded ? 'show less' : `+${hidden} more`}
        </button>
      )}
      <Handle type="source" position={Position.Right} className="graph-handle" data-testid={`handle-source-${data.id}`} aria-label={`Output of ${data.id}`} />
    </div>
  );
}

export const PopulationNodeComponent = memo(PopulationNodeView);

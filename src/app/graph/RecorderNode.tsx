/** A recorder on the canvas: the recorded variables and neurons; an edge comes from its population. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { RecorderNode } from './types';
import './GraphNode.css';

function RecorderNodeView({ data, selected }: NodeProps<RecorderNode>) {
  const key = `recording:${data.id}`;
  return (
    <div className={`graph-node graph-small graph-rec${selected ? ' is-selected' : ''}`}>
      <Handle type="target" position={Position.Left} className="graph-handle" data-testid={`handle-target-${key}`} aria-label={`Input of recorder ${data.id}`} />
      <div className="graph-node-head">
        <span className="graph-glyph" aria-hidden="true">
          ◉
        </span>
        <span className="graph-node-id">{data.id}</span>
        <span className="graph-kind">recorder</span>
      </div>
      <div className="graph-line is-main">{data.variables.join(', ')}</div>
      <div className="graph-line">{data.neurons}</div>
      <div className="graph-line">{data.interval}</div>
    </div>
  );
}

export const RecorderNodeComponent = memo(RecorderNodeView);

/** A stimulus on the canvas: its type and key values with units; an edge goes to its target. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StimulusType } from '../../project/schema';
import type { StimulusNode } from './types';
import './GraphNode.css';

/** A small glyph per stimulus type, so the shape of the input reads at a glance. */
export const STIMULUS_GLYPHS: Readonly<Record<StimulusType, string>> = {
  step: '⊓',
  ramp: '/',
  pulses: '⊓⊓',
  sine: '∿',
  noise: '≋',
  expression: 'f(t)',
  sampled: '⋯',
};

function StimulusNodeView({ data, selected }: NodeProps<StimulusNode>) {
  const key = `stimulus:${data.id}`;
  return (
    <div className={`graph-node graph-small graph-stim${selected ? ' is-selected' : ''}`}>
      <div className="graph-node-head">
        <span className="graph-glyph" aria-hidden="true">
          {STIMULUS_GLYPHS[data.type]}
        </span>
        <span className="graph-node-id">{data.id}</span>
        <span className="graph-kind">{data.type}</span>
      </div>
      {data.lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'graph-line is-main' : 'graph-line'}>
          {line}
        </div>
      ))}
      <Handle type="source" position={Position.Right} className="graph-handle" data-testid={`handle-source-${key}`} aria-label={`Output of stimulus ${data.id}`} />
    </div>
  );
}

export const StimulusNodeComponent = memo(StimulusNodeView);

/** The dashed edge from a stimulus to its target population, or from a population to its recorder. */
import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { AttachmentEdge } from './types';
import './GraphEdges.css';

function AttachmentEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd }: EdgeProps<AttachmentEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind === 'recording' ? 'is-rec' : 'is-stim';
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={14} className={`graph-attach-path ${kind}${selected ? ' is-selected' : ''}`} />;
}

export const AttachmentEdgeComponent = memo(AttachmentEdgeView);

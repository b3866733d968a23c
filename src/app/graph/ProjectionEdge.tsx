/**
 * A projection: an arrow from pre to post labelled with the synapse model, the connectivity rule,
 * the weight and the delay. A self-projection is drawn as a loop above its node; parallel
 * projections between the same pair bend apart so that each label stays readable.
 */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, useInternalNode, type EdgeProps } from '@xyflow/react';
import { memo, type MouseEvent } from 'react';
import { projectStore } from '../store';
import type { ProjectionEdge } from './types';
import './GraphEdges.css';

const LOOP_REACH = 70;
const LOOP_RISE = 36;
const PARALLEL_SHIFT = 46;

/** A path out of the source's right side, along `level` (above or below the nodes), into the target's left side. */
function aroundPath(sx: number, sy: number, tx: number, ty: number, level: number): string {
  const mx = (sx + tx) / 2;
  return `M ${sx} ${sy} C ${sx + LOOP_REACH} ${sy}, ${sx + LOOP_REACH} ${level}, ${mx} ${level} S ${tx - LOOP_REACH} ${ty}, ${tx} ${ty}`;
}

function ProjectionEdgeView(props: EdgeProps<ProjectionEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const pre = useInternalNode(source);
  const post = useInternalNode(target);
  const parallel = data?.parallel ?? 0;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (source === target) {
    // A loop: out of the right side, over the node, into the left side.
    const top = (pre?.internals.positionAbsolute.y ?? Math.min(sourceY, targetY) - 60) - LOOP_RISE - parallel * PARALLEL_SHIFT;
    path = aroundPath(sourceX, sourceY, targetX, targetY, top);
    [labelX, labelY] = [(sourceX + targetX) / 2, top];
  } else if (targetX < sourceX - 2 * LOOP_REACH / 3) {
    // Backwards (post left of pre): around below both nodes rather than through them.
    const bottom = (n: typeof pre) => (n ? n.internals.positionAbsolute.y + (n.measured.height ?? 0) : Math.max(sourceY, targetY));
    const level = Math.max(bottom(pre), bottom(post)) + LOOP_RISE + (data?.lane ?? 0) * PARALLEL_SHIFT;
    path = aroundPath(sourceX, sourceY, targetX, targetY, level);
    [labelX, labelY] = [(sourceX + targetX) / 2, level];
  } else {
    [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, curvature: 0.25 + 0.3 * parallel });
    labelY += parallel * PARALLEL_SHIFT;
  }
  const select = (e: MouseEvent) => {
    e.stopPropagation();
    if (!data) return;
    const s = projectStore.getState();
    const additive = e.shiftKey || e.metaKey || e.ctrlKey;
    const projections = additive ? [...s.selection.projections.filter((p) => p !== data.id), data.id] : [data.id];
    s.select({ nodes: additive ? s.selection.nodes : [], projections });
  };
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={18} className={selected ? 'graph-proj-path is-selected' : 'graph-proj-path'} />
      {data && (
        <EdgeLabelRenderer>
          <div
            className={`graph-edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${data.id}`}
            onClick={select}
            title={`${data.id}: ${source} → ${target}`}
          >
            {data.label && <div className="graph-edge-title">{data.label}</div>}
            <div className="graph-edge-syn">
              {data.synapse} · {data.connectivity}
            </div>
            <div className="graph-edge-values">
              {data.weight} · {data.delay}
            </div>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const ProjectionEdgeComponent = memo(ProjectionEdgeView);

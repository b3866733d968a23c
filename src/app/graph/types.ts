/**
 * What the graph view shows: React Flow nodes and edges with the data their components render.
 * All of it is derived from the project document (deriveGraph); nothing here is saved.
 */
import type { Edge, Node } from '@xyflow/react';
import type { StimulusType } from '../../project/schema';

/** One parameter line on a population node: `name = value unit`. */
export type ParamRow = {
  readonly name: string;
  /** The value as written in the document, or the model default, with its unit. */
  readonly text: string;
  /** True when the document sets it (shown highlighted). */
  readonly set: boolean;
  /** False for a parameter the model does not declare (a typo, or a model not in the catalog). */
  readonly known: boolean;
  readonly description: string;
};

export type ChannelChip = { readonly model: string; readonly index: number };

export type PopulationNodeData = {
  readonly kind: 'population';
  readonly id: string;
  readonly label?: string;
  readonly model: string;
  readonly size: number;
  /** False when the catalog (once loaded) does not know the model. */
  readonly modelKnown: boolean;
  readonly isSource: boolean;
  /** Index among the populations: picks the colour dot (same colour as in the plots). */
  readonly colorIndex: number;
  readonly params: readonly ParamRow[];
  readonly channels: readonly ChannelChip[];
  readonly integrator?: string;
  [key: string]: unknown;
};

export type StimulusNodeData = {
  readonly kind: 'stimulus';
  readonly id: string;
  readonly type: StimulusType;
  readonly target: string;
  /** Key values with units, one per line ("14 nA", "50 – 450 ms"). */
  readonly lines: readonly string[];
  [key: string]: unknown;
};

export type RecorderNodeData = {
  readonly kind: 'recording';
  readonly id: string;
  readonly population: string;
  readonly variables: readonly string[];
  /** "neurons 0, 5, 10", "all neurons". */
  readonly neurons: string;
  /** "every step", "every 1 ms". */
  readonly interval: string;
  [key: string]: unknown;
};

export type PopulationNode = Node<PopulationNodeData, 'population'>;
export type StimulusNode = Node<StimulusNodeData, 'stimulus'>;
export type RecorderNode = Node<RecorderNodeData, 'recorder'>;
export type GraphNode = PopulationNode | StimulusNode | RecorderNode;

export type ProjectionEdgeData = {
  readonly kind: 'projection';
  readonly id: string;
  readonly synapse: string;
  /** "p = 0.02", "all-to-all", "k_in = 20". */
  readonly connectivity: string;
  /** "w = 1.62 mV"; "w = 0.1 nA (default)" when the projection does not set it. */
  readonly weight: string;
  /** "d = 1 ms". */
  readonly delay: string;
  readonly label?: string;
  /** Position among projections with the same pre and post (spreads parallel edges apart). */
  readonly parallel: number;
  /**
   * For a backwards projection (post placed left of pre, drawn around below the nodes): its lane
   * among the backwards projections, so that their paths and labels do not coincide.
   */
  readonly lane: number;
  [key: string]: unknown;
};

/** The edge from a stimulus to its target, or from a population to its recorder. */
export type AttachmentEdgeData = {
  readonly kind: 'stimulus' | 'recording';
  /** The node key of the stimulus or recorder. */
  readonly owner: string;
  [key: string]: unknown;
};

export type ProjectionEdge = Edge<ProjectionEdgeData, 'projection'>;
export type AttachmentEdge = Edge<AttachmentEdgeData, 'attachment'>;
export type GraphEdge = ProjectionEdge | AttachmentEdge;

export interface DerivedGraph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

/**
 * The project document as the editor holds it: the JSON a user would save (the project file's
 * input form, defaults may be missing), plus the names the editor uses for the things in it.
 *
 * The graph, the inspector and the plots are all derived from this one value; nothing else holds
 * project data.
 */
import type { ProjectInput } from '../../project/schema';

export type ProjectDoc = ProjectInput;
export type PopulationDoc = ProjectDoc['populations'][number];
export type ProjectionDoc = NonNullable<ProjectDoc['projections']>[number];
export type StimulusDoc = NonNullable<ProjectDoc['stimuli']>[number];
export type RecordingDoc = NonNullable<ProjectDoc['recordings']>[number];
export type ChannelDoc = NonNullable<PopulationDoc['channels']>[number];
/** A parameter value as written in a project file: number, "12 ms", array, distribution. */
export type ValueDoc = NonNullable<PopulationDoc['params']>[string];
/** The parameter-fitting setup (project/fitSchema.ts), as written in a project file. */
export type FitDoc = NonNullable<ProjectDoc['fit']>;

export interface Position {
  readonly x: number;
  readonly y: number;
}

/** A thing in the project that the editor shows as a node. */
export type NodeRef =
  | { readonly kind: 'population'; readonly id: string }
  | { readonly kind: 'stimulus'; readonly id: string }
  | { readonly kind: 'recording'; readonly id: string };

/** A thing the editor shows as an edge (projections; the other edges follow their nodes). */
export type EdgeRef = { readonly kind: 'projection'; readonly id: string };

export type ItemRef = NodeRef | EdgeRef;

/** The key of a node in React Flow and in `layout`. Populations keep their bare id (files in the wild use it). */
export function nodeKey(ref: NodeRef): string {
  return ref.kind === 'population' ? ref.id : `${ref.kind}:${ref.id}`;
}

export function parseNodeKey(key: string): NodeRef {
  const colon = key.indexOf(':');
  if (colon > 0) {
    const kind = key.slice(0, colon);
    if (kind === 'stimulus' || kind === 'recording') return { kind, id: key.slice(colon + 1) };
  }
  return { kind: 'population', id: key };
}

export function edgeKey(ref: EdgeRef): string {
  return `projection:${ref.id}`;
}

/** The id of a recording: its own, or its position for files that did not name it. */
export function recordingId(recording: RecordingDoc, index: number): string {
  return recording.id ?? `rec${index + 1}`;
}

export function positionOf(doc: ProjectDoc, key: string): Position | undefined {
  const p = doc.layout?.[key] as Partial<Position> | undefined;
  return p && typeof p.x === 'number' && typeof p.y === 'number' ? { x: p.x, y: p.y } : undefined;
}

/** Every id in use (populations, projections, stimuli, recordings share one namespace in the editor). */
export function usedIds(doc: ProjectDoc): Set<string> {
  const ids = new Set<string>();
  for (const p of doc.populations) ids.add(p.id);
  for (const p of doc.projections ?? []) ids.add(p.id);
  for (const s of doc.stimuli ?? []) ids.add(s.id);
  (doc.recordings ?? []).forEach((r, i) => ids.add(recordingId(r, i)));
  return ids;
}

/** `base`, or `base2`, `base3`, ... : the first that is free. Ids must be identifiers. */
export function freshId(doc: ProjectDoc, base: string, taken: Set<string> = usedIds(doc)): string {
  let stem = base.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(stem)) stem = `n_${stem}`;
  stem = stem.replace(/\d+$/, '') || stem;
  if (!taken.has(base) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(base)) return base;
  for (let k = 2; ; k++) {
    const candidate = `${stem}${k}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A small valid project to start from. */
export function emptyProject(): ProjectDoc {
  return {
    format: 'spikeflow-project',
    version: 1,
    name: 'Untitled project',
    simulation: { dtMs: 0.1, durationMs: 500, seed: 1 },
    populations: [],
  };
}

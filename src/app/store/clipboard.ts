/**
 * Copy/paste and duplicate: a clipboard is a self-contained slice of a project (the selected
 * populations, stimuli and recordings, and every projection between two selected populations); pasting
 * gives every item a fresh id and rewires the references inside the slice.
 */
import {
  freshId,
  nodeKey,
  positionOf,
  recordingId,
  usedIds,
  type NodeRef,
  type PopulationDoc,
  type Position,
  type ProjectDoc,
  type ProjectionDoc,
  type RecordingDoc,
  type StimulusDoc,
} from './document';

export interface Clipboard {
  readonly format: 'spikeflow-clipboard';
  readonly populations: readonly PopulationDoc[];
  readonly projections: readonly ProjectionDoc[];
  readonly stimuli: readonly StimulusDoc[];
  readonly recordings: readonly RecordingDoc[];
  /** Node positions by node key (as in `layout`). */
  readonly positions: Readonly<Record<string, Position>>;
}

export function isClipboard(value: unknown): value is Clipboard {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'spikeflow-clipboard';
}

/**
 * The selected nodes as a clipboard. A stimulus or recording comes along only if its population is
 * selected or it is selected itself (then it keeps pointing at the original population).
 */
export function copyItems(doc: ProjectDoc, nodes: readonly NodeRef[]): Clipboard {
  const want = (kind: NodeRef['kind']) => new Set(nodes.filter((n) => n.kind === kind).map((n) => n.id));
  const pops = want('population');
  const stims = want('stimulus');
  const recs = want('recording');
  const populations = doc.populations.filter((p) => pops.has(p.id));
  const projections = (doc.projections ?? []).filter((p) => pops.has(p.pre) && pops.has(p.post));
  const stimuli = (doc.stimuli ?? []).filter((s) => stims.has(s.id));
  const recordings = (doc.recordings ?? []).map((r, i) => ({ ...r, id: recordingId(r, i) })).filter((r) => recs.has(r.id!));
  const positions: Record<string, Position> = {};
  const keep = (ref: NodeRef) => {
    const p = positionOf(doc, nodeKey(ref));
    if (p) positions[nodeKey(ref)] = p;
  };
  populations.forEach((p) => keep({ kind: 'population', id: p.id }));
  stimuli.forEach((s) => keep({ kind: 'stimulus', id: s.id }));
  recordings.forEach((r) => keep({ kind: 'recording', id: r.id! }));
  return structuredClone({ format: 'spikeflow-clipboard', populations, projections, stimuli, recordings, positions });
}

/** Inserts a clipboard with fresh ids, shifted by `offset`; returns the new document and the new nodes. */
export function pasteItems(doc: ProjectDoc, clip: Clipboard, offset: Position): { doc: ProjectDoc; nodes: NodeRef[] } {
  const taken = usedIds(doc);
  const rename = new Map<string, string>();
  const fresh = (id: string) => {
    const next = freshId(doc, id, taken);
    taken.add(next);
    return next;
  };
  for (const p of clip.populations) rename.set(p.id, fresh(p.id));
  const pop = (id: string) => rename.get(id) ?? id;
  const layout: Record<string, unknown> = { ...(doc.layout ?? {}) };
  const nodes: NodeRef[] = [];
  const at = (oldKey: string, ref: NodeRef, index: number) => {
    const p = clip.positions[oldKey] ?? { x: 40 * index, y: 40 * index };
    layout[nodeKey(ref)] = { x: p.x + offset.x, y: p.y + offset.y };
    nodes.push(ref);
  };
  const populations = clip.populations.map((p, i) => {
    const id = pop(p.id);
    at(nodeKey({ kind: 'population', id: p.id }), { kind: 'population', id }, i);
    return { ...structuredClone(p), id };
  });
  const projections = clip.projections.map((p) => ({ ...structuredClone(p), id: fresh(p.id), pre: pop(p.pre), post: pop(p.post) }));
  const stimuli = clip.stimuli.map((s, i) => {
    const id = fresh(s.id);
    at(nodeKey({ kind: 'stimulus', id: s.id }), { kind: 'stimulus', id }, i);
    return { ...structuredClone(s), id, target: pop(s.target) };
  });
  const recordings = clip.recordings.map((r, i) => {
    const id = fresh(r.id ?? 'rec');
    at(nodeKey({ kind: 'recording', id: r.id ?? '' }), { kind: 'recording', id }, i);
    return { ...structuredClone(r), id, population: pop(r.population) };
  });
  // References to populations outside the clipboard must still exist in the target document.
  const exists = new Set([...doc.populations.map((p) => p.id), ...populations.map((p) => p.id)]);
  return {
    doc: {
      ...doc,
      populations: [...doc.populations, ...populations],
      projections: [...(doc.projections ?? []), ...projections],
      stimuli: [...(doc.stimuli ?? []), ...stimuli.filter((s) => exists.has(s.target))],
      recordings: [...(doc.recordings ?? []), ...recordings.filter((r) => exists.has(r.population))],
      layout,
    },
    nodes,
  };
}

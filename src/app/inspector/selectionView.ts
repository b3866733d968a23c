/**
 * What the inspector shows for a selection: the project (nothing selected), one thing, or a
 * summary of several. Resolved against the document, so a stale selection shows the project.
 */
import { recordingId, type ItemRef, type PopulationDoc, type ProjectDoc, type ProjectionDoc, type RecordingDoc, type StimulusDoc } from '../store/document';
import type { Selection } from '../store/projectStore';

export type SelectionView =
  | { readonly kind: 'project' }
  | { readonly kind: 'population'; readonly pop: PopulationDoc }
  | { readonly kind: 'stimulus'; readonly stim: StimulusDoc }
  | { readonly kind: 'recording'; readonly rec: RecordingDoc; readonly id: string }
  | { readonly kind: 'projection'; readonly proj: ProjectionDoc }
  | { readonly kind: 'many'; readonly items: readonly ItemRef[] };

export function selectionView(doc: ProjectDoc, selection: Selection): SelectionView {
  const items: ItemRef[] = [...selection.nodes, ...selection.projections.map((id) => ({ kind: 'projection' as const, id }))].filter((item) => exists(doc, item));
  if (items.length === 0) return { kind: 'project' };
  if (items.length > 1) return { kind: 'many', items };
  const item = items[0];
  switch (item.kind) {
    case 'population':
      return { kind: 'population', pop: doc.populations.find((p) => p.id === item.id)! };
    case 'stimulus':
      return { kind: 'stimulus', stim: (doc.stimuli ?? []).find((s) => s.id === item.id)! };
    case 'recording': {
      const recs = doc.recordings ?? [];
      const k = recs.findIndex((r, i) => recordingId(r, i) === item.id);
      return { kind: 'recording', rec: recs[k], id: item.id };
    }
    case 'projection':
      return { kind: 'projection', proj: (doc.projections ?? []).find((p) => p.id === item.id)! };
  }
}

function exists(doc: ProjectDoc, item: ItemRef): boolean {
  switch (item.kind) {
    case 'population':
      return doc.populations.some((p) => p.id === item.id);
    case 'stimulus':
      return (doc.stimuli ?? []).some((s) => s.id === item.id);
    case 'recording':
      return (doc.recordings ?? []).some((r, i) => recordingId(r, i) === item.id);
    case 'projection':
      return (doc.projections ?? []).some((p) => p.id === item.id);
  }
}

const KIND_LABELS: Record<SelectionView['kind'], string> = {
  project: 'Project',
  population: 'Population',
  stimulus: 'Stimulus',
  recording: 'Recording',
  projection: 'Projection',
  many: 'Selection',
};

/** The inspector's heading: what kind of thing, and which. */
export function selectionTitle(view: SelectionView, doc: ProjectDoc): { readonly kind: string; readonly name: string } {
  switch (view.kind) {
    case 'project':
      return { kind: KIND_LABELS.project, name: doc.name ?? 'Untitled project' };
    case 'population':
      return { kind: KIND_LABELS.population, name: view.pop.id };
    case 'stimulus':
      return { kind: KIND_LABELS.stimulus, name: view.stim.id };
    case 'recording':
      return { kind: KIND_LABELS.recording, name: view.id };
    case 'projection':
      return { kind: KIND_LABELS.projection, name: `${view.proj.id}: ${view.proj.pre} → ${view.proj.post}` };
    case 'many':
      return { kind: KIND_LABELS.many, name: `${view.items.length} items selected` };
  }
}

/** Counts of a multiple selection by kind: "2 populations, 1 projection". */
export function selectionCounts(items: readonly ItemRef[]): string {
  const order: ItemRef['kind'][] = ['population', 'projection', 'stimulus', 'recording'];
  const plural: Record<ItemRef['kind'], string> = { population: 'populations', projection: 'projections', stimulus: 'stimuli', recording: 'recordings' };
  return order
    .map((kind) => [kind, items.filter((i) => i.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${n === 1 ? kind : plural[kind]}`)
    .join(', ');
}

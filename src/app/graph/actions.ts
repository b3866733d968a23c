/**
 * Every user action of the graph, as a pure plan: the typed edit to dispatch (one undo step) and
 * what to select afterwards, or the reason the action is refused (shown to the user). The React
 * components only gather the context (selection, drop point) and dispatch what these return.
 */
import { presetById, presetProjectParts } from '../../library/presets';
import type { StimulusType } from '../../project/schema';
import { copyItems, pasteItems, type Clipboard } from '../store/clipboard';
import { nodeKey, parseNodeKey, positionOf, recordingId, type NodeRef, type Position, type ProjectDoc, type ProjectionDoc } from '../store/document';
import type { Edit } from '../store/edits';
import type { Selection } from '../store/projectStore';
import { layoutPositions, type LayoutLink, type LayoutNode } from './autoLayout';
import { checkConnection, defaultWeight, newProjection } from './connection';
import { newPopulation, newRecording, newStimulus } from './defaults';
import { NEW_SIZE, placeNew, type PlacementContext } from './placement';
import { isSpikeSource, type Catalog } from './models';
import type { PaletteKind } from './palette';

export type Plan = { readonly edit: Edit; readonly select?: Selection; readonly note?: string } | { readonly refused: string };

export function isRefused(plan: Plan): plan is Extract<Plan, { readonly refused: string }> {
  return 'refused' in plan;
}

export interface AddContext extends PlacementContext {
  /** The node key under the drop point, if the item was dropped onto a node. */
  readonly dropOn?: string;
  readonly selection: Selection;
}

const selectNode = (ref: NodeRef): Selection => ({ nodes: [ref], projections: [] });

function selectedPopulations(selection: Selection): string[] {
  return selection.nodes.filter((n) => n.kind === 'population').map((n) => n.id);
}

/** The population a new stimulus or recorder attaches to: the drop target, the selection, else the first. */
function anchorPopulation(doc: ProjectDoc, ctx: AddContext): string | undefined {
  if (ctx.dropOn) {
    const ref = parseNodeKey(ctx.dropOn);
    if (ref.kind === 'population' && doc.populations.some((p) => p.id === ref.id)) return ref.id;
  }
  const selected = selectedPopulations(ctx.selection).find((id) => doc.populations.some((p) => p.id === id));
  return selected ?? doc.populations[0]?.id;
}

/** Adding a palette item (click or drop). Synapses are not added this way: see planSetSynapse. */
export function planPaletteAdd(doc: ProjectDoc, catalog: Catalog, item: { kind: PaletteKind; name: string }, ctx: AddContext): Plan {
  switch (item.kind) {
    case 'cell':
    case 'source': {
      const population = newPopulation(doc, catalog, item.name);
      return { edit: { type: 'addPopulation', population, at: placeNew(ctx, 'population') }, select: selectNode({ kind: 'population', id: population.id }) };
    }
    case 'channel': {
      if (ctx.dropped) {
        if (ctx.dropOn === undefined) return { refused: `Drop a channel onto a cell: ${item.name} is inserted into a population.` };
        const ref = parseNodeKey(ctx.dropOn);
        if (ref.kind !== 'population') return { refused: `Drop a channel onto a cell: a ${ref.kind === 'stimulus' ? 'stimulus' : 'recorder'} has no membrane.` };
        return planAddChannel(doc, catalog, item.name, [ref.id]);
      }
      const targets = selectedPopulations(ctx.selection);
      if (targets.length === 0) return { refused: `Select a cell first, or drag ${item.name} onto one: a channel is inserted into a population.` };
      return planAddChannel(doc, catalog, item.name, targets);
    }
    case 'synapse':
      return { refused: 'A synapse is picked for connections, not added as a node.' };
    case 'stimulus': {
      const target = anchorPopulation(doc, ctx);
      if (!target) return { refused: 'Add a population first: a stimulus needs a population to drive.' };
      const pop = doc.populations.find((p) => p.id === target)!;
      const info = catalog.get(pop.model);
      if (info && info.inputs.length === 0) return { refused: `${pop.id} (${pop.model}) has no input a stimulus could drive.` };
      const stimulus = newStimulus(doc, catalog, item.name as StimulusType, target);
      return { edit: { type: 'addStimulus', stimulus, at: placeNew(ctx, 'small', { key: target, side: 'left' }) }, select: selectNode({ kind: 'stimulus', id: stimulus.id }) };
    }
    case 'recorder': {
      const population = anchorPopulation(doc, ctx);
      if (!population) return { refused: 'Add a population first: a recorder records a population.' };
      const recording = newRecording(doc, catalog, population);
      if ('refused' in recording) return recording;
      return { edit: { type: 'addRecording', recording, at: placeNew(ctx, 'small', { key: population, side: 'right' }) }, select: selectNode({ kind: 'recording', id: recording.id! }) };
    }
    case 'preset':
      return planAddPreset(doc, item.name, ctx);
  }
}

/**
 * A firing-pattern preset: its population (placed like a clicked or dropped cell), its stimuli to
 * the left and its recorder to the right, and the simulation step and duration it needs, as one
 * undo step. The note explains which parameters make the pattern.
 */
export function planAddPreset(doc: ProjectDoc, presetId: string, ctx: AddContext): Plan {
  const preset = presetById(presetId);
  if (!preset) return { refused: `There is no firing-pattern preset '${presetId}'.` };
  const parts = presetProjectParts(preset, doc);
  const id = parts.population.id;
  const at = placeNew(ctx, 'population');
  // Attachments are placed beside the new population, which is not on the canvas yet.
  const occupied = { ...(ctx.occupied ?? {}) };
  if (at) occupied[id] = { ...at, ...NEW_SIZE.population };
  const beside = (key: string, side: 'left' | 'right') => {
    const pos = placeNew({ occupied }, 'small', { key: id, side });
    if (pos) occupied[key] = { ...pos, ...NEW_SIZE.small };
    return pos;
  };
  const edits: Edit[] = [];
  const { dtMs, durationMs } = parts.simulation;
  if (dtMs !== undefined || durationMs !== undefined) edits.push({ type: 'setSimulation', patch: parts.simulation });
  edits.push({ type: 'addPopulation', population: parts.population, at });
  for (const stimulus of parts.stimuli) edits.push({ type: 'addStimulus', stimulus, at: beside(nodeKey({ kind: 'stimulus', id: stimulus.id }), 'left') });
  const recId = parts.recording.id!;
  edits.push({ type: 'addRecording', recording: parts.recording, at: beside(nodeKey({ kind: 'recording', id: recId }), 'right') });
  const changed = [dtMs !== undefined && `step ${dtMs} ms`, durationMs !== undefined && `duration ${durationMs} ms`].filter(Boolean);
  const settings = changed.length > 0 ? ` Simulation set to ${changed.join(', ')}.` : '';
  return {
    edit: { type: 'batch', edits },
    select: selectNode({ kind: 'population', id }),
    note: `${preset.name}: ${preset.explanation}${settings}`,
  };
}

/** Inserts a channel into populations (one undo step); sources and duplicates are refused. */
export function planAddChannel(doc: ProjectDoc, catalog: Catalog, channel: string, populations: readonly string[]): Plan {
  const edits: Edit[] = [];
  for (const id of populations) {
    const pop = doc.populations.find((p) => p.id === id);
    if (!pop) return { refused: `There is no population '${id}'.` };
    if (isSpikeSource(catalog.get(pop.model))) return { refused: `${pop.id} is a spike source (${pop.model}): it has no membrane to insert ${channel} into.` };
    if ((pop.channels ?? []).some((c) => c.model === channel)) return { refused: `${pop.id} already has ${channel}.` };
    edits.push({ type: 'addChannel', population: id, model: channel });
  }
  const only = edits.length === 1 ? edits[0] : { type: 'batch' as const, edits };
  return { edit: only, select: { nodes: populations.map((id) => ({ kind: 'population' as const, id })), projections: [] } };
}

/** A new connection dragged from `source` to `target` (node keys): a projection, or a stimulus re-targeted. */
export function planConnect(doc: ProjectDoc, catalog: Catalog, source: string, target: string, chosenSynapse?: string): Plan {
  const verdict = checkConnection(doc, catalog, source, target);
  if (!verdict.ok) return { refused: verdict.reason };
  const from = parseNodeKey(source);
  const to = parseNodeKey(target);
  if (from.kind === 'stimulus') {
    const stim = (doc.stimuli ?? []).find((s) => s.id === from.id)!;
    const post = doc.populations.find((p) => p.id === to.id)!;
    const keepInput = stim.input !== undefined && catalog.get(post.model)?.inputs.some((i) => i.name === stim.input);
    return {
      edit: { type: 'updateStimulus', id: stim.id, patch: { target: to.id, input: keepInput ? stim.input : undefined } },
      select: selectNode({ kind: 'stimulus', id: stim.id }),
      note: `${stim.id} now drives ${to.id}.`,
    };
  }
  const projection = newProjection(doc, catalog, from.id, to.id, chosenSynapse);
  return { edit: { type: 'addProjection', projection }, select: { nodes: [], projections: [projection.id] } };
}

/**
 * Gives projections another synapse model. Parameters and initial values the new model does not
 * declare are dropped, and the weight goes back to the new default when its unit changes
 * (nA → nS), so the projection stays valid.
 */
export function planSetSynapse(doc: ProjectDoc, catalog: Catalog, synapse: string, projectionIds: readonly string[]): Plan {
  const info = catalog.get(synapse);
  if (info && info.kind !== 'synapse') return { refused: `${synapse} is not a synapse model.` };
  const edits: Edit[] = [];
  for (const id of projectionIds) {
    const proj = (doc.projections ?? []).find((p) => p.id === id);
    if (!proj || proj.synapse === synapse) continue;
    const patch: Partial<Omit<ProjectionDoc, 'id'>> = { synapse };
    if (info) {
      const declared = new Set([...info.params.map((p) => p.name), ...info.states.map((s) => s.name)]);
      const keep = (r: ProjectionDoc['params']) => {
        const kept = Object.fromEntries(Object.entries(r ?? {}).filter(([k]) => declared.has(k)));
        return Object.keys(kept).length > 0 ? kept : undefined;
      };
      patch.params = keep(proj.params);
      patch.init = keep(proj.init);
      const oldUnit = catalog.get(proj.synapse)?.params.find((p) => p.name === 'w')?.unit;
      const newUnit = info.params.find((p) => p.name === 'w')?.unit;
      if (oldUnit !== newUnit) patch.weight = defaultWeight(info);
    }
    edits.push({ type: 'updateProjection', id, patch });
  }
  if (edits.length === 0) return { refused: projectionIds.length === 0 ? 'Select a projection first.' : `The selected projections already use ${synapse}.` };
  return { edit: edits.length === 1 ? edits[0] : { type: 'batch', edits }, note: `${edits.length === 1 ? 'The projection now uses' : `${edits.length} projections now use`} ${synapse}.` };
}

/**
 * Deletes the selection. An edge from a stimulus or to a recorder cannot go on its own (a stimulus
 * must have a target, a recorder a population): deleting one is refused with the reason, unless
 * its node goes too.
 */
export function planDelete(selection: Selection, attachmentOwners: readonly string[]): Plan {
  const items = [...selection.nodes, ...selection.projections.map((id) => ({ kind: 'projection' as const, id }))];
  const going = new Set(selection.nodes.map((n) => nodeKey(n)));
  const stuck = attachmentOwners.filter((owner) => !going.has(owner));
  const why = stuck.length === 0 ? undefined : attachmentReason(stuck[0]);
  if (items.length === 0) return { refused: why ?? 'Nothing is selected.' };
  return { edit: { type: 'remove', items }, select: { nodes: [], projections: [] }, note: why };
}

function attachmentReason(owner: string): string {
  const ref = parseNodeKey(owner);
  return ref.kind === 'stimulus'
    ? `A stimulus must have a target: to remove ${ref.id}, delete its node (or drag a new connection from it to re-target it).`
    : `A recorder must have a population: to remove ${ref.id}, delete its node.`;
}

/**
 * The selected nodes as a clipboard, with the positions they are shown at (nodes placed
 * automatically have no saved position, but pasted copies should land next to them).
 */
export function planCopy(doc: ProjectDoc, selection: Selection, shownAt: Readonly<Record<string, Position>>): Clipboard | undefined {
  if (selection.nodes.length === 0) return undefined;
  const clip = copyItems(doc, selection.nodes);
  const positions: Record<string, Position> = { ...clip.positions };
  for (const ref of selection.nodes) {
    const key = nodeKey(ref);
    const p = positionOf(doc, key) ?? shownAt[key];
    if (p) positions[key] = { x: p.x, y: p.y };
  }
  return { ...clip, positions };
}

/** Pasting a clipboard, selecting what was pasted. */
export function planPaste(doc: ProjectDoc, clipboard: Clipboard, offset: Position): Plan {
  if (clipboard.populations.length + clipboard.stimuli.length + clipboard.recordings.length === 0) return { refused: 'The clipboard is empty.' };
  const result = pasteItems(doc, clipboard, offset);
  const exists = new Set([
    ...result.doc.populations.map((p) => nodeKey({ kind: 'population', id: p.id })),
    ...(result.doc.stimuli ?? []).map((s) => nodeKey({ kind: 'stimulus', id: s.id })),
    ...(result.doc.recordings ?? []).map((r) => nodeKey({ kind: 'recording', id: r.id ?? '' })),
  ]);
  const nodes = result.nodes.filter((n) => exists.has(nodeKey(n)));
  if (nodes.length === 0) return { refused: 'Nothing to paste: the copied stimuli and recorders belong to populations that no longer exist.' };
  const before = new Set((doc.projections ?? []).map((p) => p.id));
  const projections = (result.doc.projections ?? []).map((p) => p.id).filter((id) => !before.has(id));
  return { edit: { type: 'paste', clipboard, offset }, select: { nodes, projections } };
}

/** Every node and projection. */
export function selectAll(doc: ProjectDoc): Selection {
  return {
    nodes: [
      ...doc.populations.map((p) => ({ kind: 'population' as const, id: p.id })),
      ...(doc.stimuli ?? []).map((s) => ({ kind: 'stimulus' as const, id: s.id })),
      ...(doc.recordings ?? []).map((r, i) => ({ kind: 'recording' as const, id: recordingId(r, i) })),
    ],
    projections: (doc.projections ?? []).map((p) => p.id),
  };
}

/** Auto-layout of every node as one `move` edit (one undo step). */
export function planAutoLayout(nodes: readonly LayoutNode[], links: readonly LayoutLink[]): Plan {
  if (nodes.length === 0) return { refused: 'There is nothing to lay out yet.' };
  return { edit: { type: 'move', positions: layoutPositions(nodes, links) } };
}

/**
 * Every change to the project document is one of these typed edits, applied by a pure function.
 * The store records documents before and after (undo/redo); the graph and inspector only ever
 * dispatch edits, so everything a user does is undoable and serialisable.
 */
import {
  edgeKey,
  nodeKey,
  recordingId,
  type ItemRef,
  type NodeRef,
  type PopulationDoc,
  type Position,
  type ProjectDoc,
  type ProjectionDoc,
  type RecordingDoc,
  type StimulusDoc,
  type FitDoc,
  type ValueDoc,
} from './document';
import { pasteItems, type Clipboard } from './clipboard';

export type Edit =
  | { readonly type: 'setMeta'; readonly name?: string; readonly description?: string }
  | { readonly type: 'setSimulation'; readonly patch: Partial<ProjectDoc['simulation']> }
  | { readonly type: 'addPopulation'; readonly population: PopulationDoc; readonly at?: Position }
  | { readonly type: 'updatePopulation'; readonly id: string; readonly patch: Partial<Omit<PopulationDoc, 'id'>> }
  /** `value` undefined: back to the model's default. `channel`: a parameter of an inserted channel. */
  | { readonly type: 'setParam'; readonly population: string; readonly param: string; readonly value: ValueDoc | undefined; readonly channel?: number }
  | { readonly type: 'setInit'; readonly population: string; readonly state: string; readonly value: ValueDoc | undefined }
  | { readonly type: 'addChannel'; readonly population: string; readonly model: string }
  | { readonly type: 'removeChannel'; readonly population: string; readonly index: number }
  | { readonly type: 'addProjection'; readonly projection: ProjectionDoc }
  | { readonly type: 'updateProjection'; readonly id: string; readonly patch: Partial<Omit<ProjectionDoc, 'id'>> }
  | { readonly type: 'setProjectionParam'; readonly id: string; readonly param: string; readonly value: ValueDoc | undefined }
  | { readonly type: 'addStimulus'; readonly stimulus: StimulusDoc; readonly at?: Position }
  | { readonly type: 'updateStimulus'; readonly id: string; readonly patch: Partial<StimulusDoc> }
  | { readonly type: 'addRecording'; readonly recording: RecordingDoc; readonly at?: Position }
  | { readonly type: 'updateRecording'; readonly id: string; readonly patch: Partial<Omit<RecordingDoc, 'id'>> }
  | { readonly type: 'move'; readonly positions: Readonly<Record<string, Position>> }
  | { readonly type: 'remove'; readonly items: readonly ItemRef[] }
  | { readonly type: 'paste'; readonly clipboard: Clipboard; readonly offset: Position }
  | { readonly type: 'renamePopulation'; readonly id: string; readonly newId: string }
  /** A project model's source (code panel Save): adds or replaces `models[name]`. */
  | { readonly type: 'setModelSource'; readonly name: string; readonly source: string }
  /** Deletes a project model; refused while a population, channel or projection uses it. */
  | { readonly type: 'removeModel'; readonly name: string }
  /** Replaces the parameter-fitting setup (`undefined` removes it); its population must exist. */
  | { readonly type: 'setFit'; readonly fit: FitDoc | undefined }
  /** Several edits as one undo step (e.g. a channel inserted into every selected population). */
  | { readonly type: 'batch'; readonly edits: readonly Edit[] };

/** Thrown for an edit that cannot apply (unknown id, ...); the document is left as it was. */
export class EditError extends Error {}

export function applyEdit(doc: ProjectDoc, edit: Edit): ProjectDoc {
  switch (edit.type) {
    case 'setMeta': {
      const next = { ...doc };
      if (edit.name !== undefined) next.name = edit.name;
      if (edit.description !== undefined) next.description = edit.description;
      return next;
    }
    case 'setSimulation':
      return { ...doc, simulation: { ...doc.simulation, ...edit.patch } };
    case 'addPopulation':
      return place({ ...doc, populations: [...doc.populations, edit.population] }, nodeKey({ kind: 'population', id: edit.population.id }), edit.at);
    case 'updatePopulation':
      return mapPopulation(doc, edit.id, (p) => ({ ...p, ...edit.patch }));
    case 'setParam':
      return mapPopulation(doc, edit.population, (p) => {
        if (edit.channel === undefined) return { ...p, params: setKey(p.params, edit.param, edit.value) };
        const channels = [...(p.channels ?? [])];
        const ch = channels[edit.channel];
        if (!ch) throw new EditError(`${p.id} has no channel #${edit.channel}`);
        channels[edit.channel] = { ...ch, params: setKey(ch.params, edit.param, edit.value) };
        return { ...p, channels };
      });
    case 'setInit':
      return mapPopulation(doc, edit.population, (p) => ({ ...p, init: setKey(p.init, edit.state, edit.value) }));
    case 'addChannel':
      return mapPopulation(doc, edit.population, (p) => ({ ...p, channels: [...(p.channels ?? []), { model: edit.model }] }));
    case 'removeChannel':
      return mapPopulation(doc, edit.population, (p) => {
        const channels = (p.channels ?? []).filter((_, i) => i !== edit.index);
        return strip({ ...p, channels: channels.length > 0 ? channels : undefined });
      });
    case 'addProjection':
      return { ...doc, projections: [...(doc.projections ?? []), edit.projection] };
    case 'updateProjection':
      return mapProjection(doc, edit.id, (p) => strip({ ...p, ...edit.patch }));
    case 'setProjectionParam':
      return mapProjection(doc, edit.id, (p) => strip({ ...p, params: setKey(p.params, edit.param, edit.value) }));
    case 'addStimulus':
      return place({ ...doc, stimuli: [...(doc.stimuli ?? []), edit.stimulus] }, nodeKey({ kind: 'stimulus', id: edit.stimulus.id }), edit.at);
    case 'updateStimulus': {
      const stimuli = doc.stimuli ?? [];
      const k = stimuli.findIndex((s) => s.id === edit.id);
      if (k < 0) throw new EditError(`no stimulus '${edit.id}'`);
      const next = [...stimuli];
      next[k] = strip({ ...stimuli[k], ...edit.patch, id: edit.id } as StimulusDoc);
      return { ...doc, stimuli: next };
    }
    case 'addRecording': {
      const recordings = doc.recordings ?? [];
      const id = recordingId(edit.recording, recordings.length);
      return place({ ...doc, recordings: [...recordings, { ...edit.recording, id }] }, nodeKey({ kind: 'recording', id }), edit.at);
    }
    case 'updateRecording': {
      const recordings = doc.recordings ?? [];
      const k = recordings.findIndex((r, i) => recordingId(r, i) === edit.id);
      if (k < 0) throw new EditError(`no recording '${edit.id}'`);
      const next = [...recordings];
      next[k] = strip({ ...recordings[k], ...edit.patch });
      return { ...doc, recordings: next };
    }
    case 'move':
      return { ...doc, layout: { ...(doc.layout ?? {}), ...edit.positions } };
    case 'remove':
      return removeItems(doc, edit.items);
    case 'paste':
      return pasteItems(doc, edit.clipboard, edit.offset).doc;
    case 'renamePopulation':
      return renamePopulation(doc, edit.id, edit.newId);
    case 'setModelSource':
      return setModelSource(doc, edit.name, edit.source);
    case 'removeModel':
      return removeModel(doc, edit.name);
    case 'setFit':
      return setFit(doc, edit.fit);
    case 'batch':
      return edit.edits.reduce(applyEdit, doc);
    default:
      return assertNever(edit);
  }
}

function assertNever(edit: never): never {
  throw new EditError(`unknown edit ${JSON.stringify(edit)}`);
}

function place(doc: ProjectDoc, key: string, at: Position | undefined): ProjectDoc {
  return at ? { ...doc, layout: { ...(doc.layout ?? {}), [key]: { x: at.x, y: at.y } } } : doc;
}

function mapPopulation(doc: ProjectDoc, id: string, f: (p: PopulationDoc) => PopulationDoc): ProjectDoc {
  const k = doc.populations.findIndex((p) => p.id === id);
  if (k < 0) throw new EditError(`no population '${id}'`);
  const populations = [...doc.populations];
  populations[k] = f(populations[k]);
  return { ...doc, populations };
}

function mapProjection(doc: ProjectDoc, id: string, f: (p: ProjectionDoc) => ProjectionDoc): ProjectDoc {
  const projections = doc.projections ?? [];
  const k = projections.findIndex((p) => p.id === id);
  if (k < 0) throw new EditError(`no projection '${id}'`);
  const next = [...projections];
  next[k] = f(projections[k]);
  return { ...doc, projections: next };
}

/** Sets or (value undefined) deletes a key; an object left empty disappears. */
function setKey<V>(record: Record<string, V> | undefined, key: string, value: V | undefined): Record<string, V> | undefined {
  const next = { ...(record ?? {}) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Drops keys whose value is undefined, so that saved files stay clean. */
function strip<T extends object>(o: T): T {
  const out = { ...o } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as T;
}

/** Removes nodes and edges; removing a population removes everything attached to it. */
export function removeItems(doc: ProjectDoc, items: readonly ItemRef[]): ProjectDoc {
  const pops = new Set(items.filter((i) => i.kind === 'population').map((i) => i.id));
  const stims = new Set(items.filter((i) => i.kind === 'stimulus').map((i) => i.id));
  const recs = new Set(items.filter((i) => i.kind === 'recording').map((i) => i.id));
  const projs = new Set(items.filter((i) => i.kind === 'projection').map((i) => i.id));
  for (const p of doc.projections ?? []) if (pops.has(p.pre) || pops.has(p.post)) projs.add(p.id);
  for (const s of doc.stimuli ?? []) if (pops.has(s.target)) stims.add(s.id);
  (doc.recordings ?? []).forEach((r, i) => {
    if (pops.has(r.population)) recs.add(recordingId(r, i));
  });
  const layout = { ...(doc.layout ?? {}) };
  for (const id of pops) delete layout[nodeKey({ kind: 'population', id })];
  for (const id of stims) delete layout[nodeKey({ kind: 'stimulus', id })];
  for (const id of recs) delete layout[nodeKey({ kind: 'recording', id })];
  const next: ProjectDoc = {
    ...doc,
    populations: doc.populations.filter((p) => !pops.has(p.id)),
    projections: (doc.projections ?? []).filter((p) => !projs.has(p.id)),
    stimuli: (doc.stimuli ?? []).filter((s) => !stims.has(s.id)),
    recordings: (doc.recordings ?? []).filter((r, i) => !recs.has(recordingId(r, i))),
    layout,
  };
  if (doc.rates) next.rates = doc.rates.filter((r) => !pops.has(r.population));
  if (doc.connectionRecordings) next.connectionRecordings = doc.connectionRecordings.filter((r) => !projs.has(r.projection));
  const spikes = doc.spikes;
  if (spikes && Array.isArray(spikes.populations)) next.spikes = { populations: spikes.populations.filter((p) => !pops.has(p)) };
  if (doc.fit) {
    // The fit goes with its population; fit cases forget the amplitudes of removed stimuli.
    if (pops.has(doc.fit.population)) delete next.fit;
    else if (stims.size > 0) next.fit = { ...doc.fit, cases: doc.fit.cases?.map((c) => (c.amplitudes ? { ...c, amplitudes: withoutKeys(c.amplitudes, stims) } : c)) };
  }
  return next;
}

function withoutKeys<V>(record: Record<string, V>, keys: ReadonlySet<string>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) if (!keys.has(k)) out[k] = v;
  return out;
}

function setFit(doc: ProjectDoc, fit: FitDoc | undefined): ProjectDoc {
  if (fit === undefined) {
    if (doc.fit === undefined) return doc;
    const next = { ...doc };
    delete next.fit;
    return next;
  }
  if (!doc.populations.some((p) => p.id === fit.population)) throw new EditError(`the fit's population '${fit.population}' is not in the project`);
  return { ...doc, fit };
}

/** Renames a population and every reference to it. */
function renamePopulation(doc: ProjectDoc, id: string, newId: string): ProjectDoc {
  if (id === newId) return doc;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newId)) throw new EditError(`'${newId}' is not a valid id: use letters, digits and _, not starting with a digit`);
  if (doc.populations.some((p) => p.id === newId) || (doc.projections ?? []).some((p) => p.id === newId) || (doc.stimuli ?? []).some((s) => s.id === newId))
    throw new EditError(`the id '${newId}' is already taken`);
  const at = (x: string) => (x === id ? newId : x);
  const layout = { ...(doc.layout ?? {}) };
  if (id in layout) {
    layout[newId] = layout[id];
    delete layout[id];
  }
  const next: ProjectDoc = {
    ...mapPopulation(doc, id, (p) => ({ ...p, id: newId })),
    projections: (doc.projections ?? []).map((p) => ({ ...p, pre: at(p.pre), post: at(p.post) })),
    stimuli: (doc.stimuli ?? []).map((s) => ({ ...s, target: at(s.target) })),
    recordings: (doc.recordings ?? []).map((r, i) => ({ ...r, id: recordingId(r, i), population: at(r.population) })),
    layout,
  };
  if (doc.rates) next.rates = doc.rates.map((r) => ({ ...r, population: at(r.population) }));
  if (doc.spikes && Array.isArray(doc.spikes.populations)) next.spikes = { populations: doc.spikes.populations.map(at) };
  if (doc.fit?.population === id) next.fit = { ...doc.fit, population: newId };
  return next;
}

/**
 * A project model must be named by its header (docs/project-format.md: names match `model NAME`), so
 * the key and the source can never disagree. Whether it compiles is the code panel's business (it
 * saves only sources without errors); the document takes any text, as a project file may.
 */
function setModelSource(doc: ProjectDoc, name: string, source: string): ProjectDoc {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new EditError(`'${name}' is not a valid model name: use letters, digits and _, starting with a letter`);
  // The same header rule as the library's declaredModelName (not imported: it would pull the compiler in).
  const declared = /^\s*model\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(source)?.[1];
  if (declared !== name) throw new EditError(declared ? `the source declares 'model ${declared}', not '${name}'` : `the source of '${name}' has no 'model ${name} : KIND' header`);
  if (doc.models?.[name] === source) return doc;
  return { ...doc, models: { ...(doc.models ?? {}), [name]: source } };
}

function removeModel(doc: ProjectDoc, name: string): ProjectDoc {
  if (!doc.models || !(name in doc.models)) throw new EditError(`the project has no model '${name}'`);
  const users = modelUsers(doc, name);
  if (users.length > 0) throw new EditError(`'${name}' is still used by ${users.join(', ')}`);
  const models = { ...doc.models };
  delete models[name];
  return { ...doc, models };
}

/** Where a model is used: populations (as cell or channel) and projections (as synapse). */
export function modelUsers(doc: ProjectDoc, name: string): string[] {
  const out: string[] = [];
  for (const p of doc.populations) if (p.model === name || (p.channels ?? []).some((c) => c.model === name)) out.push(`population '${p.id}'`);
  for (const p of doc.projections ?? []) if (p.synapse === name) out.push(`projection '${p.id}'`);
  return out;
}

export { edgeKey, nodeKey, type NodeRef };

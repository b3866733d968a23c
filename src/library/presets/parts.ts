/**
 * What adding a preset puts into a project: one population, the preset's stimuli, a recording of
 * its state variables, and the simulation settings it needs. Ids are fresh in the given project;
 * nothing here touches the project itself (the editor applies the parts as one undoable edit, the
 * tests build projects from them).
 *
 * Simulation settings: an empty project takes the preset's step and duration as they are. A
 * project that already holds populations keeps its step unless it is coarser than the preset's
 * (never making another network's step coarser) and its duration unless it is shorter.
 */
import type { ProjectInput } from '../../project/schema';
import type { FiringPreset, PresetStimulus } from './types';

type PopulationInput = ProjectInput['populations'][number];
type StimulusInput = NonNullable<ProjectInput['stimuli']>[number];
type RecordingInput = NonNullable<ProjectInput['recordings']>[number];

/** The project's default step when a document leaves it out (schema default). */
const DEFAULT_DT_MS = 0.1;

export interface PresetParts {
  readonly population: PopulationInput;
  readonly stimuli: readonly StimulusInput[];
  readonly recording: RecordingInput;
  /** Only the settings that must change; empty when the project's settings already fit. */
  readonly simulation: { readonly dtMs?: number; readonly durationMs?: number };
}

/** Every id in use: populations, projections, stimuli and recordings share one namespace. */
function usedIds(doc: ProjectInput): Set<string> {
  const ids = new Set<string>();
  for (const p of doc.populations) ids.add(p.id);
  for (const p of doc.projections ?? []) ids.add(p.id);
  for (const s of doc.stimuli ?? []) ids.add(s.id);
  (doc.recordings ?? []).forEach((r, i) => ids.add(r.id ?? `rec${i + 1}`));
  return ids;
}

/** `base`, else `base2`, `base3`, ...: the first free one (and reserves it). */
function claim(taken: Set<string>, base: string): string {
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}${k}`;
  taken.add(id);
  return id;
}

function stimulusInput(s: PresetStimulus, id: string, target: string): StimulusInput {
  return s.type === 'step'
    ? { type: 'step', id, target, amplitude: s.amplitude, startMs: s.startMs, stopMs: s.stopMs }
    : { type: 'pulses', id, target, amplitude: s.amplitude, widthMs: s.widthMs, periodMs: s.periodMs, count: s.count, startMs: s.startMs };
}

/** The settings `doc` must change to run `preset` as intended (see the module comment). */
export function presetSimulation(preset: FiringPreset, doc: ProjectInput): PresetParts['simulation'] {
  const dtMs = doc.simulation.dtMs ?? DEFAULT_DT_MS;
  const durationMs = doc.simulation.durationMs;
  const fresh = doc.populations.length === 0;
  const out: { dtMs?: number; durationMs?: number } = {};
  if (fresh ? dtMs !== preset.dtMs : dtMs > preset.dtMs) out.dtMs = preset.dtMs;
  if (fresh ? durationMs !== preset.durationMs : durationMs < preset.durationMs) out.durationMs = preset.durationMs;
  return out;
}

/** The population, stimuli and recording that add `preset` to `doc`, with ids fresh in `doc`. */
export function presetProjectParts(preset: FiringPreset, doc: ProjectInput): PresetParts {
  const taken = usedIds(doc);
  const id = claim(taken, preset.populationStem);
  const population: PopulationInput = {
    id,
    model: preset.model,
    size: 1,
    params: { ...preset.params },
    ...(preset.init ? { init: { ...preset.init } } : {}),
    integrator: preset.integrator,
    update: preset.update,
    label: preset.name,
  };
  const stimuli = preset.stimuli.map((s) => stimulusInput(s, claim(taken, `${id}_${s.stem}`), id));
  const recording: RecordingInput = { id: claim(taken, `rec_${id}`), population: id, variables: [...preset.record], neurons: [0] };
  return { population, stimuli, recording, simulation: presetSimulation(preset, doc) };
}

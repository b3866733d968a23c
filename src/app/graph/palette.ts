/**
 * The palette's content: the catalog's models grouped (cells, spike sources, channels, synapses),
 * then the stimulus types, the recorder and the firing-pattern presets, filtered by a search over
 * names and summaries.
 */
import type { ModelInfo } from '../../library/catalog';
import { FIRING_PRESETS, PRESET_FAMILY_TITLES } from '../../library/presets';
import { STIMULUS_TYPES, type StimulusType } from '../../project/schema';
import { isSpikeSource } from './models';

export type PaletteKind = 'cell' | 'source' | 'channel' | 'synapse' | 'stimulus' | 'recorder' | 'preset';

export interface PaletteItem {
  readonly kind: PaletteKind;
  /** The model name, the stimulus type, or `recorder`. */
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  /** Where a model comes from (ngclearn, jaxley, ...); empty for stimuli and the recorder. */
  readonly origin: string;
  /** A longer text for the tooltip (a preset's explanation); the summary when absent. */
  readonly detail?: string;
}

export interface PaletteGroup {
  readonly id: 'cells' | 'sources' | 'channels' | 'synapses' | 'stimuli' | 'recorder' | 'presets';
  readonly title: string;
  readonly items: readonly PaletteItem[];
}

export const STIMULUS_SUMMARIES: Readonly<Record<StimulusType, string>> = {
  step: 'Constant input between a start and a stop time.',
  ramp: 'Input rising linearly from one value to another.',
  pulses: 'A train of rectangular pulses: width and period.',
  sine: 'Sinusoidal input: amplitude, frequency, offset, phase.',
  noise: 'Gaussian noise drawn per neuron and step from the seed.',
  expression: 'Any expression of t in the model language, with units.',
  sampled: 'Samples (a list or CSV data) played back over time.',
};

const STIMULUS_TITLES: Readonly<Record<StimulusType, string>> = {
  step: 'Step',
  ramp: 'Ramp',
  pulses: 'Pulse train',
  sine: 'Sine',
  noise: 'Noise',
  expression: 'Expression of t',
  sampled: 'Sampled data',
};

export const RECORDER_ITEM: PaletteItem = {
  kind: 'recorder',
  name: 'recorder',
  title: 'Recorder',
  summary: 'Records state variables (v, …) of chosen neurons of a population.',
  origin: '',
};

/** A firing-pattern preset as a palette item: `name` is the preset id. */
export const PRESET_ITEMS: readonly PaletteItem[] = FIRING_PRESETS.map((p) => ({
  kind: 'preset',
  name: p.id,
  title: p.name,
  summary: p.summary,
  origin: PRESET_FAMILY_TITLES[p.family],
  detail: `${p.name} (${p.model}). ${p.explanation}`,
}));

/** The test id of a palette item: models by name, `stimulus-step`, `recorder`, `preset-izh-rs`. */
export function paletteItemTestId(item: PaletteItem): string {
  if (item.kind === 'stimulus') return `palette-item-stimulus-${item.name}`;
  if (item.kind === 'preset') return `palette-item-preset-${item.name}`;
  return `palette-item-${item.name}`;
}

export function paletteKindOf(model: ModelInfo): PaletteKind {
  if (model.kind === 'cell') return isSpikeSource(model) ? 'source' : 'cell';
  return model.kind;
}

/** Every word of the query must occur in the item's name, title, summary or origin (case-insensitive). */
export function matches(item: PaletteItem, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${item.name} ${item.title} ${item.summary} ${item.origin} ${item.kind}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The palette's groups for `models`, filtered by `query`; groups left empty by a search are dropped. */
export function paletteGroups(models: readonly ModelInfo[], query = ''): PaletteGroup[] {
  const byKind = (kind: PaletteKind) =>
    models
      .filter((m) => paletteKindOf(m) === kind)
      .map((m): PaletteItem => ({ kind, name: m.name, title: m.name, summary: m.summary, origin: m.origin }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const stimuli = STIMULUS_TYPES.map((t): PaletteItem => ({ kind: 'stimulus', name: t, title: STIMULUS_TITLES[t], summary: STIMULUS_SUMMARIES[t], origin: '' }));
  const groups: PaletteGroup[] = [
    { id: 'cells', title: 'Cells', items: byKind('cell') },
    { id: 'sources', title: 'Spike sources', items: byKind('source') },
    { id: 'channels', title: 'Channels', items: byKind('channel') },
    { id: 'synapses', title: 'Synapses', items: byKind('synapse') },
    { id: 'stimuli', title: 'Stimuli', items: stimuli },
    { id: 'recorder', title: 'Recorder', items: [RECORDER_ITEM] },
    { id: 'presets', title: 'Firing patterns', items: PRESET_ITEMS },
  ];
  const q = query.trim();
  if (q === '') return groups;
  return groups.map((g) => ({ ...g, items: g.items.filter((i) => matches(i, q)) })).filter((g) => g.items.length > 0);
}

/** The drag payload type of palette items (HTML5 drag and drop onto the canvas). */
export const PALETTE_MIME = 'application/x-spikeflow-palette';

export function encodeDrag(item: PaletteItem): string {
  return JSON.stringify({ kind: item.kind, name: item.name });
}

export function decodeDrag(text: string): { kind: PaletteKind; name: string } | undefined {
  try {
    const v = JSON.parse(text) as { kind?: unknown; name?: unknown };
    const kinds: readonly string[] = ['cell', 'source', 'channel', 'synapse', 'stimulus', 'recorder', 'preset'];
    if (typeof v.kind === 'string' && kinds.includes(v.kind) && typeof v.name === 'string') return { kind: v.kind as PaletteKind, name: v.name };
  } catch {
    // not ours
  }
  return undefined;
}

/**
 * Firing-pattern presets: one-click cells for the classic patterns of Izhikevich (2003, 2004) and
 * of the AdEx model (Naud et al. 2008), as typed data plus the project parts that add one to a
 * project. Pure data and helpers: safe to import from the editor (no compiler, no engine).
 */
import { IZHIKEVICH_PRESETS } from './izhikevich';
import { NAUD_PRESETS } from './naud';
import type { FiringPreset } from './types';

export type { FiringPreset, PresetFamily, PresetStimulus } from './types';
export { presetProjectParts, presetSimulation, type PresetParts } from './parts';

/** Every preset, Izhikevich's first, in the papers' order. */
export const FIRING_PRESETS: readonly FiringPreset[] = [...IZHIKEVICH_PRESETS, ...NAUD_PRESETS];

const BY_ID = new Map<string, FiringPreset>();
for (const p of FIRING_PRESETS) {
  // A registry keyed by id refuses duplicates (test ids and drag payloads rely on them).
  if (BY_ID.has(p.id)) throw new Error(`duplicate firing preset id '${p.id}'`);
  BY_ID.set(p.id, p);
}

export function presetById(id: string): FiringPreset | undefined {
  return BY_ID.get(id);
}

export const PRESET_FAMILY_TITLES = {
  izhikevich: 'Izhikevich (2003, 2004)',
  adex: 'AdEx (Naud et al. 2008)',
} as const;

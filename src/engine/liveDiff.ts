/**
 * Which edits of a project need the simulation rebuilt: everything that changes its structure
 * (sizes, models, connections, delays, integrators, time step, seed, recordings, initial values,
 * adding or removing anything). Values that can change between chunks (parameters, stimuli) are
 * left to liveEdit.ts, and editor data (name, description, layout, labels) is ignored.
 *
 * Reasons are sentences for the status bar: they say what changed in the user's terms.
 */
import type { Population, Project, Projection, Stimulus } from '../project/schema';

/** Structural equality of JSON-like values; a key whose value is undefined counts as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!deepEqual(ra[k], rb[k])) return false;
  return true;
}

/** Keys of two records whose values differ (added, removed or changed). */
export function changedKeys(a: Record<string, unknown> | undefined, b: Record<string, unknown> | undefined): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => !deepEqual(a?.[k], b?.[k]));
}

const RESTART = 'needs a restart';

/** Why `after` cannot be applied to a simulation built from `before` without rebuilding it; undefined if it can. */
export function restartReason(before: Project, after: Project): string | undefined {
  return (
    simulationReason(before.simulation, after.simulation) ??
    modelsReason(before.models, after.models) ??
    listReason('population', 'populations', before.populations, after.populations, populationReason) ??
    listReason('projection', 'projections', before.projections, after.projections, projectionReason) ??
    stimuliReason(before.stimuli, after.stimuli) ??
    recordingReason(before, after)
  );
}

function simulationReason(a: Project['simulation'], b: Project['simulation']): string | undefined {
  if (a.dtMs !== b.dtMs) return `changing the time step ${RESTART}`;
  if (a.seed !== b.seed) return `changing the random seed ${RESTART}`;
  if (a.precision !== b.precision) return `changing the precision ${RESTART}`;
  if (a.backend !== b.backend) return `changing the backend ${RESTART}`;
  // The running run was planned to its end; a new duration takes effect when the run starts again.
  if (a.durationMs !== b.durationMs) return `changing the duration ${RESTART}`;
  return undefined;
}

function modelsReason(a: Record<string, string>, b: Record<string, string>): string | undefined {
  for (const name of changedKeys(a, b)) {
    if (!(name in a)) return `adding model ${name} ${RESTART}`;
    if (!(name in b)) return `removing model ${name} ${RESTART}`;
    return `changing the code of model ${name} ${RESTART}`;
  }
  return undefined;
}

/** Populations and projections keep their order (it is the order they step in) and their ids. */
function listReason<T extends { id: string }>(
  what: string,
  plural: string,
  a: readonly T[],
  b: readonly T[],
  item: (a: T, b: T) => string | undefined,
): string | undefined {
  const before = new Set(a.map((x) => x.id));
  const after = new Set(b.map((x) => x.id));
  const added = b.find((x) => !before.has(x.id));
  if (added) return `adding ${what} ${added.id} ${RESTART}`;
  const removed = a.find((x) => !after.has(x.id));
  if (removed) return `removing ${what} ${removed.id} ${RESTART}`;
  if (a.some((x, i) => x.id !== b[i].id)) return `reordering the ${plural} ${RESTART}`;
  for (let i = 0; i < a.length; i++) {
    const reason = item(a[i], b[i]);
    if (reason) return reason;
  }
  return undefined;
}

function populationReason(a: Population, b: Population): string | undefined {
  const id = a.id;
  if (a.model !== b.model) return `changing the model of ${id} ${RESTART}`;
  if (a.size !== b.size) return `changing the size of ${id} ${RESTART}`;
  if (a.integrator !== b.integrator) return `changing the integrator of ${id} ${RESTART}`;
  if (a.update !== b.update) return `changing the update order of ${id} ${RESTART}`;
  if (a.oneSpike !== b.oneSpike) return `changing one-spike-per-step of ${id} ${RESTART}`;
  if (!deepEqual(a.init, b.init)) return `changing the initial values of ${id} ${RESTART}`;
  const ca = a.channels ?? [];
  const cb = b.channels ?? [];
  if (ca.length !== cb.length || ca.some((c, k) => c.model !== cb[k].model)) return `changing the channels of ${id} ${RESTART}`;
  const init = ca.findIndex((c, k) => !deepEqual(c.init, cb[k].init));
  if (init >= 0) return `changing the initial values of the ${ca[init].model} channel of ${id} ${RESTART}`;
  return undefined;
}

function projectionReason(a: Projection, b: Projection): string | undefined {
  const id = a.id;
  if (a.pre !== b.pre || a.post !== b.post) return `changing what ${id} connects ${RESTART}`;
  if (a.synapse !== b.synapse) return `changing the synapse model of ${id} ${RESTART}`;
  if (!deepEqual(a.connectivity, b.connectivity)) return `changing the connectivity of ${id} ${RESTART}`;
  if (!deepEqual(a.delayMs, b.delayMs)) return `changing the delays of ${id} ${RESTART}`;
  if (!deepEqual(a.init, b.init)) return `changing the initial values of ${id} ${RESTART}`;
  if (a.input !== b.input) return `changing the input ${id} feeds ${RESTART}`;
  return undefined;
}

/** Stimuli keep their ids, order (the order they add up in) and targets; the rest may change live. */
function stimuliReason(a: readonly Stimulus[], b: readonly Stimulus[]): string | undefined {
  return listReason('stimulus', 'stimuli', a, b, (x, y) => (x.target !== y.target ? `moving stimulus ${x.id} to another population ${RESTART}` : undefined));
}

function recordingReason(a: Project, b: Project): string | undefined {
  // A recording's id only names its node in the editor.
  const strip = (rs: Project['recordings']) => rs.map((r) => ({ ...r, id: undefined }));
  if (!deepEqual(strip(a.recordings), strip(b.recordings))) return `changing the recordings ${RESTART}`;
  if (!deepEqual(a.connectionRecordings, b.connectionRecordings)) return `changing the connection recordings ${RESTART}`;
  if (!deepEqual(a.rates, b.rates)) return `changing the rate monitors ${RESTART}`;
  if (!deepEqual(a.spikes, b.spikes)) return `changing which spikes are recorded ${RESTART}`;
  return undefined;
}

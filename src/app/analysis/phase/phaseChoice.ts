/**
 * Which plane the panel shows: the population (the graph's selection when it has a phase plane,
 * else the one last picked here, else the first that has one), its two axes, and the key that
 * names that plane for remembered views and trajectories.
 */
import type { PhaseCandidate, PhaseStateSetup } from '../../../analysis/phasePlaneSetup';
import { dimEquals, parseUnitText } from '../../../model/units';
import type { Selection } from '../../store/projectStore';

const VOLTAGE = parseUnitText('mV')!.dim;

export function effectivePopulation(candidates: readonly PhaseCandidate[], selection: Selection, remembered: string | null): PhaseCandidate | undefined {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const selected = selection.nodes.find((n) => n.kind === 'population' && byId.has(n.id));
  if (selected) return byId.get(selected.id);
  if (remembered && byId.has(remembered)) return byId.get(remembered);
  return candidates[0];
}

/**
 * Default axes: the membrane potential across (a state named v or V, else the first in volts,
 * else the first state) and, up, the last other state with an equation — Izhikevich's u, AdEx's
 * w, Hodgkin–Huxley's n.
 */
export function defaultAxes(states: readonly PhaseStateSetup[]): { x: string; y: string } | undefined {
  const usable = states.filter((s) => s.hasEquation);
  if (usable.length < 2) return undefined;
  const isVoltage = (s: PhaseStateSetup) => {
    const unit = parseUnitText(s.unit);
    return unit !== undefined && dimEquals(unit.dim, VOLTAGE);
  };
  const x = usable.find((s) => s.name === 'v' || s.name === 'V') ?? usable.find(isVoltage) ?? usable[0];
  const y = [...usable].reverse().find((s) => s !== x)!;
  return { x: x.name, y: y.name };
}

/** The axes to use: the remembered pair when both are still states with equations, else the default. */
export function chooseAxes(states: readonly PhaseStateSetup[], remembered: { x: string; y: string } | undefined): { x: string; y: string } | undefined {
  const usable = new Set(states.filter((s) => s.hasEquation).map((s) => s.name));
  if (remembered && remembered.x !== remembered.y && usable.has(remembered.x) && usable.has(remembered.y)) return remembered;
  return defaultAxes(states);
}

/** Picking a state for one axis that the other already shows swaps them. */
export function pickAxis(current: { x: string; y: string }, axis: 'x' | 'y', state: string): { x: string; y: string } {
  const other = axis === 'x' ? 'y' : 'x';
  if (current[other] === state) return { [axis]: state, [other]: current[axis] } as { x: string; y: string };
  return { ...current, [axis]: state };
}

/** What per-population memory is keyed by: the loaded project (its serial) and the population. */
export function populationScope(projectSerial: number, population: string): string {
  return `${projectSerial}:${population}`;
}

export function planeKey(scope: string, model: string, x: string, y: string): string {
  return `${scope}/${model}/${x}/${y}`;
}

/**
 * What the editor needs to know about a model without compiling it itself: its kind, parameters
 * (unit, default, description, a slider range), inputs and states. Built from the IR, so a model
 * from the code panel describes itself the same way a built-in one does.
 *
 * Values here are in each parameter's declared unit (what a user types), not canonical units.
 */
import type { ModelIR } from '../model/ir';
import type { Dimension } from '../model/units';
import type { ModelRegistry } from './registry';

export interface ParamInfo {
  readonly name: string;
  /** The declared unit as written, e.g. `ms`, `mV`, `nS`; `1` for dimensionless. */
  readonly unit: string;
  /** Default in `unit`. */
  readonly defaultValue: number;
  readonly description: string;
  /** A slider range in `unit` that covers sensible values around the default. */
  readonly min: number;
  readonly max: number;
}

export interface VariableInfo {
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

export interface ModelInfo {
  readonly name: string;
  readonly kind: 'cell' | 'channel' | 'synapse';
  /** Where it comes from: a library it follows, or `project` for a model in the project file. */
  readonly origin: string;
  /** The first line of the model's doc comment. */
  readonly summary: string;
  readonly doc: string;
  readonly params: readonly ParamInfo[];
  readonly inputs: readonly VariableInfo[];
  readonly states: readonly VariableInfo[];
  /**
   * A spike source (Poisson, regular): a cell with a spike condition and no membrane to drive, i.e.
   * no inputs or only rate inputs (PoissonSource's `rate_mod`, in Hz).
   */
  readonly isSource: boolean;
  readonly spikes: boolean;
}

// Dimensions are exponents of [m, kg, s, A, K, mol] (model/units.ts).
const VOLTAGE: Dimension = [2, 1, -3, -1, 0, 0];
const RATE: Dimension = [0, 0, -1, 0, 0, 0];

function sameDim(a: Dimension, b: Dimension): boolean {
  return a.every((x, i) => x === b[i]);
}

/** A slider range around a default: symmetric for potentials, from 0 for magnitudes. */
export function sliderRange(defaultValue: number, dim: Dimension): { min: number; max: number } {
  if (sameDim(dim, VOLTAGE)) return { min: Math.floor(defaultValue - 50), max: Math.ceil(defaultValue + 50) };
  if (defaultValue === 0) return { min: 0, max: 1 };
  if (defaultValue === 1 && dim.every((x) => x === 0)) return { min: 0, max: 2 };
  const span = nice(Math.abs(defaultValue) * 4);
  return defaultValue > 0 ? { min: 0, max: span } : { min: -span, max: 0 };
}

/** The nearest 1, 2 or 5 × 10^k at or above x. */
function nice(x: number): number {
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

export function describeModel(ir: ModelIR, origin: string): ModelInfo {
  const toUnit = (canonical: number, scale: number) => canonical / scale;
  const params = ir.params.map((p) => {
    const defaultValue = round(toUnit(p.defaultValue, p.unit.scale));
    return { name: p.name, unit: p.unit.text, defaultValue, description: p.description, ...sliderRange(defaultValue, p.unit.dim) };
  });
  const variable = (v: { name: string; unit: { text: string }; description: string }) => ({ name: v.name, unit: v.unit.text, description: v.description });
  const spikes = ir.spike !== undefined;
  return {
    name: ir.name,
    kind: ir.kind as ModelInfo['kind'],
    origin,
    summary: ir.doc.split('\n')[0]?.trim() ?? '',
    doc: ir.doc,
    params,
    inputs: ir.inputs.map(variable),
    states: ir.states.map(variable),
    isSource: ir.kind === 'cell' && spikes && ir.inputs.every((i) => sameDim(i.unit.dim, RATE)),
    spikes,
  };
}

/** Removes binary noise (0.1 ms stored as 0.1000000001) from a converted default. */
function round(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** Every model of a registry that compiles, described; models with errors are left out. */
export function catalogOf(registry: ModelRegistry): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const name of registry.names()) {
    const ir = registry.ir(name);
    if (ir) out.push(describeModel(ir, registry.entry(name)?.origin ?? 'project'));
  }
  return out;
}

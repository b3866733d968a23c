/**
 * What a population kernel is generated from and how it is dispatched: its options, the bindings
 * every population kernel declares, the per-dispatch control block, and the kernels a step takes.
 */
import { collectNodes, isReduction } from '../cpu/invariants';
import type { FlatModel } from '../flatten';
import type { IntegratorName } from '../integrators';
import { WGSL_MATH } from './wgslExpr';
import { WGSL_RNG } from './wgslRng';

export interface KernelOptions {
  readonly integrator: IntegratorName;
  readonly sequential: boolean;
  readonly dtMs: number;
  readonly seed: number;
  /** Base stream of this population's rand()/randn() draws (as on the CPU backend). */
  readonly randomStream: number;
  /**
   * Steps of spike history kept for projections from this population (their longest delay + 1):
   * each step writes 1/0 per neuron into HIST[(n mod R)·N + i]. 0: no projection reads it.
   */
  readonly historySteps: number;
  /** Where this population's ring starts in the network's HIST buffer (words). */
  readonly historyBase: number;
  /**
   * Where this population's part starts in the network's buffers shared by kind (words): S, LS, the
   * stimulus table U, and its first neuron's number among all (spikes are stored with it).
   */
  readonly bases: { readonly states: number; readonly lastSpike: number; readonly stimuli: number; readonly neurons: number };
  /**
   * The projections into this population that run inside its kernel (their WGSL functions, each
   * `fn name(j: u32, n: i32)`): the first entry point calls them, for the step before its own, when
   * the control block's `pull` is set.
   */
  readonly arrivals?: { readonly names: readonly string[]; readonly source: readonly string[] };
  /**
   * Inputs that receive per-connection synapse currents, by input index: the row of the state
   * buffer S after the states where the projections leave the sum for this step (N values a row).
   */
  readonly inputRows?: ReadonlyMap<number, number>;
  /**
   * The first row of S after the states and input rows, where a population whose spike test reads
   * the whole population (pop_sum, pop_max) leaves each neuron's term of each reduction.
   */
  readonly reductionRow?: number;
  /** One spike per step (the population option): the stream of the draw that picks it, as on the CPU. */
  readonly oneSpikeStream?: number;
}

export const WORKGROUP_SIZE = 64;

/** Bindings every population kernel declares, by binding: ctrl, S, LS, U, C, REC, SPK, STATUS, HIST. */
export const KERNEL_BINDING_TYPES: readonly GPUBufferBindingType[] = ['uniform', 'storage', 'storage', 'read-only-storage', 'read-only-storage', 'storage', 'storage', 'storage', 'storage'];

/**
 * The control block of one dispatch, at a dynamic offset of CTRL_STRIDE bytes per slot: the chunk's
 * first step, how many steps this dispatch runs and from which step of the chunk (s0), the spike
 * buffer's capacity, a 0 the kernels read to make ∞ and NaN at run time (WGSL folds constants), and
 * `pull`: 1 when the kernel first runs the arrivals of the step before s0 (projections inside the
 * post population's kernel). Uncoupled populations run a whole chunk in one dispatch (slot 0); with
 * projections every step is a dispatch of its own (slot s), so spikes can travel between steps.
 */
export const CTRL_STRUCT = 'struct Ctrl { firstStep: i32, steps: i32, spikeCapacity: u32, zero: u32, s0: i32, pull: i32 }';
export const CTRL_BYTES = 32;
export const CTRL_STRIDE = 256;

/**
 * The kernels of a step and the scratch rows they share in S: one kernel (`main`); or, when the
 * spike test reads the whole population (pop_sum/pop_max, a row per term) or one spike per step is
 * kept (a row of candidates), `main_a` integrates, `main_b` tests, and `main_c` picks the one spike.
 */
export function kernelPhases(flat: FlatModel, oneSpike: boolean): { readonly entries: readonly string[]; readonly scratchRows: number } {
  const reductions = flat.spikes.reduce((n, s) => n + collectNodes(s.condition, isReduction).length, 0);
  if (oneSpike && flat.spikes.length > 0) return { entries: ['main_a', 'main_b', 'main_c'], scratchRows: reductions + 1 };
  if (reductions > 0) return { entries: ['main_a', 'main_b'], scratchRows: reductions };
  return { entries: ['main'], scratchRows: 0 };
}

/** The bindings and helpers every population kernel (and the network's kernel) starts with. */
export const KERNEL_HEADER = [
  CTRL_STRUCT,
  '@group(0) @binding(0) var<uniform> ctrl: Ctrl;',
  '@group(0) @binding(1) var<storage, read_write> S: array<f32>;',
  '@group(0) @binding(2) var<storage, read_write> LS: array<i32>;',
  '@group(0) @binding(3) var<storage, read> U: array<f32>;',
  '@group(0) @binding(4) var<storage, read> C: array<u32>;',
  '@group(0) @binding(5) var<storage, read_write> REC: array<f32>;',
  '@group(0) @binding(6) var<storage, read_write> SPK: array<u32>;',
  '@group(0) @binding(7) var<storage, read_write> STATUS: array<atomic<u32>, 2>;',
  '@group(0) @binding(8) var<storage, read_write> HIST: array<u32>;',
  WGSL_MATH,
  WGSL_RNG,
].join('\n');

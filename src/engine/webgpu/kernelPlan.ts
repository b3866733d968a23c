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
  /**
   * Each spike also stores where in its step the condition's margin crossed zero (a third word of
   * SPK, f32 bits), as a fit on the CPU times spikes.
   */
  readonly spikeFractions?: boolean;
  /**
   * Spikes kept per neuron instead of listed (a fit's candidates, whose losses are formed on the
   * device): neuron g's (g among all populations) k-th spike of the run goes to SPK[2·(g·perNeuron + k)]
   * (global step, then the fraction's f32 bits), counted in STATUS[counters + g]; spikes past
   * `perNeuron` are counted, not kept.
   */
  readonly spikeSlots?: { readonly perNeuron: number; readonly counters: number };
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
 * How a population whose spike test reads the whole population lays out its scratch rows in S
 * (from KernelOptions.reductionRow, N values a row): each reduction's terms (row k), the candidates
 * of one spike per step (row R), each reduction's block totals (row R + 1 + k) and the candidates
 * counted by block (row 2R + 1). Sums and counts go through blocks of B = ⌈√N⌉ neurons: ⌈N/B⌉
 * threads each total a block, then every thread totals the blocks — O(√N) a thread instead of
 * O(N), for one more dispatch. On SwiftShader that was faster at every size measured (150 cells:
 * 0.116 vs 0.176 ms a step; 1,000: 0.215 vs 2.29; 16,000: 5.6 vs 468).
 */
export interface ReductionLayout {
  readonly reductions: number;
  readonly oneSpike: boolean;
  readonly block: number;
  readonly blocks: number;
}

export function reductionLayout(flat: FlatModel, oneSpike: boolean, size: number): ReductionLayout {
  const reductions = flat.spikes.reduce((n, s) => n + collectNodes(s.condition, isReduction).length, 0);
  const block = Math.max(1, Math.ceil(Math.sqrt(size)));
  return { reductions, oneSpike: oneSpike && flat.spikes.length > 0, block, blocks: Math.ceil(size / block) };
}

/**
 * The kernels of a step and the scratch rows they share in S: one kernel (`main`); or, when the
 * spike test reads the whole population (pop_sum/pop_max) or one spike per step is kept, `main_a`
 * integrates, `main_r` totals the reductions by block, `main_b` tests, and with one spike per step
 * `main_m` counts the candidates by block and `main_c` picks the one spike.
 */
export function kernelPhases(flat: FlatModel, oneSpike: boolean, size: number): { readonly entries: readonly string[]; readonly scratchRows: number } {
  const r = reductionLayout(flat, oneSpike, size);
  if (!r.oneSpike && r.reductions === 0) return { entries: ['main'], scratchRows: 0 };
  const entries = ['main_a', ...(r.reductions > 0 ? ['main_r'] : []), 'main_b', ...(r.oneSpike ? ['main_m', 'main_c'] : [])];
  return { entries, scratchRows: 2 * r.reductions + 2 };
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
  '@group(0) @binding(7) var<storage, read_write> STATUS: array<atomic<u32>>;',
  '@group(0) @binding(8) var<storage, read_write> HIST: array<u32>;',
  WGSL_MATH,
  WGSL_RNG,
].join('\n');

/**
 * One population at run time on the CPU backend: its typed arrays (struct of arrays), the generated
 * step and observer functions, its stimuli, and initialisation of states (including `steady`).
 */
import { evaluate } from '../model/evaluate';
import type { Expr } from '../model/ir';
import { generateObserverCode, generatePopulationCode, NEVER_SPIKED, type CodegenOptions } from './cpu/codegen';
import { BlowUpError, EngineError } from './errors';
import { externalInput, type FlatModel } from './flatten';
import { steadyStateExpr, type IntegratorName } from './integrators';
import { standardNormal, streamId, uniform01 } from './rng';
import type { CompiledStimulus } from './stimuli';
import { wasmSimdSupported } from './wasm/binary';
import { KernelMemory, kernelLayout } from './wasm/kernelMemory';
import { buildSimdStep } from './wasm/simdStep';

export type StateArray = Float32Array | Float64Array;

export interface PopulationSetup {
  readonly id: string;
  readonly size: number;
  readonly flat: FlatModel;
  readonly integrator: IntegratorName;
  readonly sequential: boolean;
  readonly oneSpike: boolean;
  readonly precision: 'f32' | 'f64';
  readonly seed: number;
  readonly dtMs: number;
  /** Canonical values, one per flat param: a number for all neurons or one per neuron. */
  readonly paramValues: (number | Float64Array)[];
  /** Initial-value overrides by state name (canonical). */
  readonly initOverrides: ReadonlyMap<string, number | Float64Array>;
  readonly stimuli: readonly PopulationStimulus[];
  /** Inputs that receive per-neuron values from elsewhere (per-connection synapse currents). */
  readonly arrayInputs?: readonly number[];
  /** float32 runs step on the WebAssembly SIMD kernel where the model allows (default true). */
  readonly simd?: boolean;
}

/** Which code steps a population: the WebAssembly SIMD kernel or generated JavaScript (and why). */
export interface CpuKernel {
  readonly kind: 'wasm-simd' | 'javascript';
  /** Why a float32 population runs JavaScript (absent for SIMD and for float64 runs). */
  readonly reason?: string;
}

/** A compiled stimulus on one input; `id` (the project's stimulus id) lets a live edit replace it. */
export interface PopulationStimulus {
  readonly id?: string;
  readonly input: number;
  readonly stimulus: CompiledStimulus;
}

interface StepContext {
  N: number;
  S: StateArray[];
  PS: Float64Array;
  PA: (Float64Array | null)[];
  US: Float64Array;
  UA: (Float64Array | null)[];
  LS: Int32Array;
  SPK: Int32Array;
  bad: number;
  pickOne: (n: number, count: number) => number;
  RU: (stream: number, i: number, n: number) => number;
  RN: (stream: number, i: number, n: number) => number;
}

type StepFn = (n: number, dt: number) => number;
type ObserveFn = (i: number, n: number, dt: number, D: Float64Array) => void;

export class PopulationRuntime {
  readonly id: string;
  readonly size: number;
  readonly flat: FlatModel;
  readonly states: StateArray[];
  readonly lastSpikeStep: Int32Array;
  readonly spikeBuffer: Int32Array;
  private readonly ctx: StepContext;
  private stepFn!: StepFn;
  private observeFn!: ObserveFn;
  private readonly definitionValues: Float64Array;
  private readonly inputArraysNeeded: boolean[];
  /** The stimuli applied each step (a copy of the setup's: live edits replace entries). */
  private readonly stimuli: PopulationStimulus[];
  /** The arrays in WebAssembly memory, for the SIMD kernel (null: plain arrays, JavaScript only). */
  private readonly kernelMemory: KernelMemory | null;
  private kernelInfo: CpuKernel = { kind: 'javascript' };

  constructor(readonly setup: PopulationSetup) {
    this.id = setup.id;
    this.size = setup.size;
    this.flat = setup.flat;
    this.definitionValues = new Float64Array(setup.flat.definitions.length);
    this.stimuli = [...setup.stimuli];
    this.inputArraysNeeded = setup.flat.inputs.map((_, k) => (setup.arrayInputs ?? []).includes(k) || setup.stimuli.some((s) => s.input === k && needsArray(s)));
    const useSimd = setup.precision === 'f32' && setup.simd !== false && wasmSimdSupported();
    const paramIsArray = setup.paramValues.map((v) => typeof v !== 'number');
    this.kernelMemory = useSimd ? KernelMemory.allocate(kernelLayout(setup.size, setup.flat.states.length, paramIsArray, setup.flat.inputs.length)) : null;
    const memory = this.kernelMemory;
    const ArrayType = setup.precision === 'f64' ? Float64Array : Float32Array;
    this.states = memory ? memory.states : setup.flat.states.map(() => new ArrayType(setup.size));
    this.lastSpikeStep = (memory ? memory.lastSpike : new Int32Array(setup.size)).fill(NEVER_SPIKED);
    this.spikeBuffer = memory ? memory.spikes : new Int32Array(setup.size);
    const oneSpikeStream = streamId('oneSpike', setup.id);
    this.ctx = {
      N: setup.size,
      S: this.states,
      PS: new Float64Array(setup.flat.params.length),
      PA: setup.flat.params.map(() => null),
      US: new Float64Array(setup.flat.inputs.length),
      UA: this.inputArraysNeeded.map((needed, k) => (needed ? this.newInputArray(k) : null)),
      LS: this.lastSpikeStep,
      SPK: this.spikeBuffer,
      bad: 0,
      pickOne: (n, count) => Math.min(count - 1, Math.floor(uniform01(setup.seed, oneSpikeStream, n) * count)),
      RU: (stream, i, n) => uniform01(setup.seed, stream, i, n),
      RN: (stream, i, n) => standardNormal(setup.seed, stream, i, n),
    };
    setup.paramValues.forEach((v, k) => this.writeParam(k, v));
    this.generate();
    this.initialize();
  }

  private writeParam(k: number, raw: number | Float64Array): void {
    // In float32 runs parameters are float32 too (as on the GPU), so a state initialised from a
    // parameter sits exactly at it: V − EL is 0 at rest, not a rounding residue.
    const f32 = this.setup.precision === 'f32';
    const value = !f32 ? raw : typeof raw === 'number' ? Math.fround(raw) : raw.map(Math.fround);
    if (typeof value === 'number') {
      this.ctx.PS[k] = value;
      this.ctx.PA[k] = null;
    } else {
      this.ctx.PA[k] = value;
      this.kernelMemory?.params[k]?.set(value);
    }
  }

  /** A per-neuron input array: in the kernel's memory where there is one. */
  private newInputArray(k: number): Float64Array {
    return this.kernelMemory?.inputs[k] ?? new Float64Array(this.size);
  }

  /** Which code steps this population. */
  get cpuKernel(): CpuKernel {
    return this.kernelInfo;
  }

  private generate(): void {
    const options: CodegenOptions = {
      integrator: this.setup.integrator,
      sequential: this.setup.sequential,
      paramIsArray: this.ctx.PA.map((a) => a !== null),
      inputHasArray: this.inputArraysNeeded,
      oneSpike: this.setup.oneSpike,
      precision: this.setup.precision,
      randomStream: streamId('rand', this.setup.id),
    };
    const step = generatePopulationCode(this.flat, options).code;
    const observe = generateObserverCode(this.flat, options);
    this.stepFn = new Function('ctx', step)(this.ctx) as StepFn;
    this.observeFn = new Function('ctx', observe)(this.ctx) as ObserveFn;
    this.kernelInfo = { kind: 'javascript' };
    if (this.kernelMemory) {
      const simd = buildSimdStep(this.flat, options, this.kernelMemory, this.ctx, this.setup.seed);
      if (typeof simd === 'function') {
        this.stepFn = simd;
        this.kernelInfo = { kind: 'wasm-simd' };
      } else this.kernelInfo = { kind: 'javascript', reason: simd.reason };
    } else if (this.setup.precision === 'f32' && this.setup.simd !== false) {
      this.kernelInfo = { kind: 'javascript', reason: 'this JavaScript engine has no WebAssembly SIMD (or no memory for it)' };
    }
  }

  /** Sets every state to its initial value: project overrides, then expressions, then steady states. */
  initialize(): void {
    this.lastSpikeStep.fill(NEVER_SPIKED);
    this.initializeStates(null, 0);
  }

  /**
   * Gives the states in `only` (indices into flat.states; null: all) their initial values, evaluated
   * at step n from the current values of the others. A hot reload (engine/hotSwap.ts) uses this for
   * states that a changed model added: a new gate `m = steady` starts at its steady state for the
   * membrane potential the cell has now, not at t = 0. External inputs count as 0 here, as at t = 0.
   */
  initializeStates(only: ReadonlySet<number> | null, n: number): void {
    const { flat, size } = this;
    const wanted = (k: number) => only === null || only.has(k);
    const definitions = new Map(flat.definitions.map((d) => [d.name, d.expr]));
    const stateIndex = new Map(flat.states.map((s, k) => [s.name, k]));
    const paramIndex = new Map(flat.params.map((p, k) => [p.name, k]));
    const steady = flat.states.map((s) => (s.init === 'steady' && !this.setup.initOverrides.has(s.name) ? steadyStateExpr(flat, s.name) : undefined));
    const initStream = streamId('init', this.id);
    for (let i = 0; i < size; i++) {
      // rand()/randn() in initial values: draws (seed, 'init' stream, neuron, draw number).
      let draw = 0;
      const random = {
        uniform: () => uniform01(this.setup.seed, initStream, i, draw++),
        normal: () => standardNormal(this.setup.seed, initStream, i, draw++),
      };
      const known = new Map<string, number>();
      const lookup = (name: string): number => {
        const cached = known.get(name);
        if (cached !== undefined) return cached;
        const p = paramIndex.get(name);
        if (p !== undefined) return this.ctx.PA[p]?.[i] ?? this.ctx.PS[p];
        if (stateIndex.has(name)) return this.states[stateIndex.get(name)!][i];
        if (name.startsWith('in:')) return 0;
        const def = definitions.get(name);
        if (def) return evaluate(def, lookup, random);
        switch (name) {
          case 't':
            return n * this.setup.dtMs;
          case 'dt':
            return this.setup.dtMs;
          case 'pi':
            return Math.PI;
          case 'lastspike':
            return this.lastSpikeStep[i] === NEVER_SPIKED ? -1e7 : this.lastSpikeStep[i] * this.setup.dtMs;
        }
        throw new EngineError('invalid-model', `${this.id}: cannot evaluate '${name}' for initial values`);
      };
      const setState = (k: number, expr: Expr | undefined, override: number | Float64Array | undefined): void => {
        const value = override !== undefined ? (typeof override === 'number' ? override : override[i]) : evaluate(expr!, lookup, random);
        this.states[k][i] = value;
      };
      flat.states.forEach((s, k) => {
        if (steady[k] || !wanted(k)) return;
        const init = s.init === 'steady' ? undefined : s.init;
        setState(k, init, this.setup.initOverrides.get(s.name));
      });
      flat.states.forEach((_, k) => {
        if (steady[k] && wanted(k)) setState(k, steady[k], undefined);
      });
    }
    for (let k = 0; k < flat.states.length; k++) {
      if (!wanted(k)) continue;
      for (let i = 0; i < size; i++) {
        const v = this.states[k][i];
        if (!Number.isFinite(v)) {
          throw new EngineError('blowup', `${this.id}[${i}].${flat.states[k].name} starts at ${v}; check its initial value`);
        }
      }
    }
  }

  /** This step's external inputs: stimuli summed into a scalar (uniform) and per-neuron arrays. */
  prepareInputs(n: number, dtMs: number): void {
    const { US, UA } = this.ctx;
    const stimuli = this.stimuli;
    if (US.length === 0) return;
    US.fill(0);
    for (let k = 0; k < UA.length; k++) UA[k]?.fill(0);
    for (let k = 0; k < stimuli.length; k++) {
      const { input, stimulus } = stimuli[k];
      if (stimulus.uniform && stimulus.neurons === null) US[input] += stimulus.valueAt(n, dtMs);
      else stimulus.addInto(UA[input]!, n, dtMs);
    }
  }

  /** Advances every neuron by one step; returns how many spiked (their indices are in spikeBuffer). */
  step(n: number, dtMs: number): number {
    const count = this.stepFn(n, dtMs);
    if (this.ctx.bad) this.throwBlowUp(n, dtMs);
    return count;
  }

  private throwBlowUp(n: number, dtMs: number): never {
    for (let i = 0; i < this.size; i++) {
      for (let k = 0; k < this.states.length; k++) {
        const v = this.states[k][i];
        if (!Number.isFinite(v)) {
          throw new BlowUpError(this.id, i, this.flat.states[k].name, Number(((n + 1) * dtMs).toPrecision(12)), v);
        }
      }
    }
    throw new EngineError('blowup', `${this.id}: numerical blow-up at t = ${(n + 1) * dtMs} ms`);
  }

  /** Values of every definition of neuron i now (for recording). */
  observe(i: number, n: number, dtMs: number): Float64Array {
    this.observeFn(i, n, dtMs, this.definitionValues);
    return this.definitionValues;
  }

  get seed(): number {
    return this.setup.seed;
  }

  /** Parameter k as the step code sees it: one value for all, or the per-neuron array. */
  paramSnapshot(k: number): number | Float64Array {
    return this.ctx.PA[k] ?? this.ctx.PS[k];
  }

  /** The stimuli applied each step (after live edits). */
  get activeStimuli(): readonly PopulationStimulus[] {
    return this.stimuli;
  }

  /** Whether input k receives per-neuron values from projections (not only from stimuli). */
  inputFedByProjections(k: number): boolean {
    return (this.setup.arrayInputs ?? []).includes(k);
  }

  paramValue(k: number, i: number): number {
    return this.ctx.PA[k]?.[i] ?? this.ctx.PS[k];
  }

  /** The per-neuron array of input k (zeroed and refilled by stimuli each step), if it has one. */
  inputArray(k: number): Float64Array | null {
    return this.ctx.UA[k];
  }

  inputValue(k: number, i: number): number {
    return this.ctx.US[k] + (this.ctx.UA[k]?.[i] ?? 0);
  }

  /** Changes a parameter between steps (live slider edits); regenerates code only if its shape changes. */
  setParam(k: number, value: number | Float64Array): void {
    const wasArray = this.ctx.PA[k] !== null;
    this.writeParam(k, value);
    if (wasArray !== (typeof value !== 'number')) this.generate();
  }

  /** Whether a stimulus with this id acts on this population. */
  hasStimulus(id: string): boolean {
    return this.stimuli.some((s) => s.id === id);
  }

  /**
   * Replaces the stimulus `id` between steps (live edits). A stimulus that differs per neuron on an
   * input that so far had one value for all gets that input a per-neuron array (and new code).
   */
  replaceStimulus(id: string, input: number, stimulus: CompiledStimulus): void {
    const k = this.stimuli.findIndex((s) => s.id === id);
    if (k < 0) throw new EngineError('invalid-value', `${this.id} has no stimulus '${id}'`);
    const entry = { id, input, stimulus };
    this.stimuli[k] = entry;
    if (needsArray(entry) && !this.inputArraysNeeded[input]) {
      this.inputArraysNeeded[input] = true;
      this.ctx.UA[input] = this.newInputArray(input);
      this.generate();
    }
  }

  inputIndex(name: string): number {
    return this.flat.inputs.findIndex((i) => externalInput(i.name) === externalInput(name));
  }
}

/** A stimulus needs a per-neuron input array unless it gives every neuron the same value. */
function needsArray(s: PopulationStimulus): boolean {
  return !s.stimulus.uniform || s.stimulus.neurons !== null;
}

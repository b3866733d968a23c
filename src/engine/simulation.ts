/**
 * A compiled simulation: populations, recorders and the run loop. Runs in chunks of steps; between
 * chunks the caller may pause, read or write states, or change parameters.
 *
 * Order within step n (t = n·dt): stimuli → record (values at t) → every population integrates,
 * clamps, tests spikes and resets. Spikes are stamped t = n·dt, the start of the step (as Brian2).
 */
import { BlowUpError, EngineError } from './errors';
import type { PopulationRuntime } from './population';
import type { ProjectionRuntime } from './projection';
import type { Stimulus } from '../project/schema';
import { buildStimulus } from './stimulusBuild';
import { resolveValue, type ParamInput } from './values';

export interface SeriesInfo {
  /** `population[neuron].variable`, the column name in traces.csv. */
  readonly key: string;
  readonly population: string;
  readonly neuron: number;
  readonly variable: string;
  /** The unit recorded values are in (the variable's declared unit). */
  readonly unit: string;
}

export interface SeriesReader extends SeriesInfo {
  readonly populationIndex: number;
  /** For kind 'connection': the projection; `neuron` is then the connection index. */
  readonly projectionIndex?: number;
  readonly kind: 'state' | 'param' | 'definition' | 'input' | 'connection';
  readonly index: number;
  /** Divide canonical values by this to get `unit`. */
  readonly scale: number;
}

export interface RecorderSetup {
  readonly intervalSteps: number;
  readonly series: readonly SeriesReader[];
}

export interface RecordedBlock {
  /** Index of the recorder (one per recording entry of the project). */
  readonly recorder: number;
  readonly timesMs: Float64Array;
  /** Time-major: values[sample * series.length + s]. Float64 when the simulation runs in f64. */
  readonly values: Float32Array | Float64Array;
}

export interface SpikeBlock {
  readonly steps: Int32Array;
  readonly populations: Int32Array;
  readonly neurons: Int32Array;
  /**
   * Where in its step each spike's condition crossed (0 ≤ f < 1: at (step + f)·dt), when the backend
   * was asked for it (the GPU's, for a fit's candidates).
   */
  readonly fractions?: Float32Array;
}

/** Population firing rates of the bins completed in a chunk. */
export interface RateBlock {
  /** Index of the rate monitor (one per `rates` entry of the project). */
  readonly monitor: number;
  /** Start of each bin, ms. */
  readonly timesMs: Float64Array;
  /** Spikes per neuron per second in each bin. */
  readonly rateHz: Float32Array;
}

export interface RateMonitorSetup {
  readonly population: number;
  readonly binSteps: number;
  /** Gaussian smoothing (standard deviation, ms) applied to whole-run results. */
  readonly smoothMs: number;
}

export interface Chunk {
  readonly firstStep: number;
  readonly stepCount: number;
  readonly dtMs: number;
  readonly recordings: readonly RecordedBlock[];
  readonly spikes: SpikeBlock;
  readonly rates: readonly RateBlock[];
}

export interface RunOptions {
  readonly steps?: number;
  readonly durationMs?: number;
  /** Steps per chunk (default: about 10 ms of simulated time, at least 1). */
  readonly chunkSteps?: number;
  /** Called after each chunk; return false to pause after it. */
  readonly onChunk?: (chunk: Chunk) => void | boolean;
}

export interface RunResult {
  readonly stepsRun: number;
  readonly wallMs: number;
  readonly paused: boolean;
}

export class Simulation {
  private stepIndex = 0;
  readonly spikeCounts: Float64Array;
  /** Spikes of each population in the step just run (their indices are in its spike buffer). */
  private readonly stepSpikes: Int32Array;
  /** Spikes counted so far in each rate monitor's current bin. */
  private readonly rateCounts: Float64Array;
  private readonly projectionEnds: number[][];

  constructor(
    readonly dtMs: number,
    readonly populations: readonly PopulationRuntime[],
    readonly recorders: readonly RecorderSetup[],
    readonly recordSpikes: readonly boolean[],
    /** The default duration (from the project). */
    readonly durationMs: number,
    readonly precision: 'f32' | 'f64' = 'f32',
    readonly projections: readonly ProjectionRuntime[] = [],
    readonly rateMonitors: readonly RateMonitorSetup[] = [],
  ) {
    this.rateCounts = new Float64Array(rateMonitors.length);
    this.projectionEnds = projections.map((p) => [populations.indexOf(p.setup.pre), populations.indexOf(p.setup.post)]);
    this.spikeCounts = new Float64Array(populations.length);
    this.stepSpikes = new Int32Array(populations.length);
  }

  get step(): number {
    return this.stepIndex;
  }

  get tMs(): number {
    return this.stepIndex * this.dtMs;
  }

  /** Every recorded series, recorder by recorder. */
  get series(): SeriesInfo[][] {
    return this.recorders.map((r) => r.series.map(({ key, population, neuron, variable, unit }) => ({ key, population, neuron, variable, unit })));
  }

  /** Steps needed for a duration: round(duration / dt). */
  stepsFor(durationMs: number): number {
    return Math.round(durationMs / this.dtMs);
  }

  run(options: RunOptions = {}): RunResult {
    const total = options.steps ?? this.stepsFor(options.durationMs ?? this.durationMs);
    const chunkSteps = Math.max(1, options.chunkSteps ?? Math.round(10 / this.dtMs));
    const start = performance.now();
    let done = 0;
    while (done < total) {
      const count = Math.min(chunkSteps, total - done);
      const chunk = this.runChunk(count);
      done += count;
      if (options.onChunk?.(chunk) === false) return { stepsRun: done, wallMs: performance.now() - start, paused: done < total };
    }
    return { stepsRun: done, wallMs: performance.now() - start, paused: false };
  }

  private runChunk(stepCount: number): Chunk {
    const dt = this.dtMs;
    const firstStep = this.stepIndex;
    const blocks = this.recorders.map((r, recorder) => {
      const samples = countSamples(firstStep, stepCount, r.intervalSteps);
      return { recorder, timesMs: new Float64Array(samples), values: new (this.precision === 'f64' ? Float64Array : Float32Array)(samples * r.series.length), filled: 0 };
    });
    const rateBins: number[][] = this.rateMonitors.map(() => []);
    const spikeSteps: number[] = [];
    const spikePops: number[] = [];
    const spikeNeurons: number[] = [];
    // Plain indexed loops: this runs every step, and closures per step showed up in profiles.
    const { populations, projections, recorders, projectionEnds, stepSpikes } = this;
    for (let s = 0; s < stepCount; s++) {
      const n = this.stepIndex;
      for (let p = 0; p < populations.length; p++) populations[p].prepareInputs(n, dt);
      for (let k = 0; k < projections.length; k++) projections[k].addCurrents(n, dt);
      for (let k = 0; k < recorders.length; k++) {
        if (n % recorders[k].intervalSteps === 0) this.sample(recorders[k], blocks[k], n);
      }
      for (let k = 0; k < projections.length; k++) projections[k].advanceClock(n, dt);
      for (let p = 0; p < populations.length; p++) {
        const pop = populations[p];
        let count: number;
        try {
          count = pop.step(n, dt);
        } catch (e) {
          if (e instanceof BlowUpError) this.stepIndex = n + 1;
          throw e;
        }
        this.spikeCounts[p] += count;
        stepSpikes[p] = count;
        if (count > 0 && this.recordSpikes[p]) {
          for (let c = 0; c < count; c++) {
            spikeSteps.push(n);
            spikePops.push(p);
            spikeNeurons.push(pop.spikeBuffer[c]);
          }
        }
      }
      // Spikes of step n travel: queued with their delays; arrivals run on_pre, post spikes on_post.
      for (let k = 0; k < projections.length; k++) {
        const ends = projectionEnds[k];
        projections[k].afterStep(n, dt, stepSpikes[ends[0]], stepSpikes[ends[1]]);
      }
      if (this.rateMonitors.length > 0) this.countRates(n, stepSpikes, rateBins);
      this.stepIndex = n + 1;
    }
    return {
      firstStep,
      stepCount,
      dtMs: dt,
      recordings: blocks.map(({ recorder, timesMs, values }) => ({ recorder, timesMs, values })),
      spikes: { steps: Int32Array.from(spikeSteps), populations: Int32Array.from(spikePops), neurons: Int32Array.from(spikeNeurons) },
      rates: rateBlocks(rateBins),
    };
  }

  /**
   * Adds step n's spike counts (per population) to the rate monitors' open bins and closes the bins
   * that end with this step into `rateBins` (start ms, rate Hz pairs per monitor). Other backends
   * call this too, so every backend bins rates the same way.
   */
  countRates(n: number, spikesByPopulation: ArrayLike<number>, rateBins: number[][]): void {
    const dt = this.dtMs;
    this.rateMonitors.forEach((m, k) => {
      this.rateCounts[k] += spikesByPopulation[m.population];
      if ((n + 1) % m.binSteps === 0) {
        rateBins[k].push((n + 1 - m.binSteps) * dt, (this.rateCounts[k] * 1000) / (this.populations[m.population].size * m.binSteps * dt));
        this.rateCounts[k] = 0;
      }
    });
  }

  /** Moves the clock to `step` without simulating (another backend ran the steps in between). */
  advanceClockTo(step: number): void {
    this.stepIndex = step;
  }

  private sample(r: RecorderSetup, block: { timesMs: Float64Array; values: Float32Array | Float64Array; filled: number }, n: number): void {
    const row = block.filled++;
    block.timesMs[row] = n * this.dtMs;
    const width = r.series.length;
    let observed: Map<PopulationRuntime, Map<number, Float64Array>> | undefined;
    r.series.forEach((s, col) => {
      const pop = this.populations[s.populationIndex];
      let value: number;
      switch (s.kind) {
        case 'connection':
          value = this.projections[s.projectionIndex!].read(s.neuron, n, this.dtMs, s.index);
          break;
        case 'state':
          value = pop.states[s.index][s.neuron];
          break;
        case 'param':
          value = pop.paramValue(s.index, s.neuron);
          break;
        case 'input':
          value = pop.inputValue(s.index, s.neuron);
          break;
        case 'definition': {
          observed ??= new Map();
          let perNeuron = observed.get(pop);
          if (!perNeuron) observed.set(pop, (perNeuron = new Map()));
          let defs = perNeuron.get(s.neuron);
          if (!defs) perNeuron.set(s.neuron, (defs = Float64Array.from(pop.observe(s.neuron, n, this.dtMs))));
          value = defs[s.index];
          break;
        }
      }
      block.values[row * width + col] = value / s.scale;
    });
  }

  /** Back to t = 0 with every state at its initial value. */
  reset(): void {
    this.stepIndex = 0;
    this.spikeCounts.fill(0);
    this.rateCounts.fill(0);
    for (const projection of this.projections) projection.reset();
    for (const pop of this.populations) pop.initialize();
  }

  /**
   * Hot reload (engine/hotSwap.ts): takes over another simulation's clock (the step, hence every
   * counter-based random draw, which is keyed by step) and its counters (spikes, open rate bins).
   * The other simulation must have the same populations and rate monitors.
   */
  continueFrom(other: Simulation): void {
    this.stepIndex = other.stepIndex;
    this.spikeCounts.set(other.spikeCounts);
    this.rateCounts.set(other.rateCounts);
  }

  private population(id: string): PopulationRuntime {
    const pop = this.populations.find((p) => p.id === id);
    if (!pop) throw new EngineError('invalid-value', `unknown population '${id}'; populations are: ${this.populations.map((p) => p.id).join(', ')}`);
    return pop;
  }

  /** A copy of a state's values (canonical units) for every neuron. */
  getState(populationId: string, state: string): Float64Array {
    const pop = this.population(populationId);
    const k = pop.flat.states.findIndex((s) => s.name === state);
    if (k < 0) throw new EngineError('invalid-value', `${populationId} has no state '${state}'`);
    return Float64Array.from(pop.states[k]);
  }

  setState(populationId: string, state: string, values: ArrayLike<number> | number): void {
    const pop = this.population(populationId);
    const k = pop.flat.states.findIndex((s) => s.name === state);
    if (k < 0) throw new EngineError('invalid-value', `${populationId} has no state '${state}'`);
    if (typeof values === 'number') pop.states[k].fill(values);
    else pop.states[k].set(values);
  }

  /**
   * Changes a parameter between chunks (live slider edits), in the parameter's declared unit or as a
   * quantity string ("12 ms"), one value or one per neuron, or a distribution drawn from the seed.
   */
  setParam(populationId: string, param: string, value: ParamInput): void {
    const pop = this.population(populationId);
    const k = pop.flat.params.findIndex((p) => p.name === param);
    if (k < 0) throw new EngineError('invalid-value', `${populationId} has no parameter '${param}'; it has: ${pop.flat.params.map((p) => p.name).join(', ')}`);
    pop.setParam(k, resolveValue(value, pop.flat.params[k].unit, pop.size, pop.seed, [pop.id, param], `${populationId}.${param}`));
  }

  /**
   * Replaces the stimulus with `stimulus.id` on its target population between chunks (a new
   * amplitude, timing, shape). It is compiled before anything changes, so an invalid one leaves the
   * old one running.
   */
  replaceStimulus(stimulus: Stimulus, path = `stimulus '${stimulus.id}'`): void {
    const pop = this.population(stimulus.target);
    if (!pop.hasStimulus(stimulus.id)) throw new EngineError('invalid-value', `${path}: '${pop.id}' has no stimulus '${stimulus.id}' to replace`);
    const { input, stimulus: compiled } = buildStimulus(stimulus, path, pop.flat, pop.size, pop.seed);
    pop.replaceStimulus(stimulus.id, input, compiled);
  }

  /** Changes a parameter between chunks, in canonical internal units. */
  setParamCanonical(populationId: string, param: string, value: number | Float64Array): void {
    const pop = this.population(populationId);
    const k = pop.flat.params.findIndex((p) => p.name === param);
    if (k < 0) throw new EngineError('invalid-value', `${populationId} has no parameter '${param}'`);
    pop.setParam(k, value);
  }
}

/** The rate blocks of a chunk from `countRates`' (start, rate) pairs. */
export function rateBlocks(rateBins: readonly number[][]): RateBlock[] {
  return rateBins.map((bins, monitor) => ({
    monitor,
    timesMs: Float64Array.from({ length: bins.length / 2 }, (_, b) => bins[2 * b]),
    rateHz: Float32Array.from({ length: bins.length / 2 }, (_, b) => bins[2 * b + 1]),
  }));
}

/** How many samples a recorder of this interval takes in the steps [firstStep, firstStep + stepCount). */
export function countSamples(firstStep: number, stepCount: number, interval: number): number {
  const firstSample = Math.ceil(firstStep / interval) * interval;
  if (firstSample >= firstStep + stepCount) return 0;
  return Math.floor((firstStep + stepCount - 1 - firstSample) / interval) + 1;
}

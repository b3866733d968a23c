/**
 * Runs a compiled simulation on a GPUDevice. The CPU-compiled `Simulation` stays the host: it holds
 * the flat models, initial states, stimuli, recorders and rate monitors, and gets the states back
 * whenever they are read. Each chunk is one dispatch per population (every step of the chunk inside
 * the kernel, states in registers), one submission, and one read-back of recordings and spikes.
 *
 * Spikes go to a GPU buffer of (step, neuron) pairs through an atomic counter. When a chunk spikes
 * more than the buffer holds, the states saved at the chunk's start are restored, the buffer grows,
 * and the chunk runs again: nothing is dropped.
 */
import { streamId } from '../rng';
import { BlowUpError, EngineError } from '../errors';
import type { PopulationRuntime } from '../population';
import { countSamples, rateBlocks, type Chunk, type RecordedBlock, type RunOptions, type RunResult, type Simulation } from '../simulation';
import { planKernelLayout, stimulusTable, type KernelLayout, type LocalRecorder } from './kernelLayout';
import { CTRL_STRIDE, generatePopulationKernel, kernelPhases, KERNEL_BINDING_TYPES, WORKGROUP_SIZE } from './populationKernel';
import { GpuProjection, historyStepsFor, planProjection } from './gpuProjection';
import { PROJECTION_BINDING_TYPES } from './projectionSource';
import { NetworkHistory } from './networkHistory';
import type { ProjectionRuntime } from '../projection';
import { needsPostHistory } from './synapseProgram';
import { gpuUnsupportedReason } from './support';
import { GpuBuffers, writeStates, type StateSnapshot } from './gpuBuffers';
import { carriesCurrent, firstCurrents, inputOf } from './synapseCurrents';

/**
 * The GPU device was lost (driver reset, the browser reclaimed it, the device was destroyed). The
 * host simulation holds the states and clock of the last completed chunk (a checkpoint after every
 * chunk), so a run can go on from `tMs` on the CPU backend.
 */
export class DeviceLostError extends EngineError {
  constructor(
    readonly reason: string,
    readonly tMs: number,
  ) {
    super('unsupported', `the WebGPU device was lost (${reason}) at t = ${tMs} ms`);
  }
}

export interface GpuTarget {
  readonly device: GPUDevice;
  /** The adapter's name as shown to users ("NVIDIA H100", "SwiftShader Device (Subzero)"). */
  readonly adapterName: string;
}

/** Default chunk on the GPU: long, since each chunk costs a submission and a read-back. */
const DEFAULT_CHUNK_MS = 100;
/** Neuron-steps per dispatch at most, so one dispatch stays well under a GPU watchdog's limit. */
const MAX_NEURON_STEPS_PER_DISPATCH = 2e8;
const COMPUTE_STAGE = 0x4; // GPUShaderStage.COMPUTE

interface DispatchResult {
  readonly populations: readonly { spikeCount: number; badStep: number; spikes: Uint32Array; recorded: Float32Array }[];
  /** Each projection's recorded per-connection values. */
  readonly connections: readonly Float32Array[];
}

interface PopulationKernel {
  readonly pop: PopulationRuntime;
  readonly index: number;
  readonly layout: KernelLayout;
  readonly buffers: GpuBuffers;
  /** One kernel a step (or a chunk), or two when the spike test reads the whole population. */
  readonly pipelines: readonly GPUComputePipeline[];
  /** Whether its first kernel runs the arrivals of incoming projections. */
  readonly hostsArrivals: boolean;
}

export class GpuSimulation {
  private readonly kernels: PopulationKernel[];
  /** Spike propagation; with any, every step is a dispatch of its own. */
  private readonly projections: GpuProjection[];
  /** Whether the projections run inside their post populations' kernels (else each in its own). */
  private readonly arrivalsInKernels: boolean;
  private readonly history: NetworkHistory;
  private readonly maxChunkSteps: number;
  private lost: string | undefined;

  /** Throws EngineError('unsupported') with the reason when the simulation cannot run on the GPU. */
  static create(host: Simulation, target: GpuTarget, options: { chunkSteps?: number } = {}): GpuSimulation {
    const reason = gpuUnsupportedReason(host);
    if (reason) throw new EngineError('unsupported', reason);
    return new GpuSimulation(host, target, options.chunkSteps);
  }

  private constructor(
    readonly host: Simulation,
    readonly target: GpuTarget,
    chunkSteps: number | undefined,
  ) {
    const neurons = host.populations.reduce((n, p) => n + p.size, 0);
    const wanted = chunkSteps ?? Math.max(1, Math.round(DEFAULT_CHUNK_MS / host.dtMs));
    this.maxChunkSteps = Math.max(1, Math.min(wanted, Math.floor(MAX_NEURON_STEPS_PER_DISPATCH / Math.max(1, neurons))));
    const { device } = target;
    void device.lost.then((info) => {
      this.lost = info.message || info.reason;
    });
    // An explicit layout: 'auto' would drop the bindings a kernel does not use (no recordings, say).
    // The control block (binding 0) is read at a dynamic offset: one slot per chunk or per step.
    const layoutOf = (types: readonly GPUBufferBindingType[]) =>
      device.createBindGroupLayout({ entries: types.map((type, binding) => ({ binding, visibility: COMPUTE_STAGE, buffer: { type, hasDynamicOffset: binding === 0 } })) });
    const bindGroupLayout = layoutOf(KERNEL_BINDING_TYPES);
    const pipelineLayout = device.createPipelineLayout({ bindGroupLayouts: [bindGroupLayout] });
    // Per-connection currents (synapses whose current is not summed per neuron) arrive through rows
    // of the post population's state buffer after its states, one per input they drive.
    const currents = host.projections.filter(carriesCurrent);
    // Projections run inside their post population's kernel, at the start of the next step, unless
    // a per-connection current must read every population after the step (then each has a kernel
    // of its own, dispatched after the populations).
    this.arrivalsInKernels = currents.length === 0 && host.projections.length > 0;
    // Spike history each population keeps: its outgoing projections' longest delay + 1 steps (+ 1
    // when arrivals run in the next step's kernels, where a population writes step n + 1 while
    // another reads step n − delay), and at least this step where an incoming projection has on_post.
    const extra = this.arrivalsInKernels ? 1 : 0;
    const historySteps = host.populations.map((pop) =>
      host.projections.reduce((m, p) => Math.max(m, p.setup.pre === pop ? historyStepsFor(p) + extra : 0, p.setup.post === pop && needsPostHistory(p) ? 1 : 0), 0),
    );
    this.history = new NetworkHistory(device, host.populations.map((pop, index) => ({ size: pop.size, steps: historySteps[index] })));
    const rings = this.history.rings;
    const inputRows = host.populations.map((pop) => {
      const rows = new Map<number, number>();
      for (const projection of currents) {
        if (projection.setup.post !== pop) continue;
        const input = inputOf(projection);
        if (!rows.has(input)) rows.set(input, pop.states.length + rows.size);
      }
      return rows;
    });
    const recordersOf = (test: (series: { populationIndex?: number; projectionIndex?: number }) => boolean) =>
      host.recorders.map((setup, recorder) => ({ recorder, setup })).filter(({ setup }) => setup.series.length > 0 && test(setup.series[0]));
    const connectionRecorders = (projection: ProjectionRuntime) => recordersOf((s) => s.projectionIndex === host.projections.indexOf(projection));
    const indexOf = (pop: PopulationRuntime): number => host.populations.indexOf(pop);
    const hosted = new Map<ProjectionRuntime, GpuProjection>();
    this.kernels = host.populations.map((pop, index) => {
      const layout = planKernelLayout(pop, recordersOf((s) => s.populationIndex === index), this.maxChunkSteps);
      // The projections into this population that its kernel runs: their data after its own.
      let tableBase = layout.constants.length;
      let recordBase = layout.recordSlots;
      let variableBase = pop.size;
      const plans = (this.arrivalsInKernels ? host.projections.filter((p) => p.setup.post === pop) : []).map((projection) => {
        const placement = { tableBase, variables: { name: 'LS', base: variableBase }, preHistory: rings[indexOf(projection.setup.pre)], postHistory: rings[index] };
        const plan = planProjection(projection, connectionRecorders(projection), this.maxChunkSteps, placement, recordBase);
        tableBase += plan.constants.length;
        recordBase += plan.recording.slots;
        variableBase += plan.variableWords;
        return plan;
      });
      const names = plans.map((_, k) => `arrive_${k}`);
      const code = generatePopulationKernel(pop.flat, layout, {
        integrator: pop.setup.integrator,
        sequential: pop.setup.sequential,
        dtMs: host.dtMs,
        seed: pop.seed,
        randomStream: streamId('rand', pop.id),
        historySteps: historySteps[index],
        historyBase: rings[index].base,
        arrivals: plans.length > 0 ? { names, source: plans.flatMap((plan, k) => GpuProjection.functionSource(plan, names[k])) } : undefined,
        inputRows: inputRows[index],
        reductionRow: pop.states.length + inputRows[index].size,
        oneSpikeStream: pop.setup.oneSpike ? streamId('oneSpike', pop.id) : undefined,
      });
      const module = device.createShaderModule({ code, label: `population ${pop.id}` });
      // A spike test that reads the whole population, or one spike per step, splits the step:
      // integrate all, then test (then pick one).
      const phases = kernelPhases(pop.flat, pop.setup.oneSpike);
      const pipelines = phases.entries.map((entryPoint) => device.createComputePipeline({ layout: pipelineLayout, compute: { module, entryPoint }, label: `${pop.id} ${entryPoint}` }));
      const hostedData = { constants: plans.flatMap((plan) => plan.constants), variableWords: variableBase - pop.size, recordSlots: recordBase - layout.recordSlots };
      const buffers = new GpuBuffers(device, bindGroupLayout, pop, layout, this.maxChunkSteps, this.history, rings[index], inputRows[index].size + phases.scratchRows, hostedData);
      buffers.uploadStates(pop);
      buffers.uploadInputRows(pop, firstCurrents(host, pop, inputRows[index], currents));
      for (const plan of plans) hosted.set(plan.projection, GpuProjection.hosted(device, plan, buffers.lastSpikeBuffer));
      return { pop, index, layout, buffers, pipelines, hostsArrivals: plans.length > 0 };
    });
    const projectionLayout = layoutOf(PROJECTION_BINDING_TYPES);
    const layouts = { bindGroup: projectionLayout, pipeline: device.createPipelineLayout({ bindGroupLayouts: [projectionLayout] }) };
    // Own kernels: projections with per-connection currents run last in each step, so the currents
    // see every arrival (as on the CPU, where they are computed before the next step); the first
    // into an input sets its row, the others add to it.
    const assigned = new Set<string>();
    const ordered = this.arrivalsInKernels ? host.projections : [...host.projections.filter((p) => !carriesCurrent(p)), ...currents];
    this.projections = ordered.map((projection) => {
      const own = hosted.get(projection);
      if (own) return own;
      const pre = this.kernels[indexOf(projection.setup.pre)];
      const post = this.kernels[indexOf(projection.setup.post)];
      let input: { row: number; assign: boolean } | undefined;
      if (carriesCurrent(projection)) {
        const driven = inputOf(projection);
        const key = `${post.index}:${driven}`;
        input = { row: inputRows[post.index].get(driven)!, assign: !assigned.has(key) };
        assigned.add(key);
      }
      const placement = { tableBase: 0, variables: { name: 'V', base: 0 }, preHistory: rings[pre.index], postHistory: rings[post.index], input };
      const plan = planProjection(projection, connectionRecorders(projection), this.maxChunkSteps, placement, 0);
      const buffers = { history: this.history, postStates: post.buffers.stateBuffer, preStates: pre.buffers.stateBuffer };
      return GpuProjection.standalone(device, layouts, plan, buffers, this.maxChunkSteps);
    });
    this.uploadSpikesInTransit();
  }

  /** The host's spikes in transit (queued arrivals from step n on) as the GPU's spike-history rings. */
  private uploadSpikesInTransit(): void {
    const n = this.host.step;
    for (const k of this.kernels) {
      const R = k.buffers.historySteps;
      if (R === 0) continue;
      const flags = new Uint32Array(R * k.pop.size);
      for (const projection of this.host.projections) {
        if (projection.setup.pre !== k.pop) continue;
        for (const [step, pre] of projection.spikesInTransit(n)) flags[(step % R) * k.pop.size + pre] = 1;
      }
      k.buffers.uploadHistory(flags);
    }
  }

  /**
   * Gives the host the GPU's states (all populations at once) and rebuilds its projections' queues
   * from the spike-history rings, so the CPU backend can go on from the host's step.
   */
  private commit(snapshots: readonly StateSnapshot[], synapses: readonly Uint32Array[]): void {
    this.kernels.forEach((k, j) => writeStates(k.pop, snapshots[j]));
    this.projections.forEach((p, j) => p.commit(synapses[j]));
    const n = this.host.step;
    for (const projection of this.host.projections) {
      const k = this.kernels[this.host.populations.indexOf(projection.setup.pre)];
      const { history } = snapshots[k.index];
      const R = k.buffers.historySteps;
      const N = k.pop.size;
      projection.refillQueue(n, (step) => {
        const base = (step % R) * N;
        const spiked: number[] = [];
        for (let i = 0; i < N; i++) if (history[base + i] !== 0) spiked.push(i);
        return spiked;
      });
    }
  }

  /**
   * Dispatches a step takes: 0 when a chunk is one dispatch per population (nothing couples the
   * steps); else one per population kernel, plus one per projection with a kernel of its own.
   */
  get dispatchesPerStep(): number {
    const perStep = this.projections.length > 0 || this.kernels.some((k) => k.pipelines.length > 1);
    if (!perStep) return 0;
    return this.kernels.reduce((n, k) => n + k.pipelines.length, 0) + this.projections.filter((p) => p.kernel).length;
  }

  get adapterName(): string {
    return this.target.adapterName;
  }

  /** Runs like Simulation.run, a chunk at a time, with the same chunks. */
  async runAsync(options: RunOptions = {}): Promise<RunResult> {
    const total = options.steps ?? this.host.stepsFor(options.durationMs ?? this.host.durationMs);
    const chunkSteps = Math.min(this.maxChunkSteps, Math.max(1, options.chunkSteps ?? this.maxChunkSteps));
    const start = performance.now();
    let done = 0;
    try {
      while (done < total) {
        const count = Math.min(chunkSteps, total - done);
        const chunk = await this.runChunk(count);
        done += count;
        if (options.onChunk?.(chunk) === false) return { stepsRun: done, wallMs: performance.now() - start, paused: done < total };
      }
    } catch (e) {
      // The failing call may settle before device.lost does: give it a moment to say why.
      const lost = this.lost ?? (await Promise.race([this.target.device.lost.then((info) => info.message || info.reason), new Promise<undefined>((r) => setTimeout(r, 100))]));
      if (lost !== undefined) throw new DeviceLostError(lost, this.host.tMs);
      throw e;
    }
    return { stepsRun: done, wallMs: performance.now() - start, paused: false };
  }

  private async runChunk(stepCount: number): Promise<Chunk> {
    const host = this.host;
    const firstStep = host.step;
    let dispatched = await this.dispatch(firstStep, stepCount);
    let results = dispatched.populations;
    // A spike buffer that overflowed: restore the chunk's starting states, grow, and run it again.
    const overflow = this.kernels.filter((k, j) => results[j].spikeCount > k.buffers.spikeCapacity);
    if (overflow.length > 0) {
      this.restoreSaved();
      for (const k of overflow) k.buffers.growSpikes(results[k.index].spikeCount);
      dispatched = await this.dispatch(firstStep, stepCount);
      results = dispatched.populations;
    }
    const badSteps = results.map((r) => r.badStep).filter((step) => step !== 0xffffffff);
    if (badSteps.length > 0) await this.throwBlowUp(firstStep, Math.min(...badSteps));
    // Checkpoint: the chunk's final states, read before anything in the host changes and written to
    // it with the clock at the end (all populations or none), so that a run can go on on the CPU
    // from the last completed chunk if the device is lost.
    const [snapshots, synapses] = await this.readBack();

    // Spikes, ordered as the CPU backend emits them: by step, then population, then neuron.
    const P = this.kernels.length;
    const maxN = this.kernels.reduce((m, k) => Math.max(m, k.pop.size), 1);
    const keys: number[] = [];
    const perStep = new Float64Array(stepCount * P);
    results.forEach((r, p) => {
      for (let c = 0; c < r.spikeCount; c++) {
        const s = r.spikes[2 * c];
        perStep[s * P + p]++;
        if (host.recordSpikes[p]) keys.push((s * P + p) * maxN + r.spikes[2 * c + 1]);
        host.spikeCounts[p]++;
      }
    });
    const sorted = Float64Array.from(keys).sort();
    const steps = new Int32Array(sorted.length);
    const populations = new Int32Array(sorted.length);
    const neurons = new Int32Array(sorted.length);
    sorted.forEach((key, j) => {
      const sp = Math.floor(key / maxN);
      neurons[j] = key - sp * maxN;
      populations[j] = sp % P;
      steps[j] = firstStep + Math.floor(sp / P);
    });
    const rateBins: number[][] = host.rateMonitors.map(() => []);
    for (let s = 0; s < stepCount; s++) host.countRates(firstStep + s, perStep.subarray(s * P, (s + 1) * P), rateBins);

    const recordings: RecordedBlock[] = host.recorders.map((r, recorder) => ({ recorder, timesMs: new Float64Array(0), values: new Float32Array(0) }));
    this.kernels.forEach((k, p) => {
      for (const local of k.layout.recorders) recordings[local.recorder] = this.recordedBlock(local, results[p].recorded, firstStep, stepCount);
    });
    this.projections.forEach((p, j) => {
      for (const local of p.recording.recorders) recordings[local.recorder] = this.recordedBlock(local, dispatched.connections[j], firstStep, stepCount);
    });
    host.advanceClockTo(firstStep + stepCount);
    this.commit(snapshots, synapses);
    return { firstStep, stepCount, dtMs: host.dtMs, recordings, spikes: { steps, populations, neurons }, rates: rateBlocks(rateBins) };
  }

  private recordedBlock(local: LocalRecorder, rec: Float32Array, firstStep: number, stepCount: number): RecordedBlock {
    const { intervalSteps, series } = local.setup;
    const samples = countSamples(firstStep, stepCount, intervalSteps);
    const first = Math.ceil(firstStep / intervalSteps) * intervalSteps;
    const width = series.length;
    const timesMs = Float64Array.from({ length: samples }, (_, row) => (first + row * intervalSteps) * this.host.dtMs);
    const values = new Float32Array(samples * width);
    for (let row = 0; row < samples; row++) {
      for (let col = 0; col < width; col++) values[row * width + col] = rec[local.base + row * width + col] / series[col].scale;
    }
    return { recorder: local.recorder, timesMs, values };
  }

  /** Runs the chunk's steps; each population's status, spikes and recordings, and each projection's recordings. */
  private async dispatch(firstStep: number, stepCount: number): Promise<DispatchResult> {
    const { device } = this.target;
    const encoder = device.createCommandEncoder();
    // With projections, spikes must travel after every step: one dispatch per population each step
    // (its kernel first runs the arrivals of the step before), or one per population and per
    // projection when projections have kernels of their own, in order (WebGPU makes a dispatch's
    // writes visible to the next). A population whose spike test reads the whole population needs
    // two dispatches a step too.
    const perStep = this.projections.length > 0 || this.kernels.some((k) => k.pipelines.length > 1);
    const mode = !perStep ? 'whole' : this.arrivalsInKernels ? 'per-step-with-arrivals' : 'per-step';
    for (const k of this.kernels) {
      k.buffers.prepareChunk(firstStep, stepCount, stimulusTable(k.layout, firstStep, stepCount, this.host.dtMs), mode);
      k.buffers.saveStates(encoder);
    }
    this.history.save(encoder);
    for (const p of this.projections) {
      p.prepareChunk(firstStep, stepCount);
      p.saveState(encoder);
    }
    const pass = encoder.beginComputePass();
    const rounds = mode === 'whole' ? 1 : mode === 'per-step' ? stepCount : stepCount + 1;
    for (let s = 0; s < rounds; s++) {
      // The round after the last step runs only the arrivals of that step.
      const last = mode === 'per-step-with-arrivals' && s === stepCount;
      for (const k of this.kernels) {
        for (const pipeline of last ? (k.hostsArrivals ? k.pipelines.slice(0, 1) : []) : k.pipelines) {
          pass.setPipeline(pipeline);
          pass.setBindGroup(0, k.buffers.bindGroup, [CTRL_STRIDE * s]);
          pass.dispatchWorkgroups(Math.ceil(k.pop.size / WORKGROUP_SIZE));
        }
      }
      for (const p of this.projections) {
        if (!p.kernel) continue;
        pass.setPipeline(p.kernel.pipeline);
        pass.setBindGroup(0, p.kernel.bindGroup, [CTRL_STRIDE * s]);
        pass.dispatchWorkgroups(Math.ceil(p.postSize / WORKGROUP_SIZE));
      }
    }
    pass.end();
    for (const k of this.kernels) k.buffers.copyResults(encoder);
    for (const p of this.projections) p.copyRecordings(encoder);
    device.queue.submit([encoder.finish()]);
    const status = await Promise.all(this.kernels.map((k) => k.buffers.readStatusAndRecordings()));
    const connections = await Promise.all(this.projections.map((p) => p.readRecordings(status[this.host.populations.indexOf(p.projection.setup.post)].recorded)));
    const populations = await Promise.all(
      this.kernels.map(async (k, j) => {
        const { spikeCount, badStep, recorded } = status[j];
        const spikes = await k.buffers.readSpikes(Math.min(spikeCount, k.buffers.spikeCapacity));
        return { spikeCount, badStep, spikes, recorded };
      }),
    );
    return { populations, connections };
  }

  /**
   * Reports a blow-up as the CPU backend does. The kernels ran on to the chunk's end, so other
   * neurons may have blown up after the first one: the chunk runs again from its saved start up to
   * and including the first bad step, and the states read back then name the neuron, variable and
   * time the CPU names, with the clock where the CPU leaves it.
   */
  private async throwBlowUp(firstStep: number, badStep: number): Promise<never> {
    this.restoreSaved();
    await this.dispatch(firstStep, badStep - firstStep + 1);
    this.host.advanceClockTo(badStep + 1);
    await this.download();
    const tMs = Number(((badStep + 1) * this.host.dtMs).toPrecision(12));
    for (const { pop } of this.kernels) {
      for (let i = 0; i < pop.size; i++) {
        for (let s = 0; s < pop.states.length; s++) {
          const v = pop.states[s][i];
          if (!Number.isFinite(v)) throw new BlowUpError(pop.id, i, pop.flat.states[s].name, tMs, v);
        }
      }
    }
    throw new EngineError('blowup', `numerical blow-up at t = ${tMs} ms`);
  }

  /** Back to the chunk's start on the GPU (states, spike history, per-connection values). */
  private restoreSaved(): void {
    const encoder = this.target.device.createCommandEncoder();
    for (const k of this.kernels) k.buffers.restoreSaved(encoder);
    this.history.restore(encoder);
    for (const p of this.projections) p.restoreSaved(encoder);
    this.target.device.queue.submit([encoder.finish()]);
  }

  /** Copies the GPU's states into the host simulation (for reading states, or to go on on the CPU). */
  async download(): Promise<void> {
    this.commit(...(await this.readBack()));
  }

  /** Every population's states and every projection's per-connection values, as on the GPU now. */
  private async readBack(): Promise<[StateSnapshot[], Uint32Array[]]> {
    return Promise.all([Promise.all(this.kernels.map((k) => k.buffers.readStates(k.pop))), Promise.all(this.projections.map((p) => p.read()))]);
  }

  /** Sends the host's states (and spikes in transit) to the GPU, after the host changed them. */
  upload(): void {
    for (const k of this.kernels) k.buffers.uploadStates(k.pop);
    this.uploadSpikesInTransit();
  }

  destroy(): void {
    for (const k of this.kernels) k.buffers.destroy();
    this.history.destroy();
    for (const p of this.projections) p.destroy();
  }
}

/**
 * What one population's kernel reads besides its states, laid out in one read-only u32 buffer `C`
 * (WebGPU allows only 8 storage buffers per kernel by default, so everything constant shares one):
 *
 *   [paramScalar]  f32 bits of every parameter that is one value for all neurons
 *   [paramArray k] f32 bits, one per neuron, of each per-neuron parameter
 *   [multiplicity] per stimulus that targets a subset: how often each neuron is listed (0, 1, 2 …)
 *   [recStart]     N + 1 offsets into the recording entries (CSR by neuron)
 *   [recEntries]   3 u32 per recorded series: local recorder, column, what (see `RecordedValue`)
 *
 * and, per chunk, the stimulus table `U[s · stimulusCount + j]`: stimulus j's value at step s of the
 * chunk for uniform stimuli, or 1/0 (on/off) for noise, which the kernel draws itself.
 */
import { compileStimulus, type CompiledStimulus } from '../stimuli';
import type { PopulationRuntime } from '../population';
import { countSamples, type RecordedBlock, type RecorderSetup, type SeriesReader } from '../simulation';

/** A value a recording entry asks for: a state, parameter, input or definition by index. */
export interface RecordedValue {
  readonly kind: 'state' | 'param' | 'input' | 'definition';
  readonly index: number;
}

export interface StimulusSlot {
  readonly input: number;
  readonly stimulus: CompiledStimulus;
  /** Offset of the per-neuron multiplicities in C, or -1 when every neuron is targeted once. */
  readonly multiplicityOffset: number;
  /** For noise: 1/0 by step (same on/off rule and tolerance as the CPU backend). */
  readonly gate?: CompiledStimulus;
}

export interface LocalRecorder {
  /** Index among the simulation's recorders. */
  readonly recorder: number;
  readonly setup: RecorderSetup;
  /** Most samples one chunk can hold, and where this recorder's block starts in REC. */
  readonly capacity: number;
  readonly base: number;
}

export interface KernelLayout {
  readonly size: number;
  readonly paramScalarOffset: number;
  /** Per flat parameter: its C offset when per neuron, else -1. */
  readonly paramArrayOffsets: readonly number[];
  readonly stimuli: readonly StimulusSlot[];
  readonly recStartOffset: number;
  readonly recEntryOffset: number;
  readonly recorders: readonly LocalRecorder[];
  /** Distinct recorded values, numbered as the `what` field of recording entries. */
  readonly recorded: readonly RecordedValue[];
  /** f32 slots of REC per chunk (from the population's base). */
  readonly recordSlots: number;
  /** This population's part of the C buffer (from its base). */
  readonly constants: Uint32Array;
}

/**
 * Builds the layout of one population for chunks of at most `maxChunkSteps` steps. The network's
 * populations share one C and one REC buffer: `bases` says where this population's part starts,
 * and every offset in the layout (and every recorder's base) counts from the buffer's start.
 */
export function planKernelLayout(pop: PopulationRuntime, recorders: readonly { recorder: number; setup: RecorderSetup }[], maxChunkSteps: number, bases: { readonly constants: number; readonly records: number } = { constants: 0, records: 0 }): KernelLayout {
  const N = pop.size;
  // Offsets in C count from the start of the network's buffer: `words` starts after what precedes.
  const words: number[] = [];
  const at = (): number => bases.constants + words.length;
  const f32bits = new Uint32Array(new Float32Array(1).buffer);
  const f32view = new Float32Array(f32bits.buffer);
  const pushF32 = (v: number): void => {
    f32view[0] = v;
    words.push(f32bits[0]);
  };

  const paramScalarOffset = at();
  pop.flat.params.forEach((_, k) => {
    const v = pop.paramSnapshot(k);
    pushF32(typeof v === 'number' ? v : 0);
  });
  const paramArrayOffsets = pop.flat.params.map((_, k) => {
    const v = pop.paramSnapshot(k);
    if (typeof v === 'number') return -1;
    const offset = at();
    for (let i = 0; i < N; i++) pushF32(v[i]);
    return offset;
  });

  const stimuli: StimulusSlot[] = pop.activeStimuli.map(({ input, stimulus }) => {
    let multiplicityOffset = -1;
    if (stimulus.neurons !== null) {
      multiplicityOffset = at();
      const counts = new Uint32Array(N);
      for (const i of stimulus.neurons) counts[i]++;
      for (const c of counts) words.push(c);
    }
    const spec = stimulus.spec;
    const gate = spec.type === 'noise' ? compileStimulus({ type: 'step', amplitude: 1, startMs: spec.startMs, stopMs: spec.stopMs }, null, N) : undefined;
    return { input, stimulus, multiplicityOffset, gate };
  });

  // Recording: distinct values, then entries grouped by neuron.
  const recorded: RecordedValue[] = [];
  const what = (s: SeriesReader): number => {
    const kind = s.kind as RecordedValue['kind'];
    let k = recorded.findIndex((r) => r.kind === kind && r.index === s.index);
    if (k < 0) k = recorded.push({ kind, index: s.index }) - 1;
    return k;
  };
  const byNeuron: number[][] = Array.from({ length: N }, () => []);
  let base = bases.records;
  const local: LocalRecorder[] = recorders.map(({ recorder, setup }, r) => {
    setup.series.forEach((s, col) => byNeuron[s.neuron].push(r, col, what(s)));
    const capacity = Math.ceil(maxChunkSteps / setup.intervalSteps) + 1;
    const entry = { recorder, setup, capacity, base };
    base += capacity * setup.series.length;
    return entry;
  });
  const recStartOffset = at();
  let entries = 0;
  for (let i = 0; i <= N; i++) {
    words.push(entries);
    if (i < N) entries += byNeuron[i].length / 3;
  }
  const recEntryOffset = at();
  for (const list of byNeuron) for (const w of list) words.push(w);

  return {
    size: N,
    paramScalarOffset,
    paramArrayOffsets,
    stimuli,
    recStartOffset,
    recEntryOffset,
    recorders: local,
    recorded,
    recordSlots: base - bases.records,
    constants: Uint32Array.from(words),
  };
}

/** Fills the stimulus table of a chunk: U[s · stimulusCount + j]. */
export function stimulusTable(layout: KernelLayout, firstStep: number, steps: number, dtMs: number): Float32Array {
  const width = layout.stimuli.length;
  const table = new Float32Array(Math.max(1, steps * width));
  layout.stimuli.forEach((slot, j) => {
    const source = slot.gate ?? slot.stimulus;
    for (let s = 0; s < steps; s++) table[s * width + j] = source.valueAt(firstStep + s, dtMs);
  });
  return table;
}

/** A recorder's samples of a chunk, read from REC (row r, series c at base + r · width + c) back in the series' units. */
export function recordedBlock(local: LocalRecorder, rec: Float32Array, firstStep: number, stepCount: number, dtMs: number): RecordedBlock {
  const { intervalSteps, series } = local.setup;
  const samples = countSamples(firstStep, stepCount, intervalSteps);
  const first = Math.ceil(firstStep / intervalSteps) * intervalSteps;
  const width = series.length;
  const timesMs = Float64Array.from({ length: samples }, (_, row) => (first + row * intervalSteps) * dtMs);
  const values = new Float32Array(samples * width);
  for (let row = 0; row < samples; row++) {
    for (let col = 0; col < width; col++) values[row * width + col] = rec[local.base + row * width + col] / series[col].scale;
  }
  return { recorder: local.recorder, timesMs, values };
}

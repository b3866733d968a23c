/**
 * Runtime evaluation of stimuli: currents (or any input) injected into a population input.
 *
 * The caller has validated the project and converted every amplitude to canonical internal units
 * and every time to ms; this module only does arithmetic (plus cheap sanity checks that throw
 * RangeError on impossible specs).
 *
 * Conventions
 * - Time: step n covers [n·dt, (n+1)·dt) and the stimulus is evaluated at its start, t = n·dt
 *   (as Brian2 evaluates `I = amp*(t>=start)*(t<stop)` at the step start).
 * - On/off: the stimulus is on at step n iff startMs <= t < stopMs, compared with a tolerance
 *   tol = 1e-9·max(dt, |t|) against float rounding, so that startMs = 50 with dt = 0.1 switches on
 *   exactly at step 500 and stopMs = 100 switches off exactly at step 1000 (step 999 is the last on).
 *   Every stimulus is 0 when off. stopMs may be Infinity (except for ramps); startMs must be finite.
 * - step:    amplitude.
 * - ramp:    from + (to - from)·(t - start)/(stop - start): `from` at the first on step; it reaches
 *            `to` only in the limit (the last on step is stop - dt), then drops to 0.
 * - pulses:  pulse k (k = 0, 1, …) is on for start + k·period <= t < start + k·period + width,
 *            only while k < count (count omitted = unlimited) and t < stop; value = amplitude.
 *            With the same tolerance as above, so width 1 ms at dt 0.1 is exactly 10 steps.
 * - sine:    offset + amplitude·sin(2π·f·(t - start)/1000 + phaseDeg·π/180), f in Hz, t in ms.
 * - noise:   independent N(mean, std²) per targeted neuron per step — the value is held for the
 *            step, not scaled by 1/sqrt(dt) (put white-noise scaling in the model instead).
 *            Value for neuron i (index in the population, not in the target list) at step n:
 *              mean + std·standardNormal(seed, stream, counter = i, hi = n)
 *            a 2-D counter (neuron, step) rather than step·size + neuron, so nothing overflows
 *            u32 in long runs, and a neuron's noise does not depend on the population size or on
 *            which other neurons are targeted. Any backend reproduces it (see rng.ts).
 * - sampled: `times` are relative to startMs (ascending; a repeated time makes a jump), `values`
 *            the samples. With r = t - start: before the first sample the first value is held,
 *            after the last sample the last value is held; 'step' takes the value of the last
 *            sample with time <= r (same tolerance), 'linear' interpolates between neighbours.
 *            0 outside [start, stop).
 * - function: valueAt(t) with the absolute time t = n·dt in ms (not t - start).
 *
 * `valueAt` is for uniform stimuli only (all but noise) and throws for noise; use `addInto`
 * (or `noiseSampleAt` for one neuron). `addInto` adds to target[i] for every targeted neuron i;
 * a neuron listed twice gets the value twice.
 */
import { normalSampler, standardNormal } from './rng.ts';

export type StimulusSpec =
  | { type: 'step'; amplitude: number; startMs: number; stopMs: number }
  | { type: 'ramp'; from: number; to: number; startMs: number; stopMs: number }
  | {
      type: 'pulses';
      amplitude: number;
      widthMs: number;
      periodMs: number;
      count?: number;
      startMs: number;
      stopMs: number;
    }
  | {
      type: 'sine';
      amplitude: number;
      frequencyHz: number;
      offset: number;
      phaseDeg: number;
      startMs: number;
      stopMs: number;
    }
  | { type: 'noise'; mean: number; std: number; startMs: number; stopMs: number; seed: number; stream: number }
  | {
      type: 'sampled';
      times: Float64Array;
      values: Float64Array;
      interpolation: 'linear' | 'step';
      startMs: number;
      stopMs: number;
    }
  | { type: 'function'; valueAt: (tMs: number) => number; startMs: number; stopMs: number };

export interface CompiledStimulus {
  /** What it was compiled from (the GPU backend tabulates uniform stimuli and draws noise itself). */
  readonly spec: StimulusSpec;
  /** true when every targeted neuron gets the same value at a given step (everything but noise). */
  readonly uniform: boolean;
  /** neurons targeted, or null for all of the population */
  readonly neurons: Int32Array | null;
  /** The value at step `stepIndex` (t = stepIndex*dtMs) for uniform stimuli. */
  valueAt(stepIndex: number, dtMs: number): number;
  /** Adds this step's values into `target` (length = population size). */
  addInto(target: Float64Array, stepIndex: number, dtMs: number): void;
}

/** Relative tolerance for time comparisons (see the conventions above). */
const TOLERANCE = 1e-9;

function tolerance(tMs: number, dtMs: number): number {
  return TOLERANCE * Math.max(dtMs, Math.abs(tMs));
}

function fail(message: string): never {
  throw new RangeError(`compileStimulus: ${message}`);
}

/** The value of a noise stimulus for neuron `neuron` at step `stepIndex` (0 when off). */
export function noiseSampleAt(
  spec: Extract<StimulusSpec, { type: 'noise' }>,
  neuron: number,
  stepIndex: number,
  dtMs: number,
): number {
  const t = stepIndex * dtMs;
  const tol = tolerance(t, dtMs);
  if (!(t >= spec.startMs - tol && t < spec.stopMs - tol)) return 0;
  return spec.mean + spec.std * standardNormal(spec.seed, spec.stream, neuron, stepIndex);
}

/** Index of the last element <= x in ascending `xs`, or -1. */
function lastAtOrBefore(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function validate(spec: StimulusSpec): void {
  const { startMs, stopMs } = spec;
  if (!Number.isFinite(startMs)) fail(`startMs must be finite, got ${startMs}`);
  if (Number.isNaN(stopMs) || stopMs < startMs) fail(`stopMs (${stopMs}) must be >= startMs (${startMs})`);
  const finite = (name: string, x: number): void => {
    if (!Number.isFinite(x)) fail(`${spec.type}: ${name} must be finite, got ${x}`);
  };
  switch (spec.type) {
    case 'step':
      finite('amplitude', spec.amplitude);
      break;
    case 'ramp':
      finite('from', spec.from);
      finite('to', spec.to);
      finite('stopMs', spec.stopMs);
      break;
    case 'pulses':
      finite('amplitude', spec.amplitude);
      if (!(spec.periodMs > 0) || !Number.isFinite(spec.periodMs)) fail(`pulses: periodMs must be > 0`);
      if (!(spec.widthMs >= 0) || !Number.isFinite(spec.widthMs)) fail(`pulses: widthMs must be >= 0`);
      if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count >= 0))
        fail(`pulses: count must be a non-negative integer, got ${spec.count}`);
      break;
    case 'sine':
      finite('amplitude', spec.amplitude);
      finite('frequencyHz', spec.frequencyHz);
      finite('offset', spec.offset);
      finite('phaseDeg', spec.phaseDeg);
      break;
    case 'noise':
      finite('mean', spec.mean);
      finite('std', spec.std);
      if (spec.std < 0) fail(`noise: std must be >= 0, got ${spec.std}`);
      break;
    case 'sampled': {
      const { times, values } = spec;
      if (times.length === 0 || times.length !== values.length)
        fail(`sampled: need as many times as values, at least one (got ${times.length} and ${values.length})`);
      for (let k = 0; k < times.length; k++) {
        finite(`times[${k}]`, times[k]);
        finite(`values[${k}]`, values[k]);
        if (k > 0 && times[k] < times[k - 1]) fail(`sampled: times must be ascending (times[${k}] < times[${k - 1}])`);
      }
      break;
    }
    case 'function':
      if (typeof spec.valueAt !== 'function') fail('function: valueAt must be a function');
      break;
    default: {
      const never: never = spec;
      fail(`unknown stimulus type ${(never as { type: string }).type}`);
    }
  }
}

/** The value of a uniform stimulus at absolute time t, given that it is on; r = t - start. */
function uniformEvaluator(spec: Exclude<StimulusSpec, { type: 'noise' }>): (t: number, r: number, tol: number) => number {
  switch (spec.type) {
    case 'step': {
      const a = spec.amplitude;
      return () => a;
    }
    case 'ramp': {
      const { from, to } = spec;
      const duration = spec.stopMs - spec.startMs;
      return (_t, r) => from + (to - from) * Math.min(1, Math.max(0, r / duration));
    }
    case 'pulses': {
      const { amplitude, widthMs, periodMs } = spec;
      const count = spec.count ?? Infinity;
      return (_t, r, tol) => {
        const k = Math.floor((r + tol) / periodMs);
        if (k >= count) return 0;
        return r - k * periodMs < widthMs - tol ? amplitude : 0;
      };
    }
    case 'sine': {
      const { amplitude, offset } = spec;
      const omega = (2 * Math.PI * spec.frequencyHz) / 1000;
      const phase = (spec.phaseDeg * Math.PI) / 180;
      return (_t, r) => offset + amplitude * Math.sin(omega * r + phase);
    }
    case 'sampled': {
      const { times, values } = spec;
      const last = times.length - 1;
      if (spec.interpolation === 'step') {
        return (_t, r, tol) => values[Math.max(0, lastAtOrBefore(times, r + tol))];
      }
      return (_t, r) => {
        if (r <= times[0]) return values[0];
        if (r >= times[last]) return values[last];
        const k = lastAtOrBefore(times, r); // times[k] <= r < times[k + 1]
        const t0 = times[k];
        const t1 = times[k + 1];
        return values[k] + ((values[k + 1] - values[k]) * (r - t0)) / (t1 - t0);
      };
    }
    case 'function': {
      const f = spec.valueAt;
      return (t) => f(t);
    }
  }
}

export function compileStimulus(spec: StimulusSpec, neurons: Int32Array | null, populationSize: number): CompiledStimulus {
  if (!Number.isInteger(populationSize) || populationSize < 0)
    fail(`populationSize must be a non-negative integer, got ${populationSize}`);
  if (neurons !== null) {
    for (let j = 0; j < neurons.length; j++) {
      if (neurons[j] < 0 || neurons[j] >= populationSize)
        fail(`neuron index ${neurons[j]} out of range [0, ${populationSize})`);
    }
  }
  validate(spec);
  const { startMs, stopMs } = spec;
  const isOn = (t: number, tol: number): boolean => t >= startMs - tol && t < stopMs - tol;
  const checkTarget = (target: Float64Array): void => {
    if (target.length !== populationSize)
      throw new RangeError(`stimulus addInto: target length ${target.length} != population size ${populationSize}`);
  };

  if (spec.type === 'noise') {
    const { mean, std, seed, stream } = spec;
    return {
      spec,
      uniform: false,
      neurons,
      valueAt(): number {
        throw new Error('valueAt is only defined for uniform stimuli; noise differs per neuron (use addInto)');
      },
      addInto(target, stepIndex, dtMs) {
        checkTarget(target);
        const t = stepIndex * dtMs;
        if (!isOn(t, tolerance(t, dtMs))) return;
        const z = normalSampler(seed, stream, stepIndex);
        if (neurons === null) {
          for (let i = 0; i < populationSize; i++) target[i] += mean + std * z(i);
        } else {
          for (let j = 0; j < neurons.length; j++) {
            const i = neurons[j];
            target[i] += mean + std * z(i);
          }
        }
      },
    };
  }

  const evaluate = uniformEvaluator(spec);
  const valueAt = (stepIndex: number, dtMs: number): number => {
    const t = stepIndex * dtMs;
    const tol = tolerance(t, dtMs);
    return isOn(t, tol) ? evaluate(t, t - startMs, tol) : 0;
  };
  return {
    spec,
    uniform: true,
    neurons,
    valueAt,
    addInto(target, stepIndex, dtMs) {
      checkTarget(target);
      const v = valueAt(stepIndex, dtMs);
      if (v === 0) return;
      if (neurons === null) {
        for (let i = 0; i < populationSize; i++) target[i] += v;
      } else {
        for (let j = 0; j < neurons.length; j++) target[neurons[j]] += v;
      }
    },
  };
}

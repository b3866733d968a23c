import { describe, expect, it } from 'vitest';
import { compileStimulus, noiseSampleAt, type StimulusSpec } from './stimuli.ts';
import { standardNormal, streamId } from './rng.ts';

/** Values of a uniform stimulus over steps [0, steps). */
function trace(spec: StimulusSpec, dtMs: number, steps: number): Float64Array {
  const s = compileStimulus(spec, null, 1);
  const out = new Float64Array(steps);
  for (let n = 0; n < steps; n++) out[n] = s.valueAt(n, dtMs);
  return out;
}

/** Indices of the steps at which a trace is non-zero. */
function onSteps(xs: Float64Array): number[] {
  const on: number[] = [];
  xs.forEach((x, n) => {
    if (x !== 0) on.push(n);
  });
  return on;
}

describe('step', () => {
  it('switches on exactly at startMs/dt and off exactly at stopMs/dt', () => {
    const xs = trace({ type: 'step', amplitude: 2.5, startMs: 50, stopMs: 100 }, 0.1, 1200);
    const on = onSteps(xs);
    expect(on[0]).toBe(500);
    expect(on[on.length - 1]).toBe(999);
    expect(on.length).toBe(500);
    expect(xs[500]).toBe(2.5);
  });

  it('is exact for awkward dt values and long runs', () => {
    for (const dt of [0.1, 0.01, 0.025, 0.05, 0.2, 0.3, 1 / 3]) {
      for (const [start, stop] of [
        [0.3, 0.9],
        [12.3, 45.6],
        [1000, 100_000],
      ]) {
        const s = compileStimulus({ type: 'step', amplitude: 1, startMs: start, stopMs: stop }, null, 1);
        const first = Math.round(start / dt);
        const last = Math.round(stop / dt);
        // only check where start/stop fall on the grid (up to rounding)
        if (Math.abs(first * dt - start) > 1e-9 || Math.abs(last * dt - stop) > 1e-9) continue;
        expect([s.valueAt(first - 1, dt), s.valueAt(first, dt)]).toEqual([0, 1]);
        expect([s.valueAt(last - 1, dt), s.valueAt(last, dt)]).toEqual([1, 0]);
      }
    }
  });

  it('rounds off-grid start times up to the next step', () => {
    const xs = trace({ type: 'step', amplitude: 1, startMs: 1.05, stopMs: 2.05 }, 0.1, 30);
    expect(onSteps(xs)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('supports stopMs = Infinity', () => {
    const s = compileStimulus({ type: 'step', amplitude: 3, startMs: 0, stopMs: Infinity }, null, 1);
    expect(s.valueAt(0, 0.1)).toBe(3);
    expect(s.valueAt(1e8, 0.1)).toBe(3);
  });
});

describe('ramp', () => {
  it('starts at `from` and rises linearly, 0 outside [start, stop)', () => {
    const xs = trace({ type: 'ramp', from: 1, to: 3, startMs: 10, stopMs: 20 }, 0.1, 300);
    expect(xs[99]).toBe(0);
    expect(xs[100]).toBe(1);
    expect(xs[150]).toBeCloseTo(2, 12);
    expect(xs[199]).toBeCloseTo(1 + (2 * 9.9) / 10, 12);
    expect(xs[200]).toBe(0);
    for (let n = 101; n < 200; n++) expect(xs[n]).toBeGreaterThan(xs[n - 1]);
  });

  it('can ramp down through zero', () => {
    const xs = trace({ type: 'ramp', from: 2, to: -2, startMs: 0, stopMs: 4 }, 1, 5);
    expect(Array.from(xs)).toEqual([2, 1, 0, -1, 0]);
  });
});

describe('pulses', () => {
  it('gives `count` pulses of exactly width/dt steps each', () => {
    const spec: StimulusSpec = {
      type: 'pulses',
      amplitude: 0.5,
      widthMs: 1,
      periodMs: 10,
      count: 3,
      startMs: 20,
      stopMs: 1000,
    };
    const on = onSteps(trace(spec, 0.1, 10_000));
    const expected: number[] = [];
    for (const s of [200, 300, 400]) for (let k = 0; k < 10; k++) expected.push(s + k);
    expect(on).toEqual(expected);
  });

  it('is unlimited without count, and cut by stopMs', () => {
    const spec: StimulusSpec = { type: 'pulses', amplitude: 1, widthMs: 2, periodMs: 5, startMs: 0, stopMs: 51 };
    const xs = trace(spec, 0.1, 1000);
    let pulses = 0;
    for (let n = 0; n < xs.length; n++) if (xs[n] !== 0 && (n === 0 || xs[n - 1] === 0)) pulses++;
    expect(pulses).toBe(11); // starts at 0, 5, …, 50 (the last cut to 1 ms by stopMs)
    expect(onSteps(xs).length).toBe(10 * 20 + 10);
  });

  it('is exact for many periods (no drift)', () => {
    const spec: StimulusSpec = { type: 'pulses', amplitude: 1, widthMs: 0.3, periodMs: 0.7, startMs: 0.1, stopMs: 1e4 };
    const s = compileStimulus(spec, null, 1);
    let onCount = 0;
    for (let n = 0; n < 100_000; n++) if (s.valueAt(n, 0.1) !== 0) onCount++;
    // 100_000 steps = 10_000 ms; pulses start at 0.1 + 0.7k for k = 0..14285, each 3 steps
    expect(onCount).toBe(14_286 * 3);
  });

  it('never fires with count 0 or width 0', () => {
    const base = { type: 'pulses' as const, amplitude: 1, periodMs: 5, startMs: 0, stopMs: 100 };
    expect(onSteps(trace({ ...base, widthMs: 1, count: 0 }, 0.1, 1000))).toEqual([]);
    expect(onSteps(trace({ ...base, widthMs: 0 }, 0.1, 1000))).toEqual([]);
  });
});

describe('sine', () => {
  it('evaluates offset + amplitude·sin(2πf(t - start)/1000 + phase)', () => {
    const spec: StimulusSpec = {
      type: 'sine',
      amplitude: 2,
      frequencyHz: 10,
      offset: 0.5,
      phaseDeg: 90,
      startMs: 100,
      stopMs: 300,
    };
    const s = compileStimulus(spec, null, 1);
    expect(s.valueAt(999, 0.1)).toBe(0);
    expect(s.valueAt(1000, 0.1)).toBeCloseTo(2.5, 12); // sin(90°) = 1
    expect(s.valueAt(1250, 0.1)).toBeCloseTo(0.5, 10); // quarter period (25 ms) later: sin(180°)
    expect(s.valueAt(1500, 0.1)).toBeCloseTo(-1.5, 10); // half period later
    expect(s.valueAt(1123, 0.1)).toBeCloseTo(0.5 + 2 * Math.sin((2 * Math.PI * 10 * 12.3) / 1000 + Math.PI / 2), 10);
    expect(s.valueAt(3000, 0.1)).toBe(0);
  });
});

describe('noise', () => {
  const spec: Extract<StimulusSpec, { type: 'noise' }> = {
    type: 'noise',
    mean: 1,
    std: 2,
    startMs: 10,
    stopMs: 20,
    seed: 1234,
    stream: streamId('stimulus', 'noise1'),
  };

  it('is not uniform and refuses valueAt', () => {
    const s = compileStimulus(spec, null, 4);
    expect(s.uniform).toBe(false);
    expect(() => s.valueAt(150, 0.1)).toThrow();
  });

  it('is reproducible and matches the documented counter scheme', () => {
    const a = new Float64Array(50);
    const b = new Float64Array(50);
    compileStimulus(spec, null, 50).addInto(a, 150, 0.1);
    compileStimulus(spec, null, 50).addInto(b, 150, 0.1);
    expect(a).toEqual(b);
    for (let i = 0; i < 50; i++) {
      expect(a[i]).toBe(1 + 2 * standardNormal(1234, spec.stream, i, 150));
      expect(noiseSampleAt(spec, i, 150, 0.1)).toBe(a[i]);
    }
  });

  it('is off outside [start, stop), and a neuron’s value does not depend on the target set', () => {
    const all = new Float64Array(20);
    const some = new Float64Array(20);
    const s = compileStimulus(spec, null, 20);
    s.addInto(all, 99, 0.1);
    s.addInto(all, 200, 0.1);
    expect(all.every((x) => x === 0)).toBe(true);
    s.addInto(all, 100, 0.1);
    compileStimulus(spec, new Int32Array([3, 7]), 20).addInto(some, 100, 0.1);
    expect(some[3]).toBe(all[3]);
    expect(some[7]).toBe(all[7]);
    expect(some.filter((x) => x !== 0).length).toBe(2);
  });

  it('has mean, std, and no correlation across neurons or steps', () => {
    const size = 1000;
    const steps = 100; // steps 100..199, all on
    const s = compileStimulus(spec, null, size);
    const samples = new Float64Array(size * steps);
    for (let k = 0; k < steps; k++) {
      const row = new Float64Array(size);
      s.addInto(row, 100 + k, 0.1);
      samples.set(row, k * size);
    }
    let sum = 0;
    let sum2 = 0;
    for (const x of samples) {
      sum += x;
      sum2 += x * x;
    }
    const mean = sum / samples.length;
    const std = Math.sqrt(sum2 / samples.length - mean * mean);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02); // se 0.006
    expect(Math.abs(std - 2)).toBeLessThan(0.02); // se 0.0045
    let neighbourNeuron = 0;
    let nextStep = 0;
    let count = 0;
    for (let k = 0; k + 1 < steps; k++) {
      for (let i = 0; i + 1 < size; i++) {
        const x = samples[k * size + i] - 1;
        neighbourNeuron += x * (samples[k * size + i + 1] - 1);
        nextStep += x * (samples[(k + 1) * size + i] - 1);
        count++;
      }
    }
    expect(Math.abs(neighbourNeuron / count / 4)).toBeLessThan(0.015); // se ≈ 0.003
    expect(Math.abs(nextStep / count / 4)).toBeLessThan(0.015);
  });
});

describe('sampled', () => {
  const times = new Float64Array([0, 1, 2, 2, 4]);
  const values = new Float64Array([0, 10, 20, -5, 5]);

  it('interpolates linearly, holds first/last values, and jumps at repeated times', () => {
    const s = compileStimulus({ type: 'sampled', times, values, interpolation: 'linear', startMs: 10, stopMs: 20 }, null, 1);
    const at = (tMs: number): number => s.valueAt(Math.round(tMs / 0.1), 0.1);
    expect(at(9.9)).toBe(0);
    expect(at(10)).toBe(0);
    expect(at(10.5)).toBeCloseTo(5, 10);
    expect(at(11.3)).toBeCloseTo(13, 10);
    expect(at(12)).toBe(-5); // jump: the later sample wins at the repeated time
    expect(at(13)).toBeCloseTo(0, 10);
    expect(at(14)).toBe(5);
    expect(at(19.9)).toBe(5); // held after the last sample
    expect(at(20)).toBe(0); // off at stop
  });

  it('holds each sample until the next one with step interpolation', () => {
    const s = compileStimulus({ type: 'sampled', times, values, interpolation: 'step', startMs: 10, stopMs: 20 }, null, 1);
    const xs: number[] = [];
    for (let n = 100; n <= 150; n += 5) xs.push(s.valueAt(n, 0.1));
    // t - start: 0, .5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5
    expect(xs).toEqual([0, 0, 10, 10, -5, -5, -5, -5, 5, 5, 5]);
    expect(s.valueAt(109, 0.1)).toBe(0); // t - start = 0.9 (rounding-safe at 1.0 → step 110)
    expect(s.valueAt(110, 0.1)).toBe(10);
  });

  it('holds the first value before the first sample', () => {
    const s = compileStimulus(
      { type: 'sampled', times: new Float64Array([1, 2]), values: new Float64Array([3, 4]), interpolation: 'linear', startMs: 0, stopMs: 10 },
      null,
      1,
    );
    expect(s.valueAt(0, 0.5)).toBe(3);
    expect(s.valueAt(3, 0.5)).toBeCloseTo(3.5, 12);
  });
});

describe('function', () => {
  it('calls valueAt with the absolute time, only while on', () => {
    const seen: number[] = [];
    const s = compileStimulus(
      {
        type: 'function',
        valueAt: (t) => {
          seen.push(t);
          return t * 2;
        },
        startMs: 1,
        stopMs: 2,
      },
      null,
      1,
    );
    expect(s.uniform).toBe(true);
    expect(s.valueAt(5, 0.1)).toBe(0);
    expect(s.valueAt(15, 0.1)).toBeCloseTo(3, 12);
    expect(s.valueAt(20, 0.1)).toBe(0);
    expect(seen.length).toBe(1);
  });
});

describe('addInto', () => {
  it('adds to the whole population or to a subset only, accumulating', () => {
    const spec: StimulusSpec = { type: 'step', amplitude: 2, startMs: 0, stopMs: 1 };
    const target = new Float64Array(5).fill(1);
    compileStimulus(spec, null, 5).addInto(target, 0, 0.1);
    expect(Array.from(target)).toEqual([3, 3, 3, 3, 3]);
    const subset = compileStimulus(spec, new Int32Array([1, 4]), 5);
    expect(subset.neurons).toEqual(new Int32Array([1, 4]));
    subset.addInto(target, 0, 0.1);
    subset.addInto(target, 0, 0.1);
    expect(Array.from(target)).toEqual([3, 7, 3, 3, 7]);
    subset.addInto(target, 10, 0.1); // off
    expect(Array.from(target)).toEqual([3, 7, 3, 3, 7]);
  });

  it('rejects a wrong target length and out-of-range neurons', () => {
    const spec: StimulusSpec = { type: 'step', amplitude: 2, startMs: 0, stopMs: 1 };
    expect(() => compileStimulus(spec, null, 5).addInto(new Float64Array(4), 0, 0.1)).toThrow(RangeError);
    expect(() => compileStimulus(spec, new Int32Array([5]), 5)).toThrow(RangeError);
    expect(() => compileStimulus(spec, new Int32Array([-1]), 5)).toThrow(RangeError);
  });

  it('rejects impossible specs', () => {
    expect(() => compileStimulus({ type: 'step', amplitude: 1, startMs: 2, stopMs: 1 }, null, 1)).toThrow(RangeError);
    expect(() => compileStimulus({ type: 'ramp', from: 0, to: 1, startMs: 0, stopMs: Infinity }, null, 1)).toThrow(RangeError);
    expect(() =>
      compileStimulus({ type: 'pulses', amplitude: 1, widthMs: 1, periodMs: 0, startMs: 0, stopMs: 1 }, null, 1),
    ).toThrow(RangeError);
    expect(() =>
      compileStimulus(
        { type: 'sampled', times: new Float64Array([1, 0]), values: new Float64Array([0, 0]), interpolation: 'step', startMs: 0, stopMs: 1 },
        null,
        1,
      ),
    ).toThrow(RangeError);
    expect(() =>
      compileStimulus({ type: 'noise', mean: 0, std: -1, startMs: 0, stopMs: 1, seed: 0, stream: 0 }, null, 1),
    ).toThrow(RangeError);
  });
});

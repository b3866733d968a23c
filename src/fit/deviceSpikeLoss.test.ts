/**
 * Spike losses formed on the device (deviceSpikeLoss.ts, spikeLossProgram.ts) against the host's
 * loss functions applied to the same GPU run's spikes, listed and read back: every kind the device
 * forms, silent models and targets, and candidates that spike more than the device keeps. Without
 * a WebGPU adapter the tests are reported as skipped with the reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireNodeGpu } from '../cli/gpu';
import { parseProject } from '../project/validate';
import type { Project } from '../project/schema';
import { deviceSpikeTerms, spikeTermsFitDevice, type DeviceSpikeTerms } from './deviceSpikeLoss';
import { FitProblem } from './fitProblem';
import { evaluateTerm, type LossSpec } from './losses/spec';

const gpu = await acquireNodeGpu();

const LOSS: LossSpec[] = [
  { kind: 'van-rossum', weight: 1, tauMs: 20 },
  { kind: 'spike-count', weight: 1 },
  { kind: 'rate', weight: 1 },
  { kind: 'first-spike', weight: 1 },
  { kind: 'isi', weight: 1 },
];

/**
 * fit_adex with every device term, and two more cases: a silent cell against a silent target, and
 * against one spike; with `strong`, also 4 nA, where some candidates spike more than 64 times.
 */
function project(strong = false): Project {
  const json = JSON.parse(readFileSync(new URL('../../examples/fit_adex.json', import.meta.url), 'utf8'));
  json.fit.loss = LOSS;
  json.fit.cases.push({ label: 'silent', amplitudes: { step: '0 nA' }, spikeTimesMs: [] }, { label: 'one', amplitudes: { step: '0 nA' }, spikeTimesMs: [120] });
  if (strong) json.fit.cases.push({ label: 'strong', amplitudes: { step: '4 nA' }, spikeTimesMs: [20, 40] });
  const parsed = parseProject(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.project;
}

const candidates = (p: FitProblem): Float64Array[] => Array.from({ length: 12 }, (_, b) => Float64Array.from(p.params, (q, k) => q.initial * (1 + 0.3 * Math.sin(1.7 * b + 2.3 * k))));

describe('which fits form their spike terms on the device', () => {
  it('every fit with a spike term: the device forms every kind', () => {
    expect(spikeTermsFitDevice(LOSS)).toBe(true);
    expect(spikeTermsFitDevice([{ kind: 'trace-mse', weight: 1 }, { kind: 'isi', weight: 1 }])).toBe(true);
    expect(spikeTermsFitDevice([{ kind: 'trace-mse', weight: 1 }])).toBe(false);
  });
});

if (typeof gpu === 'string') {
  it.skip(`spike losses on WebGPU: no WebGPU adapter here (${gpu})`, () => {});
} else {
  afterAll(() => gpu.device.destroy());

  describe(`spike losses on ${gpu.adapterName}`, () => {
    it('are the host losses of the same spikes, for every kind, silent models and targets included', async () => {
      const p = new FitProblem(project());
      const thetas = candidates(p);
      const listed = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false }))!;
      const byCase = new Map<number, DeviceSpikeTerms>();
      const spikeTerms = (c: number, dtMs: number, steps: number) => byCase.get(c) ?? byCase.set(c, deviceSpikeTerms(LOSS, p.targets[c].spikeTimesMs!, dtMs * steps)).get(c)!;
      const formed = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false, spikeTerms }))!;
      expect(formed.spikeTermValues.length).toBe(5);
      let silent = 0;
      thetas.forEach((_, b) => {
        listed.observations[b].forEach((obs, c) => {
          if (obs.spikeTimesMs.length === 0) silent++;
          expect(formed.observations[b][c].spikeTimesMs.length).toBe(0);
          LOSS.forEach((spec, k) => {
            const want = evaluateTerm(spec, k, obs, p.targets[c]).value;
            const got = formed.spikeTermValues[c][k][b];
            // float32 on the device: van Rossum's sums of up to 40 spikes, latencies and intervals of up to 300 ms.
            expect(Math.abs(got - want), `case ${c}, ${spec.kind}, candidate ${b}`).toBeLessThanOrEqual(2e-5 * Math.abs(want) + 2e-5);
          });
        });
      });
      expect(silent).toBe(2 * thetas.length);
      // The silent cell against one target spike at 120 ms: a latency scored at T = 300 ms.
      expect(formed.spikeTermValues[4][3][0]).toBeCloseTo(180 * 180, 0);
      p.cell.releaseGpu?.();
    });

    it('give NaN for van Rossum and the ISIs where a candidate spiked more than it kept, and the count and first spike still', async () => {
      const p = new FitProblem(project());
      const thetas = candidates(p);
      const listed = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false }))!;
      const spikeTerms = (c: number, dtMs: number, steps: number) => ({ ...deviceSpikeTerms(LOSS, p.targets[c].spikeTimesMs!, dtMs * steps), spikesKept: 8 });
      const kept = new Map<number, DeviceSpikeTerms>();
      const formed = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false, spikeTerms: (c, dt, steps) => kept.get(c) ?? kept.set(c, spikeTerms(c, dt, steps)).get(c)! }))!;
      let over = 0;
      thetas.forEach((_, b) => {
        listed.observations[b].forEach((obs, c) => {
          const [vanRossum, count, , first, isi] = formed.spikeTermValues[c].map((values) => values[b]);
          if (obs.spikeTimesMs.length > 8) {
            over++;
            expect(vanRossum).toBeNaN();
            expect(isi).toBeNaN();
          } else {
            expect(vanRossum).not.toBeNaN();
            expect(isi).toBeCloseTo(evaluateTerm(LOSS[4], 4, obs, p.targets[c]).value, 3);
          }
          expect(count).toBeCloseTo(evaluateTerm(LOSS[1], 1, obs, p.targets[c]).value, 3);
          expect(first).toBeCloseTo(evaluateTerm(LOSS[3], 3, obs, p.targets[c]).value, 2);
        });
      });
      expect(over).toBeGreaterThan(5);
      p.cell.releaseGpu?.();
    });

    it('a fit evaluates on the CPU the candidates the device could not score, and the others from the device', async () => {
      const p = new FitProblem(project(true));
      const thetas = candidates(p);
      // Some candidates, not all, spike more than the 64 the device keeps at 4 nA.
      const listed = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false }))!;
      const over = listed.observations.filter((cases) => cases[5].spikeTimesMs.length > 64).length;
      expect(over).toBeGreaterThan(0);
      expect(over).toBeLessThan(thetas.length);
      const onCpu = p.evaluateMany(thetas);
      const onGpu = await p.evaluateManyOnGpu(thetas, gpu);
      onCpu.forEach((cpu, b) => expect(Math.abs(onGpu[b].loss - cpu.loss)).toBeLessThanOrEqual(1e-5 * cpu.loss + 1e-6));
      p.cell.releaseGpu?.();
    });

    it('a candidate that blows up is marked on the device, not scored from the spikes it did not fire, and gets Infinity as on the CPU', async () => {
      const p = new FitProblem(project());
      const thetas = candidates(p);
      // τ_w = −0.1 ms: w grows as e^{t/0.1 ms} and overflows, in float32 and in float64.
      thetas[4] = Float64Array.from(thetas[4], (v, k) => (k === 3 ? -0.1 : v));
      const run = (await p.cell.runManyOnGpu!(thetas, gpu, { trace: false, spikeTerms: (c, dtMs, steps) => deviceSpikeTerms(LOSS, p.targets[c].spikeTimesMs!, dtMs * steps) }))!;
      expect(run.blownUp).toEqual([4]);
      const onGpu = await p.evaluateManyOnGpu(thetas, gpu);
      expect(onGpu[4].loss).toBe(Infinity);
      expect(onGpu.filter((e) => Number.isFinite(e.loss)).length).toBe(thetas.length - 1);
      p.cell.releaseGpu?.();
    });
  });
}

/**
 * Collects a case's observation (observation.ts) while a differentiable simulation steps: the
 * observed state and its tangents before every step, and after it the spike outputs of the step
 * (tangentCodegen's OUT layout) — the spike signal's surrogate derivative, and spike times
 * interpolated within the step with their derivatives. Shared by the cell and the network.
 */
import type { CaseObservation } from './observation';
import { outStride } from './tangentCodegen';

export class ObservationRecorder {
  private readonly trace: Float64Array;
  private readonly traceGrad: Float64Array;
  private readonly spikeSignalGrad: Float64Array;
  private readonly spikeTimes: number[] = [];
  private readonly spikeTimeGrad: number[] = [];
  private readonly stride: number;

  constructor(
    private readonly steps: number,
    private readonly P: number,
    private readonly dtMs: number,
  ) {
    this.trace = new Float64Array(steps);
    this.traceGrad = new Float64Array(steps * P);
    this.spikeSignalGrad = new Float64Array(steps * P);
    this.stride = outStride(P);
  }

  /** Sample n: the observed state X[x] and its tangents DX[dx + k], before step n. */
  sample(n: number, X: Float64Array, x: number, DX: Float64Array, dx: number): void {
    this.trace[n] = X[x];
    for (let k = 0; k < this.P; k++) this.traceGrad[n * this.P + k] = DX[dx + k];
  }

  /** Step n's spike outputs for `conditions` spike conditions; true when the neuron spiked. */
  spikeOutputs(n: number, OUT: Float64Array, conditions: number): boolean {
    const { P, stride } = this;
    const dt = this.dtMs;
    let spiked = false;
    for (let q = 0; q < conditions; q++) {
      const base = q * stride;
      for (let k = 0; k < P; k++) this.spikeSignalGrad[n * P + k] += OUT[base + 3] * OUT[base + 4 + k];
      if (OUT[base] === 0 || spiked) continue;
      spiked = true;
      const m = OUT[base + 1];
      const m0 = OUT[base + 2];
      // Linear interpolation of the margin's zero crossing within the step, and its derivative.
      const rising = m0 <= 0 && m > m0;
      const f = rising ? -m0 / (m - m0) : 0;
      this.spikeTimes.push((n + f) * dt);
      for (let k = 0; k < P; k++) {
        const dm = OUT[base + 4 + k];
        const dm0 = OUT[base + 4 + P + k];
        this.spikeTimeGrad.push(rising ? (dt * (m0 * dm - m * dm0)) / ((m - m0) * (m - m0)) : 0);
      }
    }
    return spiked;
  }

  /** ∂t/∂θ of the latest spike into `out` (P values). */
  lastSpikeTimeGrad(out: Float64Array): void {
    const from = this.spikeTimeGrad.length - this.P;
    for (let k = 0; k < this.P; k++) out[k] = this.spikeTimeGrad[from + k];
  }

  result(): CaseObservation {
    return {
      dtMs: this.dtMs,
      steps: this.steps,
      paramCount: this.P,
      trace: this.trace,
      traceGrad: this.traceGrad,
      spikeTimesMs: Float64Array.from(this.spikeTimes),
      spikeTimeGrad: Float64Array.from(this.spikeTimeGrad),
      spikeSignalGrad: this.spikeSignalGrad,
    };
  }
}

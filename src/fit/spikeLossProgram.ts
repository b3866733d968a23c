/**
 * Spike losses of a GPU generation as a custom TensorFlow.js WebGPU program, over the spikes the
 * candidates kept on the device (KernelOptions.spikeSlots: candidate b's k-th spike at words
 * 2·(b·K + k) of `spk`, its global step and the f32 bits of where in the step it crossed; its count
 * at word `counters + b` of `status`). One thread per term and candidate; the terms are the host's
 * (losses/*.ts) in float32:
 *
 *   spike-count  (N − N*)²                 rate  (1000·N/T − r*)²
 *   first-spike  (t₁ − t₁*)², a silent train scored at T
 *   van-rossum   D² = ½ (Σ_aa + Σ_bb) − Σ_ab, each pair sum in one or two sweeps (vanRossum.ts);
 *                Σ_bb, the target's own sum, comes from the host in float64.
 *   isi          W₁ between the sorted ISIs (insertion-sorted per thread, at most MAX_ISIS) and the
 *                target's, sorted on the host, merged over their quantile steps (isi.ts); a train
 *                without an interval is one interval of T.
 *
 * A candidate with more spikes than it kept gets NaN for van Rossum and the ISIs (the host evaluates
 * it); its count is exact, and its first spike is kept.
 *
 * tfjs declares the inputs (`spk`, `status`, `goal`: the target's spikes, then its sorted ISIs), the
 * output, the uniforms and `setOutputAtIndex`, and calls `main(index)` for each output element.
 */
import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu/dist/base';
import { wgslNumber } from '../engine/webgpu/wgslExpr';

const WORKGROUP = 64;

/** The most intervals a candidate's ISI term sorts (a private array per thread): it keeps at most one spike more. */
export const MAX_ISIS = 256;

/** A loss term the device forms, with what it needs of the target (the target's spikes in the window). */
export type DeviceSpikeTerm =
  | { readonly kind: 'spike-count' | 'rate' | 'first-spike' | 'isi' }
  | { readonly kind: 'van-rossum'; readonly tauMs: number; readonly targetSelfSum: number };

/** A finite number as a WGSL f32 literal (the engine's printer; its NaN/∞ helpers are not declared here). */
const f32 = (x: number): string => {
  if (!Number.isFinite(Math.fround(x))) throw new Error(`internal: ${x} is not a finite float32`);
  return wgslNumber(x);
};

export class SpikeLossProgram implements WebGPUProgram {
  readonly variableNames = ['spk', 'status', 'goal'];
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = true;
  readonly uniforms = 'perNeuron : i32, counters : i32, targetCount : i32, isiCount : i32,';
  readonly shaderKey: string;

  /** Output: [terms, candidates]; `dtMs` and `durationMs` (T) of the case. */
  constructor(
    private readonly terms: readonly DeviceSpikeTerm[],
    candidates: number,
    private readonly dtMs: number,
    private readonly durationMs: number,
  ) {
    this.outputShape = [terms.length, candidates];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
    this.shaderKey = `spikeflow_spike_loss_${JSON.stringify([terms, dtMs, durationMs])}`;
  }

  /** The program's own uniforms, in the order of `uniforms`. */
  static uniformValues(perNeuron: number, counters: number, targetCount: number, isiCount: number): { type: 'int32'; data: number[] }[] {
    return [perNeuron, counters, targetCount, isiCount].map((v) => ({ type: 'int32' as const, data: [v] }));
  }

  getUserCode(): string {
    const T = f32(this.durationMs);
    const cases = this.terms.map((term, k) => {
      switch (term.kind) {
        case 'spike-count':
          return `case ${k}: { let d = f32(count) - f32(uniforms.targetCount); value = d * d; }`;
        case 'rate':
          return `case ${k}: { let d = (f32(count) - f32(uniforms.targetCount)) * 1000.0f / ${T}; value = d * d; }`;
        case 'first-spike':
          return `case ${k}: { let first = select(${T}, min(goal[0], ${T}), uniforms.targetCount > 0); let t1 = select(${T}, spikeTime(b, 0), count > 0); value = (t1 - first) * (t1 - first); }`;
        case 'isi':
          return `case ${k}: { value = select(isiDistance(b, n), nan, count > uniforms.perNeuron); }`;
        case 'van-rossum':
          return `case ${k}: { value = select(vanRossum(b, n, ${f32(term.tauMs)}, ${f32(term.targetSelfSum)}), nan, count > uniforms.perNeuron); }`;
      }
    });
    return `
      fn spikeTime(b : i32, j : i32) -> f32 {
        let at = 2 * (b * uniforms.perNeuron + j);
        return (f32(spk[at]) + bitcast<f32>(spk[at + 1])) * ${f32(this.dtMs)};
      }

      // Σ over the candidate's own pairs: n + 2 Σ_{i<j} e^{−(t_j − t_i)/τ}, carried as r_j = e^{−(t_j − t_{j−1})/τ}(r_{j−1} + 1).
      fn selfSum(b : i32, n : i32, tau : f32) -> f32 {
        var total = f32(n);
        var r = 0.0f;
        for (var j = 1; j < n; j++) {
          r = exp(-(spikeTime(b, j) - spikeTime(b, j - 1)) / tau) * (r + 1.0f);
          total += 2.0f * r;
        }
        return total;
      }

      // Σ_{i,j} e^{−|a_i − s_j|/τ} against the target: the target's spikes at or below each a_i,
      // swept forwards, and those above it, swept backwards (vanRossum.ts's sidedSums).
      fn crossSum(b : i32, n : i32, tau : f32) -> f32 {
        let M = uniforms.targetCount;
        var total = 0.0f;
        var sum = 0.0f;
        var at = 0.0f;
        var j = 0;
        for (var i = 0; i < n; i++) {
          let a = spikeTime(b, i);
          for (; j < M && goal[j] <= a; j++) {
            sum = select(1.0f, sum * exp(-(goal[j] - at) / tau) + 1.0f, sum > 0.0f);
            at = goal[j];
          }
          if (sum > 0.0f) { total += sum * exp(-(a - at) / tau); }
        }
        sum = 0.0f;
        j = M - 1;
        for (var i = n - 1; i >= 0; i--) {
          let a = spikeTime(b, i);
          for (; j >= 0 && goal[j] > a; j--) {
            sum = select(1.0f, sum * exp(-(at - goal[j]) / tau) + 1.0f, sum > 0.0f);
            at = goal[j];
          }
          if (sum > 0.0f) { total += sum * exp(-(at - a) / tau); }
        }
        return total;
      }

      // W₁ between the candidate's ISIs (one of T when it has none) and the target's, sorted, at
      // goal[M …]: Σ |a_(i) − b_(j)| over the merged quantile steps, in units of 1/(m·n) (isi.ts).
      fn isiDistance(b : i32, n : i32) -> f32 {
        var isis : array<f32, ${MAX_ISIS}>;
        var m = n - 1;
        if (m <= 0) { m = 1; isis[0] = ${T}; }
        else {
          for (var i = 0; i < m; i++) {
            let x = spikeTime(b, i + 1) - spikeTime(b, i);
            var j = i;
            for (; j > 0 && isis[j - 1] > x; j--) { isis[j] = isis[j - 1]; }
            isis[j] = x;
          }
        }
        let base = uniforms.targetCount;
        let nb = uniforms.isiCount;
        let total = f32(m * nb);
        var value = 0.0f;
        var at = 0;
        var i = 0;
        var j = 0;
        for (; i < m && j < nb;) {
          let endA = (i + 1) * nb;
          let endB = (j + 1) * m;
          let end = min(endA, endB);
          value += abs(isis[i] - goal[base + j]) * f32(end - at) / total;
          at = end;
          if (endA == end) { i++; }
          if (endB == end) { j++; }
        }
        return value;
      }

      fn vanRossum(b : i32, n : i32, tau : f32, targetSelf : f32) -> f32 {
        return 0.5f * (selfSum(b, n, tau) + targetSelf) - crossSum(b, n, tau);
      }

      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        let candidates = uniforms.outShape[1];
        let term = index / candidates;
        let b = index - term * candidates;
        let count = status[uniforms.counters + b];
        let n = min(count, uniforms.perNeuron);
        // A NaN the compiler cannot fold (a constant NaN is refused).
        let nan = bitcast<f32>(u32(uniforms.perNeuron) | 0x7fc00000u);
        var value = 0.0f;
        switch (term) {
          ${cases.join('\n          ')}
          default: {}
        }
        setOutputAtIndex(index, value);
      }
    `;
  }
}

/**
 * The trace-MSE reduction as a custom TensorFlow.js WebGPU program (run by tfjs's WebGPU backend
 * on its tensors, `backend.runWebGPUProgram`): one thread per term and candidate adds
 * w_n (y_n − ŷ_n)² over a chunk's samples, with a compensated float32 sum, in one pass over the
 * recordings. The same sum from tfjs's stock ops (squaredDifference, then a matMul with the
 * weights) took three passes and an extra copy of the chunk: 6.2 s instead of 3.4 s for a
 * generation of 10,000 Hodgkin–Huxley candidates on SwiftShader.
 *
 * tfjs declares the inputs (`rec`, `goals`, `weights`: flat arrays), the output `result`, the
 * uniforms struct and `setOutputAtIndex`, and calls `main(index)` for each output element.
 */
import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu/dist/base';

const WORKGROUP = 64;

export class TraceLossProgram implements WebGPUProgram {
  readonly variableNames = ['rec', 'goals', 'weights'];
  readonly outputShape: number[];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly size = true;
  readonly uniforms = 'firstStep : i32, rows : i32, base : i32, steps : i32,';
  readonly shaderKey = 'spikeflow_trace_loss';

  /** Output: [terms, candidates]. */
  constructor(terms: number, candidates: number) {
    this.outputShape = [terms, candidates];
    this.dispatchLayout = webgpu_util.flatDispatchLayout(this.outputShape);
    this.dispatch = webgpu_util.computeDispatch(this.dispatchLayout, this.outputShape, this.workgroupSize);
  }

  /** The program's own uniforms, in the order of `uniforms`. */
  static uniformValues(firstStep: number, rows: number, base: number, steps: number): { type: 'int32'; data: number[] }[] {
    return [firstStep, rows, base, steps].map((v) => ({ type: 'int32' as const, data: [v] }));
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        let candidates = uniforms.outShape[1];
        let term = index / candidates;
        let b = index - term * candidates;
        let row0 = term * uniforms.steps + uniforms.firstStep;
        var sum = 0.0f;
        var carry = 0.0f;
        for (var r = 0; r < uniforms.rows; r++) {
          let w = weights[row0 + r];
          // A weight of 0 marks samples without target data.
          if (w == 0.0f) { continue; }
          let e = rec[uniforms.base + r * candidates + b] - goals[row0 + r];
          let y = w * e * e - carry;
          let t = sum + y;
          carry = (t - sum) - y;
          sum = t;
        }
        setOutputAtIndex(index, sum);
      }
    `;
  }
}

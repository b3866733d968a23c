/**
 * Trace-MSE terms of a GPU generation summed where the traces are, on the device: after each chunk's
 * steps, one thread per candidate adds w_n (y_n − ŷ_n)² over the chunk's samples of the recording
 * buffer (compensated float32 sums), for every trace term. Only B numbers per term come back, instead
 * of every candidate's trace (B × steps), which a hardware GPU would otherwise spend its time on.
 *
 * A chunk may run twice (a spike buffer that overflowed): each chunk writes its own slot of partial
 * sums, and `read` adds the slots on the host.
 */
import type { DeviceRecordings } from '../engine/webgpu/gpuSimulation';
import { COPY_DST, COPY_SRC, MAP_MODE_READ, MAP_READ, STORAGE, UNIFORM } from '../engine/webgpu/gpuFlags';
import type { TraceMseGrid } from './losses/traceMse';

const WORKGROUP = 64;
/** Uniform slots (one per chunk of a run), each 256 bytes apart (WebGPU's offset alignment). */
const PARAMS_STRIDE = 256;

const shader = (terms: number, steps: number): string => `
struct Params { firstStep: u32, rows: u32, candidates: u32, base: u32, slot: u32 }
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> REC: array<f32>;
@group(0) @binding(2) var<storage, read> GW: array<f32>;
@group(0) @binding(3) var<storage, read_write> PART: array<f32>;

@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let b = gid.x;
  if (b >= P.candidates) { return; }
  for (var term = 0u; term < ${terms}u; term++) {
    let goal = term * ${2 * steps}u;
    let weight = goal + ${steps}u;
    var sum = 0.0f;
    var carry = 0.0f;
    for (var r = 0u; r < P.rows; r++) {
      let n = P.firstStep + r;
      let w = GW[weight + n];
      if (w == 0.0f) { continue; }
      let e = REC[P.base + r * P.candidates + b] - GW[goal + n];
      let y = w * e * e - carry;
      let t = sum + y;
      carry = (t - sum) - y;
      sum = t;
    }
    PART[(P.slot * ${terms}u + term) * P.candidates + b] = sum;
  }
}
`;

export class DeviceTraceLoss implements DeviceRecordings {
  private readonly pipeline: GPUComputePipeline;
  private readonly params: GPUBuffer;
  private readonly grids: GPUBuffer;
  private readonly partial: GPUBuffer;
  private readonly staging: GPUBuffer;
  private readonly slots: number;

  constructor(
    private readonly device: GPUDevice,
    private readonly terms: readonly TraceMseGrid[],
    private readonly candidates: number,
    private readonly steps: number,
    private readonly chunkSteps: number,
    /** Where the candidates' samples start in the recording buffer. */
    private readonly base: number,
  ) {
    this.slots = Math.ceil(steps / chunkSteps);
    const module = device.createShaderModule({ code: shader(terms.length, steps), label: 'trace loss' });
    this.pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: 'trace loss' });
    this.params = device.createBuffer({ size: PARAMS_STRIDE * this.slots, usage: UNIFORM | COPY_DST, label: 'trace loss params' });
    const gw = new Float32Array(2 * steps * terms.length);
    terms.forEach((t, k) => {
      // A weight of 0 marks samples without target data (goal NaN): the kernel skips them.
      gw.set(Float32Array.from(t.goal, (g, n) => (t.weights[n] > 0 ? g : 0)), 2 * steps * k);
      gw.set(t.weights, 2 * steps * k + steps);
    });
    this.grids = device.createBuffer({ size: Math.max(16, gw.byteLength), usage: STORAGE | COPY_DST, label: 'trace loss targets' });
    device.queue.writeBuffer(this.grids, 0, gw);
    const partialBytes = Math.max(16, 4 * this.slots * terms.length * candidates);
    this.partial = device.createBuffer({ size: partialBytes, usage: STORAGE | COPY_SRC | COPY_DST, label: 'trace loss partial sums' });
    this.staging = device.createBuffer({ size: partialBytes, usage: MAP_READ | COPY_DST, label: 'trace loss staging' });
  }

  encode(encoder: GPUCommandEncoder, recordings: GPUBuffer, firstStep: number, stepCount: number): void {
    const slot = Math.floor(firstStep / this.chunkSteps);
    this.device.queue.writeBuffer(this.params, PARAMS_STRIDE * slot, Uint32Array.from([firstStep, stepCount, this.candidates, this.base, slot]));
    // The chunk's slot of parameters, bound at its offset.
    const group = this.device.createBindGroup({
      layout: this.pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: this.params, offset: PARAMS_STRIDE * slot, size: 32 } },
        { binding: 1, resource: { buffer: recordings } },
        { binding: 2, resource: { buffer: this.grids } },
        { binding: 3, resource: { buffer: this.partial } },
      ],
    });
    const pass = encoder.beginComputePass({ label: 'trace loss' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(Math.ceil(this.candidates / WORKGROUP));
    pass.end();
  }

  /** Per term, per candidate: Σ_n w_n (y_n − ŷ_n)² over the whole run (divide by the term's weightSum for its mean). */
  async read(): Promise<Float64Array[]> {
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(this.partial, 0, this.staging, 0, this.partial.size);
    this.device.queue.submit([encoder.finish()]);
    await this.staging.mapAsync(MAP_MODE_READ);
    const sums = new Float32Array(this.staging.getMappedRange().slice(0));
    this.staging.unmap();
    const B = this.candidates;
    const T = this.terms.length;
    return this.terms.map((_, term) => {
      const out = new Float64Array(B);
      for (let slot = 0; slot < this.slots; slot++) for (let b = 0; b < B; b++) out[b] += sums[(slot * T + term) * B + b];
      return out;
    });
  }

  destroy(): void {
    for (const b of [this.params, this.grids, this.partial, this.staging]) b.destroy();
  }
}

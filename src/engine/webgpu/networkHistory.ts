/**
 * The network's spike-history rings in one GPU buffer, so that one kernel can read every
 * population's spikes (projections run inside their post population's kernel) within WebGPU's 8
 * storage bindings: population p's flags sit at [base_p + (n mod steps_p)·N_p + i].
 */
import { checkedBufferBytes } from './deviceLimits';
import type { HistoryRing } from './projectionSource';
import { COPY_DST, COPY_SRC, STORAGE } from './gpuFlags';

export class NetworkHistory {
  readonly buffer: GPUBuffer;
  /** The rings as they were at the chunk's start, for running a chunk again. */
  private readonly saved: GPUBuffer;
  readonly rings: readonly HistoryRing[];

  constructor(device: GPUDevice, populations: readonly { readonly size: number; readonly steps: number }[]) {
    this.rings = historyRings(populations);
    const words = populations.reduce((n, p) => n + p.size * p.steps, 0);
    const bytes = checkedBufferBytes(device, Math.max(16, 4 * words), 'spike-history rings');
    this.buffer = device.createBuffer({ size: bytes, usage: STORAGE | COPY_SRC | COPY_DST, label: 'spike history' });
    this.saved = device.createBuffer({ size: bytes, usage: COPY_SRC | COPY_DST, label: 'saved spike history' });
  }

  save(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.buffer, 0, this.saved, 0, this.buffer.size);
  }

  restore(encoder: GPUCommandEncoder): void {
    encoder.copyBufferToBuffer(this.saved, 0, this.buffer, 0, this.buffer.size);
  }

  destroy(): void {
    this.buffer.destroy();
    this.saved.destroy();
  }
}

/** Where each population's ring goes: one after the other. */
export function historyRings(populations: readonly { readonly size: number; readonly steps: number }[]): HistoryRing[] {
  let words = 0;
  return populations.map(({ size, steps }) => {
    const ring = { base: words, steps };
    words += size * steps;
    return ring;
  });
}

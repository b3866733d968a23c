/**
 * What the WebGPU backend runs today, and the reason when it cannot run a simulation: `auto` then
 * picks the CPU backend and says why; forcing `webgpu` gives the reason as the error.
 */
import type { Simulation } from '../simulation';
import { gpuArrivalOrderUnsupported, gpuProjectionUnsupported } from './synapseProgram';

export function gpuUnsupportedReason(sim: Simulation): string | undefined {
  if (sim.precision !== 'f32') return 'the WebGPU backend computes in float32; precision f64 runs on the CPU backend';
  for (const projection of sim.projections) {
    const reason = gpuProjectionUnsupported(projection);
    if (reason) return reason;
  }
  const order = gpuArrivalOrderUnsupported(sim.projections);
  if (order) return order;
  return undefined;
}

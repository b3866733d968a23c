/**
 * A GPU buffer's size against what the device allows in one buffer (a binding of a storage buffer
 * is capped too), with a reason people can act on. The network has one buffer of each kind, so its
 * size, not a population's neuron count, is what a device limits.
 */
import { EngineError } from '../errors';

const MiB = 1024 * 1024;
const size = (bytes: number): string => (bytes < MiB ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MiB`);

/** `bytes` when one buffer (bound as storage when `bound`) may hold them; else an 'unsupported' EngineError. */
export function checkedBufferBytes(device: GPUDevice, bytes: number, what: string, bound = true): number {
  const { maxBufferSize, maxStorageBufferBindingSize } = device.limits;
  const limit = bound ? Math.min(maxBufferSize, maxStorageBufferBindingSize) : maxBufferSize;
  if (bytes > limit) throw new EngineError('unsupported', `the network's ${what} need ${size(bytes)} on the GPU, more than the ${size(limit)} this WebGPU device holds in one buffer`);
  return bytes;
}

/**
 * A population's step on the WebAssembly SIMD kernel: the JavaScript prelude fills the per-step
 * scalars, then the kernel steps every neuron in the population's memory.
 */
import type { FlatModel } from '../flatten';
import { rngKey } from '../rng';
import type { KernelMemory } from './kernelMemory';
import { compileKernel, KernelUnsupported, type KernelOptions } from './simdKernel';

export interface SimdStepContext {
  readonly PS: Float64Array;
  readonly US: Float64Array;
  bad: number;
}

type RngKey = (stream: number, n: number, sub: number) => number;
type Prelude = (n: number, dt: number, PS: Float64Array, US: Float64Array, H: Float32Array, HI: Int32Array, RK: RngKey) => void;

/** Numbers every prelude so V8 never shares compiled code between populations (see codegen.ts). */
let preludeCount = 0;

/**
 * The SIMD step (n, dt) → spike count for this population, or the reason it has none (the
 * population then runs the JavaScript step on the same arrays).
 */
export function buildSimdStep(
  flat: FlatModel,
  options: KernelOptions,
  memory: KernelMemory,
  ctx: SimdStepContext,
  seed: number,
): ((n: number, dt: number) => number) | { reason: string } {
  if (options.paramIsArray.some((isArray, k) => isArray && memory.params[k] === null)) {
    return { reason: 'a parameter became per-neuron after the population was built' };
  }
  let kernel;
  try {
    kernel = compileKernel(flat, options, memory.layout);
  } catch (e) {
    if (e instanceof KernelUnsupported) return { reason: e.message };
    throw e;
  }
  const instance = new WebAssembly.Instance(kernel.module, { env: { memory: memory.memory } });
  const run = instance.exports.step as (n: number) => number;
  const flush = instance.exports.flush as () => number;
  const prelude = new Function(`${kernel.prelude}\n// simd prelude ${++preludeCount}`)() as Prelude;
  const { PS, US } = ctx;
  const H = memory.scalarsF32;
  const HI = memory.scalarsI32;
  const RK: RngKey = (stream, n, sub) => rngKey(seed, stream, n, sub);
  return (n, dt) => {
    prelude(n, dt, PS, US, H, HI, RK);
    if ((n & 15) === 0) flush();
    const count = run(n);
    ctx.bad = count < 0 ? 1 : 0;
    return count < 0 ? 0 : count;
  };
}

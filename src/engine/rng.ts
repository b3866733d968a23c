/**
 * Seeded counter-based random numbers.
 *
 * Every random number in Spikeflow is a pure function of a few u32 words — no generator object,
 * no hidden state — so any backend (the CPU loop now, WGSL kernels later) produces the identical
 * number for "neuron i at step n" regardless of evaluation order or parallelism:
 *
 *   hashU32(seed, stream, counter, hi = 0)
 *
 * - `seed`    the simulation seed (project `simulation.seed`).
 * - `stream`  what the numbers are for, usually `streamId('stimulus', 'noise1')` or
 *             `streamId('param', 'exc', 'tau_m')`, so streams are decoupled by name and not by
 *             declaration order.
 * - `counter` the index inside the stream, usually the neuron (or connection) index.
 * - `hi`      an optional second counter word, usually the step index, so that 2-D counters
 *             (step × neuron) never overflow 32 bits. `hi = 0` for 1-D uses.
 *
 * Algorithm (u32 only: xor, shifts, wrapping add, Math.imul — translates 1:1 to WGSL `u32`):
 *
 *   mix32(x)       = Wellons' "triple32" integer hash (a bijection on u32, near-ideal avalanche):
 *                    x ^= x>>17; x *= 0xed5ad4bb; x ^= x>>11; x *= 0xac4c1b51;
 *                    x ^= x>>15; x *= 0x31848bab; x ^= x>>14
 *   absorb(h,w,c)  = mix32((h ^ w) + c)                      (c: a per-position constant)
 *   key            = absorb(absorb(absorb(mix32(seed ^ K0), stream, K1), hi, K2), sub, K3)
 *   out            = mix32(absorb(key, counter, K4) + key)
 *
 * For a fixed key the map counter → out is a bijection (no two counters of one stream collide),
 * and the two full mixing rounds after the counter make neighbouring counters look independent.
 * `sub` is an internal sub-key: `uniform01`/`hashU32` use sub 0, and `standardNormal` uses subs
 * 1 and 2 for its two uniforms, so a normal and a uniform drawn from the same triple are
 * independent of each other. The key depends only on (seed, stream, hi, sub), so loops over
 * neurons compute it once (`rngKey`) and then call `hashWithKey` per neuron.
 *
 * Floating point: `uniform01` is exact in float32 (see there), so CPU and GPU agree bit for bit
 * on u32 hashes and on uniforms. `standardNormal` uses log/sqrt/cos, which a GPU evaluates in
 * f32: expect agreement to ~1e-6 relative, not bit for bit.
 */

const K0 = 0x243f6a88;
const K1 = 0x85a308d3;
const K2 = 0x13198a2e;
const K3 = 0x03707344;
const K4 = 0xa4093822;

/** The key constants, for backends that generate the same hash in another language (WGSL). */
export const RNG_CONSTANTS = { K0, K1, K2, K3, K4 } as const;

/** Wellons' triple32 integer hash: a bijection on u32 with very low avalanche bias. */
export function mix32(x: number): number {
  x ^= x >>> 17;
  x = Math.imul(x, 0xed5ad4bb);
  x ^= x >>> 11;
  x = Math.imul(x, 0xac4c1b51);
  x ^= x >>> 15;
  x = Math.imul(x, 0x31848bab);
  x ^= x >>> 14;
  return x >>> 0;
}

function absorb(h: number, word: number, constant: number): number {
  return mix32(((h ^ word) + constant) | 0);
}

/**
 * The per-(seed, stream, hi, sub) key. Compute once per loop and pass to `hashWithKey`.
 * `sub` is a sub-key used to derive several independent numbers from one (seed, stream, counter, hi).
 */
export function rngKey(seed: number, stream: number, hi = 0, sub = 0): number {
  let h = mix32((seed ^ K0) >>> 0);
  h = absorb(h, stream, K1);
  h = absorb(h, hi, K2);
  return absorb(h, sub, K3);
}

/** The u32 for `counter` under a key from `rngKey`. */
export function hashWithKey(key: number, counter: number): number {
  return mix32((absorb(key, counter, K4) + key) | 0);
}

/** A well-mixed u32 (as a non-negative JS number) that depends only on its arguments. */
export function hashU32(seed: number, stream: number, counter: number, hi = 0): number {
  return hashWithKey(rngKey(seed, stream, hi, 0), counter);
}

const INV_2_23 = 1 / 8388608; // 2^-23

/**
 * Maps a u32 to (0, 1): the top 23 bits k give (k + 0.5)·2^-23 = (2k+1)·2^-24.
 * Every value has a 24-bit significand, so it is exactly representable in float32
 * (Math.fround(u) === u), it is never 0 or 1 (min 2^-24, max 1 - 2^-24), and the mean is exactly 1/2.
 * WGSL: `(f32(h >> 9u) + 0.5) * exp2(-23.0)`.
 */
export function u32ToUniform01(h: number): number {
  return ((h >>> 9) + 0.5) * INV_2_23;
}

/** Uniform in the open interval (0, 1), from `hashU32(seed, stream, counter, hi)`. */
export function uniform01(seed: number, stream: number, counter: number, hi = 0): number {
  return u32ToUniform01(hashU32(seed, stream, counter, hi));
}

const TWO_PI = 2 * Math.PI;

/**
 * Box–Muller (cosine branch): z = sqrt(-2 ln u1) · cos(2π u2), with u1, u2 in (0, 1) so ln never
 * sees 0. |z| is bounded by sqrt(-2 ln 2^-24) ≈ 5.77, which truncates tails beyond ~1e-8 probability.
 */
export function normalFromUniforms(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
}

/**
 * A standard normal N(0, 1) from one (seed, stream, counter, hi) triple: Box–Muller on two
 * uniforms drawn with sub-keys 1 and 2 (independent of `uniform01`, which uses sub-key 0).
 */
export function standardNormal(seed: number, stream: number, counter: number, hi = 0): number {
  const u1 = u32ToUniform01(hashWithKey(rngKey(seed, stream, hi, 1), counter));
  const u2 = u32ToUniform01(hashWithKey(rngKey(seed, stream, hi, 2), counter));
  return normalFromUniforms(u1, u2);
}

/**
 * Pre-keyed standard normals for loops: `normalSampler(seed, stream, hi)(counter)` equals
 * `standardNormal(seed, stream, counter, hi)`, with the two keys computed once.
 */
export function normalSampler(seed: number, stream: number, hi = 0): (counter: number) => number {
  const k1 = rngKey(seed, stream, hi, 1);
  const k2 = rngKey(seed, stream, hi, 2);
  return (counter) =>
    normalFromUniforms(u32ToUniform01(hashWithKey(k1, counter)), u32ToUniform01(hashWithKey(k2, counter)));
}

/**
 * A stable u32 identifier for a named stream, e.g. `streamId('param', 'exc', 'tau_m')`.
 * Each part is tagged with its kind (string / number) and length, so ('ab', 'c') and ('a', 'bc')
 * differ, and 1 differs from '1'. Strings are hashed by UTF-16 code units; numbers by `String(n)`.
 * Pure u32 arithmetic (FNV-1a-style absorption followed by `mix32`), independent of platform.
 */
export function streamId(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const eat = (unit: number): void => {
    h = Math.imul(h ^ unit, 0x01000193);
  };
  eat(parts.length);
  for (const part of parts) {
    const text = typeof part === 'string' ? part : String(part);
    eat(typeof part === 'string' ? 0x73 : 0x6e);
    eat(text.length);
    for (let i = 0; i < text.length; i++) eat(text.charCodeAt(i));
  }
  return mix32(h >>> 0);
}

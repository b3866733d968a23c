/**
 * The counter-based random numbers of rng.ts in WGSL: the same u32 hash, so a kernel draws exactly
 * the CPU backend's uniforms for (seed, stream, counter, hi), and normals that differ only by the
 * f32 evaluation of Box–Muller's log, sqrt and cos. WGSL promises cos only to 2^-11 absolute, and
 * SwiftShader was measured 1.9e-4 off: normals agree to about 7e-4 absolute (2e-4 relative at z ≈ 4),
 * so noisy neurons near threshold may spike a step apart (parity tests compare statistics there).
 */
import { RNG_CONSTANTS } from '../rng';

const hex = (x: number): string => `0x${(x >>> 0).toString(16)}u`;

export const WGSL_RNG = /* wgsl */ `
fn sf_mix32(x0: u32) -> u32 {
  var x = x0;
  x ^= x >> 17u; x *= 0xed5ad4bbu;
  x ^= x >> 11u; x *= 0xac4c1b51u;
  x ^= x >> 15u; x *= 0x31848babu;
  x ^= x >> 14u;
  return x;
}
fn sf_absorb(h: u32, word: u32, c: u32) -> u32 { return sf_mix32((h ^ word) + c); }
fn sf_key(seed: u32, stream: u32, hi: u32, sub: u32) -> u32 {
  var h = sf_mix32(seed ^ ${hex(RNG_CONSTANTS.K0)});
  h = sf_absorb(h, stream, ${hex(RNG_CONSTANTS.K1)});
  h = sf_absorb(h, hi, ${hex(RNG_CONSTANTS.K2)});
  return sf_absorb(h, sub, ${hex(RNG_CONSTANTS.K3)});
}
fn sf_hash(key: u32, counter: u32) -> u32 { return sf_mix32(sf_absorb(key, counter, ${hex(RNG_CONSTANTS.K4)}) + key); }
fn sf_unit(h: u32) -> f32 { return (f32(h >> 9u) + 0.5f) * exp2(-23.0f); }
// ⌊u·count⌋ exactly, u = sf_unit(h) = a·2⁻²⁴ with a = 2·(h >> 9) + 1 < 2²⁴: (a·count) >> 24 in 16-bit
// halves (count < 2²²), as the CPU's f64 floor(u·count) gives it (pickOne of oneSpike).
fn sf_pick(h: u32, count: u32) -> u32 {
  let a = ((h >> 9u) << 1u) | 1u;
  let a1 = a >> 16u; let a0 = a & 0xffffu; let c1 = count >> 16u; let c0 = count & 0xffffu;
  let mid = a1 * c0 + a0 * c1;
  let lo = a0 * c0;
  return ((a1 * c1) << 8u) + (mid >> 8u) + (((mid & 0xffu) + (lo >> 16u)) >> 8u);
}
fn sf_uniform(seed: u32, stream: u32, counter: u32, hi: u32) -> f32 { return sf_unit(sf_hash(sf_key(seed, stream, hi, 0u), counter)); }
fn sf_normal(seed: u32, stream: u32, counter: u32, hi: u32) -> f32 {
  let u1 = sf_unit(sf_hash(sf_key(seed, stream, hi, 1u), counter));
  let u2 = sf_unit(sf_hash(sf_key(seed, stream, hi, 2u), counter));
  return sqrt(-2.0f * log(u1)) * cos(6.283185307179586f * u2);
}
`;

/** Smoothing of binned population rates with a Gaussian window (for whole-run results and plots). */

/**
 * Convolves `rateHz` (bins of `binMs`) with a normalised Gaussian of standard deviation `smoothMs`,
 * truncated at ±4σ. Near the ends the window is renormalised over the bins that exist, so a constant
 * rate stays constant. smoothMs = 0 returns a copy.
 */
export function smoothRates(rateHz: Float32Array, binMs: number, smoothMs: number): Float32Array {
  if (smoothMs <= 0) return rateHz.slice();
  const sigmaBins = smoothMs / binMs;
  const half = Math.ceil(4 * sigmaBins);
  const kernel = Float64Array.from({ length: 2 * half + 1 }, (_, k) => Math.exp(-0.5 * ((k - half) / sigmaBins) ** 2));
  const out = new Float32Array(rateHz.length);
  for (let i = 0; i < rateHz.length; i++) {
    let sum = 0;
    let weight = 0;
    for (let k = -half; k <= half; k++) {
      const j = i + k;
      if (j < 0 || j >= rateHz.length) continue;
      sum += kernel[k + half] * rateHz[j];
      weight += kernel[k + half];
    }
    out[i] = sum / weight;
  }
  return out;
}

/**
 * Surrogate derivatives of the spike nonlinearity.
 *
 * A spike is s = H(x), the Heaviside step of x = v − threshold (in the model's units, mV). Its true
 * derivative is 0 almost everywhere, so gradient-based fitting replaces dH/dx by a "surrogate" σ'(x)
 * that is large near the threshold and decays away from it. The differentiable simulator multiplies
 * σ'(x) by ∂x/∂θ to get `spikeSignalGrad` (see observation.ts).
 *
 * Four estimators follow ngclearn (NACLab/ngc-learn, ngclearn/utils/surrogate_fx.py), re-derived
 * here from their documented formulas; their quirks are kept on purpose so a model ported from
 * ngclearn trains the same way, and each difference to ngclearn's code is stated at the formula.
 * Three are the common smooth choices from the surrogate-gradient literature. Options are
 * validated (RangeError) because a zero or negative sharpness silently kills every gradient.
 */

export type SurrogateName =
  | 'straight_through'
  | 'triangular'
  | 'arctan'
  | 'secant_lif'
  | 'fast_sigmoid'
  | 'sigmoid'
  | 'triangle';

export interface SurrogateOptions {
  /**
   * Sharpness, in 1/(model unit) (per mV for a voltage threshold): the one knob every surrogate
   * but straight_through understands, so a UI can offer a single control. fast_sigmoid /
   * sigmoid: β; arctan: ngclearn's α; triangular: the magnitude of ±slope; triangle: 1/w (when
   * `width` is not given); secant_lif: c2 (when `c2` is not given).
   */
  readonly slope?: number;
  /** triangle: half-width w of the support (−w, w), in model units (mV); overrides slope. */
  readonly width?: number;
  /** secant_lif: ngclearn's c1 (only used when omitScale is false). */
  readonly c1?: number;
  /** secant_lif: ngclearn's c2, the inverse width of the sech² bump, 1/(model unit); overrides slope. */
  readonly c2?: number;
  /** secant_lif: ngclearn's omit_scale; true (its default) drops the c1·c2 factor. */
  readonly omitScale?: boolean;
}

export interface SurrogateInfo {
  readonly label: string;
  readonly description: string;
  readonly defaultOptions: SurrogateOptions;
}

/** The surrogate used for models that have not chosen one. */
export const DEFAULT_SURROGATE: SurrogateName = 'fast_sigmoid';

export const SURROGATE_NAMES: readonly SurrogateName[] = [
  'straight_through',
  'triangular',
  'arctan',
  'secant_lif',
  'fast_sigmoid',
  'sigmoid',
  'triangle',
];

export const SURROGATE_INFO: Readonly<Record<SurrogateName, SurrogateInfo>> = {
  straight_through: {
    label: 'Straight-through',
    description:
      'σ′(x) = 1 everywhere (Bengio et al. 2013; ngclearn straight_through_estimator). Passes ∂v/∂θ through unchanged, however far v is from threshold.',
    defaultOptions: {},
  },
  triangular: {
    label: 'Triangular (ngclearn)',
    description:
      'σ′(x) = +slope below threshold, −slope at or above it: the derivative of a tent −slope·|x| peaked at threshold (ngclearn triangular_estimator, which uses the threshold value as the slope).',
    defaultOptions: { slope: 1 },
  },
  arctan: {
    label: 'Arctan (ngclearn)',
    description:
      'σ′(x) = (1/π) / (1 + (π·α·x/2)²), α = slope (ngclearn arctan_estimator). Heavy tails; peak 1/π at threshold.',
    defaultOptions: { slope: 2 },
  },
  secant_lif: {
    label: 'Secant LIF (ngclearn)',
    description:
      'σ′(x) = scale·sech²(c2·x) for x > 0, else 0; scale = 1, or c1·c2 when omitScale is off (Samadi et al. 2017; ngclearn secant_lif_estimator). One-sided: only supra-threshold drive gets gradient. slope sets c2.',
    defaultOptions: { c1: 0.82, c2: 0.08, omitScale: true },
  },
  fast_sigmoid: {
    label: 'Fast sigmoid (SuperSpike)',
    description:
      'σ′(x) = 1 / (1 + β|x|)², β = slope per mV (Zenke & Ganguli 2018). Peak 1 at threshold, slow algebraic decay: the default.',
    defaultOptions: { slope: 1 },
  },
  sigmoid: {
    label: 'Sigmoid',
    description: 'σ′(x) = β·S(βx)·(1 − S(βx)), S the logistic function, β = slope per mV. Peak β/4, exponential tails.',
    defaultOptions: { slope: 1 },
  },
  triangle: {
    label: 'Triangle',
    description: 'σ′(x) = max(0, 1 − |x|/w) / w, w = width in mV (or 1/slope). Compact support (−w, w), integrates to 1.',
    defaultOptions: { width: 1 },
  },
};

function positive(name: SurrogateName, key: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) {
    throw new RangeError(`surrogate '${name}': option ${key} must be a finite number > 0 (got ${v})`);
  }
  return v;
}

/**
 * σ'(x): the surrogate derivative of H at x = v − threshold (model units). Options not given take
 * the values in `SURROGATE_INFO[name].defaultOptions`.
 */
export function surrogateSlope(name: SurrogateName, x: number, options: SurrogateOptions = {}): number {
  return surrogateFunction(name, options)(x);
}

/**
 * σ' as a function, its options checked once: what the simulators call for every neuron and step
 * (surrogateSlope's per-call checks cost a third of a network gradient).
 */
export function surrogateFunction(name: SurrogateName, options: SurrogateOptions = {}): (x: number) => number {
  const info = SURROGATE_INFO[name] as SurrogateInfo | undefined;
  if (info === undefined) throw new RangeError(`unknown surrogate '${String(name)}'`);
  const defaults = info.defaultOptions;
  switch (name) {
    case 'straight_through':
      // ngclearn: d_spike_fx(v, thr) = 1 (the identity's derivative): the STE of Bengio et al. 2013.
      return () => 1;
    case 'triangular': {
      // ngclearn: mask = (v < thr); d = mask·thr − (1 − mask)·thr, i.e. +thr below, −thr at/above.
      // That is d/dx of the tent −thr·|x|. Using the threshold's value as the magnitude only makes
      // sense for normalised thresholds (thr = 1); in mV it would flip sign with a negative
      // threshold, so the magnitude is the `slope` option here. Pass slope = thr to match ngclearn.
      const a = positive(name, 'slope', options.slope, defaults.slope ?? 1);
      return (x) => (x < 0 ? a : -a);
    }
    case 'arctan': {
      // ngclearn docstring: E(x) = (1/π)·arctan(πx), dE/dx = (1/π)·1/(1 + (πx)²); code generalises
      // with α (default 2): d = (1/π) / (1 + (π·(α/2)·x)²). Note this is 1/π times the derivative
      // of its documented E (the docstring and code agree on d, so d is what we match); it is the
      // exact derivative of F(x) = 2/(π²α)·arctan(π·α·x/2), and integrates to 2/(πα), not 1.
      const alpha = positive(name, 'slope', options.slope, defaults.slope ?? 1);
      return (x) => {
        const u = (Math.PI * alpha * x) / 2;
        return 1 / (Math.PI * (1 + u * u));
      };
    }
    case 'secant_lif': {
      // ngclearn docstring: dE/dj = scale·sech²(c2·j) for j > 0, 0 for j ≤ 0, scale = c1·c2 unless
      // omit_scale (default true, scale 1) — the derivative of its surr_fx max(0, c1·tanh(c2·j))
      // up to that scale. (ngclearn's code computes sech, not sech²; we follow the documented
      // sech², which is the consistent one.) ngclearn evaluates it at the input current j; the
      // simulator hands us only x = v − threshold, so x plays j's role here.
      const c2 = positive(name, options.c2 !== undefined ? 'c2' : 'slope', options.c2 ?? options.slope, defaults.c2 ?? 0.08);
      const omit = options.omitScale ?? defaults.omitScale ?? true;
      const scale = omit ? 1 : positive(name, 'c1', options.c1, defaults.c1 ?? 0.82) * c2;
      return (x) => {
        if (x <= 0) return 0;
        // sech²(u) = 4 / (e^u + e^−u)²; written via e^−2u so large u underflows to 0 instead of NaN.
        const e = Math.exp(-2 * c2 * x);
        return (scale * 4 * e) / ((1 + e) * (1 + e));
      };
    }
    case 'fast_sigmoid': {
      // SuperSpike (Zenke & Ganguli 2018): σ'(x) = 1/(1 + β|x|)², the derivative of x/(1 + β|x|).
      const beta = positive(name, 'slope', options.slope, defaults.slope ?? 1);
      return (x) => {
        const d = 1 + beta * Math.abs(x);
        return 1 / (d * d);
      };
    }
    case 'sigmoid': {
      // σ'(x) = β·S(βx)·(1 − S(βx)), the derivative of the logistic S(βx). Written with e^−|βx|
      // so it neither overflows nor cancels: S(1 − S) = e/(1 + e)², e = exp(−|βx|).
      const beta = positive(name, 'slope', options.slope, defaults.slope ?? 1);
      return (x) => {
        const e = Math.exp(-Math.abs(beta * x));
        return (beta * e) / ((1 + e) * (1 + e));
      };
    }
    case 'triangle': {
      // A normalised tent: max(0, 1 − |x|/w)/w, the derivative of a piecewise-quadratic ramp.
      const w =
        options.width === undefined && options.slope !== undefined
          ? 1 / positive(name, 'slope', options.slope, 1)
          : positive(name, 'width', options.width, defaults.width ?? 1);
      return (x) => Math.max(0, 1 - Math.abs(x) / w) / w;
    }
  }
}

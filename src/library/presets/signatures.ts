/**
 * How to tell the presets' firing patterns apart from spike times alone: statistics of a spike
 * train (count, first-spike latency, inter-spike intervals, their CV, adaptation, periodicity) and,
 * per preset, the conditions that make its pattern. The conditions are chosen so that, within a
 * family, each preset's own train meets its signature and no other preset's train does
 * (presets.test.ts checks the whole matrix); the e2e test checks the same signature on the data
 * streamed to the page.
 */
import type { FiringPreset } from './types';

export interface TrainStats {
  /** Spikes in the analysis window. */
  readonly n: number;
  /** First spike after the window start, ms (undefined without spikes). */
  readonly latencyMs: number | undefined;
  readonly isisMs: readonly number[];
  readonly firstIsiMs: number | undefined;
  readonly lastIsiMs: number | undefined;
  readonly minIsiMs: number | undefined;
  readonly maxIsiMs: number | undefined;
  /** Mean of the last third of the intervals (at least 3): the adapted, steady interval. */
  readonly steadyIsiMs: number | undefined;
  /** CV of those steady intervals. */
  readonly steadyCv: number | undefined;
  /** CV of all intervals after the first three (the onset transient). */
  readonly cv: number | undefined;
  /** steady interval / first interval: > 1 adapting, < 1 accelerating. */
  readonly adaptation: number | undefined;
  /** Largest ratio of an interval to the one before it: a sudden jump marks the end of a burst. */
  readonly maxJump: number | undefined;
  /** Intervals shorter than 'short' at the start of the train, before the first longer one. */
  readonly leadingShort: (shortMs: number) => number;
  /**
   * The smallest p (1 regular, 2 doublets, ...) such that the late intervals repeat with period p,
   * each within 5 % (or 0.25 ms); undefined when none up to 8 does: an irregular train.
   */
  readonly period: number | undefined;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function cvOf(xs: readonly number[]): number | undefined {
  if (xs.length < 2) return undefined;
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2))) / m;
}

const MAX_PERIOD = 8;
/** Intervals of the tail examined for periodicity; the first third is the onset and never counts. */
const PERIOD_TAIL = 16;

function periodOf(isis: readonly number[]): number | undefined {
  const tail = isis.slice(Math.max(Math.ceil(isis.length / 3), isis.length - PERIOD_TAIL));
  const close = (x: number, y: number) => Math.abs(x - y) <= Math.max(0.05 * Math.max(x, y), 0.25);
  for (let p = 1; p <= MAX_PERIOD; p++) {
    // At least three comparisons, and at least one full repeat.
    if (tail.length - p < Math.max(3, p)) return undefined;
    let ok = true;
    for (let k = p; k < tail.length && ok; k++) ok = close(tail[k], tail[k - p]);
    if (ok) return p;
  }
  return undefined;
}

/** Statistics of the spikes in [fromMs, toMs). */
export function trainStats(spikesMs: readonly number[], fromMs = 0, toMs = Infinity): TrainStats {
  const t = spikesMs.filter((s) => s >= fromMs && s < toMs).sort((a, b) => a - b);
  const isis = t.slice(1).map((s, i) => s - t[i]);
  const steady = isis.length >= 3 ? isis.slice(-Math.max(3, Math.ceil(isis.length / 3))) : [];
  const steadyIsiMs = steady.length > 0 ? mean(steady) : undefined;
  let maxJump: number | undefined;
  for (let k = 1; k < isis.length; k++) maxJump = Math.max(maxJump ?? 0, isis[k] / isis[k - 1]);
  return {
    n: t.length,
    latencyMs: t.length > 0 ? t[0] - fromMs : undefined,
    isisMs: isis,
    firstIsiMs: isis[0],
    lastIsiMs: isis.at(-1),
    minIsiMs: isis.length > 0 ? Math.min(...isis) : undefined,
    maxIsiMs: isis.length > 0 ? Math.max(...isis) : undefined,
    steadyIsiMs,
    steadyCv: cvOf(steady),
    cv: cvOf(isis.slice(3)),
    adaptation: steadyIsiMs !== undefined && isis[0] > 0 ? steadyIsiMs / isis[0] : undefined,
    maxJump,
    leadingShort: (shortMs) => {
      let k = 0;
      while (k < isis.length && isis[k] < shortMs) k++;
      return k;
    },
    period: periodOf(isis),
  };
}

/** One named condition of a signature and whether the train meets it. */
export interface SignatureCheck {
  readonly what: string;
  readonly ok: boolean;
}

export interface SignatureVerdict {
  readonly ok: boolean;
  readonly checks: readonly SignatureCheck[];
  readonly stats: TrainStats;
}

export interface PatternSignature {
  /** The signature in words (docs and test names). */
  readonly description: string;
  /** The analysis window, ms (absolute). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly checks: (s: TrainStats, all: readonly number[]) => SignatureCheck[];
}

// Small predicates that treat "not measurable" (too few spikes) as failing.
const lt = (x: number | undefined, y: number) => x !== undefined && x < y;
const gt = (x: number | undefined, y: number) => x !== undefined && x > y;
const between = (x: number | undefined, lo: number, hi: number) => x !== undefined && x >= lo && x <= hi;
const c = (what: string, ok: boolean): SignatureCheck => ({ what, ok });
const count = (spikes: readonly number[], from: number, to: number) => spikes.filter((t) => t >= from && t < to).length;

/** ISIs shorter than `short` right after each ISI longer than `long`: the start of a repeated burst. */
function burstStarts(isis: readonly number[], shortMs: number, longMs: number): number {
  let k = 0;
  for (let i = 0; i + 1 < isis.length; i++) if (isis[i] > longMs && isis[i + 1] < shortMs) k++;
  return k;
}

/** The step of the Izhikevich classes and the AdEx patterns (see izhikevich.ts, naud.ts). */
const IZH_STEP = { fromMs: 50, toMs: 450 };
const ADEX_STEP = { fromMs: 50, toMs: 750 };

export const SIGNATURES: Readonly<Record<string, PatternSignature>> = {
  'izh-rs': {
    description: '6-14 spikes; no interval under 10 ms; steady intervals over 25 ms with CV < 0.05; adapting: steady / first interval > 1.6',
    ...IZH_STEP,
    checks: (s) => [
      c('6-14 spikes', between(s.n, 6, 14)),
      c('no interval < 10 ms', gt(s.minIsiMs, 10)),
      c('steady interval > 25 ms', gt(s.steadyIsiMs, 25)),
      c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
      c('adapts: steady / first > 1.6', gt(s.adaptation, 1.6)),
    ],
  },
  'izh-ib': {
    description: '1-3 onset intervals under 6 ms, then a jump (× > 4) to single spikes: every later interval over 20 ms, steady CV < 0.05',
    ...IZH_STEP,
    checks: (s) => {
      const k = s.leadingShort(6);
      return [
        c('1-3 onset intervals < 6 ms', between(k, 1, 3)),
        c('then a jump × > 4', gt(s.isisMs[k] / s.isisMs[k - 1], 4)),
        c('every later interval > 20 ms', k < s.isisMs.length && s.isisMs.slice(k).every((x) => x > 20)),
        c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
      ];
    },
  },
  'izh-ch': {
    description: 'repeating bursts: intervals under 8 ms and over 30 ms, at least 3 bursts after a long pause, period 3-8 intervals',
    ...IZH_STEP,
    checks: (s) => [
      c('intervals < 8 ms', lt(s.minIsiMs, 8)),
      c('≥ 3 bursts after a pause > 30 ms', burstStarts(s.isisMs, 8, 30) >= 3),
      c('repeats with a period of 3-8 intervals', between(s.period, 3, 8)),
    ],
  },
  'izh-fs': {
    description: 'over 30 spikes; steady interval under 11 ms (> 90 Hz) with CV < 0.05; little adaptation (steady / first < 2.5)',
    ...IZH_STEP,
    checks: (s) => [
      c('> 30 spikes', s.n > 30),
      c('steady interval < 11 ms', lt(s.steadyIsiMs, 11)),
      c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
      c('little adaptation: steady / first < 2.5', lt(s.adaptation, 2.5)),
    ],
  },
  'izh-lts': {
    description: '≥ 3 onset intervals under 6 ms that lengthen gradually (no jump × > 2.5) to a steady 10-25 ms, steady / first > 3, CV < 0.05',
    ...IZH_STEP,
    checks: (s) => [
      c('≥ 3 onset intervals < 6 ms', s.leadingShort(6) >= 3),
      c('gradual: no jump × > 2.5', lt(s.maxJump, 2.5)),
      c('steady interval 10-25 ms', between(s.steadyIsiMs, 10, 25)),
      c('steady / first > 3', gt(s.adaptation, 3)),
      c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
    ],
  },
  'izh-tc': {
    description: 'silent before and during the hyperpolarizing hold; 3-9 spikes within 100 ms of its release, the first interval under 6 ms; silent afterwards',
    fromMs: 250,
    toMs: 350,
    checks: (s, all) => [
      c('no spike before the release (250 ms)', count(all, 0, 250) === 0),
      c('3-9 spikes in the 100 ms after it', between(s.n, 3, 9)),
      c('first interval < 6 ms', lt(s.firstIsiMs, 6)),
      c('no spike after 350 ms', count(all, 350, Infinity) === 0),
    ],
  },
  'izh-rz': {
    description: 'no spike for the 20 ms doublet (40-60 ms); 1-2 spikes after the 40 ms doublet (280-320 ms)',
    fromMs: 280,
    toMs: 400,
    checks: (s, all) => [
      c('no spike before 280 ms (20 ms doublet ignored)', count(all, 0, 280) === 0),
      c('1-2 spikes after the 40 ms doublet', between(s.n, 1, 2)),
      c('the spike follows the second pulse (≥ 320 ms)', count(all, 280, 320) === 0),
    ],
  },
  'adex-tonic': {
    description: 'first spike within 25 ms; no interval under 8 ms; first interval within 15 % of the steady one; steady CV < 0.05',
    ...ADEX_STEP,
    checks: (s) => [
      c('latency < 25 ms', lt(s.latencyMs, 25)),
      c('no interval < 8 ms', gt(s.minIsiMs, 8)),
      c('first interval within 15 % of the steady one', between(s.adaptation, 1 / 1.15, 1.15)),
      c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
    ],
  },
  'adex-adapting': {
    description: 'first spike within 25 ms; first interval over 8 ms; intervals never shorten and grow gradually (no jump × > 2.5) to over 3 × the first; steady CV < 0.05',
    ...ADEX_STEP,
    checks: (s) => [
      c('latency < 25 ms', lt(s.latencyMs, 25)),
      c('first interval > 8 ms', gt(s.firstIsiMs, 8)),
      c('intervals never shorten', s.isisMs.length > 2 && s.isisMs.every((x, i) => i === 0 || x >= s.isisMs[i - 1] - 0.25)),
      c('gradual: no jump × > 2.5', lt(s.maxJump, 2.5)),
      c('steady / first > 3', gt(s.adaptation, 3)),
      c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
    ],
  },
  'adex-initial-burst': {
    description: 'first spike within 25 ms; 1-3 onset intervals under 10 ms, then a jump (× > 4) to single spikes over 30 ms apart; steady CV < 0.05',
    ...ADEX_STEP,
    checks: (s) => {
      const k = s.leadingShort(10);
      return [
        c('latency < 25 ms', lt(s.latencyMs, 25)),
        c('1-3 onset intervals < 10 ms', between(k, 1, 3)),
        c('then a jump × > 4', gt(s.isisMs[k] / s.isisMs[k - 1], 4)),
        c('every later interval > 30 ms', k < s.isisMs.length && s.isisMs.slice(k).every((x) => x > 30)),
        c('steady CV < 0.05', lt(s.steadyCv, 0.05)),
      ];
    },
  },
  'adex-regular-bursting': {
    description: 'first spike within 30 ms; ≥ 3 bursts (an interval under 10 ms after one over 40 ms); intervals repeat with a period of 2-6',
    ...ADEX_STEP,
    checks: (s) => [
      c('latency < 30 ms', lt(s.latencyMs, 30)),
      c('≥ 3 bursts after a pause > 40 ms', burstStarts(s.isisMs, 10, 40) >= 3),
      c('repeats with a period of 2-6 intervals', between(s.period, 2, 6)),
    ],
  },
  'adex-delayed-accelerating': {
    description: 'first spike after more than 25 ms; no interval under 8 ms; the last interval under 0.8 × the first',
    ...ADEX_STEP,
    checks: (s) => [
      c('latency > 25 ms', gt(s.latencyMs, 25)),
      c('no interval < 8 ms', gt(s.minIsiMs, 8)),
      c('accelerates: last / first < 0.8', s.lastIsiMs !== undefined && s.firstIsiMs !== undefined && s.lastIsiMs < 0.8 * s.firstIsiMs),
    ],
  },
  'adex-delayed-bursting': {
    description: 'first spike after more than 40 ms; ≥ 3 bursts (an interval under 10 ms after one over 40 ms); period of 2-6 intervals',
    ...ADEX_STEP,
    checks: (s) => [
      c('latency > 40 ms', gt(s.latencyMs, 40)),
      c('≥ 3 bursts after a pause > 40 ms', burstStarts(s.isisMs, 10, 40) >= 3),
      c('repeats with a period of 2-6 intervals', between(s.period, 2, 6)),
    ],
  },
  'adex-transient': {
    description: '1-4 spikes, all within 100 ms of the step onset; silent for the remaining 600 ms of the step',
    ...ADEX_STEP,
    checks: (s, all) => [
      c('1-4 spikes', between(s.n, 1, 4)),
      c('all within 100 ms of the onset', count(all, 50, 150) === s.n),
      c('silent from 150 ms on', count(all, 150, Infinity) === 0),
    ],
  },
  'adex-irregular': {
    description: 'over 15 spikes, first within 25 ms; intervals after the onset with CV > 0.3 and no repeating period up to 8 intervals',
    ...ADEX_STEP,
    checks: (s) => [
      c('> 15 spikes', s.n > 15),
      c('latency < 25 ms', lt(s.latencyMs, 25)),
      c('CV > 0.3', gt(s.cv, 0.3)),
      c('no period up to 8 intervals', s.period === undefined),
    ],
  },
};

/** Checks `spikesMs` (one neuron, absolute times) against the signature of `preset`'s pattern. */
export function checkSignature(preset: FiringPreset | string, spikesMs: readonly number[]): SignatureVerdict {
  const id = typeof preset === 'string' ? preset : preset.id;
  const sig = SIGNATURES[id];
  if (!sig) throw new Error(`no signature for preset '${id}'`);
  const stats = trainStats(spikesMs, sig.fromMs, sig.toMs);
  const checks = sig.checks(stats, spikesMs);
  return { ok: checks.every((x) => x.ok), checks, stats };
}

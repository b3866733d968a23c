/**
 * The eight firing patterns of the adaptive exponential integrate-and-fire model (Naud, Marcille,
 * Clopath & Gerstner 2008, Biol. Cybern. 99:335-347, Table 1 and Fig. 4) on the built-in AdEx
 * model (C, gL, EL, VT, DeltaT, tauw, a, b, Vr, Vpeak; input I in pA).
 *
 * Values: those of Brian2's reproduction of the paper (examples/frompapers/
 * Naud_et_al_2008_adex_firing_patterns.py, "parameters adapted by P. Müller to match figures"). For
 * the transient pattern its current is 180 pA, and it must stay low: with a = 10 nS the full (V, w)
 * system has a resting point only for I below (gL + a)(VT − EL + ΔT ln((gL + a)/gL) − ΔT) ≈ 288 pA
 * (it loses stability a little earlier: steps above about 280 pA fire on forever, not transiently;
 * presets.test.ts checks 350 pA).
 *
 * Spike cut-off Vpeak = 0 mV, as in that reproduction (V diverges there; 20 mV changes spike times
 * by less than a step). The paper's protocol is a current step from rest (V = EL, w = 0, the
 * model's initial values); here it starts at 50 ms and lasts 700 ms of an 800 ms run.
 *
 * Update order: Euler at 0.1 ms with the simultaneous update (Brian2's "euler"), and it must be
 * that one. In the step where V crosses the cut-off, the exponential term throws V far beyond it
 * (sometimes to 10^5 mV and more); updating w after V ('sequential') feeds that value into
 * a (V - EL) and kicks w by up to 10^5 pA, which wrecks every pattern (presets.test.ts shows it).
 */
import type { FiringPreset } from './types';

interface NaudRow {
  readonly C: number; // pF
  readonly gL: number; // nS
  readonly EL: number; // mV
  readonly VT: number; // mV
  readonly DeltaT: number; // mV
  readonly a: number; // nS
  readonly tauw: number; // ms
  readonly b: number; // pA
  readonly Vr: number; // mV
  readonly I: number; // pA
}

const SOURCE = 'Naud et al. (2008) Biol. Cybern. 99:335-347, Table 1 (values as in Brian2’s reproduction; timing ours)';

const UPDATE_WHY =
  'Euler at 0.1 ms, V and w both from the values at the start of the step (simultaneous), as in Brian2’s reproduction. ' +
  'Not sequential: in the step where V crosses the cut-off the exponential throws V far beyond it, and w updated from ' +
  'that V would jump by orders of magnitude.';

function naud(id: string, name: string, stem: string, row: NaudRow, summary: string, explanation: string): FiringPreset {
  return {
    id,
    family: 'adex',
    name,
    summary,
    model: 'AdEx',
    populationStem: stem,
    params: {
      C: `${row.C} pF`,
      gL: `${row.gL} nS`,
      EL: `${row.EL} mV`,
      VT: `${row.VT} mV`,
      DeltaT: `${row.DeltaT} mV`,
      a: `${row.a} nS`,
      tauw: `${row.tauw} ms`,
      b: `${row.b} pA`,
      Vr: `${row.Vr} mV`,
      Vpeak: '0 mV',
    },
    stimuli: [{ type: 'step', amplitude: `${row.I} pA`, startMs: 50, stopMs: 750, stem: 'step' }],
    record: ['V', 'w'],
    dtMs: 0.1,
    durationMs: 800,
    integrator: 'euler',
    update: 'simultaneous',
    updateWhy: UPDATE_WHY,
    explanation,
    source: SOURCE,
  };
}

export const NAUD_PRESETS: readonly FiringPreset[] = [
  naud(
    'adex-tonic',
    'Tonic spiking',
    'tonic',
    { C: 200, gL: 10, EL: -70, VT: -50, DeltaT: 2, a: 2, tauw: 30, b: 0, Vr: -58, I: 500 },
    'AdEx · b 0, τw 30 ms · regular spikes from the first one',
    'No spike-triggered adaptation (b = 0 pA) and a short τw = 30 ms: the little adaptation that the subthreshold ' +
      'coupling a = 2 nS builds settles within a few spikes, so the intervals are equal almost from the first one. ' +
      'The reset Vr = −58 mV lies well below VT = −50 mV, so every spike is single.',
  ),
  naud(
    'adex-adapting',
    'Adapting',
    'adapting',
    { C: 200, gL: 12, EL: -70, VT: -50, DeltaT: 2, a: 2, tauw: 300, b: 60, Vr: -58, I: 500 },
    'AdEx · b 60 pA, τw 300 ms · intervals lengthen to a steady rate',
    'Each spike adds b = 60 pA to the adaptation current w, which decays slowly (τw = 300 ms), so w accumulates and ' +
      'every interval is longer than the one before. The rate settles when what a spike adds to w balances what decays ' +
      'between spikes.',
  ),
  naud(
    'adex-initial-burst',
    'Initial burst',
    'initial_burst',
    { C: 130, gL: 18, EL: -58, VT: -50, DeltaT: 2, a: 4, tauw: 150, b: 120, Vr: -50, I: 400 },
    'AdEx · Vr −50 mV, b 120 pA · an onset burst, then regular spikes',
    'The reset Vr = −50 mV equals VT, so while w is still small the cell fires again almost at once: an onset burst. ' +
      'A large spike-triggered jump (b = 120 pA) with a slow decay (τw = 150 ms) ends the burst after a few spikes, and ' +
      'the cell goes on with regular single spikes.',
  ),
  naud(
    'adex-regular-bursting',
    'Regular bursting',
    'bursting',
    { C: 200, gL: 10, EL: -58, VT: -50, DeltaT: 2, a: 2, tauw: 120, b: 100, Vr: -46, I: 210 },
    'AdEx · Vr −46 mV above VT · bursts repeating regularly',
    'The reset Vr = −46 mV is above VT = −50 mV, so after a spike V starts on the rising side of the exponential and ' +
      'the cell fires again at once, until the spike-triggered adaptation (b = 100 pA per spike) stops it. w then decays ' +
      '(τw = 120 ms) and the next burst begins: bursts repeat with a fixed period.',
  ),
  naud(
    'adex-delayed-accelerating',
    'Delayed accelerating',
    'delayed_acc',
    { C: 200, gL: 12, EL: -70, VT: -50, DeltaT: 2, a: -10, tauw: 300, b: 0, Vr: -58, I: 300 },
    'AdEx · a −10 nS, b 0 · late first spike, then faster and faster',
    'A negative subthreshold coupling (a = −10 nS) makes w an inward, regenerative current that grows as V rises, but ' +
      'slowly (τw = 300 ms): V first creeps towards threshold (a delay), and as w keeps growing the intervals get ' +
      'shorter (acceleration). b = 0 adds no spike-triggered adaptation to counter it.',
  ),
  naud(
    'adex-delayed-bursting',
    'Delayed regular bursting',
    'delayed_burst',
    { C: 100, gL: 10, EL: -65, VT: -50, DeltaT: 2, a: -10, tauw: 90, b: 30, Vr: -47, I: 110 },
    'AdEx · a −10 nS, Vr −47 mV · late first spike, then bursts',
    'As in the delayed accelerating cell, a = −10 nS (here equal to −gL) makes the approach to the first spike slow. A ' +
      'reset above VT (Vr = −47 mV) and a spike-triggered b = 30 pA then turn the firing into regular bursts, each ' +
      'ended when w has grown enough.',
  ),
  naud(
    'adex-transient',
    'Transient spiking',
    'transient',
    { C: 100, gL: 10, EL: -65, VT: -50, DeltaT: 2, a: 10, tauw: 90, b: 100, Vr: -47, I: 180 },
    'AdEx · a 10 nS = gL · spikes only at the step onset',
    'A strong subthreshold coupling (a = 10 nS, as large as gL): at the step onset V rises faster than w can follow ' +
      'and the cell fires, but then w catches up (τw = 90 ms, plus b = 100 pA per spike) and holds V at a stable ' +
      'depolarized rest. With I = 180 pA, well below the ≈ 280 pA above which it fires on, the cell stays silent for the ' +
      'rest of the step.',
  ),
  naud(
    'adex-irregular',
    'Irregular spiking',
    'irregular',
    { C: 100, gL: 12, EL: -60, VT: -50, DeltaT: 2, a: -11, tauw: 130, b: 30, Vr: -48, I: 160 },
    'AdEx · a −11 nS, Vr −48 mV · deterministic but irregular intervals',
    'a = −11 nS almost cancels the leak (gL = 12 nS), and the reset Vr = −48 mV lies above VT, so after each spike ' +
      'the trajectory lands close to the boundary between firing at once and taking a long way round. Small differences ' +
      'in w at reset grow from spike to spike: the intervals never settle into a repeating sequence, although nothing ' +
      'is random (Naud et al. point to low-dimensional chaos).',
  ),
];

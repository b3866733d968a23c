/**
 * Izhikevich's cortical and thalamic cell classes (Izhikevich 2003, Fig. 2) and the resonator of
 * Izhikevich 2004 (Fig. 1K), on the built-in Izhikevich2003 model (a, b in 1/ms; c in mV; d and
 * the input I in mV/ms, the paper's dimensionless numbers read with v in mV and t in ms).
 *
 * Update order: Izhikevich's own code advances v and then u from the *new* v, so every preset here
 * uses `update: 'sequential'` with Euler (the model declares v before u). Step: 0.1 ms, the time
 * resolution of his Fig. 2 (the 2004 code steps 0.25 ms; the resonator keeps that). With these
 * drives the simultaneous order shows the same patterns (presets.test.ts checks both orders, and
 * half the step), so the choice follows the published code rather than rescuing a pattern.
 */
import type { FiringPreset } from './types';

const SEQUENTIAL_WHY =
  "Izhikevich's code updates v first and then u from the new v; 'sequential' reproduces that order. " +
  'At 0.1 ms the simultaneous step gives the same pattern, with intervals a few percent apart.';

/** Fig. 2 of the 2003 paper: a step of dc current I = 10 (here 50-450 ms of a 500 ms run). */
const CLASS_STEP = [{ type: 'step', amplitude: '10 mV/ms', startMs: 50, stopMs: 450, stem: 'step' }] as const;

const SOURCE_2003 = 'Izhikevich (2003) IEEE Trans. Neural Netw. 14:1569-1572, Fig. 2 (I = 10 step; timing ours)';

function izhClass(
  id: string,
  name: string,
  stem: string,
  abcd: readonly [number, number, number, number],
  summary: string,
  explanation: string,
): FiringPreset {
  const [a, b, c, d] = abcd;
  return {
    id,
    family: 'izhikevich',
    name,
    summary,
    model: 'Izhikevich2003',
    populationStem: stem,
    params: { a: `${a} /ms`, b: `${b} /ms`, c: `${c} mV`, d: `${d} mV/ms` },
    stimuli: CLASS_STEP,
    record: ['v', 'u'],
    dtMs: 0.1,
    durationMs: 500,
    integrator: 'euler',
    update: 'sequential',
    updateWhy: SEQUENTIAL_WHY,
    explanation,
    source: SOURCE_2003,
  };
}

export const IZHIKEVICH_PRESETS: readonly FiringPreset[] = [
  izhClass(
    'izh-rs',
    'Regular spiking (RS)',
    'rs',
    [0.02, 0.2, -65, 8],
    'Izhikevich · a 0.02, b 0.2, c −65, d 8 · adapting single spikes',
    'The usual excitatory cortical cell. The deep reset (c = −65 mV) gives single spikes, and the large after-spike jump ' +
      'of the recovery variable (d = 8 mV/ms) with its slow decay (a = 0.02 /ms) lets u build up: the first interval is ' +
      'short, the next ones lengthen to a steady rate (spike-frequency adaptation).',
  ),
  izhClass(
    'izh-ib',
    'Intrinsically bursting (IB)',
    'ib',
    [0.02, 0.2, -55, 4],
    'Izhikevich · c −55, d 4 · an onset burst, then single spikes',
    'A higher reset (c = −55 mV) and a smaller jump of u (d = 4 mV/ms) than RS: at the onset u is still low and the cell ' +
      'fires a short burst, each spike adding to u. Once u has built up, the same reset gives single spikes at a steady rate.',
  ),
  izhClass(
    'izh-ch',
    'Chattering (CH)',
    'ch',
    [0.02, 0.2, -50, 2],
    'Izhikevich · c −50, d 2 · repetitive fast bursts',
    'The reset is close to threshold (c = −50 mV) and each spike adds little to u (d = 2 mV/ms), so the cell fires again ' +
      'at once, in a high-frequency burst, until u has accumulated enough to stop it. u then decays slowly (a = 0.02 /ms) ' +
      'and the next burst starts: a burst about every 60 ms.',
  ),
  izhClass(
    'izh-fs',
    'Fast spiking (FS)',
    'fs',
    [0.1, 0.2, -65, 2],
    'Izhikevich · a 0.1 · fast, non-adapting spikes (interneuron)',
    'The inhibitory fast-spiking interneuron: the recovery variable is five times faster than in RS (a = 0.1 /ms) and ' +
      'jumps little (d = 2 mV/ms), so u relaxes between spikes instead of accumulating. The cell fires at a high rate with ' +
      'almost no adaptation.',
  ),
  izhClass(
    'izh-lts',
    'Low-threshold spiking (LTS)',
    'lts',
    [0.02, 0.25, -65, 2],
    'Izhikevich · b 0.25, d 2 · fast onset train that slows',
    'A stronger coupling of u to v (b = 0.25 /ms) lowers the threshold and leaves u more negative at rest, so the step ' +
      'is answered by a high-frequency train. Each spike adds a little to u (d = 2 mV/ms), which decays slowly ' +
      '(a = 0.02 /ms): the intervals lengthen gradually to a steady, fairly fast rate.',
  ),
  {
    id: 'izh-tc',
    family: 'izhikevich',
    name: 'Thalamo-cortical (TC), rebound burst',
    summary: 'Izhikevich · b 0.25, d 0.05 · burst on release from hyperpolarization',
    model: 'Izhikevich2003',
    populationStem: 'tc',
    params: { a: '0.02 /ms', b: '0.25 /ms', c: '-65 mV', d: '0.05 mV/ms' },
    stimuli: [{ type: 'step', amplitude: '-30 mV/ms', startMs: 50, stopMs: 250, stem: 'hold' }],
    record: ['v', 'u'],
    dtMs: 0.1,
    durationMs: 400,
    integrator: 'euler',
    update: 'sequential',
    updateWhy: SEQUENTIAL_WHY,
    explanation:
      'TC cells have two modes; this preset shows the burst mode. A step of −30 mV/ms holds v near −87 mV, where u = b v ' +
      '(b = 0.25 /ms) becomes strongly negative; when the hold ends, that negative u drives v through threshold and the ' +
      'cell fires a rebound burst, which the tiny d = 0.05 mV/ms hardly shortens, then falls silent. From rest, a ' +
      'depolarizing step (+10 mV/ms) gives the other mode, tonic firing.',
    source: 'Izhikevich (2003) IEEE Trans. Neural Netw. 14:1569-1572, Fig. 2 TC (rebound from v ≈ −87 mV; timing ours)',
  },
  {
    id: 'izh-rz',
    family: 'izhikevich',
    name: 'Resonator (RZ)',
    summary: 'Izhikevich · a 0.1, b 0.26 · fires only to pulses at its resonant interval',
    model: 'Izhikevich2003',
    populationStem: 'rz',
    params: { a: '0.1 /ms', b: '0.26 /ms', c: '-60 mV', d: '-1 mV/ms' },
    init: { v: '-62 mV' },
    stimuli: [
      { type: 'pulses', amplitude: '0.65 mV/ms', widthMs: 4, periodMs: 20, count: 2, startMs: 40, stem: 'doublet20' },
      { type: 'pulses', amplitude: '0.65 mV/ms', widthMs: 4, periodMs: 40, count: 2, startMs: 280, stem: 'doublet40' },
    ],
    record: ['v', 'u'],
    dtMs: 0.25,
    durationMs: 400,
    integrator: 'euler',
    update: 'sequential',
    updateWhy:
      "Izhikevich's 2004 code steps 0.25 ms, v first and then u from the new v; 'sequential' reproduces it. The " +
      'simultaneous order and smaller steps give the same answer to the two doublets.',
    explanation:
      'a = 0.1 /ms and b = 0.26 /ms put the resting state next to an Andronov-Hopf bifurcation: after a small kick v ' +
      'returns to rest through damped oscillations with a period of about 40 ms. Two weak pulses 20 ms apart (at 40 ms) ' +
      'meet the oscillation out of phase and do nothing; two pulses 40 ms apart (at 280 ms) add up in phase and fire a ' +
      'spike. c and d only act after that spike (2003 RZ class: c = −65 mV, d = 2 mV/ms).',
    source: 'Izhikevich (2004) IEEE Trans. Neural Netw. 15:1063-1070, Fig. 1K and its code (doublets at T/10 and 0.7 T)',
  },
];

/**
 * Lesson 3: two-variable models and the phase plane. ngclearn's FitzHugh–Nagumo cell
 * (dimensionless v, w; tau_m = 1 ms, tau_w = 12.5 ms, alpha = 0.7, beta = 0.8, gamma = 3), then
 * Izhikevich's (2003) model through the palette's firing-pattern presets.
 *
 * FitzHugh–Nagumo numbers quoted below (solved from the nullclines; pinned in lessons.test.ts):
 * j = 0: fixed point (-1.199, -0.624), stable (left branch, 1 − v² < 0);
 * j = 0.5: fixed point (-0.805, -0.131) on the middle branch, unstable (trace 0.352 − 0.064 > 0).
 */
import { presetById, presetProjectParts, type FiringPreset } from '../library/presets';
import type { ProjectInput } from '../project/schema';
import { FORMAT, singleCell } from './build';
import type { Lesson } from './types';

function fhn(name: string, description: string, j: number, init: { v0: number; w0: number }): ProjectInput {
  return singleCell({
    name,
    description,
    model: 'FitzhughNagumoCell',
    params: { v0: init.v0, w0: init.w0 },
    amplitude: j,
    startMs: 20,
    stopMs: 480,
    durationMs: 500,
    dtMs: 0.05,
    record: ['v', 'w'],
    intervalMs: 0.25,
  });
}

/** A one-cell project from a firing-pattern preset, exactly as the palette adds it to an empty project. */
export function presetProject(presetId: string, name: string): ProjectInput {
  const preset: FiringPreset | undefined = presetById(presetId);
  if (!preset) throw new Error(`unknown firing preset '${presetId}'`);
  const empty: ProjectInput = { ...FORMAT, simulation: { dtMs: preset.dtMs, durationMs: preset.durationMs, seed: 1 }, populations: [] };
  const parts = presetProjectParts(preset, empty);
  const id = parts.population.id;
  return {
    ...empty,
    name,
    description: `${preset.name}: ${preset.summary}`,
    populations: [parts.population],
    stimuli: [...parts.stimuli],
    recordings: [parts.recording],
    layout: {
      ...Object.fromEntries(parts.stimuli.map((s, k) => [`stimulus:${s.id}`, { x: 0, y: 60 + 200 * k }])),
      [id]: { x: 320, y: 60 },
      [`recording:${parts.recording.id}`]: { x: 320, y: 300 },
    },
  };
}

export const TWO_VARIABLE_LESSON: Lesson = {
  id: 'phase-plane',
  title: '3. Two-variable models and the phase plane',
  summary: 'FitzHugh–Nagumo and Izhikevich: nullclines, fixed points, limit cycles, firing patterns.',
  steps: [
    {
      id: 'fast-slow',
      title: 'A fast and a slow variable',
      text:
        'The FitzHugh–Nagumo model keeps only two variables: a fast voltage-like v (tau_m = 1 ms) and a slow recovery variable w (tau_w = 12.5 ms); both are dimensionless. ' +
        'tau_m dv/dt = v − v³/3 − w + j and tau_w dw/dt = v + 0.7 − 0.8 w. ' +
        'The phase plane below draws the state (v, w) as a point and the arrows show where it moves. Started at (0, 0) with no input, the cell slides down to rest at v ≈ -1.20, w ≈ -0.62. Click anywhere in the plane to start another trajectory.',
      project: fhn('Lesson 3: FitzHugh–Nagumo at rest', 'FitzHugh–Nagumo with no input, started at (0, 0): it relaxes to its resting fixed point (-1.20, -0.62).', 0, { v0: 0, w0: 0 }),
      select: { population: 'cell' },
      tab: 'phase',
    },
    {
      id: 'nullclines',
      title: 'Nullclines and the fixed point',
      text:
        'On the v-nullcline v stops changing: w = v − v³/3 + j, an N-shaped cubic. On the w-nullcline w stops changing: w = (v + 0.7) / 0.8, a straight line. ' +
        'Where they cross, nothing changes: a fixed point. With j = 0 it lies on the left, falling branch of the cubic at (-1.20, -0.62), where the Jacobian\'s eigenvalues have negative real parts, so it is stable: every nearby trajectory returns to it. ' +
        'The phase plane marks the fixed point with its stability.',
      project: fhn('Lesson 3: nullclines', 'FitzHugh–Nagumo with j = 0: the cubic v-nullcline and the straight w-nullcline cross at a stable fixed point.', 0, { v0: 0, w0: 0 }),
      select: { population: 'cell' },
      tab: 'phase',
    },
    {
      id: 'excitable',
      title: 'Excitability: a threshold without a threshold',
      text:
        'This cell starts at rest except for v, which is kicked to -0.5 (w = -0.62), past the middle branch of the cubic. ' +
        'There dv/dt > 0, so v races to the right branch (above 1.07, where the cell reports a spike), w slowly catches up, and the state falls back to rest: one full excursion, an action potential. ' +
        'A smaller kick, to v = -0.9, stays left of the middle branch and simply decays: the middle branch acts as the threshold. Click near (-0.9, -0.62) and (-0.5, -0.62) to compare.',
      project: fhn('Lesson 3: excitability', 'FitzHugh–Nagumo kicked from rest to v = -0.5: one excursion (a spike), then back to rest.', 0, { v0: -0.5, w0: -0.62 }),
      select: { population: 'cell' },
      tab: 'phase',
    },
    {
      id: 'input-moves-nullcline',
      title: 'The input current moves the nullcline',
      text:
        'An input j adds to dv/dt, so it lifts the cubic v-nullcline by j; the w-nullcline does not move. ' +
        'With j = 0.5 (from 20 to 480 ms) the crossing moves to (-0.80, -0.13), on the middle, rising branch, where the fixed point is unstable. ' +
        'The state cannot settle and runs around a closed orbit, a limit cycle: the cell fires repetitively. Move the j value in the phase plane (or the stimulus amplitude) and watch the nullcline slide.',
      project: fhn('Lesson 3: a limit cycle', 'FitzHugh–Nagumo with j = 0.5: the fixed point is unstable and the cell fires on a limit cycle.', 0.5, { v0: -1.2, w0: -0.62 }),
      select: { population: 'cell' },
      tab: 'phase',
      run: true,
    },
    {
      id: 'izhikevich',
      title: "Izhikevich's model: a reset in the plane",
      text:
        "Izhikevich's (2003) model has a quadratic v-nullcline, u = 0.04 v² + 5 v + 140 + I (v in mV, u and I in mV/ms), a straight u-nullcline u = b v, and a reset: when v reaches 30 mV it jumps to c and u to u + d. " +
        'This is his regular-spiking cortical cell (a = 0.02 /ms, b = 0.2 /ms, c = -65 mV, d = 8 mV/ms) under a 10 mV/ms step from 50 to 450 ms: each spike raises u, so the intervals lengthen (adaptation). ' +
        'The phase plane draws the reset as a jump; open the palette\'s "Firing patterns" to try the other classes.',
      project: presetProject('izh-rs', 'Lesson 3: Izhikevich regular spiking'),
      select: { population: 'rs' },
      tab: 'phase',
      run: true,
    },
    {
      id: 'chattering',
      title: 'Firing patterns from two parameters',
      text:
        'The same equations with c = -50 mV and d = 2 mV/ms give chattering: the reset lands high (-50 mV instead of -65 mV) and u grows little per spike, so the cell fires fast bursts separated by pauses while u builds up and decays. ' +
        'Compare the trace with the regular-spiking cell of the previous step. ' +
        'The palette\'s Firing patterns list holds the other classic classes (intrinsically bursting, fast spiking, low-threshold spiking, thalamo-cortical, resonator) and the AdEx patterns of Naud et al. (2008).',
      project: presetProject('izh-ch', 'Lesson 3: Izhikevich chattering'),
      select: { population: 'ch' },
      tab: 'plots',
      run: true,
    },
  ],
};

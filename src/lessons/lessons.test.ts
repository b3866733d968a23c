/**
 * Every step's project validates and runs, and what the step's text claims is what the engine
 * does (numbers from the LIF and FitzHugh–Nagumo closed forms, tolerances stated per check).
 */
import { describe, expect, it } from 'vitest';
import { runProject, type ProjectRun } from '../engine';
import { parseProject } from '../project/validate';
import { LESSONS, lessonById } from './index';
import type { LessonStep } from './types';

function step(lessonId: string, stepId: string): LessonStep {
  const s = lessonById(lessonId)?.steps.find((x) => x.id === stepId);
  if (!s) throw new Error(`no step ${lessonId}/${stepId}`);
  return s;
}

const runs = new Map<string, ProjectRun>();
function run(lessonId: string, stepId: string): ProjectRun {
  const key = `${lessonId}/${stepId}`;
  let r = runs.get(key);
  if (!r) {
    r = runProject(step(lessonId, stepId).project);
    runs.set(key, r);
  }
  return r;
}

/** The recorded value of variable `k` (of `nVars`) of recorder `rec` nearest to `tMs`. */
function valueAt(r: ProjectRun, tMs: number, rec = 0, k = 0, nVars = 1): number {
  const { timesMs, values } = r.recordings[rec];
  let best = 0;
  for (let i = 0; i < timesMs.length; i++) if (Math.abs(timesMs[i] - tMs) < Math.abs(timesMs[best] - tMs)) best = i;
  return values[best * nVars + k];
}

function spikesOf(r: ProjectRun, population: string): number[] {
  const out: number[] = [];
  r.spikes.population.forEach((p, i) => p === population && out.push(r.spikes.tMs[i]));
  return out;
}

describe('lesson data', () => {
  it('has 4 lessons of 4 to 6 steps with unique ids and 2–5 sentence texts', () => {
    expect(LESSONS).toHaveLength(4);
    for (const lesson of LESSONS) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(4);
      expect(lesson.steps.length).toBeLessThanOrEqual(6);
      expect(new Set(lesson.steps.map((s) => s.id)).size).toBe(lesson.steps.length);
      for (const s of lesson.steps) {
        const sentences = s.text.split(/[.!?](?:\s|$)/).filter((t) => t.trim().length > 0 && !/^\d/.test(t.trim())).length;
        expect(sentences, `${lesson.id}/${s.id}`).toBeGreaterThanOrEqual(2);
        expect(sentences, `${lesson.id}/${s.id}`).toBeLessThanOrEqual(6);
      }
    }
  });

  it.each(LESSONS.flatMap((l) => l.steps.map((s) => [l.id, s.id, s] as const)))('%s/%s: the project validates and its selection exists', (_l, _s, s) => {
    const parsed = parseProject(s.project);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (s.select && 'population' in s.select) expect(s.project.populations.map((p) => p.id)).toContain(s.select.population);
    if (s.select && 'projection' in s.select) expect((s.project.projections ?? []).map((p) => p.id)).toContain(s.select.projection);
  });
});

describe('lesson 1: the membrane as an RC circuit', () => {
  it('does not spike in any step', () => {
    for (const s of lessonById('membrane')!.steps) expect(spikesOf(run('membrane', s.id), 'cell'), s.id).toHaveLength(0);
  });

  it('reaches v_rest + R I = -55 mV within 1% (and within 0.01 mV) by 100 ms', () => {
    const v = valueAt(run('membrane', 'steady-state'), 100);
    expect(Math.abs(v - -55) / 55).toBeLessThan(0.01);
    expect(v).toBeCloseTo(-55, 2);
  });

  it('covers 63% of the way after one time constant (-58.68 mV at 30 ms) and relaxes back', () => {
    const r = run('membrane', 'time-constant');
    expect(valueAt(r, 30)).toBeCloseTo(-65 + 10 * (1 - Math.exp(-1)), 1);
    expect(valueAt(r, 199)).toBeCloseTo(-65, 1);
  });

  it('tau_m = 30 ms: same plateau, 0.36 mV short of it after 100 ms', () => {
    const v = valueAt(run('membrane', 'slow-membrane'), 120);
    expect(v).toBeCloseTo(-55 - 10 * Math.exp(-100 / 30), 1);
  });

  it('R = 1.2 Mohm: the plateau is -53 mV', () => {
    expect(valueAt(run('membrane', 'resistance'), 115)).toBeCloseTo(-53, 2);
  });
});

describe('lesson 2: threshold, reset and refractoriness', () => {
  it('fires with 20 nA, and never above threshold after the reset', () => {
    expect(spikesOf(run('threshold', 'fire'), 'cell').length).toBeGreaterThan(5);
  });

  it('rheobase 13 nA: 12.5 nA stays silent at -52.5 mV, 14 nA fires about every 27 ms', () => {
    const r = run('threshold', 'rheobase');
    expect(spikesOf(r, 'below')).toHaveLength(0);
    expect(valueAt(r, 170, 0)).toBeCloseTo(-52.5, 1);
    const t = spikesOf(r, 'above');
    expect(t.length).toBeGreaterThanOrEqual(5);
    const isi = t[t.length - 1] - t[t.length - 2];
    expect(isi).toBeCloseTo(5 + 10 * Math.log(9), 0);
  });

  it('20 nA for 1 s: interval 5 + 10 ln(15/7) ms, about 79 Hz', () => {
    const t = spikesOf(run('threshold', 'refractory'), 'cell');
    const predicted = 5 + 10 * Math.log(15 / 7);
    expect(t[2] - t[1]).toBeCloseTo(predicted, 1);
    expect(Math.abs(t.length - 1000 / predicted)).toBeLessThanOrEqual(1.5);
  });

  it('the f–I step switches to the f–I tab', () => {
    expect(step('threshold', 'fi-curve').tab).toBe('fi');
  });
});

describe('lesson 3: two variables and the phase plane', () => {
  // Recorders hold v and w interleaved.
  it('relaxes to the stable fixed point (-1.199, -0.624) without input', () => {
    const r = run('phase-plane', 'fast-slow');
    expect(valueAt(r, 490, 0, 0, 2)).toBeCloseTo(-1.199, 2);
    expect(valueAt(r, 490, 0, 1, 2)).toBeCloseTo(-0.624, 2);
  });

  it('a kick past the middle branch gives one excursion, then rest', () => {
    const r = run('phase-plane', 'excitable');
    const t = spikesOf(r, 'cell');
    expect(t.length).toBeGreaterThan(0);
    // ngclearn's FHN reports a spike in every step above threshold: all of them in one excursion.
    expect(t[t.length - 1] - t[0]).toBeLessThan(20);
    expect(valueAt(r, 490, 0, 0, 2)).toBeCloseTo(-1.199, 2);
  });

  it('j = 0.5 puts it on a limit cycle: repeated excursions', () => {
    const t = spikesOf(run('phase-plane', 'input-moves-nullcline'), 'cell');
    let excursions = t.length > 0 ? 1 : 0;
    for (let i = 1; i < t.length; i++) if (t[i] - t[i - 1] > 5) excursions++;
    expect(excursions).toBeGreaterThanOrEqual(5);
  });

  it('Izhikevich RS adapts; chattering fires more spikes in bursts', () => {
    const rs = spikesOf(run('phase-plane', 'izhikevich'), 'rs');
    expect(rs.length).toBeGreaterThan(3);
    expect(rs[rs.length - 1] - rs[rs.length - 2]).toBeGreaterThan(rs[1] - rs[0]);
    const ch = spikesOf(run('phase-plane', 'chattering'), 'ch');
    expect(ch.length).toBeGreaterThan(rs.length);
    const isis = ch.slice(1).map((x, i) => x - ch[i]);
    expect(Math.max(...isis)).toBeGreaterThan(4 * Math.min(...isis));
  });
});

describe('lesson 4: a spiking network', () => {
  it('spikes in both populations; inhibition lowers the excitatory rate', () => {
    const base = run('network', 'ei');
    const none = run('network', 'no-inhibition');
    const strong = run('network', 'strong-inhibition');
    expect(spikesOf(base, 'exc').length).toBeGreaterThan(0);
    expect(spikesOf(base, 'inh').length).toBeGreaterThan(0);
    expect(spikesOf(none, 'exc').length).toBeGreaterThan(spikesOf(base, 'exc').length);
    expect(spikesOf(strong, 'exc').length).toBeLessThan(spikesOf(base, 'exc').length);
  });

  it('the live step runs 5 s with the drive on until 4950 ms (checked on its first 300 ms)', () => {
    const s = step('network', 'live');
    expect(s.project.simulation.durationMs).toBe(5000);
    const short = { ...s.project, simulation: { ...s.project.simulation, durationMs: 300 } };
    const r = runProject(short);
    expect(spikesOf(r, 'exc').length).toBeGreaterThan(0);
    expect(spikesOf(r, 'inh').length).toBeGreaterThan(0);
  });
});

/** Adding a firing-pattern preset from the palette: one undo step, laid out, explained. */
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../project/validate';
import { emptyProject, nodeKey, type ProjectDoc } from '../store/document';
import { applyEdit } from '../store/edits';
import { EMPTY_SELECTION } from '../store/projectStore';
import { isRefused, planPaletteAdd, type Plan } from './actions';
import { NEW_SIZE } from './placement';
import { libraryCatalog } from './testCatalog';

const catalog = libraryCatalog();

function applied(plan: Plan, on: ProjectDoc): ProjectDoc {
  if (isRefused(plan)) throw new Error(plan.refused);
  const next = applyEdit(on, plan.edit);
  const parsed = parseProject(next);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return next;
}

const add = (doc: ProjectDoc, id: string, ctx: Partial<Parameters<typeof planPaletteAdd>[3]> = {}) =>
  planPaletteAdd(doc, catalog, { kind: 'preset', name: id }, { at: { x: 500, y: 300 }, selection: EMPTY_SELECTION, ...ctx });

describe('adding a firing-pattern preset', () => {
  it('adds the cell, its stimulus and its recorder as one batch edit, with the preset’s settings', () => {
    const plan = add(emptyProject(), 'izh-rs');
    expect(!isRefused(plan) && plan.edit.type).toBe('batch');
    const next = applied(plan, emptyProject());
    expect(next.simulation).toMatchObject({ dtMs: 0.1, durationMs: 500 });
    expect(next.populations).toEqual([
      {
        id: 'rs',
        model: 'Izhikevich2003',
        size: 1,
        params: { a: '0.02 /ms', b: '0.2 /ms', c: '-65 mV', d: '8 mV/ms' },
        integrator: 'euler',
        update: 'sequential',
        label: 'Regular spiking (RS)',
      },
    ]);
    expect(next.stimuli).toEqual([{ type: 'step', id: 'rs_step', target: 'rs', amplitude: '10 mV/ms', startMs: 50, stopMs: 450 }]);
    expect(next.recordings).toEqual([{ id: 'rec_rs', population: 'rs', variables: ['v', 'u'], neurons: [0] }]);
    expect(!isRefused(plan) && plan.select).toEqual({ nodes: [{ kind: 'population', id: 'rs' }], projections: [] });
  });

  it('lays the stimulus out to the left of the population and the recorder to the right', () => {
    const next = applied(add(emptyProject(), 'adex-tonic'), emptyProject());
    const pop = next.layout?.tonic as { x: number; y: number };
    const stim = next.layout?.[nodeKey({ kind: 'stimulus', id: 'tonic_step' })] as { x: number; y: number };
    const rec = next.layout?.[nodeKey({ kind: 'recording', id: 'rec_tonic' })] as { x: number; y: number };
    expect(pop).toEqual({ x: Math.round(500 - NEW_SIZE.population.width / 2), y: Math.round(300 - NEW_SIZE.population.height / 2) });
    expect(stim.x + NEW_SIZE.small.width).toBeLessThan(pop.x);
    expect(rec.x).toBeGreaterThan(pop.x + NEW_SIZE.population.width);
  });

  it('places the two doublets of the resonator one under the other, both left of the cell', () => {
    const next = applied(add(emptyProject(), 'izh-rz'), emptyProject());
    const a = next.layout?.[nodeKey({ kind: 'stimulus', id: 'rz_doublet20' })] as { x: number; y: number };
    const b = next.layout?.[nodeKey({ kind: 'stimulus', id: 'rz_doublet40' })] as { x: number; y: number };
    expect(Math.abs(a.y - b.y) >= NEW_SIZE.small.height || Math.abs(a.x - b.x) >= NEW_SIZE.small.width).toBe(true);
    expect(next.populations[0].init).toEqual({ v: '-62 mV' });
  });

  it('explains the pattern and the settings it changed in the note', () => {
    const ch = add(emptyProject(), 'izh-ch');
    expect(!isRefused(ch) && ch.note).toMatch(/^Chattering \(CH\): The reset is close to threshold \(c = −50 mV\).*every 60 ms\.$/);
    const rz = add(emptyProject(), 'izh-rz');
    expect(!isRefused(rz) && rz.note).toMatch(/^Resonator \(RZ\): .* Simulation set to step 0\.25 ms, duration 400 ms\.$/);
  });

  it('keeps a finer step and a longer run of a project that has populations; undoes as one step', () => {
    const base: ProjectDoc = { ...emptyProject(), simulation: { dtMs: 0.05, durationMs: 2000, seed: 1 }, populations: [{ id: 'rs', model: 'LIF', size: 3 }] };
    const plan = add(base, 'izh-rs');
    const next = applied(plan, base);
    expect(next.simulation).toEqual(base.simulation);
    expect(next.populations.map((p) => p.id)).toEqual(['rs', 'rs2']);
    expect(!isRefused(plan) && plan.note).not.toContain('Simulation set');
  });

  it('without a view centre leaves placement to the graph', () => {
    const next = applied(add(emptyProject(), 'adex-transient', { at: undefined }), emptyProject());
    expect(next.layout ?? {}).toEqual({});
  });

  it('refuses an unknown preset', () => {
    const plan = add(emptyProject(), 'nope');
    expect(isRefused(plan) && plan.refused).toBe("There is no firing-pattern preset 'nope'.");
  });
});

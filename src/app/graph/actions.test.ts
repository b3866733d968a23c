import { describe, expect, it } from 'vitest';
import { parseProject } from '../../project/validate';
import { applyEdit } from '../store/edits';
import type { ProjectDoc } from '../store/document';
import { EMPTY_SELECTION, type Selection } from '../store/projectStore';
import {
  isRefused,
  planAddChannel,
  planAutoLayout,
  planConnect,
  planCopy,
  planDelete,
  planPaletteAdd,
  planPaste,
  planSetSynapse,
  selectAll,
  type Plan,
} from './actions';
import { libraryCatalog } from './testCatalog';

const catalog = libraryCatalog();

const doc: ProjectDoc = {
  format: 'spikeflow-project',
  version: 1,
  simulation: { durationMs: 200 },
  populations: [
    { id: 'exc', model: 'LIF', size: 40 },
    { id: 'inh', model: 'LIF', size: 10 },
    { id: 'poisson', model: 'PoissonSource', size: 100 },
  ],
  projections: [{ id: 'ei', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '2 nA', params: { tau: '3 ms' } }],
  stimuli: [{ type: 'step', id: 'drive', target: 'exc', amplitude: '14 nA', input: 'j' }],
  recordings: [{ id: 'rec', population: 'exc', variables: ['v'] }],
  layout: { exc: { x: 0, y: 0 }, inh: { x: 300, y: 0 } },
};

const empty: ProjectDoc = { ...doc, populations: [], projections: [], stimuli: [], recordings: [], layout: {} };
const sel = (s: Partial<Selection>): Selection => ({ ...EMPTY_SELECTION, ...s });

function applied(plan: Plan, on: ProjectDoc = doc): ProjectDoc {
  if (isRefused(plan)) throw new Error(plan.refused);
  const next = applyEdit(on, plan.edit);
  const parsed = parseProject(next);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return next;
}

const refusal = (plan: Plan) => (isRefused(plan) ? plan.refused : 'not refused');

describe('adding from the palette', () => {
  it('a cell: a population of 10 with a fresh id at the given centre, selected', () => {
    const plan = planPaletteAdd(doc, catalog, { kind: 'cell', name: 'LIF' }, { at: { x: 500, y: 300 }, selection: EMPTY_SELECTION });
    const next = applied(plan);
    expect(next.populations.at(-1)).toEqual({ id: 'lif', model: 'LIF', size: 10 });
    expect(next.layout?.lif).toEqual({ x: 385, y: 215 });
    expect(!isRefused(plan) && plan.select).toEqual(sel({ nodes: [{ kind: 'population', id: 'lif' }] }));
  });

  it('a spike source: 100 neurons', () => {
    const next = applied(planPaletteAdd(doc, catalog, { kind: 'source', name: 'PoissonSource' }, { selection: EMPTY_SELECTION }));
    expect(next.populations.at(-1)).toEqual({ id: 'poisson2', model: 'PoissonSource', size: 100 });
  });

  it('a channel dropped onto a cell is inserted; on the empty canvas or a source it is refused', () => {
    const next = applied(planPaletteAdd(doc, catalog, { kind: 'channel', name: 'Na' }, { dropped: true, dropOn: 'exc', at: { x: 0, y: 0 }, selection: EMPTY_SELECTION }));
    expect(next.populations[0].channels).toEqual([{ model: 'Na' }]);
    expect(refusal(planPaletteAdd(doc, catalog, { kind: 'channel', name: 'Na' }, { dropped: true, at: { x: 0, y: 0 }, selection: EMPTY_SELECTION }))).toMatch(/drop a channel onto a cell/i);
    expect(refusal(planPaletteAdd(doc, catalog, { kind: 'channel', name: 'Na' }, { dropped: true, dropOn: 'stimulus:drive', selection: EMPTY_SELECTION }))).toMatch(/stimulus has no membrane/);
    expect(refusal(planPaletteAdd(doc, catalog, { kind: 'channel', name: 'Na' }, { dropped: true, dropOn: 'poisson', selection: EMPTY_SELECTION }))).toMatch(/spike source/);
  });

  it('a channel clicked goes into every selected population (one edit), or is refused without one', () => {
    const plan = planPaletteAdd(doc, catalog, { kind: 'channel', name: 'K' }, { selection: sel({ nodes: [{ kind: 'population', id: 'exc' }, { kind: 'population', id: 'inh' }] }) });
    expect(!isRefused(plan) && plan.edit.type).toBe('batch');
    const next = applied(plan);
    expect(next.populations.slice(0, 2).map((p) => p.channels)).toEqual([[{ model: 'K' }], [{ model: 'K' }]]);
    expect(refusal(planPaletteAdd(doc, catalog, { kind: 'channel', name: 'K' }, { selection: EMPTY_SELECTION }))).toMatch(/Select a cell first/);
    expect(refusal(planAddChannel(next, catalog, 'K', ['exc']))).toMatch(/already has K/);
  });

  it('a stimulus targets the drop target, else the selected population, else the first; none: refused', () => {
    const onDrop = applied(planPaletteAdd(doc, catalog, { kind: 'stimulus', name: 'sine' }, { dropped: true, dropOn: 'inh', at: { x: 10, y: 10 }, selection: EMPTY_SELECTION }));
    expect(onDrop.stimuli?.at(-1)).toMatchObject({ type: 'sine', id: 'sine', target: 'inh', amplitude: '15 nA' });
    const selected = applied(planPaletteAdd(doc, catalog, { kind: 'stimulus', name: 'step' }, { selection: sel({ nodes: [{ kind: 'population', id: 'inh' }] }) }));
    expect(selected.stimuli?.at(-1)).toMatchObject({ id: 'step', target: 'inh' });
    const first = applied(planPaletteAdd(doc, catalog, { kind: 'stimulus', name: 'noise' }, { selection: EMPTY_SELECTION }));
    expect(first.stimuli?.at(-1)).toMatchObject({ id: 'noise', target: 'exc' });
    expect(refusal(planPaletteAdd(empty, catalog, { kind: 'stimulus', name: 'step' }, { selection: EMPTY_SELECTION }))).toMatch(/Add a population first/);
  });

  it('a stimulus on a Poisson source drives its rate input in Hz', () => {
    const next = applied(planPaletteAdd(doc, catalog, { kind: 'stimulus', name: 'step' }, { selection: sel({ nodes: [{ kind: 'population', id: 'poisson' }] }) }));
    expect(next.stimuli?.at(-1)).toMatchObject({ target: 'poisson', amplitude: '20 Hz' });
  });

  it('a recorder records the first state of the population; a source without states is refused', () => {
    const next = applied(planPaletteAdd(doc, catalog, { kind: 'recorder', name: 'recorder' }, { selection: sel({ nodes: [{ kind: 'population', id: 'inh' }] }) }));
    expect(next.recordings?.at(-1)).toEqual({ id: 'rec_inh', population: 'inh', variables: ['v'], neurons: [0] });
    expect(refusal(planPaletteAdd(doc, catalog, { kind: 'recorder', name: 'recorder' }, { dropped: true, dropOn: 'poisson', selection: EMPTY_SELECTION }))).toMatch(/no state variables/);
    expect(refusal(planPaletteAdd(empty, catalog, { kind: 'recorder', name: 'recorder' }, { selection: EMPTY_SELECTION }))).toMatch(/Add a population first/);
  });

  it('a clicked stimulus goes left of its population, a recorder right of it, off other nodes', () => {
    const occupied = { exc: { x: 0, y: 0, width: 230, height: 170 }, inh: { x: 300, y: 0, width: 230, height: 150 } };
    const stim = applied(planPaletteAdd(doc, catalog, { kind: 'stimulus', name: 'step' }, { at: { x: 999, y: 999 }, occupied, selection: EMPTY_SELECTION }));
    expect(stim.layout?.['stimulus:step']).toEqual({ x: -250, y: 0 });
    const rec = applied(planPaletteAdd(doc, catalog, { kind: 'recorder', name: 'recorder' }, { at: { x: 999, y: 999 }, occupied, selection: EMPTY_SELECTION }));
    expect(rec.layout?.['recording:rec_exc']).toEqual({ x: 290, y: -120 }); // right of exc is inh: the nearest free ring
  });
});

describe('connecting', () => {
  it('population → population adds a projection and selects it', () => {
    const plan = planConnect(doc, catalog, 'inh', 'exc');
    const next = applied(plan);
    expect(next.projections?.at(-1)).toMatchObject({ id: 'inh_exc', pre: 'inh', post: 'exc', synapse: 'ExpCurrent', connectivity: { rule: 'fixed_probability', p: 0.1 } });
    expect(!isRefused(plan) && plan.select).toEqual(sel({ projections: ['inh_exc'] }));
  });

  it('a loop is a projection too; the synapse picked in the palette is used', () => {
    const next = applied(planConnect(doc, catalog, 'inh', 'inh', 'AlphaCurrent'));
    expect(next.projections?.at(-1)).toMatchObject({ pre: 'inh', post: 'inh', synapse: 'AlphaCurrent', connectivity: { rule: 'all_to_all' } });
  });

  it('stimulus → population re-targets the stimulus, keeping an input the new target has', () => {
    const next = applied(planConnect(doc, catalog, 'stimulus:drive', 'inh'));
    expect(next.stimuli?.[0]).toMatchObject({ id: 'drive', target: 'inh', input: 'j' });
    const toSource = applied(planConnect(doc, catalog, 'stimulus:drive', 'poisson'));
    expect(toSource.stimuli?.[0].target).toBe('poisson');
    expect(toSource.stimuli?.[0]).not.toHaveProperty('input');
  });

  it('refused connections carry the reason', () => {
    expect(refusal(planConnect(doc, catalog, 'exc', 'poisson'))).toMatch(/spike source/);
    expect(refusal(planConnect(doc, catalog, 'recording:rec', 'exc'))).toMatch(/no output/);
  });
});

describe('synapse choice', () => {
  it('switching a projection to a synapse with another weight unit resets the weight and drops unknown params', () => {
    const next = applied(planSetSynapse(doc, catalog, 'ExpConductance', ['ei']));
    expect(next.projections?.[0]).toMatchObject({ synapse: 'ExpConductance', weight: '1 nS', params: { tau: '3 ms' } });
    const same = applied(planSetSynapse(doc, catalog, 'AlphaCurrent', ['ei']));
    expect(same.projections?.[0]).toMatchObject({ synapse: 'AlphaCurrent', weight: '2 nA' });
    const delta = applied(planSetSynapse(doc, catalog, 'DeltaSynapse', ['ei']));
    expect(delta.projections?.[0]).not.toHaveProperty('params');
  });

  it('refuses without a selected projection, or a model that is not a synapse', () => {
    expect(refusal(planSetSynapse(doc, catalog, 'ExpCurrent', []))).toMatch(/Select a projection/);
    expect(refusal(planSetSynapse(doc, catalog, 'ExpCurrent', ['ei']))).toMatch(/already use ExpCurrent/);
    expect(refusal(planSetSynapse(doc, catalog, 'LIF', ['ei']))).toMatch(/not a synapse/);
  });
});

describe('deleting', () => {
  it('removes selected nodes and projections in one edit', () => {
    const next = applied(planDelete(sel({ nodes: [{ kind: 'population', id: 'inh' }], projections: [] }), []));
    expect(next.populations.map((p) => p.id)).toEqual(['exc', 'poisson']);
    expect(next.projections).toEqual([]);
  });

  it('refuses to delete a stimulus or recorder edge alone, with the reason', () => {
    expect(refusal(planDelete(EMPTY_SELECTION, ['stimulus:drive']))).toMatch(/stimulus must have a target: to remove drive, delete its node/);
    expect(refusal(planDelete(EMPTY_SELECTION, ['recording:rec']))).toMatch(/recorder must have a population/);
    expect(refusal(planDelete(EMPTY_SELECTION, []))).toMatch(/Nothing is selected/);
  });

  it('an edge whose node goes too is no problem; otherwise the rest goes with a note', () => {
    const withNode = planDelete(sel({ nodes: [{ kind: 'stimulus', id: 'drive' }] }), ['stimulus:drive']);
    expect(!isRefused(withNode) && withNode.note).toBeUndefined();
    const mixed = planDelete(sel({ projections: ['ei'] }), ['stimulus:drive']);
    expect(!isRefused(mixed) && mixed.note).toMatch(/must have a target/);
  });
});

describe('copy, paste, duplicate, select all, auto-layout', () => {
  it('copies with the shown positions and pastes fresh ids, selecting the copies', () => {
    const selection = sel({ nodes: [{ kind: 'population', id: 'exc' }, { kind: 'population', id: 'inh' }, { kind: 'stimulus', id: 'drive' }] });
    const clip = planCopy(doc, selection, { 'stimulus:drive': { x: -200, y: 10 }, exc: { x: 999, y: 999 } })!;
    expect(clip.positions).toEqual({ exc: { x: 0, y: 0 }, inh: { x: 300, y: 0 }, 'stimulus:drive': { x: -200, y: 10 } });
    const plan = planPaste(doc, clip, { x: 40, y: 40 });
    const next = applied(plan);
    expect(next.populations.map((p) => p.id)).toEqual(['exc', 'inh', 'poisson', 'exc2', 'inh2']);
    expect(next.layout?.['stimulus:drive2']).toEqual({ x: -160, y: 50 });
    expect(!isRefused(plan) && plan.select).toEqual({
      nodes: [
        { kind: 'population', id: 'exc2' },
        { kind: 'population', id: 'inh2' },
        { kind: 'stimulus', id: 'drive2' },
      ],
      projections: ['ei2'],
    });
    expect(planCopy(doc, EMPTY_SELECTION, {})).toBeUndefined();
  });

  it('pasting stimuli whose population is gone is refused', () => {
    const clip = planCopy(doc, sel({ nodes: [{ kind: 'stimulus', id: 'drive' }] }), {})!;
    expect(refusal(planPaste(empty, clip, { x: 0, y: 0 }))).toMatch(/no longer exist/);
  });

  it('selects every node and projection', () => {
    expect(selectAll(doc)).toEqual({
      nodes: [
        { kind: 'population', id: 'exc' },
        { kind: 'population', id: 'inh' },
        { kind: 'population', id: 'poisson' },
        { kind: 'stimulus', id: 'drive' },
        { kind: 'recording', id: 'rec' },
      ],
      projections: ['ei'],
    });
  });

  it('auto-layout is one move edit with every node', () => {
    const plan = planAutoLayout(
      [
        { key: 'exc', width: 200, height: 100 },
        { key: 'stimulus:drive', width: 100, height: 50 },
      ],
      [{ source: 'stimulus:drive', target: 'exc' }],
    );
    expect(!isRefused(plan) && plan.edit.type).toBe('move');
    const next = applied(plan);
    expect(Object.keys(next.layout ?? {}).sort()).toEqual(['exc', 'inh', 'stimulus:drive']);
    expect(refusal(planAutoLayout([], []))).toMatch(/nothing to lay out/);
  });
});

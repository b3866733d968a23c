import { describe, expect, it } from 'vitest';
import { parseProject } from '../../project/validate';
import { DEFAULT_PROJECT_FOR_TESTS } from './testProject';
import { createProjectStore, HISTORY_LIMIT } from './projectStore';
import type { Edit } from './edits';

function store(now = { t: 0 }) {
  return createProjectStore(structuredClone(DEFAULT_PROJECT_FOR_TESTS), () => now.t);
}

describe('project store', () => {
  it('applies an edit, undoes and redoes it', () => {
    const s = store();
    const before = s.getState().doc;
    expect(s.getState().dispatch({ type: 'updatePopulation', id: 'exc', patch: { size: 50 } })).toBe(true);
    expect(s.getState().doc.populations[0].size).toBe(50);
    expect(s.getState().past).toHaveLength(1);
    s.getState().undo();
    expect(s.getState().doc).toBe(before);
    s.getState().redo();
    expect(s.getState().doc.populations[0].size).toBe(50);
  });

  it('a new edit after undo drops the redo branch', () => {
    const s = store();
    s.getState().dispatch({ type: 'updatePopulation', id: 'exc', patch: { size: 50 } });
    s.getState().undo();
    s.getState().dispatch({ type: 'updatePopulation', id: 'exc', patch: { size: 60 } });
    expect(s.getState().future).toHaveLength(0);
    s.getState().undo();
    expect(s.getState().doc.populations[0].size).toBe(20);
  });

  it('coalesces a slider drag into one undo step, but not edits far apart in time', () => {
    const now = { t: 0 };
    const s = store(now);
    for (let k = 1; k <= 10; k++) {
      now.t += 50;
      s.getState().dispatch({ type: 'setParam', population: 'exc', param: 'thr', value: `${-52 + k} mV` }, { coalesce: 'param:exc.thr' });
    }
    expect(s.getState().past).toHaveLength(1);
    now.t += 5000;
    s.getState().dispatch({ type: 'setParam', population: 'exc', param: 'thr', value: '-30 mV' }, { coalesce: 'param:exc.thr' });
    expect(s.getState().past).toHaveLength(2);
    s.getState().undo();
    expect(s.getState().doc.populations[0].params?.thr).toBe('-42 mV');
    s.getState().undo();
    expect(s.getState().doc.populations[0].params?.thr).toBeUndefined();
  });

  it('refuses an edit that cannot apply, keeps the document and says why', () => {
    const s = store();
    const before = s.getState().doc;
    expect(s.getState().dispatch({ type: 'updatePopulation', id: 'nope', patch: { size: 1 } })).toBe(false);
    expect(s.getState().doc).toBe(before);
    expect(s.getState().editError).toMatch(/no population 'nope'/);
  });

  it('bounds the history', () => {
    const s = store();
    for (let k = 0; k < HISTORY_LIMIT + 20; k++) s.getState().dispatch({ type: 'updatePopulation', id: 'exc', patch: { size: k + 1 } });
    expect(s.getState().past).toHaveLength(HISTORY_LIMIT);
  });

  it('drops deleted things from the selection', () => {
    const s = store();
    s.getState().select({ nodes: [{ kind: 'population', id: 'exc' }, { kind: 'stimulus', id: 'drive' }], projections: [] });
    s.getState().dispatch({ type: 'remove', items: [{ kind: 'stimulus', id: 'drive' }] });
    expect(s.getState().selection.nodes).toEqual([{ kind: 'population', id: 'exc' }]);
  });

  it('load replaces the project; with keepHistory it is undoable', () => {
    const s = store();
    const before = s.getState().doc;
    const other = { ...structuredClone(before), name: 'other' };
    s.getState().load(other, { keepHistory: true });
    expect(s.getState().doc.name).toBe('other');
    expect(s.getState().projectSerial).toBe(1);
    s.getState().undo();
    expect(s.getState().doc).toBe(before);
    s.getState().load(other);
    expect(s.getState().past).toHaveLength(0);
  });

  it('every document it produces stays a valid project', () => {
    const s = store();
    const edits: Edit[] = [
      { type: 'setParam', population: 'exc', param: 'tau_m', value: '12 ms' },
      { type: 'addPopulation', population: { id: 'inh', model: 'LIF', size: 5 }, at: { x: 10, y: 20 } },
      { type: 'addProjection', projection: { id: 'ei', pre: 'exc', post: 'inh', synapse: 'ExpCurrent', connectivity: { rule: 'all_to_all' }, weight: '0.5 nA' } },
      { type: 'addRecording', recording: { population: 'inh', variables: ['v'], neurons: [0] } },
      { type: 'renamePopulation', id: 'inh', newId: 'inhibitory' },
      { type: 'remove', items: [{ kind: 'population', id: 'exc' }] },
    ];
    for (const edit of edits) {
      expect(s.getState().dispatch(edit)).toBe(true);
      const parsed = parseProject(s.getState().doc);
      expect(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors)).toBe(true);
    }
    const doc = s.getState().doc;
    expect(doc.populations.map((p) => p.id)).toEqual(['inhibitory']);
    expect(doc.projections).toEqual([]);
    expect(doc.stimuli).toEqual([]);
    expect(doc.recordings?.map((r) => r.population)).toEqual(['inhibitory']);
    expect(doc.layout?.inhibitory).toEqual({ x: 10, y: 20 });
  });
});

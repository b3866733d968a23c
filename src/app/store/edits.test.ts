import { describe, expect, it } from 'vitest';
import { applyEdit, EditError } from './edits';
import { createProjectStore } from './projectStore';
import { DEFAULT_PROJECT_FOR_TESTS } from './testProject';

describe('batch edit', () => {
  it('applies its edits in order', () => {
    const doc = applyEdit(DEFAULT_PROJECT_FOR_TESTS, {
      type: 'batch',
      edits: [
        { type: 'addChannel', population: 'exc', model: 'Na' },
        { type: 'addChannel', population: 'exc', model: 'K' },
        { type: 'updatePopulation', id: 'exc', patch: { size: 3 } },
      ],
    });
    expect(doc.populations[0]).toMatchObject({ size: 3, channels: [{ model: 'Na' }, { model: 'K' }] });
  });

  it('is one undo step in the store', () => {
    const store = createProjectStore(structuredClone(DEFAULT_PROJECT_FOR_TESTS));
    const before = store.getState().doc;
    store.getState().dispatch({
      type: 'batch',
      edits: [
        { type: 'move', positions: { exc: { x: 5, y: 5 } } },
        { type: 'updatePopulation', id: 'exc', patch: { size: 7 } },
      ],
    });
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().doc).toBe(before);
  });

  it('fails as a whole: an edit that cannot apply leaves the document as it was', () => {
    expect(() => applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'batch', edits: [{ type: 'addChannel', population: 'exc', model: 'Na' }, { type: 'addChannel', population: 'ghost', model: 'Na' }] })).toThrow(EditError);
    const store = createProjectStore(structuredClone(DEFAULT_PROJECT_FOR_TESTS));
    const before = store.getState().doc;
    expect(store.getState().dispatch({ type: 'batch', edits: [{ type: 'addChannel', population: 'exc', model: 'Na' }, { type: 'removeChannel', population: 'ghost', index: 0 }] })).toBe(false);
    expect(store.getState().doc).toBe(before);
    expect(store.getState().editError).toMatch(/ghost/);
  });

  it('an empty batch changes nothing', () => {
    expect(applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'batch', edits: [] })).toBe(DEFAULT_PROJECT_FOR_TESTS);
  });
});

describe('project model edits', () => {
  const source = (name: string) => `model ${name} : channel\nparams\n  g = 1 nS\n`;

  it('setModelSource adds a model, then replaces its source', () => {
    const added = applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setModelSource', name: 'MyK', source: source('MyK') });
    expect(added.models).toEqual({ MyK: source('MyK') });
    const changed = applyEdit(added, { type: 'setModelSource', name: 'MyK', source: `${source('MyK')}# more\n` });
    expect(changed.models?.MyK).toMatch(/# more/);
    expect(added.models?.MyK).toBe(source('MyK'));
  });

  it('setModelSource with the same text changes nothing', () => {
    const added = applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setModelSource', name: 'MyK', source: source('MyK') });
    expect(applyEdit(added, { type: 'setModelSource', name: 'MyK', source: source('MyK') })).toBe(added);
  });

  it('setModelSource refuses a source whose header names another model, or a bad name', () => {
    expect(() => applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setModelSource', name: 'MyK', source: source('Other') })).toThrow(/declares 'model Other'/);
    expect(() => applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setModelSource', name: 'MyK', source: 'params\n' })).toThrow(/no 'model MyK/);
    expect(() => applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setModelSource', name: '2K', source: source('2K') })).toThrow(/not a valid model name/);
  });

  it('removeModel deletes an unused model and is one undo step', () => {
    const store = createProjectStore(structuredClone(DEFAULT_PROJECT_FOR_TESTS));
    store.getState().dispatch({ type: 'setModelSource', name: 'MyK', source: source('MyK') });
    expect(store.getState().dispatch({ type: 'removeModel', name: 'MyK' })).toBe(true);
    expect(store.getState().doc.models).toEqual({});
    store.getState().undo();
    expect(store.getState().doc.models).toEqual({ MyK: source('MyK') });
  });

  it('removeModel refuses a model in use, or one the project does not have', () => {
    const withModel = applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setModelSource', name: 'MyK', source: source('MyK') });
    const inUse = applyEdit(withModel, { type: 'addChannel', population: 'exc', model: 'MyK' });
    expect(() => applyEdit(inUse, { type: 'removeModel', name: 'MyK' })).toThrow(/used by population 'exc'/);
    expect(() => applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'removeModel', name: 'LIF' })).toThrow(EditError);
  });
});

describe('fit edits', () => {
  const fit = { population: 'exc', params: [{ name: 'tau_m', min: 1, max: 50 }], cases: [{ label: 'a', amplitudes: { drive: '10 nA' } }] };

  it('setFit sets and removes the fit section, one undo step each', () => {
    const store = createProjectStore(structuredClone(DEFAULT_PROJECT_FOR_TESTS));
    expect(store.getState().dispatch({ type: 'setFit', fit })).toBe(true);
    expect(store.getState().doc.fit).toEqual(fit);
    expect(store.getState().dispatch({ type: 'setFit', fit: undefined })).toBe(true);
    expect(store.getState().doc).not.toHaveProperty('fit');
    store.getState().undo();
    expect(store.getState().doc.fit).toEqual(fit);
    store.getState().undo();
    expect(store.getState().doc.fit).toBeUndefined();
    // Removing a fit that is not there changes nothing.
    expect(applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setFit', fit: undefined })).toBe(DEFAULT_PROJECT_FOR_TESTS);
  });

  it('setFit refuses a population the project does not have', () => {
    expect(() => applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setFit', fit: { ...fit, population: 'ghost' } })).toThrow(/'ghost' is not in the project/);
  });

  it('the fit follows a renamed population and goes with a removed one', () => {
    const doc = applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setFit', fit });
    expect(applyEdit(doc, { type: 'renamePopulation', id: 'exc', newId: 'cell' }).fit?.population).toBe('cell');
    expect(applyEdit(doc, { type: 'remove', items: [{ kind: 'population', id: 'exc' }] })).not.toHaveProperty('fit');
  });

  it('removing a stimulus drops its amplitudes from the fit cases', () => {
    const doc = applyEdit(DEFAULT_PROJECT_FOR_TESTS, { type: 'setFit', fit });
    const next = applyEdit(doc, { type: 'remove', items: [{ kind: 'stimulus', id: 'drive' }] });
    expect(next.fit?.cases).toEqual([{ label: 'a', amplitudes: {} }]);
    expect(next.fit?.params).toEqual(fit.params);
  });
});

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

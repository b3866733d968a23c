import { describe, expect, it } from 'vitest';
import { describeModel } from '../../library/catalog';
import { compileModel } from '../../model/compile';
import { headerName } from './modelNames';
import { MODEL_TEMPLATES, templateSource } from './templates';

describe('model templates', () => {
  for (const t of MODEL_TEMPLATES) {
    it(`the ${t.kind} template compiles without a single diagnostic`, () => {
      const source = templateSource(t.kind, 'MyModel');
      const result = compileModel(source);
      expect(result.diagnostics).toEqual([]);
      expect(result.ir?.name).toBe('MyModel');
      expect(result.ir?.kind).toBe(t.kind);
    });

    it(`the ${t.kind} template documents itself: a summary and a description for every parameter`, () => {
      const info = describeModel(compileModel(templateSource(t.kind, 'X')).ir!, 'project');
      expect(info.summary.length).toBeGreaterThan(10);
      for (const p of info.params) expect(p.description, p.name).not.toBe('');
      expect(info.params.length).toBeGreaterThan(0);
    });
  }

  it('names the model in the header only', () => {
    const source = templateSource('channel', 'Kslow');
    expect(headerName(source)).toMatchObject({ name: 'Kslow' });
    expect(source).not.toMatch(/__NAME__/);
  });

  it('the cell spikes; the channel has a current; the synapse acts on a presynaptic spike', () => {
    expect(compileModel(templateSource('cell', 'A')).ir?.spike).toBeDefined();
    expect(compileModel(templateSource('channel', 'B')).ir?.current).toBeDefined();
    const synapse = compileModel(templateSource('synapse', 'C')).ir!;
    expect(synapse.current).toBeDefined();
    expect(synapse.onPre.length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { ProjectDoc } from '../store/document';
import { brian2ExportOf } from './brian2Export';

const doc = (extra: Partial<ProjectDoc> = {}): ProjectDoc => ({
  format: 'spikeflow-project',
  version: 1,
  name: 'My LIF',
  simulation: { durationMs: 20 },
  populations: [{ id: 'a', model: 'LIF', size: 2 }],
  ...extra,
});

describe('Export > Brian2 script', () => {
  it('makes the script and its file name from the open document', () => {
    const r = brian2ExportOf(doc());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fileName).toBe('my_lif_brian2.py');
    expect(r.script).toContain('pop_a = NeuronGroup(');
    expect(r.lines[0]).toBe('Run it with Brian2: python3 my_lif_brian2.py --out results');
  });

  it('lists the project’s problems instead', () => {
    const r = brian2ExportOf(doc({ populations: [{ id: 'a', model: 'LIF', size: 0 }] }));
    expect(r).toMatchObject({ ok: false, title: 'Could not export to Brian2: the project has 1 problem' });
    expect(r.lines[0]).toContain('$.populations[0].size');
  });

  it('says what Brian2 cannot express', () => {
    const r = brian2ExportOf(doc({ populations: [{ id: 'w', model: 'WTASCell', size: 3 }] }));
    expect(r).toMatchObject({ ok: false, title: 'Could not export to Brian2' });
    expect(r.lines[0]).toMatch(/pop_sum\/pop_max/);
  });
});

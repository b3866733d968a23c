import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../library/catalog';
import { parseProject } from '../../project/validate';
import { applyEdit } from '../store/edits';
import type { ProjectDoc, StimulusDoc } from '../store/document';
import { csvSummary, retypePatch, STIMULUS_FIELDS, STIMULUS_TYPE_LABELS, stimulusInput, stimulusProblems, type StimulusType } from './stimulusFields';

const cell: ModelInfo = {
  name: 'AdExIF',
  kind: 'cell',
  origin: 'test',
  summary: '',
  doc: '',
  params: [],
  inputs: [
    { name: 'I', unit: 'nA', description: '' },
    { name: 'I2', unit: 'pA', description: '' },
  ],
  states: [],
  isSource: false,
  spikes: true,
};

function doc(stimulus: StimulusDoc): ProjectDoc {
  return { format: 'spikeflow-project', version: 1, simulation: { durationMs: 100 }, populations: [{ id: 'exc', model: 'AdExIF', size: 2 }], stimuli: [stimulus] };
}

describe('stimulus fields', () => {
  it('has fields and a label for every type', () => {
    for (const type of Object.keys(STIMULUS_TYPE_LABELS) as StimulusType[]) expect(STIMULUS_FIELDS[type]).toBeDefined();
  });
  it("finds the input the stimulus drives and so its unit", () => {
    const step: StimulusDoc = { type: 'step', id: 's', target: 'exc', amplitude: 1 };
    expect(stimulusInput(step, cell)?.unit).toBe('nA');
    expect(stimulusInput({ ...step, input: 'I2' }, cell)?.unit).toBe('pA');
    expect(stimulusInput(step, undefined)).toBeUndefined();
  });
  it('reports problems across fields', () => {
    expect(stimulusProblems({ type: 'step', id: 's', target: 'exc', amplitude: 1, startMs: 50, stopMs: 20 })).toEqual(['the stop time must be after the start time']);
    expect(stimulusProblems({ type: 'ramp', id: 's', target: 'exc', from: 0, to: 1 })).toEqual(['a ramp needs a stop time']);
    expect(stimulusProblems({ type: 'pulses', id: 's', target: 'exc', amplitude: 1, widthMs: 30, periodMs: 20 })).toHaveLength(1);
    expect(stimulusProblems({ type: 'step', id: 's', target: 'exc', amplitude: 1 })).toEqual([]);
  });
});

describe('retypePatch', () => {
  const step: StimulusDoc = { type: 'step', id: 's', target: 'exc', amplitude: '2 nA', startMs: 10 };
  it('turns a stimulus into every other type, each a valid project', () => {
    for (const type of Object.keys(STIMULUS_TYPE_LABELS) as StimulusType[]) {
      const next = applyEdit(doc(step), { type: 'updateStimulus', id: 's', patch: retypePatch(step, type, 'nA') });
      const stim = next.stimuli![0];
      expect(stim.type).toBe(type);
      expect(stim.startMs).toBe(10);
      if (type !== 'step') expect('amplitude' in stim && type !== 'pulses' && type !== 'sine').toBe(false);
      const parsed = parseProject(JSON.parse(JSON.stringify(next)));
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      expect(stimulusProblems(stim)).toEqual([]);
    }
  });
  it('carries the amplitude over', () => {
    expect(retypePatch(step, 'sine', 'nA')).toMatchObject({ type: 'sine', amplitude: '2 nA' });
    expect(retypePatch(step, 'noise', 'nA')).toMatchObject({ type: 'noise', std: '2 nA', mean: '0 nA' });
    expect(retypePatch(step, 'step', 'nA')).toEqual({});
  });
});

describe('csvSummary', () => {
  it('counts rows and lists data columns', () => {
    expect(csvSummary('t_ms,I_nA\n0,0\n1,0.5\n')).toEqual({ ok: true, rows: 2, columns: ['I_nA'] });
    expect(csvSummary('t_ms,I_nA\n0,x').ok).toBe(false);
  });
});

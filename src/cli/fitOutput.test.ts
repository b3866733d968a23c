import { describe, expect, it } from 'vitest';
import { applyFittedValues, historyHeader, historyRow } from './fitOutput';

describe('fit output', () => {
  it('applies fitted values to the cell, its channels and its initial values, keeping the rest of the document', () => {
    const doc = {
      name: 'x',
      populations: [
        { id: 'other', model: 'LIF', size: 1 },
        { id: 'cell', model: 'Compartment', size: 1, params: { C: 1, R: [1, 2] }, channels: [{ model: 'Leak' }, { model: 'Na', params: { ENa: 50 } }] },
      ],
    };
    const out = applyFittedValues(doc, 'cell', [
      { name: 'R', value: 1.5000000000000002, initial: 1, unit: 'Mohm' },
      { name: 'Na.gNa', value: 100, initial: 120, unit: 'mS/cm2' },
      { name: 'init:v', value: -70, initial: -65, unit: 'mV' },
      { name: 'k', value: 0.25, initial: 0.5, unit: '' },
    ]);
    expect(out).toEqual({
      name: 'x',
      populations: [
        { id: 'other', model: 'LIF', size: 1 },
        {
          id: 'cell',
          model: 'Compartment',
          size: 1,
          params: { C: 1, R: '1.5 Mohm', k: 0.25 },
          channels: [{ model: 'Leak' }, { model: 'Na', params: { ENa: 50, gNa: '100 mS/cm2' } }],
          init: { v: '-70 mV' },
        },
      ],
    });
    expect(doc.populations[1].params).toEqual({ C: 1, R: [1, 2] });
  });

  it('writes the loss history with units in the header', () => {
    expect(historyHeader([{ name: 'gNa', unit: 'mS/cm2' }, { name: 'k', unit: '' }])).toBe('iteration,evaluations,loss,gNa (mS/cm2),k');
    expect(historyRow({ iteration: 3, evaluations: 21, loss: 0.1 + 0.2, values: [120.00000000000001, Infinity] })).toBe('3,21,0.3,120,Infinity');
  });
});

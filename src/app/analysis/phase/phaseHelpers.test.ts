/** The phase plane's pure UI helpers: which plane, axis choice, labels, ticks, ranges, the store. */
import { describe, expect, it } from 'vitest';
import type { PhaseStateSetup } from '../../../analysis/phasePlaneSetup';
import { EMPTY_SELECTION } from '../../store/projectStore';
import { heldRange, inputRange } from './fieldRanges';
import { chooseAxes, defaultAxes, effectivePopulation, pickAxis } from './phaseChoice';
import { axisLabel, eigenText, formatValue, nullclineHash } from './phaseFormat';
import { createPhaseStore, MAX_TRAJECTORIES } from './phaseStore';
import { niceTicks } from './ticks';

const state = (name: string, unit: string, hasEquation = true): PhaseStateSetup => ({ name, unit, scale: 1, description: '', initial: 0, hasEquation });

describe('effectivePopulation', () => {
  const candidates = [
    { id: 'a', model: 'FitzhughNagumoCell', states: ['v', 'w'] },
    { id: 'b', model: 'AdEx', states: ['V', 'w'] },
  ];
  it('the selected candidate, else the remembered one, else the first', () => {
    expect(effectivePopulation(candidates, { nodes: [{ kind: 'population', id: 'b' }], projections: [] }, 'a')?.id).toBe('b');
    expect(effectivePopulation(candidates, { nodes: [{ kind: 'population', id: 'lif' }], projections: [] }, 'b')?.id).toBe('b');
    expect(effectivePopulation(candidates, EMPTY_SELECTION, 'gone')?.id).toBe('a');
    expect(effectivePopulation([], EMPTY_SELECTION, null)).toBeUndefined();
  });
});

describe('axes', () => {
  it('membrane potential across, the last other state up', () => {
    expect(defaultAxes([state('v', 'mV'), state('m', '1'), state('h', '1'), state('n', '1')])).toEqual({ x: 'v', y: 'n' });
    expect(defaultAxes([state('w', 'mV'), state('v', 'mV')])).toEqual({ x: 'v', y: 'w' });
    expect(defaultAxes([state('g', 'uS'), state('Vm', 'mV')])).toEqual({ x: 'Vm', y: 'g' });
    expect(defaultAxes([state('a', '1'), state('b', '1'), state('c', '1', false)])).toEqual({ x: 'a', y: 'b' });
    expect(defaultAxes([state('a', '1'), state('c', '1', false)])).toBeUndefined();
  });
  it('keeps a remembered pair while it is valid', () => {
    const states = [state('v', 'mV'), state('m', '1'), state('n', '1')];
    expect(chooseAxes(states, { x: 'm', y: 'v' })).toEqual({ x: 'm', y: 'v' });
    expect(chooseAxes(states, { x: 'h', y: 'v' })).toEqual({ x: 'v', y: 'n' });
  });
  it('picking the other axis state swaps', () => {
    expect(pickAxis({ x: 'v', y: 'n' }, 'x', 'n')).toEqual({ x: 'n', y: 'v' });
    expect(pickAxis({ x: 'v', y: 'n' }, 'y', 'm')).toEqual({ x: 'v', y: 'm' });
  });
});

describe('text', () => {
  it('labels and numbers', () => {
    expect(axisLabel('v', 'mV')).toBe('v (mV)');
    expect(axisLabel('w', '1')).toBe('w');
    expect(formatValue(-65.00000001)).toBe('−65');
    expect(formatValue(0.000012345)).toBe('1.23e-5');
    expect(formatValue(0.1234567)).toBe('0.1235');
  });
  it('eigenvalues', () => {
    const p = { eigenvalues: [{ re: 0.144, im: 0.19 }, { re: 0.144, im: -0.19 }] } as never;
    expect(eigenText(p)).toBe('λ = 0.144 ± 0.19i /ms');
    const q = { eigenvalues: [{ re: -0.5, im: 0 }, { re: -2, im: 0 }] } as never;
    expect(eigenText(q)).toBe('λ = −0.5, −2 /ms');
  });
  it('the nullcline hash changes with the curves and not otherwise', () => {
    const view = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 };
    const result = (y: number) => ({ view, xNullcline: Float64Array.from([0, y, 1, y]), yNullcline: new Float64Array(0) }) as never;
    expect(nullclineHash(result(0.5))).toBe(nullclineHash(result(0.5)));
    expect(nullclineHash(result(0.5))).not.toBe(nullclineHash(result(0.6)));
  });
});

describe('ticks and ranges', () => {
  it('ticks at 1-2-5 steps inside the range', () => {
    expect(niceTicks(-2.43, 2.31, 6)).toEqual([-2, -1, 0, 1, 2]);
    expect(niceTicks(-86.9, 42.7, 6)).toEqual([-80, -60, -40, -20, 0, 20, 40]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1, 1)).toEqual([]);
  });
  it('an input in the unit of y spans the y axis', () => {
    expect(inputRange(0, 'pA', 'pA', 600)).toEqual({ min: -1000, max: 1000 });
    expect(inputRange(0.5, '1', '1', 2.4)).toEqual({ min: -5, max: 5 });
    expect(inputRange(0.25, 'nA', 'pA', 600)).toEqual({ min: -1, max: 1 });
  });
  it('a gating variable is held between 0 and 1; a potential ±50 mV around it', () => {
    expect(heldRange(0.6, '1')).toEqual({ min: 0, max: 1 });
    expect(heldRange(-65, 'mV')).toEqual({ min: -115, max: -15 });
  });
});

describe('phaseStore', () => {
  it('trajectory starts belong to one plane; fit bumps the serial and drops the view', () => {
    const store = createPhaseStore();
    store.getState().addStart('p/M/v/w', { x: 1, y: 2 });
    store.getState().addStart('p/M/v/w', { x: 3, y: 4 });
    expect(store.getState().starts).toHaveLength(2);
    store.getState().addStart('q/M/v/w', { x: 0, y: 0 });
    expect(store.getState().starts).toEqual([{ x: 0, y: 0 }]);
    for (let k = 0; k < 30; k++) store.getState().addStart('q/M/v/w', { x: k, y: k });
    expect(store.getState().starts).toHaveLength(MAX_TRAJECTORIES);
    store.getState().setView('q/M/v/w', { xMin: 0, xMax: 1, yMin: 0, yMax: 1 });
    store.getState().fit('q/M/v/w');
    expect(store.getState().views).toEqual({});
    expect(store.getState().fitSerial).toBe(1);
    store.getState().setInput('p', 'I', 3);
    store.getState().setInput('p', 'I', undefined);
    expect(store.getState().inputs).toEqual({});
  });
});

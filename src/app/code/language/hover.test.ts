import { describe, expect, it } from 'vitest';
import { builtinRegistry } from '../../../library';
import { catalogOf } from '../../../library/catalog';
import { LIF } from '../../../library/cells/LIF';
import { Na } from '../../../library/channels/Na';
import { hoverAt } from './hover';
import { positionOf } from './testing';

const catalog = catalogOf(builtinRegistry());

/** The hover text (blocks joined) on the n-th occurrence of `text` in a source, pointing at its first character. */
function hoverOn(source: string, text: string, nth = 0, offset = 0): string | undefined {
  const { line, column } = positionOf(source, text, nth);
  return hoverAt(source, line, column + offset, { catalog })?.contents.join('\n\n');
}

describe('hover on declared names', () => {
  it('shows a parameter’s unit, default and description, at its use and at its declaration (LIF)', () => {
    const use = hoverOn(LIF.source, 'tau_m   (unless');
    expect(use).toContain('**parameter**');
    expect(use).toContain('unit `ms`');
    expect(use).toContain('default `10 ms`');
    expect(use).toContain('membrane time constant');
    expect(use).toContain('```spikeflow\ntau_m = 10 ms\n```');
    expect(hoverOn(LIF.source, 'tau_m   = 10 ms')).toBe(use);
  });

  it('covers the whole word, also when the cursor is at its end', () => {
    const { line, column } = positionOf(LIF.source, 'v_reset\n');
    const atEnd = hoverAt(LIF.source, line, column + 'v_reset'.length, { catalog });
    expect(atEnd?.range).toEqual({ startLine: line, startColumn: column, endLine: line, endColumn: column + 7 });
    expect(atEnd?.contents.join('\n')).toContain('reset potential after a spike');
  });

  it('shows a state’s unit and initial value, and an input’s unit', () => {
    const v = hoverOn(LIF.source, 'spike v >= thr', 0, 6);
    expect(v).toContain('**state**');
    expect(v).toContain('unit `mV`');
    expect(v).toContain('initial value `v_rest`');
    expect(v).toContain('membrane potential');
    const j = hoverOn(LIF.source, 'R*j', 0, 2);
    expect(j).toContain('**input**');
    expect(j).toContain('unit `nA`');
    expect(j).toContain('summed external and synaptic current');
  });

  it('shows definitions with their unit, steady states, and where a channel input binds', () => {
    const alpha = hoverOn(Na.source, 'alpha_m * (1 - m)');
    expect(alpha).toContain('**definition**');
    expect(alpha).toContain('unit `kHz`');
    expect(alpha).toContain('activation rate');
    expect(hoverOn(Na.source, 'm = steady')).toContain('starts at its steady state');
    const v = hoverOn(Na.source, 'v : mV');
    expect(v).toContain('Binds to `v` of the host cell');
    expect(v).toMatch(/\(a state of \w+, \w+, \w+ and \d+ more\)/);
  });

  it('explains a derivative', () => {
    const d = hoverOn(LIF.source, '  dv/dt', 0, 2);
    expect(d).toContain('`dv/dt` — the time derivative of state `v`');
    expect(d).toContain('mV per time');
    expect(hoverOn(LIF.source, '  dv/dt', 0, 5)).toContain('time derivative');
  });

  it('prefers a declared name over a unit of the same spelling', () => {
    const source = 'model M : cell\nparams\n  mV = 3   # not a unit here\nstates\n  x = mV';
    expect(hoverOn(source, 'mV', 1)).toContain('not a unit here');
  });
});

describe('hover on the language', () => {
  it('documents built-in functions with signature, meaning and unit rule', () => {
    const exprel = hoverOn('model M : cell\nstates\n  x = exprel(1)', 'exprel');
    expect(exprel).toContain('```spikeflow\nexprel(x)\n```');
    expect(exprel).toContain('(eˣ − 1)/x');
    expect(exprel).toContain('*Units:* The argument must be dimensionless');
    expect(hoverOn('model M : cell\nstates\n  x = clip(1, 0, 2)', 'clip')).toContain('same unit');
    expect(hoverOn('model M : cell\nspike pop_max(v) > 1', 'pop_max')).toContain('Only allowed in a `spike` condition');
  });

  it('documents units', () => {
    expect(hoverOn('model M : cell\nparams\n  g = 1 mS', 'mS')).toBe('**unit** mS — millisiemens, conductance');
    expect(hoverOn(Na.source, 'S/cm2', 0, 2)).toBe('**unit** cm2 — square centimetre, area');
    expect(hoverOn(LIF.source, 'Mohm')).toContain('megaohm, resistance');
  });

  it('documents sections, keywords, kinds and built-in symbols', () => {
    expect(hoverOn(LIF.source, 'params')).toContain('Parameters: `name = constant');
    expect(hoverOn(LIF.source, 'spike v')).toContain('**spike**');
    expect(hoverOn(LIF.source, 'refractory t_ref')).toContain('**refractory**');
    expect(hoverOn(LIF.source, 'unless')).toContain('holds that state while the neuron is refractory');
    expect(hoverOn(LIF.source, 'unless refractory)', 0, 7)).toContain('`(unless refractory)`');
    expect(hoverOn(Na.source, 'm = steady', 0, 4)).toContain('fixed point');
    expect(hoverOn(LIF.source, 'cell\n')).toContain('**cell**');
    expect(hoverOn(LIF.source, 'model LIF')).toContain('model NAME : KIND');
    const t = hoverOn('model M : cell\nstates\n  x = sin(t / (1 ms))', 't /');
    expect(t).toContain('**built-in** · unit `ms`');
    expect(t).toContain('simulation time');
  });

  it('describes the model from its header, noting a built-in of the same name', () => {
    const lif = hoverOn(LIF.source, 'LIF : cell');
    expect(lif).toContain('**model LIF** — a cell');
    expect(lif).toContain('Leaky integrate-and-fire neuron.');
    expect(lif).toContain('also a built-in cell');
    expect(hoverOn('model Mine : cell', 'Mine')).not.toContain('built-in');
  });

  it('says nothing in comments, on numbers, on unknown words or operators', () => {
    expect(hoverOn(LIF.source, 'membrane time constant')).toBeUndefined();
    expect(hoverOn(LIF.source, '10 ms')).toBeUndefined();
    expect(hoverOn('model M : cell\nstates\n  x = zzz', 'zzz')).toBeUndefined();
    expect(hoverOn(LIF.source, '>=')).toBeUndefined();
  });
});

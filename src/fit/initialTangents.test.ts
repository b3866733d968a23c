import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../engine/build';
import { parseProject } from '../project/validate';
import { initialStateWithTangents, initialValuesMoveWithTheta } from './initialTangents';

function setupOf(example: string) {
  const parsed = parseProject(JSON.parse(readFileSync(new URL(`../../examples/${example}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compileProject(parsed.project).populations[0].setup;
}

describe('initialValuesMoveWithTheta (a GPU generation evaluates initial values once when they do not)', () => {
  it('Hodgkin–Huxley: conductances and EL do not move the initial values (v = −65 mV, steady gates); a trained initial v does', () => {
    const setup = setupOf('HodgkinHuxley1952');
    const index = (name: string) => setup.flat.params.findIndex((p) => p.name === name);
    expect(initialValuesMoveWithTheta({ setup, trainedParams: [index('gNa'), index('gK')], trainedInits: new Map() })).toBe(false);
    // The check agrees with the derivatives: none of the initial states moves with gNa.
    const PV = Float64Array.from(setup.paramValues, (v) => (typeof v === 'number' ? v : v[0]));
    const { DX } = initialStateWithTangents({ setup, trainedParams: [index('gNa')], trainedInits: new Map() }, 0, PV, Float64Array.of(PV[index('gNa')]), 1);
    expect(DX.every((d) => d === 0)).toBe(true);
    // v starts at −65 mV whatever EL is; a trained initial v moves v and the gates' steady states.
    expect(initialValuesMoveWithTheta({ setup, trainedParams: [index('EL')], trainedInits: new Map() })).toBe(false);
    expect(initialValuesMoveWithTheta({ setup, trainedParams: [-1], trainedInits: new Map([[0, 0]]) })).toBe(true);
  });

  it('LIF: v starts at v_rest, so training v_rest moves it; training tau_m does not', () => {
    const setup = setupOf('LIF');
    const index = (name: string) => setup.flat.params.findIndex((p) => p.name === name);
    expect(initialValuesMoveWithTheta({ setup, trainedParams: [index('v_rest')], trainedInits: new Map() })).toBe(true);
    expect(initialValuesMoveWithTheta({ setup, trainedParams: [index('tau_m')], trainedInits: new Map() })).toBe(false);
  });
});

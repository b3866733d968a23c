import { describe, expect, it } from 'vitest';
import { compileModel } from '../../model/compile';
import * as cells from './index';
import { ngclearnCells } from './index';

/**
 * ngclearn's parameter names and defaults, in the unit each Spikeflow source declares.
 * Comments mark where a value is ours (ngclearn has no default) or where ngclearn's code and docs
 * disagree (we follow the code). Parameters ngclearn has that we cannot express are listed in
 * each model's doc comment, not here.
 */
const NGCLEARN_DEFAULTS: Record<string, Record<string, number>> = {
  IFCell: {
    tau_m: 10, // required in ngclearn: our default
    resist_m: 1, thr: -52, v_rest: -65, v_reset: -60, refract_time: 0,
    lower_clamp_voltage: 1, // True
  },
  LIFCell: {
    tau_m: 10, // required in ngclearn: our default
    resist_m: 1, thr: -52, v_rest: -65, v_reset: -60, conduct_leak: 1, tau_theta: 1e7, theta_plus: 0.05,
    refract_time: 5,
    v_min: -1e9, // None (no clamp)
  },
  RAFCell: {
    tau_v: 1, tau_w: 1, thr: 1, omega: 10, dampen_factor: -1,
    v_reset: 0, // docs 1 mV, code 0
    w_reset: 0,
    v0: 0, // docs 1 mV, code 0
    w0: 0, resist_v: 1,
  },
  WTASCell: {
    resist_m: 1, thr_base: 0.4, thr_gain: 0.002,
    refract_time: 0, // docs 1 ms, code 0
  },
  AdExCell: {
    tau_m: 15, resist_m: 1, tau_w: 400, v_sharpness: 2, intrinsic_mem_thr: -55, thr: 5, v_rest: -72,
    v_reset: -75, // in the code, not in the docs
    a: 0.1, b: 0.75, v0: -70, w0: 0,
  },
  FitzhughNagumoCell: {
    tau_m: 1, resist_m: 1, tau_w: 12.5, alpha: 0.7, beta: 0.8, gamma: 3, v0: 0, w0: 0, v_thr: 1.07,
    spike_reset: 0, // False
  },
  HodgkinHuxleyCell: {
    tau_v: 1, resist_m: 1, v_Na: 115, v_K: -35, v_L: 10.6, g_Na: 100, g_K: 5, g_L: 0.3, thr: 4,
    spike_reset: 0, // False
    v_reset: 0,
  },
  IzhikevichCell: {
    tau_m: 1, resist_m: 1, v_thr: 30, v_reset: -65, tau_w: 50, w_reset: 8, coupling_factor: 0.2, v0: -65,
    w0: -14,
  },
  QuadLIFCell: {
    tau_m: 10, // required in ngclearn: our default
    resist_m: 1, thr: -52, v_rest: -65, v_reset: -60, v_scale: -41.6, critical_v: 1, tau_theta: 1e7,
    theta_plus: 0.05,
    refract_time: 5, // docs 1 ms, code 5
    v_min: -1e9, // None (no clamp)
  },
  SLIFCell: {
    tau_m: 10, resist_m: 1, thr: 0.4, // required in ngclearn: our defaults
    thr_gain: 0, thr_leak: 0,
    refract_time: 0, // docs 1 ms, code 0
  },
};

const byName = Object.entries(cells).filter(([name]) => name !== 'ngclearnCells') as [string, { source: string }][];

describe('ngclearn cells', () => {
  it('lists all ten cells', () => {
    expect(ngclearnCells).toHaveLength(10);
    expect(byName.map(([n]) => n).sort()).toEqual(Object.keys(NGCLEARN_DEFAULTS).sort());
  });

  for (const [name, cell] of byName) {
    describe(name, () => {
      const result = compileModel(cell.source);

      it('compiles without errors or warnings', () => {
        expect(result.diagnostics).toEqual([]);
        expect(result.ir).toBeDefined();
        expect(result.ir!.name).toBe(name);
        expect(result.ir!.kind).toBe('cell');
        expect(result.ir!.inputs.map((i) => i.name)).toEqual(['j']);
      });

      it("has ngclearn's parameter names and defaults", () => {
        const ir = result.ir!;
        const expected = NGCLEARN_DEFAULTS[name];
        expect(ir.params.map((p) => p.name).sort()).toEqual(Object.keys(expected).sort());
        // Canonical units (mV, ms, nA, MΩ, µS) are the declared ones here, so defaults compare directly.
        // (relative tolerance: the compiler's unit scaling may round, e.g. 0.1 uS -> 0.09999999999999998)
        for (const p of ir.params) {
          const want = expected[p.name];
          expect(Math.abs(p.defaultValue - want), `${name}.${p.name}`).toBeLessThanOrEqual(1e-12 * Math.abs(want));
        }
      });

      it('is documented with a citation and a Follows note', () => {
        expect(cell.source).toMatch(/^## /);
        expect(cell.source).toContain('Follows:');
        expect(cell.source).toMatch(/ngclearn/);
      });
    });
  }
});

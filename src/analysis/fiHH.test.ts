/**
 * The Hodgkin–Huxley (1952) f–I curve and rheobase against Brian2: the fixture
 * (fixtures/HodgkinHuxley1952.fi.brian2.json, made by reference/brian2/gen_fi_hh.py, provenance and
 * tolerances inside) holds Brian2's spike counts for a coarse sweep and three refinement rounds of
 * the same protocol the f–I tool runs. The engine runs the same batches through buildFiProject and
 * analyseFi; the rheobase bracket found from its counts must match Brian2's.
 *
 * For orientation (not the reference): Rinzel (1978) puts the onset of sustained firing of the HH
 * equations at I ≈ 6.26 µA/cm² (a saddle-node of periodic orbits); a step from rest with a 100 ms
 * transient discarded lands just below it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runProject } from '../engine';
import { analyseFi, buildFiProject, mergeRheobase, refinementCurrents, type FiPoint } from './fiCurve';

interface Batch {
  currents: number[];
  spike_counts: number[];
}

interface Fixture {
  provenance: { tool: string; version: string; tolerance: { spike_count: number; rheobase_uA_cm2: number } };
  protocol: { model: string; integrator: 'rk4'; dt_ms: number; duration_ms: number; transient_ms: number; input: string; precision: 'f64' };
  brian2: { coarse: Batch; refinements: Batch[]; rheobase: { silent: number; firing: number } };
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/HodgkinHuxley1952.fi.brian2.json', import.meta.url), 'utf8')) as Fixture;
const { protocol, brian2, provenance } = fixture;
const timing = { durationMs: protocol.duration_ms, transientMs: protocol.transient_ms, dtMs: protocol.dt_ms };

function engineBatch(currents: number[]): FiPoint[] {
  const project = buildFiProject({ model: protocol.model, integrator: protocol.integrator, input: protocol.input }, { currents, ...timing, precision: protocol.precision });
  const byCurrent = new Map(analyseFi(runProject(project).spikes, currents, timing).points.map((p) => [p.current, p]));
  return currents.map((c) => byCurrent.get(c)!);
}

describe(`HodgkinHuxley1952 f–I against ${provenance.tool} ${provenance.version}`, () => {
  it('spike counts of every batch, and the refined rheobase bracket', () => {
    expect(provenance.tool).toBe('Brian2');
    const all: FiPoint[] = [];
    let worstCount = 0;
    const batches = [brian2.coarse, ...brian2.refinements];
    batches.forEach((batch, round) => {
      if (round > 0) {
        // Our refinement picks the same currents from the bracket so far as the generator did.
        const ours = refinementCurrents(mergeRheobase(all), batch.currents.length);
        ours.forEach((c, k) => expect(c).toBeCloseTo(batch.currents[k], 12));
      }
      const points = engineBatch(batch.currents);
      points.forEach((p, k) => {
        worstCount = Math.max(worstCount, Math.abs(p.spikeCount - batch.spike_counts[k]));
        expect(Math.abs(p.spikeCount - batch.spike_counts[k]), `I = ${batch.currents[k]} µA/cm²`).toBeLessThanOrEqual(provenance.tolerance.spike_count);
      });
      all.push(...points);
    });
    const rheobase = mergeRheobase(all);
    if (rheobase.kind !== 'bracket') throw new Error(`no bracket: ${JSON.stringify(rheobase)}`);
    const tol = provenance.tolerance.rheobase_uA_cm2;
    expect(Math.abs(rheobase.silent - brian2.rheobase.silent)).toBeLessThanOrEqual(tol);
    expect(Math.abs(rheobase.firing - brian2.rheobase.firing)).toBeLessThanOrEqual(tol);
    console.info(
      `HH rheobase: engine [${rheobase.silent}, ${rheobase.firing}] µA/cm², Brian2 [${brian2.rheobase.silent}, ${brian2.rheobase.firing}] µA/cm²; ` +
        `largest spike-count difference ${worstCount} over ${all.length} currents`,
    );
  });
});

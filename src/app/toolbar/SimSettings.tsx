/**
 * Simulation settings in the toolbar: duration, dt, seed, precision, one integrator for every
 * population, and the backend. Numeric fields commit when their text parses as a valid number.
 */
import { useState, useEffect } from 'react';
import { CANONICAL_INTEGRATORS } from '../../project/schema';
import { projectStore, useProject } from '../store';
import type { PopulationDoc, ProjectDoc } from '../store/document';

type Sim = ProjectDoc['simulation'];

function NumberSetting(props: { label: string; unit?: string; testId: string; value: number | undefined; fallback: number; integer?: boolean; min?: number; apply: (v: number) => void; title: string }) {
  const shown = String(props.value ?? props.fallback);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && (!props.integer || Number.isInteger(parsed)) && (props.min === undefined || parsed > props.min);
  return (
    <label className="toolbar-setting" title={props.title}>
      <span>{props.label}</span>
      <input
        data-testid={props.testId}
        className={valid ? '' : 'invalid'}
        aria-invalid={!valid}
        inputMode="decimal"
        value={text}
        size={Math.max(3, text.length)}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && (!props.integer || Number.isInteger(v)) && (props.min === undefined || v > props.min)) props.apply(v);
        }}
        onBlur={() => setText(shown)}
      />
      {props.unit && <span className="muted">{props.unit}</span>}
    </label>
  );
}

function setSimulation(patch: Partial<Sim>, key: string) {
  projectStore.getState().dispatch({ type: 'setSimulation', patch }, { coalesce: `sim:${key}` });
}

export function SimSettings() {
  const sim = useProject((s) => s.doc.simulation);
  const populations = useProject((s) => s.doc.populations);
  const integrators = new Set(populations.map((p) => p.integrator ?? 'euler'));
  const integrator = integrators.size === 1 ? [...integrators][0] : integrators.size === 0 ? 'euler' : 'mixed';
  return (
    <div className="toolbar-group" role="group" aria-label="Simulation settings">
      <NumberSetting label="Duration" unit="ms" testId="sim-duration" value={sim.durationMs} fallback={500} min={0} apply={(v) => setSimulation({ durationMs: v }, 'durationMs')} title="Simulated time of a run" />
      <NumberSetting label="dt" unit="ms" testId="sim-dt" value={sim.dtMs} fallback={0.1} min={0} apply={(v) => setSimulation({ dtMs: v }, 'dtMs')} title="Integration time step" />
      <NumberSetting label="Seed" testId="sim-seed" value={sim.seed} fallback={1} integer apply={(v) => setSimulation({ seed: v }, 'seed')} title="Seed of every random draw: same seed, same run" />
      <label className="toolbar-setting" title="Integrator of every population (each population can also have its own, in the inspector)">
        <span>Integrator</span>
        <select
          data-testid="sim-integrator"
          value={integrator}
          onChange={(e) => {
            for (const p of populations) projectStore.getState().dispatch({ type: 'updatePopulation', id: p.id, patch: { integrator: e.target.value as PopulationDoc['integrator'] } }, { coalesce: 'integrator:all' });
          }}
        >
          {integrator === 'mixed' && <option value="mixed">mixed</option>}
          {CANONICAL_INTEGRATORS.map((name) => (
            <option key={name} value={name}>
              {name.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <label className="toolbar-setting" title="float32 is faster; float64 matches reference simulators to the last digits">
        <span>Precision</span>
        <select data-testid="sim-precision" value={sim.precision ?? 'f32'} onChange={(e) => setSimulation({ precision: e.target.value as 'f32' | 'f64' }, 'precision')}>
          <option value="f32">float32</option>
          <option value="f64">float64</option>
        </select>
      </label>
      <label className="toolbar-setting" title="Where the simulation runs: CPU is generated JavaScript in a Web Worker; WebGPU runs generated kernels on the GPU (populations without projections, float32); auto takes WebGPU on a hardware GPU when the project runs there, else the CPU">
        <span>Backend</span>
        <select data-testid="toolbar-backend" value={sim.backend ?? 'cpu'} onChange={(e) => setSimulation({ backend: e.target.value as NonNullable<Sim['backend']> }, 'backend')}>
          <option value="cpu">CPU</option>
          <option value="auto">auto</option>
          <option value="webgpu">WebGPU</option>
        </select>
      </label>
    </div>
  );
}

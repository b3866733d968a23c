/**
 * With nothing selected, the inspector shows the project itself: name, description and the
 * simulation settings (schema.ts SimulationSettings), with a short summary of what it contains.
 */
import { useId } from 'react';
import { BACKENDS, PRECISIONS } from '../../project/schema';
import { projectStore, useProject } from '../store';
import type { ProjectDoc } from '../store/document';
import { DraftInput } from './DraftInput';
import { Field, Section, Unit } from './Field';
import { NumberInput } from './NumberInput';
import { formatNumber } from './quantity';
import './ProjectInspector.css';

const dispatch = projectStore.getState().dispatch;

const BACKEND_LABELS: Record<(typeof BACKENDS)[number], string> = { cpu: 'CPU', webgpu: 'WebGPU', auto: 'auto (WebGPU if available)' };

export function ProjectInspector() {
  const doc = useProject((s) => s.doc);
  const sim = doc.simulation;
  const ids = { name: useId(), description: useId(), dt: useId(), duration: useId(), seed: useId(), backend: useId(), precision: useId() };
  const dtMs = sim.dtMs ?? 0.1;
  const steps = sim.durationMs > 0 && dtMs > 0 ? Math.round(sim.durationMs / dtMs) : undefined;
  return (
    <>
      <Section title="Project">
        <Field label="name" htmlFor={ids.name}>
          <DraftInput<string>
            id={ids.name}
            value={doc.name ?? ''}
            format={(v) => v}
            parse={(t) => ({ ok: true, value: t })}
            onChange={(name) => dispatch({ type: 'setMeta', name }, { coalesce: 'meta:name' })}
            ariaLabel="project name"
            testid="project-name"
            placeholder="Untitled project"
          />
        </Field>
        <Field label="description" htmlFor={ids.description}>
          <DraftInput<string>
            id={ids.description}
            value={doc.description ?? ''}
            format={(v) => v}
            parse={(t) => ({ ok: true, value: t })}
            onChange={(description) => dispatch({ type: 'setMeta', description }, { coalesce: 'meta:description' })}
            ariaLabel="project description"
            testid="project-description"
            multiline
            rows={4}
            className="insp-prose"
          />
        </Field>
        <p className="insp-project-summary muted" data-testid="project-summary">
          {summary(doc)}
        </p>
      </Section>
      <Section title="Simulation">
        <Field label="time step" htmlFor={ids.dt} hint="dtMs: the integration step">
          <NumberInput
            id={ids.dt}
            value={sim.dtMs ?? 0.1}
            constraints={{ min: 0, exclusiveMin: true }}
            check={(v) => (v !== undefined && v > sim.durationMs ? `must not exceed the duration (${formatNumber(sim.durationMs)} ms)` : undefined)}
            onChange={(v) => v !== undefined && dispatch({ type: 'setSimulation', patch: { dtMs: v } }, { coalesce: 'sim:dtMs' })}
            ariaLabel="time step dtMs (ms)"
            testid="sim-dtMs"
          />
          <Unit>ms</Unit>
        </Field>
        <Field label="duration" htmlFor={ids.duration} hint={steps !== undefined ? `${steps.toLocaleString('en-US')} steps` : undefined}>
          <NumberInput
            id={ids.duration}
            value={sim.durationMs}
            constraints={{ min: 0, exclusiveMin: true }}
            check={(v) => (v !== undefined && v < dtMs ? `must be at least one time step (${formatNumber(dtMs)} ms)` : undefined)}
            onChange={(v) => v !== undefined && dispatch({ type: 'setSimulation', patch: { durationMs: v } }, { coalesce: 'sim:durationMs' })}
            ariaLabel="duration durationMs (ms)"
            testid="sim-durationMs"
          />
          <Unit>ms</Unit>
        </Field>
        <Field label="seed" htmlFor={ids.seed} hint="the same project and seed give the same random draws">
          <NumberInput
            id={ids.seed}
            value={sim.seed ?? 1}
            constraints={{ integer: true }}
            onChange={(v) => v !== undefined && dispatch({ type: 'setSimulation', patch: { seed: v } }, { coalesce: 'sim:seed' })}
            ariaLabel="random seed"
            testid="sim-seed"
          />
        </Field>
        <Field label="backend" htmlFor={ids.backend}>
          <select
            id={ids.backend}
            value={sim.backend ?? 'cpu'}
            data-testid="sim-backend"
            onChange={(e) => dispatch({ type: 'setSimulation', patch: { backend: e.target.value as (typeof BACKENDS)[number] } })}
          >
            {BACKENDS.map((b) => (
              <option key={b} value={b}>
                {BACKEND_LABELS[b]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="precision" htmlFor={ids.precision} hint={(sim.backend ?? 'cpu') !== 'cpu' ? 'WebGPU computes in f32 only' : undefined}>
          <select
            id={ids.precision}
            value={sim.precision ?? 'f32'}
            data-testid="sim-precision"
            onChange={(e) => dispatch({ type: 'setSimulation', patch: { precision: e.target.value as (typeof PRECISIONS)[number] } })}
          >
            {PRECISIONS.map((p) => (
              <option key={p} value={p}>
                {p === 'f32' ? 'f32 (single)' : 'f64 (double)'}
              </option>
            ))}
          </select>
        </Field>
      </Section>
    </>
  );
}

function summary(doc: ProjectDoc): string {
  const neurons = doc.populations.reduce((n, p) => n + (p.size ?? 0), 0);
  const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
  return [
    `${plural(doc.populations.length, 'population')} (${plural(neurons, 'neuron')})`,
    plural(doc.projections?.length ?? 0, 'projection'),
    plural(doc.stimuli?.length ?? 0, 'stimulus').replace('stimuluss', 'stimuli'),
    plural(doc.recordings?.length ?? 0, 'recording'),
  ].join(' · ');
}

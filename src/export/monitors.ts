/**
 * Recordings as Brian2 monitors: a StateMonitor per recording (sampled at the start of the step,
 * like Spikeflow's recorder), a StateMonitor per connection recording, a SpikeMonitor per population
 * whose spikes are recorded — and the column list traces.csv is written from, in the order and with
 * the keys of `spikeflow run` (`population[index].variable`, recorder by recorder).
 */
import type { Project } from '../project/schema';
import { unitDivisor } from './brian2Units';
import { ExportError } from './errors';
import type { PopulationPlan } from './populationPlan';
import type { EmittedProjection } from './projection';
import { pyList, pyString } from './pyFormat';

export interface MonitorCode {
  readonly lines: string[];
  /** Python variables of the monitors (for the Network). */
  readonly objects: string[];
  /** `(name, SpikeMonitor)` pairs, in population order. */
  readonly spikeMonitors: string[];
  /** `(StateMonitor, [(key, variable, row, unit), ...])` pairs, recorder by recorder. */
  readonly recorders: string[];
}

function intervalSteps(intervalMs: number | undefined, dtMs: number, at: string): number {
  const steps = Math.max(1, Math.round((intervalMs ?? dtMs) / dtMs));
  if (intervalMs !== undefined && Math.abs(steps * dtMs - intervalMs) > 1e-9 * intervalMs) {
    throw new ExportError(`${at}: ${intervalMs} ms is not a whole number of steps of ${dtMs} ms`, at);
  }
  return steps;
}

const monitorDt = (steps: number): string => (steps === 1 ? '' : `, dt=${steps}*defaultclock.dt`);

export function monitorCode(project: Project, plans: readonly PopulationPlan[], projections: readonly EmittedProjection[], dtMs: number): MonitorCode {
  const lines: string[] = [];
  const objects: string[] = [];
  const recorders: string[] = [];
  project.recordings.forEach((r, k) => {
    const path = `$.recordings[${k}]`;
    const plan = plans.find((p) => p.population.id === r.population);
    if (!plan) throw new ExportError(`${path}.population: unknown population '${r.population}'`, `${path}.population`);
    const steps = intervalSteps(r.intervalMs, dtMs, `${path}.intervalMs`);
    const size = plan.population.size;
    const neurons = r.neurons === 'all' ? Array.from({ length: size }, (_, i) => i) : r.neurons;
    neurons.forEach((i, j) => {
      if (i >= size) throw new ExportError(`${path}.neurons[${j}]: neuron ${i} does not exist ('${plan.population.id}' has ${size})`, `${path}.neurons[${j}]`);
    });
    const series: string[] = [];
    const variables = r.variables.map((variable, v) => {
      const name = plan.names.get(variable);
      const unit = plan.units.get(variable);
      if (!name || !unit || variable.startsWith('in:')) {
        const at = `${path}.variables[${v}]`;
        throw new ExportError(`${at}: '${plan.population.id}' has no variable '${variable}'`, at);
      }
      const divisor = unitDivisor(unit);
      neurons.forEach((neuron, row) => series.push(`(${pyString(`${plan.population.id}[${neuron}].${variable}`)}, ${pyString(name)}, ${row}, ${divisor.expr})`));
      return name;
    });
    const monitor = `state_${k}`;
    const record = r.neurons === 'all' ? 'True' : pyList(neurons);
    lines.push(`${monitor} = StateMonitor(${plan.variable}, ${pyList([...new Set(variables)], '    ', pyString)}, record=${record}${monitorDt(steps)}, when='start')`);
    objects.push(monitor);
    recorders.push(`(${monitor}, [\n        ${series.join(',\n        ')},\n    ])`);
  });
  project.connectionRecordings.forEach((r, k) => {
    const path = `$.connectionRecordings[${k}]`;
    const index = project.projections.findIndex((p) => p.id === r.projection);
    if (index < 0) throw new ExportError(`${path}.projection: unknown projection '${r.projection}'`, `${path}.projection`);
    const emitted = projections[index];
    const steps = intervalSteps(r.intervalMs, dtMs, `${path}.intervalMs`);
    const connections = r.connections;
    const series: string[] = [];
    const variables = r.variables.map((variable, v) => {
      const at = `${path}.variables[${v}]`;
      if (emitted.lumped.has(variable)) {
        const post = project.projections[index].post;
        throw new ExportError(`${at}: '${variable}' is summed per post-synaptic neuron; record it on population '${post}' as '${r.projection}.${variable}'`, at);
      }
      const name = emitted.names.get(variable);
      const unit = emitted.units.get(variable);
      if (!name || !unit) throw new ExportError(`${at}: projection '${r.projection}' has no per-connection variable '${variable}'`, at);
      const divisor = unitDivisor(unit);
      if (connections === 'all') series.push(`*[(${pyString(`${r.projection}[`)} + str(c) + ${pyString(`].${variable}`)}, ${pyString(name)}, c, ${divisor.expr}) for c in range(len(${emitted.variable}))]`);
      else connections.forEach((c, row) => series.push(`(${pyString(`${r.projection}[${c}].${variable}`)}, ${pyString(name)}, ${row}, ${divisor.expr})`));
      return name;
    });
    const monitor = `connections_${k}`;
    const record = connections === 'all' ? 'True' : pyList(connections);
    lines.push(`${monitor} = StateMonitor(${emitted.variable}, ${pyList([...new Set(variables)], '    ', pyString)}, record=${record}${monitorDt(steps)}, when='start')`);
    objects.push(monitor);
    recorders.push(`(${monitor}, [\n        ${series.join(',\n        ')},\n    ])`);
  });
  // Spikes: only populations with a spike condition have a spike event to monitor.
  const wanted = project.spikes.populations;
  if (wanted !== 'all') {
    wanted.forEach((id, k) => {
      if (!plans.some((p) => p.population.id === id)) throw new ExportError(`$.spikes.populations[${k}]: unknown population '${id}'`, `$.spikes.populations[${k}]`);
    });
  }
  const spikeMonitors: string[] = [];
  for (const plan of plans) {
    if ((wanted !== 'all' && !wanted.includes(plan.population.id)) || plan.flat.spikes.length === 0) continue;
    const monitor = `spikes_${plan.population.id}`;
    lines.push(`${monitor} = SpikeMonitor(${plan.variable})`);
    objects.push(monitor);
    spikeMonitors.push(`(${pyString(plan.population.id)}, ${monitor})`);
  }
  return { lines, objects, spikeMonitors, recorders };
}


/**
 * A whole project as a runnable Brian2 script: populations as NeuronGroups, projections as
 * Synapses, stimuli, monitors, the run, and writers of spikes.csv and traces.csv in the format of
 * `spikeflow run`, so the two simulators' results can be compared file to file.
 *
 * Pure: project in, text out. Whatever cannot be translated throws an ExportError naming it.
 */
import type { Project } from '../project/schema';
import { ExportError } from './errors';
import { modelIR, exportRegistry } from './models';
import { monitorCode } from './monitors';
import { emitPopulation, type ScriptState } from './populationEmit';
import { planPopulation, type PopulationPlan } from './populationPlan';
import { emitProjection, lumpedInsertsFor, lumpedValuesFor, planProjections, summedInsertsFor, type EmittedProjection } from './projection';
import { pyCommentText, pyNumber, pyString } from './pyFormat';
import { PYTHON_HELPERS } from './pythonRuntime';
import { stimulusCode } from './stimuli';

export interface Brian2ExportOptions {
  /** What made the script, for its header (e.g. `spikeflow export-brian2 LIF.json`). */
  readonly generator?: string;
}

export interface Brian2Export {
  readonly script: string;
  /** `<project name>_brian2.py` */
  readonly fileName: string;
  /** Things the reader should know (also in the script's header). */
  readonly notes: readonly string[];
}

/** `<name>_brian2.py`, a valid Python module name made from the project's name. */
export function brian2ScriptName(project: { readonly name?: string }): string {
  const stem = (project.name ?? '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 80)
    .replace(/_+$/, '')
    .toLowerCase();
  return `${/^[a-z]/.test(stem) ? stem : `spikeflow${stem ? `_${stem}` : ''}`}_brian2.py`;
}

export function exportBrian2Script(project: Project, options: Brian2ExportOptions = {}): Brian2Export {
  const registry = exportRegistry(project);
  const dtMs = project.simulation.dtMs;
  const ids = new Set<string>();
  project.populations.forEach((p, k) => {
    if (ids.has(p.id)) throw new ExportError(`$.populations[${k}].id: duplicate population id '${p.id}'`, `$.populations[${k}].id`);
    ids.add(p.id);
  });
  project.stimuli.forEach((s, k) => {
    if (!ids.has(s.target)) throw new ExportError(`$.stimuli[${k}].target: unknown population '${s.target}'`, `$.stimuli[${k}].target`);
  });
  const specs = planProjections(project, registry);
  const plans: PopulationPlan[] = project.populations.map((p, k) => {
    const path = `$.populations[${k}]`;
    const cell = modelIR(registry, p.model, `${path}.model`, 'cell');
    const channels = (p.channels ?? []).map((c, j) => modelIR(registry, c.model, `${path}.channels[${j}].model`, 'channel'));
    return planPopulation(project, k, cell, channels, lumpedInsertsFor(p.id, specs), summedInsertsFor(p.id, specs), []);
  });

  const state: ScriptState = { usesIfelse: false, notes: [] };
  const ifelse = () => void (state.usesIfelse = true);
  const timedArrays: string[] = [];
  const populationCode = plans.map((plan) => {
    const stimuli = stimulusCode(project, plan, ifelse);
    for (const t of stimuli.timedArrays) timedArrays.push(t.code, `namespace[${pyString(t.name)}] = ${t.name}`);
    return emitPopulation(plan, project, state, stimuli, lumpedValuesFor(plan.population.id, specs));
  });
  const projections: EmittedProjection[] = specs.map((spec) => {
    const pre = plans.find((p) => p.population.id === spec.projection.pre)!;
    const post = plans.find((p) => p.population.id === spec.projection.post)!;
    const objectName = ids.has(spec.projection.id) ? `${spec.projection.id}_synapses` : spec.projection.id;
    return emitProjection(spec, pre, post, state, dtMs, objectName);
  });
  const monitors = monitorCode(project, plans, projections, dtMs);
  const notes = [...new Set(state.notes)];

  const body: string[] = [
    'global rng',
    'start_scope()',
    "prefs.codegen.target = 'numpy'  # the ifelse helper is written for numpy; plain models also run with 'cython'",
    'defaultclock.dt = DT_MS * ms',
    'seed(SEED)  # Brian2\'s own draws: rand(), randn(), connect(p=...)',
    'rng = np.random.default_rng(SEED)  # parameter distributions, fixed in/out-degree connectivity',
    'n_steps = int(round(duration_ms / DT_MS))',
    '# Tolerance of stimulus on/off comparisons (as in Spikeflow), and the names every group may use.',
    "namespace = {'ifelse': ifelse, 't_tol': 1e-9 * max(DT_MS, duration_ms) * ms}",
    ...timedArrays,
  ];
  for (const code of populationCode) body.push('', ...code);
  for (const p of projections) body.push('', ...p.lines);
  body.push('', '# Recordings', ...monitors.lines);
  const objects = [...plans.map((p) => p.variable), ...projections.map((p) => p.variable), ...monitors.objects];
  body.push(
    '',
    `net = Network(${objects.join(', ')})`,
    "# Spikeflow's order within a step: record (start) -> integrate -> threshold -> reset -> deliver spikes",
    "# (on_pre/on_post after the resets, so with no delay a spike acts from the next step on).",
    "net.schedule = ['start', 'groups', 'thresholds', 'resets', 'synapses', 'end']",
    'net.run(n_steps * defaultclock.dt)',
    '',
    'os.makedirs(out_dir, exist_ok=True)',
    `n_spikes = write_spikes(os.path.join(out_dir, 'spikes.csv'), [${monitors.spikeMonitors.join(', ')}])`,
    `n_rows = write_traces(os.path.join(out_dir, 'traces.csv'), [${monitors.recorders.length ? `\n    ${monitors.recorders.join(',\n    ')},\n` : ''}])`,
    "print('wrote %s (%d spikes)' % (os.path.join(out_dir, 'spikes.csv'), n_spikes))",
    "print('wrote %s (%d rows)' % (os.path.join(out_dir, 'traces.csv'), n_rows))",
  );

  const script = [
    '#!/usr/bin/env python3',
    header(project, plans, specs.length, notes, options),
    'import argparse',
    'import os',
    '',
    'import numpy as np',
    'from brian2 import *  # noqa: F401,F403 -- units, NeuronGroup, Synapses, monitors, Function, TimedArray',
    '',
    `DT_MS = ${pyNumber(dtMs)}  # integration time step (simulation.dtMs)`,
    `DURATION_MS = ${pyNumber(project.simulation.durationMs)}  # simulated time (simulation.durationMs)`,
    `SEED = ${project.simulation.seed}  # seed of every random draw (simulation.seed)`,
    PYTHON_HELPERS.trimEnd(),
    '',
    '',
    "def build_and_run(duration_ms=DURATION_MS, out_dir='.'):",
    '    """Builds the network, runs it for duration_ms and writes spikes.csv and traces.csv into out_dir."""',
    ...body.map((l) => (l === '' ? '' : l.replace(/^/gm, '    '))),
    '',
    '',
    'def main():',
    `    parser = argparse.ArgumentParser(description=${pyString(`Runs the Spikeflow project ${project.name ? `'${pyCommentText(project.name)}' ` : ''}in Brian2.`)})`,
    "    parser.add_argument('--out', default='.', help='directory for spikes.csv and traces.csv (default: here)')",
    "    parser.add_argument('--duration-ms', type=float, default=DURATION_MS, help='simulated time in ms (default: %(default)s)')",
    '    args = parser.parse_args()',
    '    build_and_run(args.duration_ms, args.out)',
    '',
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
  return { script, fileName: brian2ScriptName(project), notes };
}

function wrap(text: string, width = 96): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of pyCommentText(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + word.length + 1 > width) {
      out.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + word;
  }
  if (line) out.push(line);
  return out;
}

function header(project: Project, plans: readonly PopulationPlan[], projections: number, notes: readonly string[], options: Brian2ExportOptions): string {
  const title = project.name ? pyCommentText(project.name) : 'A Spikeflow project';
  const lines = [`"""${title} -- exported from Spikeflow as a Brian2 script.`, ''];
  if (project.description) lines.push(...wrap(project.description), '');
  lines.push(
    `${plans.length} population${plans.length === 1 ? '' : 's'} (${plans.map((p) => `${p.population.id}: ${p.population.size} x ${p.population.model}`).join(', ')}), ${projections} projection${projections === 1 ? '' : 's'}, ${project.stimuli.length} stimul${project.stimuli.length === 1 ? 'us' : 'i'}; dt = ${pyNumber(project.simulation.dtMs)} ms, ${pyNumber(project.simulation.durationMs)} ms, seed ${project.simulation.seed}.`,
    ...(options.generator ? [`Made by: ${pyCommentText(options.generator)}`] : []),
    '',
    'Run it with Brian2 (2.5 or later) and numpy:',
    '',
    '    python3 <this file> [--out DIR] [--duration-ms MS]',
    '',
    ...wrap('It writes spikes.csv (t_ms,population,neuron) and traces.csv (t_ms, then one column per recorded series population[index].variable, in the variable\'s declared unit) in the format of `spikeflow run`, so the two can be compared.'),
    '',
    'How the project maps onto Brian2:',
    ...[
      "Each population is a NeuronGroup. Inserted channels are flattened into it: their names are prefixed with the channel's (Na_m, Na_gNa) and their currents are subtracted from the cell's input. Parameters are per-neuron (constant) variables.",
      "An input driven by stimuli has a variable <input>_ext, set at the start of every step by a run_regularly (held through the step, also through rk4's stages).",
      'Synapse states that sum exactly per post-synaptic neuron live in the post NeuronGroup (<projection>_<state>), as in the CUBA/COBA examples; the others are (event-driven) or (clock-driven) variables of the Synapses; a per-connection current is a (summed) variable.',
      "Spikeflow's integrators map onto Brian2 methods (midpoint = rk2, heun = heun_method below, the deterministic scheme); a sequential update, or exponential Euler of an equation sympy cannot split, is written out in a run_regularly.",
      'Spikes are stamped at the start of the step in which the threshold is crossed, in both simulators.',
    ].flatMap((n) => wrap(n, 94).map((l, k) => (k === 0 ? `- ${l}` : `  ${l}`))),
    '',
    'Differences from Spikeflow:',
    ...[
      'Random numbers (parameter distributions, rand()/randn(), noise stimuli, random connectivity) are drawn by numpy and Brian2 from the same seed, so they follow the same distributions but are not the same numbers: expect the same statistics, not the same spikes.',
      'Brian2 computes in float64 and in SI units; a project set to float32 in Spikeflow differs by rounding.',
      'Recorded (summed) synaptic currents are sampled before Brian2 updates them in a step; event-driven synaptic variables are recorded as of their last update.',
      ...notes,
    ].flatMap((n) => wrap(n, 94).map((l, k) => (k === 0 ? `- ${l}` : `  ${l}`))),
    '"""',
  );
  return lines.join('\n');
}

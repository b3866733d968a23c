/** Usage text of every command, shown by `spikeflow --help`, `help <command>` and on bad arguments. */

import { LOSS_KINDS, OPTIMIZER_KINDS } from '../project/fitSchema';

export const COMMANDS = ['run', 'validate', 'check', 'models', 'export-brian2', 'fit', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

const OVERVIEW = `Usage: spikeflow <command> [options]

Commands:
  run <project.json> --out <dir>   run a project and write spikes.csv, traces.csv, summary.json
  validate <project.json>          check a project (models, values, units) without running it
  check <model-file>               compile a model source and print its diagnostics
  models [--json]                  list the built-in model library
  export-brian2 <project.json>     write the project as a runnable Brian2 Python script
  fit <project.json> --out <dir>   fit parameters to a target trace or spike times
  help [command]                   show help for a command

Options:
  -h, --help                       show help
  -v, --version                    print the version

Exit status: 0 success, 1 invalid input, 2 failure while running.`;

const HELP: Record<CommandName, string> = {
  run: `Usage: spikeflow run <project.json> --out <dir> [options]

Validates, compiles and runs a project, then writes into <dir>:
  spikes.csv    t_ms,population,neuron (one row per spike; t is the start of the step)
  traces.csv    t_ms, then one column per recorded series population[index].variable
  rates.csv     t_ms (start of a bin), then one column per rate monitor population.rate_hz
                (spikes per neuron per second, smoothed with its smoothMs); only when the
                project has rate monitors
  summary.json  settings, timing, spike counts and rates, units of the recorded columns
Files appear only when the run succeeds.

Options:
  --out <dir>              output directory (required; created if missing)
  --duration <ms>          simulated time, overrides simulation.durationMs
  --dt <ms>                time step, overrides simulation.dtMs
  --backend <name>         cpu | webgpu | auto (WebGPU on a hardware adapter when the project
                           runs there, else cpu with the reason printed); overrides
                           simulation.backend
  --precision <f32|f64>    floating-point width of states, overrides simulation.precision
  --no-simd                on the CPU, step float32 populations with generated JavaScript
                           instead of the WebAssembly SIMD kernel (which computes in float32,
                           as the GPU does; float64 runs always use JavaScript)
  -h, --help               show this help`,
  validate: `Usage: spikeflow validate <project.json>

Checks a project file: JSON, schema and cross-references, then resolves and compiles its models
and converts every value, without running it. Prints "ok: N populations, M stimuli" or the errors
(file:line:col: $.path: message).`,
  check: `Usage: spikeflow check <model-file>

Compiles a model source written in the Spikeflow model language and prints each diagnostic as
file:line:col: severity: message. Exits 1 when there is an error; warnings are allowed.`,
  models: `Usage: spikeflow models [--json]

Lists the built-in model library grouped by kind: parameters with their defaults (in their declared
units) and descriptions, inputs and states.

Options:
  --json       print a JSON array of models instead of tables`,
  'export-brian2': `Usage: spikeflow export-brian2 <project.json> [--out <script.py>]

Checks the project as 'validate' does, then writes it as a Brian2 Python script: populations as
NeuronGroups (channels flattened in, equations with units), projections as Synapses, stimuli,
recordings and the run. Running the script (python3 script.py --out <dir>) writes spikes.csv and
traces.csv in the format of 'spikeflow run', so the two can be compared. Random draws (parameter
distributions, noise, random connectivity) come from numpy/Brian2 with the project's seed: the same
distributions, not the same numbers. What Brian2 cannot express (pop_sum/pop_max spike conditions,
oneSpike populations) is an error naming it, and no file is written.

Options:
  --out <file>   where to write the script (default: <project name>_brian2.py); - for stdout
  -h, --help     show this help`,
  fit: `Usage: spikeflow fit <project.json> --out <dir> [options]

Fits parameters of one population (one neuron of it) to target data, as set up in the project's
"fit" section (docs/fitting.md); the options below override that section. Prints progress (at most
twice a second) and a summary, then writes into <dir>:
  fitted-params.json   name, value, unit, initial value and bounds of each parameter; the best loss
  fitted-project.json  the project with the fitted values applied (ready to run) and the fit as run
  loss-history.csv     iteration, evaluations, loss, then one column per parameter, "name (unit)"
Files appear only when the fit completes.

Options:
  --out <dir>              output directory (required; created if missing)
  --target <csv>           target data of case 0 (replaces its trace or spike times): a trace
                           "t (ms), v (mV)" (units from the header) or one column "spike_time (ms)"
  --params <a,b,c>         the trained parameters (e.g. gNa,gK,gL; Na.gNa for a channel's, init:v for
                           an initial value, syn:input.w for the weight of projection 'input' into
                           the population); bounds and transforms the project gives them are kept
  --loss <kind[:weight]>   loss terms, comma-separated or repeated: ${LOSS_KINDS.join(', ')}
  --optimizer <kind>       ${OPTIMIZER_KINDS.join(', ')}
  --iterations <N>         optimiser iterations (CMA-ES: generations)
  --lr <x>                 learning rate (adam, sgd), in the optimiser's transformed coordinates
  --backend <name>         cpu | webgpu | auto: where CMA-ES simulates its generations (all the
                           candidates as one batch on the GPU, float32; auto: on a hardware
                           adapter); gradient optimisers always run on the CPU. Default:
                           simulation.backend. Printed, and in fitted-params.json
  -h, --help               show this help

Exit status: 0 fitted, 1 invalid input (nothing written), 2 the fit failed while running.`,
  help: `Usage: spikeflow help [command]

Shows the overview, or the help of one command (${COMMANDS.join(', ')}).`,
};

export function overview(): string {
  return OVERVIEW;
}

export function isCommand(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

export function commandHelp(command: CommandName): string {
  return HELP[command];
}

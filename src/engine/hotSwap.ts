/**
 * Hot reload: a new Simulation built from a project whose model sources changed, continuing where
 * a running one is. The structure (populations, sizes, connections, delays, dt, seed, recordings) is
 * the same — liveDiff.ts refuses anything else — so what has to move across is run-time state:
 *
 * - the clock: the step index (and with it every random draw, which is keyed by step: noise,
 *   Poisson sources, rand() in equations), spike counts and open rate bins;
 * - per-neuron states whose (population, name) survive, `lastspike` (refractoriness);
 *   states the new model adds get their initial values, evaluated now from the surviving ones
 *   (population.initializeStates), and states it removes are dropped;
 * - per-connection synapse states whose names survive, taken at the current step (event-driven
 *   states are advanced to it first), and plastic parameters (weights learnt by STDP);
 * - the spikes in transit (the delay queues), since connections and delays are the same.
 *
 * Parameters, stimuli and initial-value overrides come from the new document (the parameters as
 * set, live edits included). Summed (lumped) synapse states live in the post population as
 * `proj.state` and are carried like any other per-neuron state; a synapse state that changes
 * between summed and per-connection storage starts from its initial value.
 *
 * The old simulation is only read, never changed, so a failed swap leaves it running as it was.
 */
import type { Project } from '../project/schema';
import { compileProject } from './build';
import { EngineError } from './errors';
import type { PopulationRuntime } from './population';
import type { ProjectionRuntime } from './projection';
import type { Simulation } from './simulation';

export interface HotSwapOptions {
  /**
   * Plastic per-connection parameters (`projection.param`, e.g. `pl.w`) not to carry over, because
   * the new document sets them anew (an edit made together with the reload).
   */
  readonly resetParams?: ReadonlySet<string>;
}

/** What a swap could not carry over, for people (each entry names the thing). */
export interface TransferReport {
  /** States that start from their initial values: new in the model, or stored differently now. */
  readonly fresh: string[];
  /** Spikes in transit that were dropped (a projection whose queue could not be taken over). */
  readonly lostSpikes: string[];
}

/** The recorded variables changed: the page's plots are laid out for the old ones. */
export const RECORDING_CHANGED = 'the recorded variables changed; restart';

/**
 * Builds `newProject` and carries the run-time state of `oldSim` over to it (see above). Throws an
 * EngineError when the project does not build or its structure differs from the running one's.
 */
export function hotSwap(oldSim: Simulation, newProject: Project, options: HotSwapOptions = {}): Simulation {
  return hotSwapWithReport(oldSim, newProject, options).simulation;
}

export function hotSwapWithReport(oldSim: Simulation, newProject: Project, options: HotSwapOptions = {}): { simulation: Simulation; report: TransferReport } {
  const next = compileProject(newProject, { precision: oldSim.precision, dtMs: oldSim.dtMs, durationMs: oldSim.durationMs });
  assertSameShape(oldSim, next);
  const report = transferState(oldSim, next, options);
  return { simulation: next, report };
}

function assertSameShape(a: Simulation, b: Simulation): void {
  const fail = (what: string): never => {
    throw new EngineError('unsupported', `hot reload: ${what} changed; restart`);
  };
  if (a.populations.length !== b.populations.length || a.populations.some((p, k) => p.id !== b.populations[k].id || p.size !== b.populations[k].size)) fail('the populations');
  if (a.projections.length !== b.projections.length || a.projections.some((p, k) => p.id !== b.projections[k].id)) fail('the projections');
  if (a.rateMonitors.length !== b.rateMonitors.length) fail('the rate monitors');
  const layout = (s: Simulation) => JSON.stringify(s.recorders.map((r) => [r.intervalSteps, r.series.map((x) => [x.key, x.unit])]));
  if (layout(a) !== layout(b)) throw new EngineError('unsupported', RECORDING_CHANGED);
}

/** Copies the run-time state of `from` into `to` (built from the same structure); see the file comment. */
export function transferState(from: Simulation, to: Simulation, options: HotSwapOptions = {}): TransferReport {
  const report: TransferReport = { fresh: [], lostSpikes: [] };
  to.continueFrom(from);
  const n = from.step;
  from.populations.forEach((a, k) => carryPopulation(a, to.populations[k], n, report));
  from.projections.forEach((a, k) => carryProjection(a, to.projections[k], n, from.dtMs, options.resetParams ?? new Set(), report));
  return report;
}

function carryPopulation(a: PopulationRuntime, b: PopulationRuntime, n: number, report: TransferReport): void {
  const fresh = new Set<number>();
  b.flat.states.forEach((s, j) => {
    const i = a.flat.states.findIndex((x) => x.name === s.name);
    if (i >= 0) b.states[j].set(a.states[i]);
    else fresh.add(j);
  });
  b.lastSpikeStep.set(a.lastSpikeStep);
  if (fresh.size === 0) return;
  b.initializeStates(fresh, n);
  for (const j of fresh) report.fresh.push(`${b.id}.${b.flat.states[j].name}`);
}

function carryProjection(a: ProjectionRuntime, b: ProjectionRuntime, n: number, dtMs: number, resetParams: ReadonlySet<string>, report: TransferReport): void {
  const sameConnections = equalArrays(a.setup.connections.pre, b.setup.connections.pre) && equalArrays(a.setup.connections.post, b.setup.connections.post);
  if (!sameConnections) {
    // Cannot happen while connectivity, sizes and seed are unchanged; kept as a guard.
    for (const name of b.setup.layout.connectionStates) report.fresh.push(`${b.id}.${name}`);
    report.lostSpikes.push(b.id);
    return;
  }
  const count = b.size;
  const oldStates = a.setup.layout.connectionStates;
  // Event-driven states are stored as of each connection's last event. When every event-driven
  // state here was event-driven there too, values and event times are copied as they are (exactly
  // what the old runtime would have computed); otherwise every state is taken at step n.
  const asStored = b.setup.plan.eventDriven.every((s) => a.setup.plan.eventDriven.includes(s));
  b.setup.layout.connectionStates.forEach((name, j) => {
    const i = oldStates.indexOf(name);
    if (i < 0) {
      report.fresh.push(`${b.id}.${name}`);
      return;
    }
    const target = b.setup.connectionStates[j];
    const staleThere = a.setup.plan.eventDriven.includes(name) && !b.setup.plan.eventDriven.includes(name);
    if (asStored && !staleThere) target.set(a.setup.connectionStates[i]);
    // `read` advances event-driven states to step n without storing them.
    else for (let c = 0; c < count; c++) target[c] = a.read(c, n, dtMs, i);
  });
  b.setEventClock(asStored ? a : n);
  // Learnt values (parameters changed by on_pre/on_post) are state too.
  b.setup.ir.params.forEach((param, k) => {
    const target = b.setup.connectionParams[k];
    const i = a.setup.ir.params.findIndex((p) => p.name === param.name);
    const source = i >= 0 ? a.setup.connectionParams[i] : null;
    const learnt = i >= 0 && a.setup.initialParams[i] !== null;
    if (!target || !source || !learnt || resetParams.has(`${b.id}.${param.name}`)) return;
    target.set(source);
  });
  if (!b.adoptQueue(a)) report.lostSpikes.push(b.id);
}

function equalArrays(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * How a simulation is laid out on the GPU, before any GPU object exists: each population's region
 * of the network's buffers, its kernel options, the projections its kernel runs (their data after
 * the population's), the projections that need kernels of their own, and how a chunk is dispatched.
 */
import { streamId } from '../rng';
import type { PopulationRuntime } from '../population';
import type { ProjectionRuntime } from '../projection';
import type { RecorderSetup, Simulation } from '../simulation';
import { planKernelLayout, type KernelLayout } from './kernelLayout';
import { kernelPhases, type KernelOptions } from './kernelPlan';
import { historyStepsFor, planProjection, type ProjectionPlan } from './gpuProjection';
import { historyRings } from './networkHistory';
import { SPIKE_COUNTERS_WORD, type BufferSizes, type PopulationRegion } from './networkBuffers';
import { projectionFunction, type HistoryRing } from './projectionSource';
import { planPush, pushFunctions } from './pushProjection';
import { needsPostHistory, synapseProgram, arrivalsNeedOrder, arrivalsInOrder } from './synapseProgram';
import { orderedArrivalsFunction } from './orderedArrivals';
import { carriesCurrent, inputOf } from './synapseCurrents';

/**
 * A network this small runs every step of a chunk in one workgroup (one dispatch a chunk, barriers
 * between the phases of a step) instead of a dispatch per step: neurons, and connections scanned a step.
 */
export const WORKGROUP_NETWORK_NEURONS = 1024;
export const WORKGROUP_NETWORK_CONNECTIONS = 65_536;

export interface PlannedPopulation {
  readonly pop: PopulationRuntime;
  readonly index: number;
  readonly layout: KernelLayout;
  readonly region: PopulationRegion;
  readonly options: KernelOptions;
  /** The projections into it that its kernel runs (host order). */
  readonly hosted: readonly ProjectionPlan[];
  /** Rows of S after its states: per-connection current inputs, then scratch rows of a split step. */
  readonly inputRows: ReadonlyMap<number, number>;
  /**
   * In a network with per-connection currents (or clock-driven equations that read the cells), the
   * projections into it run after the populations' step instead (`fn name(j: u32, n: i32)` each):
   * the arrivals in one phase, the currents in the next; clocks that read the cells in a phase
   * before the populations' step. An arrival's `round`: 0, or where an `on_pre`/`on_post` reads
   * pre cells that arrivals change, its projection's index, each round a phase of its own in the
   * CPU's order of projections; `single`: one thread applies them all, one by one (`fn name(n: i32)`,
   * orderedArrivals.ts).
   */
  readonly after?: { readonly source: readonly string[]; readonly clock: readonly string[]; readonly arrive: readonly { readonly name: string; readonly round: number; readonly single: boolean }[]; readonly currents: readonly string[] };
  /** The pushed projections into it (pushProjection.ts): each `fn <name>(p: u32, n: i32)` over its pre population's neurons. */
  readonly pushes: readonly { readonly name: string; readonly preSize: number }[];
}

export interface GpuPlan {
  readonly populations: readonly PlannedPopulation[];
  readonly rings: readonly HistoryRing[];
  readonly sizes: BufferSizes;
  readonly constants: Uint32Array;
  /**
   * 'whole': nothing couples the steps, one dispatch a chunk; 'workgroup': a small network, its
   * whole chunk in one workgroup; 'per-step-with-arrivals': a dispatch a step, projections inside;
   * 'per-step': with per-connection currents, a dispatch a step for the populations, one for the
   * arrivals and one for the currents.
   */
  readonly mode: 'whole' | 'workgroup' | 'per-step-with-arrivals' | 'per-step';
  /** Per-connection current projections (their first currents come from the host). */
  readonly currents: readonly ProjectionRuntime[];
}

type Recorders = { recorder: number; setup: RecorderSetup }[];

/**
 * `workgroup: false` keeps a small network on per-step dispatches, `push: false` pulls every
 * projection (to compare), `spikeFractions` stores where in its step each spike crossed, and
 * `spikeSlots` keeps that many spikes per neuron instead of a list (KernelOptions; their counters
 * are the STATUS words after the first two, before the accumulators).
 */
export function planGpu(host: Simulation, maxChunkSteps: number, planOptions: { readonly workgroup?: boolean; readonly push?: boolean; readonly spikeFractions?: boolean; readonly spikeSlots?: number } = {}): GpuPlan {
  const { spikeFractions } = planOptions;
  const spikeSlots = planOptions.spikeSlots ? { perNeuron: planOptions.spikeSlots, counters: SPIKE_COUNTERS_WORD } : undefined;
  // Per-connection currents (synapses whose current is not summed per neuron) arrive through rows
  // of the post population's state buffer after its states, one per input they drive.
  const currents = host.projections.filter(carriesCurrent);
  // Clock-driven per-connection equations that read the cells advance before the populations' step;
  // on_pre/on_post that read the pre cell run after every population's step.
  const readsCells = host.projections.some((p) => {
    const program = synapseProgram(p);
    return typeof program !== 'string' && (program.clockReadsCells || program.eventsReadPre);
  });
  // Projections run inside their post population's step, at the start of the next step, unless a
  // per-connection current must read every population after the step (or on_pre the pre cells then,
  // or clock-driven equations the cells before it): then, after the populations' step, every post
  // neuron's thread runs the arrivals (one dispatch), then the currents (another); and first, before
  // the step, the clocks.
  const arrivalsInKernels = currents.length === 0 && !readsCells && host.projections.length > 0;
  // Arrivals that read pre cells which arrivals change: a phase per projection, in order; those of a
  // projection that changes its own pre cells one by one (orderedArrivals.ts).
  const orderedArrivals = !arrivalsInKernels && arrivalsNeedOrder(host.projections);
  const oneByOne = arrivalsInOrder(host.projections);
  // Spike history each population keeps: its outgoing projections' longest delay + 1 steps (+ 1 when
  // arrivals run in the next step's kernels, where a population writes step n + 1 while another
  // reads step n − delay), and at least this step where an incoming projection has on_post.
  const extra = arrivalsInKernels ? 1 : 0;
  const historySteps = host.populations.map((pop) => host.projections.reduce((m, p) => Math.max(m, p.setup.pre === pop ? historyStepsFor(p) + extra : 0, p.setup.post === pop && needsPostHistory(p) ? 1 : 0), 0));
  const rings = historyRings(host.populations.map((pop, index) => ({ size: pop.size, steps: historySteps[index] })));
  const recordersOf = (test: (series: { populationIndex?: number; projectionIndex?: number }) => boolean): Recorders =>
    host.recorders.map((setup, recorder) => ({ recorder, setup })).filter(({ setup }) => setup.series.length > 0 && test(setup.series[0]));
  const connectionRecorders = (projection: ProjectionRuntime): Recorders => recordersOf((s) => s.projectionIndex === host.projections.indexOf(projection));
  const indexOf = (pop: PopulationRuntime): number => host.populations.indexOf(pop);

  const connections = host.projections.reduce((n, p) => n + p.setup.incoming.ids.length, 0);
  const neurons = host.populations.reduce((n, pop) => n + pop.size, 0);
  const small = planOptions.workgroup !== false && neurons <= WORKGROUP_NETWORK_NEURONS && connections <= WORKGROUP_NETWORK_CONNECTIONS;
  // Spikes are pushed by a dispatch of their own (a barrier phase in a small network's workgroup):
  // before the populations' step, whose kernels collect them, or where the projections run after
  // it, between it and the arrivals, which collect them.
  const mayPush = host.projections.length > 0 && planOptions.push !== false;

  // Regions one after the other, in each buffer (accumulators: words of STATUS after its two, and
  // after the spike counters when spikes are kept per neuron).
  const cursor = { states: 0, lastSpike: 0, stimuli: 0, records: 0, neurons: 0, accumulators: SPIKE_COUNTERS_WORD + (spikeSlots ? neurons : 0) };
  const constants: number[] = [];
  const statesBase = new Map<PopulationRuntime, number>();
  let states = 0;
  for (const pop of host.populations) {
    statesBase.set(pop, states);
    states += pop.size * (pop.states.length + inputRowsOf(pop, currents).size + kernelPhases(pop.flat, pop.setup.oneSpike, pop.size).scratchRows);
  }
  const populations = host.populations.map((pop, index): PlannedPopulation => {
    const layout = planKernelLayout(pop, recordersOf((s) => s.populationIndex === index), maxChunkSteps, { constants: constants.length, records: cursor.records });
    append(constants, layout.constants);
    cursor.records += layout.recordSlots;
    const inputRows = inputRowsOf(pop, currents);
    const lastSpike = cursor.lastSpike;
    cursor.lastSpike += pop.size;
    const assigned = new Set<number>();
    const hosted = host.projections.filter((p) => p.setup.post === pop).map((projection) => {
      // The first current into an input sets its row, the others add to it.
      let input: { row: number; assign: boolean } | undefined;
      if (carriesCurrent(projection)) {
        const driven = inputOf(projection);
        input = { row: inputRows.get(driven)!, assign: !assigned.has(driven) };
        assigned.add(driven);
      }
      const placement = {
        input,
        tableBase: constants.length,
        variablesBase: cursor.lastSpike,
        preHistory: rings[indexOf(projection.setup.pre)],
        postHistory: rings[index],
        postStates: statesBase.get(pop)!,
        preStates: statesBase.get(projection.setup.pre)!,
      };
      const recorders = connectionRecorders(projection);
      const program = synapseProgram(projection);
      const push = mayPush && typeof program !== 'string' ? planPush(projection, program, recorders.length > 0) : undefined;
      const plan = planProjection(projection, recorders, maxChunkSteps, placement, cursor.records, push, oneByOne.has(host.projections.indexOf(projection)));
      append(constants, plan.constants);
      cursor.records += plan.recording.slots;
      cursor.lastSpike += plan.variableWords;
      return plan;
    });
    const region: PopulationRegion = { pop, states: statesBase.get(pop)!, lastSpike, lastSpikeWords: cursor.lastSpike - lastSpike, stimuli: cursor.stimuli, stimulusWords: maxChunkSteps * layout.stimuli.length, neurons: cursor.neurons, ring: rings[index] };
    const names = hosted.map((_, k) => `p${index}_project_${k}`);
    // Each projection's WGSL: `step` (its arrivals, or what runs before them where `before`), `clock`, `push`.
    const functions = hosted.map((plan, k): { step: string[]; clock: string[]; push: string[]; before?: boolean } => {
      if (plan.table.byPre) {
        // Its recordings and clock-driven advance per post neuron first, then its arrivals one by one.
        const before = projectionFunction(names[k], plan.projection, plan.program, plan.table, plan.placement, plan.recording, false);
        return { step: [...before.step, ...orderedArrivalsFunction(names[k], plan.projection, plan.program, plan.table, plan.placement)], clock: before.clock, push: [], before: before.step.length > 0 };
      }
      if (!plan.push) return { ...projectionFunction(names[k], plan.projection, plan.program, plan.table, plan.placement, plan.recording), push: [] };
      const accumulators = cursor.accumulators;
      cursor.accumulators += plan.push.targets.length * pop.size;
      const { push, collect } = pushFunctions(names[k], plan.push, { tableBase: plan.placement.tableBase, accumulators, preHistory: plan.placement.preHistory, postStates: plan.placement.postStates });
      return { step: collect, clock: [], push };
    });
    const source = functions.flatMap((f) => [...f.step, ...f.clock, ...f.push]);
    const pushes = hosted.flatMap((plan, k) => (plan.push ? [{ name: `${names[k]}_push`, preSize: plan.projection.setup.pre.size }] : []));
    const options: KernelOptions = {
      integrator: pop.setup.integrator,
      sequential: pop.setup.sequential,
      dtMs: host.dtMs,
      seed: pop.seed,
      randomStream: streamId('rand', pop.id),
      historySteps: historySteps[index],
      historyBase: rings[index].base,
      bases: { states: region.states, lastSpike: region.lastSpike, stimuli: region.stimuli, neurons: region.neurons },
      arrivals: arrivalsInKernels && hosted.length > 0 ? { names, source } : undefined,
      inputRows,
      reductionRow: pop.states.length + inputRows.size,
      oneSpikeStream: pop.setup.oneSpike ? streamId('oneSpike', pop.id) : undefined,
      spikeFractions,
      spikeSlots,
    };
    cursor.stimuli += maxChunkSteps * layout.stimuli.length;
    cursor.neurons += pop.size;
    const after =
      arrivalsInKernels || hosted.length === 0
        ? undefined
        : {
            source,
            clock: names.filter((_, k) => functions[k].clock.length > 0).map((f) => `${f}_clock`),
            arrive: names.flatMap((name, k) => {
              if (hosted[k].placement.input) return [];
              const round = orderedArrivals ? host.projections.indexOf(hosted[k].projection) : 0;
              if (!hosted[k].table.byPre) return [{ name, round, single: false }];
              return [...(functions[k].before ? [{ name, round, single: false }] : []), { name: `${name}_ordered`, round, single: true }];
            }),
            currents: names.filter((_, k) => hosted[k].placement.input),
          };
    return { pop, index, layout, region, options, hosted, inputRows, after, pushes };
  });

  const coupled = host.projections.length > 0 || host.populations.some((pop) => kernelPhases(pop.flat, pop.setup.oneSpike, pop.size).entries.length > 1);
  const mode = !coupled ? 'whole' : small ? 'workgroup' : arrivalsInKernels ? 'per-step-with-arrivals' : 'per-step';
  return {
    populations,
    rings,
    sizes: { stateWords: states, lastSpikeWords: cursor.lastSpike, stimulusWords: cursor.stimuli, recordSlots: cursor.records, accumulatorWords: cursor.accumulators - 2, spikeWords: spikeFractions ? 3 : 2, spikeSlotWords: spikeSlots ? 2 * spikeSlots.perNeuron * cursor.neurons : 0 },
    constants: Uint32Array.from(constants),
    mode,
    currents,
  };
}

/** The rows of S after a population's states where per-connection currents into each input arrive. */
function inputRowsOf(pop: PopulationRuntime, currents: readonly ProjectionRuntime[]): Map<number, number> {
  const rows = new Map<number, number>();
  for (const projection of currents) {
    if (projection.setup.post !== pop) continue;
    const input = inputOf(projection);
    if (!rows.has(input)) rows.set(input, pop.states.length + rows.size);
  }
  return rows;
}

/** `to.push(...from)` without the argument limit (a table can hold millions of words). */
function append(to: number[], from: ArrayLike<number>): void {
  for (let k = 0; k < from.length; k++) to.push(from[k]);
}

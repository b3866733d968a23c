/**
 * What a projection's GPU kernel runs, read from its synapse model and synapse plan, or why the
 * WebGPU backend cannot run it yet (the reason users see).
 */
import { orderedArrivalsProblem } from './orderedArrivals';
import type { AssignmentIR, Expr } from '../../model/ir';
import { inlineDefinitions, symbolsOf } from '../../model/symbolic';
import { definitionMap } from '../../model/compile';
import type { ProjectionRuntime } from '../projection';

/**
 * What a projection's kernel does, from its synapse model: per-connection (event-driven) states and
 * the parameters `on_pre`/`on_post` assign (plastic, per connection on the GPU), the statements, and
 * the post states it adds to (summed synapse states, bound states such as `v`) or only reads.
 */
export interface SynapseProgram {
  /** Event-driven states, in the order of the host's per-connection state arrays. */
  readonly states: readonly string[];
  /** Indices of the parameters that on_pre/on_post assign (a weight under STDP). */
  readonly plastic: readonly number[];
  readonly onPre: readonly AssignmentIR[];
  readonly onPost: readonly AssignmentIR[];
  /**
   * Post state index of each summed or bound name that the statements change (+=, −=, =). The post
   * neuron's thread owns its connections and applies them one by one, in the CPU's order, so a
   * statement may read what it changes (a conductance jump v += w·(E − v)).
   */
  readonly changed: ReadonlyMap<string, number>;
  /** Post state index of each summed or bound name (`v`, `g`) the statements or the current read. */
  readonly read: ReadonlyMap<string, number>;
  /** The event-driven states (caught up exactly between events), by name. */
  readonly eventDriven: ReadonlySet<string>;
  /** Clock-driven states (one Euler step a step, as on the CPU): index in `states` and dx/dt. */
  readonly clock: readonly { readonly k: number; readonly rhs: Expr }[];
  /** Whether those equations read the cells (then they advance, and recordings are taken, in a phase before the populations' step). */
  readonly clockReadsCells: boolean;
  /** The current each connection injects into its post cell's input (definitions inlined), if any. */
  readonly current?: Expr;
  /** Pre state index of each pre-bound name (`v_pre`) the statements, the current or the clock-driven equations read. */
  readonly preRead: ReadonlyMap<string, number>;
  /**
   * Whether `on_pre` or `on_post` reads the pre cell (v_pre): then the arrivals run after every
   * population's step, where the CPU runs them (reading the pre cells at t_{n+1}), not inside the post
   * population's next step, where another population's thread may already be stepping them.
   */
  readonly eventsReadPre: boolean;
}

/** The kernel's program, or why the projection cannot run on the GPU yet. */
export function synapseProgram(projection: ProjectionRuntime): SynapseProgram | string {
  const { setup } = projection;
  const { ir, plan, layout } = setup;
  const what = `projection '${setup.id}' (${ir.name})`;
  const defs = definitionMap(ir);
  const paramIndex = new Map(ir.params.map((p, k) => [p.name, k]));
  const states = new Set(layout.connectionStates);
  const postState = (name: string): number => {
    const lumped = layout.lumped.get(name);
    const bound = layout.postInputs.get(name);
    const array = lumped !== undefined ? setup.lumpedArrays[lumped] : bound !== undefined ? setup.postArrays[bound] : undefined;
    return array ? setup.post.states.indexOf(array) : -1;
  };
  const preState = (name: string): number => {
    const pre = layout.preInputs.get(name);
    return pre !== undefined ? setup.pre.states.indexOf(setup.preArrays[pre]) : -1;
  };
  const read = new Map<string, number>();
  const preRead = new Map<string, number>();
  // Clock-driven states advance one Euler step a step. Their equations may read the post cell's
  // states (v) and the pre cell's (v_pre): then they advance in a phase of their own before the
  // populations' step, with the cells at t_n, as on the CPU.
  const clock: { k: number; rhs: Expr }[] = [];
  let clockReadsCells = false;
  for (const name of plan.clockDriven) {
    const rhs = inlineDefinitions(ir.equations.find((eq) => eq.state === name)!.rhs, defs);
    for (const x of symbolsOf(rhs)) {
      if (states.has(x) || paramIndex.has(x) || x === 'dt' || x === 'pi' || x === 't') continue;
      if (layout.postInputs.has(x) && postState(x) >= 0) read.set(x, postState(x));
      else if (preState(x) >= 0) preRead.set(x, preState(x));
      else return `${what}: its per-connection state '${name}' evolves with '${x}', which the WebGPU backend does not provide to per-connection equations`;
      clockReadsCells = true;
    }
    clock.push({ k: layout.connectionStates.indexOf(name), rhs });
  }
  const plastic = new Set<number>();
  const changed = new Map<string, number>();
  let eventsReadPre = false;
  const statements = (list: readonly AssignmentIR[]): AssignmentIR[] | string => {
    const out: AssignmentIR[] = [];
    for (const a of list) {
      const expr = inlineDefinitions(a.expr, defs);
      for (const name of symbolsOf(expr)) {
        if (paramIndex.has(name) || states.has(name) || name === 'dt' || name === 'pi' || name === 't') continue;
        if (postState(name) >= 0) read.set(name, postState(name));
        else if (preState(name) >= 0) {
          preRead.set(name, preState(name));
          eventsReadPre = true;
        } else return `${what}: its ${list === ir.onPre ? 'on_pre' : 'on_post'} reads '${name}', which the WebGPU backend does not provide to synapses yet`;
      }
      if (states.has(a.target)) out.push({ ...a, expr });
      else if (paramIndex.has(a.target)) {
        if (!setup.connectionParams[paramIndex.get(a.target)!]) return `internal: plastic parameter '${a.target}' of ${what} is not stored per connection`;
        plastic.add(paramIndex.get(a.target)!);
        out.push({ ...a, expr });
      } else {
        const state = postState(a.target);
        if (state < 0) return `${what}: its on_pre changes '${a.target}', which is not a state of the post population`;
        changed.set(a.target, state);
        out.push({ ...a, expr });
      }
    }
    return out;
  };
  const onPre = statements(ir.onPre);
  if (typeof onPre === 'string') return onPre;
  const onPost = statements(ir.onPost);
  if (typeof onPost === 'string') return onPost;
  let current: Expr | undefined;
  if (plan.current === 'per-connection' && ir.current) {
    current = inlineDefinitions(ir.current.expr, defs);
    for (const name of symbolsOf(current)) {
      if (paramIndex.has(name) || states.has(name) || name === 'dt' || name === 'pi' || name === 't') continue;
      if (postState(name) >= 0) read.set(name, postState(name));
      else if (preState(name) >= 0) preRead.set(name, preState(name));
      else return `${what}: its per-connection current reads '${name}', which the WebGPU backend does not provide to synapses yet`;
    }
  }
  return { states: layout.connectionStates, plastic: [...plastic].sort((a, b) => a - b), onPre, onPost, changed, read, eventDriven: new Set(plan.eventDriven), clock, clockReadsCells, current, preRead, eventsReadPre };
}

export function gpuProjectionUnsupported(projection: ProjectionRuntime): string | undefined {
  const result = synapseProgram(projection);
  return typeof result === 'string' ? result : undefined;
}

/**
 * The pairs (reader, writer) of projections where an `on_pre`/`on_post` of the reader reads a state
 * of its pre cells that the writer's arrivals change in the same step (the writer's post population
 * is the reader's pre). The CPU applies arrivals projection by projection; one thread per post
 * neuron for all of them at once would race.
 */
function arrivalConflicts(projections: readonly ProjectionRuntime[]): { reader: number; writer: number; name: string }[] {
  const programs = projections.map((p) => synapseProgram(p));
  const conflicts: { reader: number; writer: number; name: string }[] = [];
  for (const [b, reader] of programs.entries()) {
    if (typeof reader === 'string' || !reader.eventsReadPre) continue;
    const pre = projections[b].setup.pre;
    for (const [name, state] of reader.preRead) {
      for (const [a, writer] of programs.entries()) {
        if (typeof writer !== 'string' && projections[a].setup.post === pre && [...writer.changed.values()].includes(state)) conflicts.push({ reader: b, writer: a, name });
      }
    }
  }
  return conflicts;
}

/**
 * The projections whose arrivals read a state of their pre cells that their own arrivals change
 * (pre and post one population): the CPU applies them connection by connection, and so must the GPU
 * (orderedArrivals.ts).
 */
export function arrivalsInOrder(projections: readonly ProjectionRuntime[]): Map<number, string> {
  return new Map(arrivalConflicts(projections).flatMap((c) => (c.reader === c.writer ? [[c.reader, c.name] as const] : [])));
}

/**
 * Why the network's arrivals cannot run on the GPU: a projection whose arrivals must run one by one
 * (`arrivalsInOrder`) has a per-connection current. Between projections the GPU keeps the CPU's
 * order (`arrivalsNeedOrder`).
 */
export function gpuArrivalOrderUnsupported(projections: readonly ProjectionRuntime[]): string | undefined {
  for (const [k, name] of arrivalsInOrder(projections)) {
    const program = synapseProgram(projections[k]);
    const problem = typeof program === 'string' ? program : orderedArrivalsProblem(program);
    if (!problem) continue;
    const { setup } = projections[k];
    return `projection '${setup.id}' (${setup.ir.name}) reads '${name}' of '${setup.pre.id}', which its own arrivals change in the same step; the WebGPU backend applies such arrivals one by one, but not where ${problem}`;
  }
  return undefined;
}

/** Whether arrivals must run projection by projection, in the CPU's order: one reads pre cells that arrivals change. */
export function arrivalsNeedOrder(projections: readonly ProjectionRuntime[]): boolean {
  return arrivalConflicts(projections).length > 0;
}

/** Whether the projection's post population must keep spike history (for on_post). */
export function needsPostHistory(projection: ProjectionRuntime): boolean {
  return projection.setup.ir.onPost.length > 0;
}

/**
 * One projection at run time: its connections (creation order + CSR by pre and by post), delays and
 * the spike queue, per-connection arrays, and the generated event and clock functions.
 *
 * Within step n, after every population has stepped: the spikes of step n are queued with their
 * delays, the spikes arriving at step n run `on_pre`, then the post-synaptic spikes of step n run
 * `on_post`. With delay 0 a spike's effect is seen from step n + 1 on (as in Brian2).
 */
import type { ModelIR } from '../model/ir';
import { generateProjectionCode, type ProjectionCodeLayout } from './cpu/synapseCodegen';
import type { ConnectionList, OutgoingCSR } from './connectivity';
import { EngineError } from './errors';
import type { PopulationRuntime, StateArray } from './population';
import type { SynapsePlan } from '../model/synapsePlan';

export interface ProjectionSetup {
  readonly id: string;
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  readonly pre: PopulationRuntime;
  readonly post: PopulationRuntime;
  readonly connections: ConnectionList;
  readonly outgoing: OutgoingCSR;
  readonly incoming: OutgoingCSR;
  /** Delay in steps: one for all connections, or one per connection. */
  readonly delaySteps: number | Int32Array;
  readonly layout: ProjectionCodeLayout;
  readonly connectionStates: StateArray[];
  readonly scalarParams: Float64Array;
  readonly connectionParams: (Float64Array | Float32Array | null)[];
  /** The post population's input array receiving per-connection currents (if any). */
  readonly inputArray: Float64Array | null;
  readonly lumpedArrays: StateArray[];
  readonly postArrays: StateArray[];
  readonly preArrays: StateArray[];
  /** The values plastic parameters start from (what restoreInitial copies back); null for the others. */
  readonly initialParams: readonly (Float64Array | Float32Array | null)[];
  /** Puts per-connection states and plastic parameters back to their initial values. */
  readonly restoreInitial: () => void;
}

interface Generated {
  arrivePre(ids: Int32Array, count: number, n: number, dt: number): void;
  arriveConnections(ids: Int32Array, count: number, n: number, dt: number): void;
  arrivePost(ids: Int32Array, count: number, n: number, dt: number): void;
  currents(n: number, dt: number): void;
  advance(n: number, dt: number): void;
  read(c: number, n: number, dt: number, which: number): number;
}

/** A queue slot: a growable list of ids (pre neurons or connections) arriving at one step. */
class Slot {
  ids = new Int32Array(16);
  count = 0;
  push(id: number): void {
    if (this.count === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.count++] = id;
  }
}

export class ProjectionRuntime {
  readonly id: string;
  private readonly code: Generated;
  private readonly slots: Slot[];
  private readonly lastUpdate: Int32Array;
  private readonly needsCurrents: boolean;
  private readonly needsClock: boolean;
  private readonly hasOnPost: boolean;

  constructor(readonly setup: ProjectionSetup) {
    this.id = setup.id;
    const { delaySteps, connections } = setup;
    const maxDelay = typeof delaySteps === 'number' ? delaySteps : delaySteps.reduce((m, d) => Math.max(m, d), 0);
    this.slots = Array.from({ length: maxDelay + 1 }, () => new Slot());
    this.lastUpdate = new Int32Array(connections.pre.length);
    this.needsCurrents = setup.plan.current === 'per-connection';
    this.needsClock = setup.plan.clockDriven.length > 0;
    this.hasOnPost = setup.ir.onPost.length > 0;
    const ctx = {
      PRE: connections.pre,
      POST: connections.post,
      IND: setup.outgoing.indptr,
      OUT: setup.outgoing.ids,
      INI: setup.incoming.indptr,
      INC: setup.incoming.ids,
      LU: this.lastUpdate,
      PS: setup.scalarParams,
      PC: setup.connectionParams,
      SC: setup.connectionStates,
      G: setup.lumpedArrays,
      VP: setup.postArrays,
      VR: setup.preArrays,
      IN: setup.inputArray,
    };
    this.code = new Function('ctx', generateProjectionCode(setup.layout) + `\n// projection ${++projectionCount}`)(ctx) as Generated;
  }

  get size(): number {
    return this.setup.connections.pre.length;
  }

  /** Before recording: this step's per-connection currents into the post cells' inputs. */
  addCurrents(n: number, dtMs: number): void {
    if (this.needsCurrents) this.code.currents(n, dtMs);
  }

  /** After recording, before the populations step: clock-driven synapse states advance one step. */
  advanceClock(n: number, dtMs: number): void {
    if (this.needsClock) this.code.advance(n, dtMs);
  }

  /** After the populations stepped: queue this step's spikes, deliver what arrives now, run on_post. */
  afterStep(n: number, dtMs: number, preSpikes: number, postSpikes: number): void {
    const { delaySteps } = this.setup;
    const length = this.slots.length;
    const preIds = this.setup.pre.spikeBuffer;
    if (typeof delaySteps === 'number') {
      const slot = this.slots[(n + delaySteps) % length];
      for (let k = 0; k < preSpikes; k++) slot.push(preIds[k]);
    } else {
      const { indptr, ids } = this.setup.outgoing;
      for (let k = 0; k < preSpikes; k++) {
        const from = preIds[k];
        for (let q = indptr[from]; q < indptr[from + 1]; q++) {
          const c = ids[q];
          this.slots[(n + delaySteps[c]) % length].push(c);
        }
      }
    }
    const now = this.slots[n % length];
    if (now.count > 0) {
      if (typeof delaySteps === 'number') this.code.arrivePre(now.ids, now.count, n, dtMs);
      else this.code.arriveConnections(now.ids, now.count, n, dtMs);
      now.count = 0;
    }
    if (this.hasOnPost && postSpikes > 0) this.code.arrivePost(this.setup.post.spikeBuffer, postSpikes, n, dtMs);
  }

  /** Value of a per-connection variable now (states, with event-driven ones advanced to step n). */
  read(connection: number, n: number, dtMs: number, which: number): number {
    return this.code.read(connection, n, dtMs, which);
  }

  /**
   * Changes synapse parameter k between steps (live edits), canonical units: one value for every
   * connection or one per connection. A plastic parameter also starts from it after a reset. A
   * parameter stored once for all connections cannot take per-connection values (that changes the
   * generated code and maybe the synapse plan: a rebuild).
   */
  setParam(k: number, value: number | Float64Array): void {
    const perConnection = this.setup.connectionParams[k];
    if (perConnection) {
      if (typeof value === 'number') perConnection.fill(value);
      else if (value.length === perConnection.length) perConnection.set(value);
      else throw new EngineError('invalid-value', `${this.id}: expected ${perConnection.length} values (one per connection), got ${value.length}`);
      this.setup.initialParams[k]?.set(perConnection);
      return;
    }
    if (typeof value !== 'number') throw new EngineError('unsupported', `${this.id}.${this.setup.ir.params[k].name} has one value for all connections; per-connection values need a rebuild`);
    this.setup.scalarParams[k] = value;
  }

  /**
   * Hot reload: takes over the spikes in transit of `from`, a runtime of the same projection with
   * the same connections and delays (so the ids in its slots mean the same here). False, and the
   * queue left empty, when the delays do not match.
   */
  adoptQueue(from: ProjectionRuntime): boolean {
    const sameShape = from.slots.length === this.slots.length && typeof from.setup.delaySteps === typeof this.setup.delaySteps;
    if (!sameShape) return false;
    this.slots.forEach((slot, k) => {
      slot.ids = from.slots[k].ids.slice();
      slot.count = from.slots[k].count;
    });
    return true;
  }

  /**
   * Hot reload: when event-driven states were last brought up to date. A step n: every state was
   * set to its value at n (read with `read`). Another runtime: its states were copied as stored,
   * so their per-connection times are copied too (and the catch-up at the next event is the same
   * single exact step it would have been).
   */
  /** Per connection, the step its event-driven states were last brought up to date (another backend reads and writes it). */
  get eventClock(): Int32Array {
    return this.lastUpdate;
  }

  setEventClock(source: number | ProjectionRuntime): void {
    if (typeof source === 'number') this.lastUpdate.fill(source);
    else this.lastUpdate.set(source.lastUpdate);
  }

  /**
   * Spikes still travelling before step n (another backend takes over): for every queued arrival at
   * step n or later, the step its pre neuron spiked and the neuron, as [step, pre] pairs.
   */
  spikesInTransit(n: number): [number, number][] {
    const { delaySteps, connections } = this.setup;
    const length = this.slots.length;
    const out: [number, number][] = [];
    this.slots.forEach((slot, k) => {
      const arrival = n + ((((k - n) % length) + length) % length);
      for (let j = 0; j < slot.count; j++) {
        const id = slot.ids[j];
        if (typeof delaySteps === 'number') out.push([arrival - delaySteps, id]);
        else out.push([arrival - delaySteps[id], connections.pre[id]]);
      }
    });
    return out;
  }

  /**
   * Rebuilds the queue at step n from the pre population's spikes of the last steps, after another
   * backend ran them: `spikedAt(s)` lists the pre neurons that spiked at step s, ascending. The
   * queue is then what this runtime would hold had it run those steps itself (same order).
   */
  refillQueue(n: number, spikedAt: (step: number) => ArrayLike<number>): void {
    const { delaySteps } = this.setup;
    const length = this.slots.length;
    for (const slot of this.slots) slot.count = 0;
    for (let s = Math.max(0, n - length + 1); s < n; s++) {
      const spiked = spikedAt(s);
      for (let k = 0; k < spiked.length; k++) {
        const pre = spiked[k];
        if (typeof delaySteps === 'number') {
          if (s + delaySteps >= n) this.slots[(s + delaySteps) % length].push(pre);
          continue;
        }
        const { indptr, ids } = this.setup.outgoing;
        for (let q = indptr[pre]; q < indptr[pre + 1]; q++) {
          const c = ids[q];
          if (s + delaySteps[c] >= n) this.slots[(s + delaySteps[c]) % length].push(c);
        }
      }
    }
  }

  /** Back to t = 0: an empty queue and every per-connection value as it was built. */
  reset(): void {
    for (const slot of this.slots) slot.count = 0;
    this.lastUpdate.fill(0);
    this.setup.restoreInitial();
  }
}

let projectionCount = 0;

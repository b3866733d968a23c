/**
 * One projection of the differentiable network: spikes queued with their delays and delivered
 * through `on_pre` with tangents (as the engine delivers them, at the end of the arrival step), and
 * the pre neurons' surrogate spike derivatives carried to the post cells' tangents.
 *
 * A spike s_j of pre neuron j is treated as s_j + (σ'(margin_j)·∂margin_j/∂θ)·δθ: the increment an
 * arrival makes (`g += w`) is added to ∂g/∂θ in proportion to ∂s_j/∂θ at every step, spike or not,
 * delayed like the spike. Increments must not depend on the states (onPreTangent.generateIncrements),
 * so they are computed once per run per connection.
 */
import type { ProjectionSetup } from '../engine/projection';
import { compileIncrements, compileOnPre, generateIncrements, generateOnPreTangent, type OnPreFunction } from './onPreTangent';
import { EngineError } from '../engine/errors';
import type { FlatModel } from '../engine/flatten';

export interface NetworkProjectionCode {
  readonly setup: ProjectionSetup;
  readonly gradient: OnPreFunction;
  readonly forward: OnPreFunction;
  /** Present when the pre population is differentiable (its spikes carry derivatives). */
  readonly increments?: { readonly fn: (R: Float64Array, r: number, T: Float64Array, dt: number, OUT: Float64Array, b: number) => void; readonly targets: readonly number[] };
}

export function compileNetworkProjection(setup: ProjectionSetup, postFlat: FlatModel, trained: ReadonlyMap<string, number>, paramCount: number, carriesDerivatives: boolean, where: string): NetworkProjectionCode {
  const spec = (P: number) => ({ id: setup.id, ir: setup.ir, plan: setup.plan, trained, paramCount: P });
  const code: NetworkProjectionCode = { setup, gradient: compileOnPre(generateOnPreTangent(spec(paramCount), postFlat)), forward: compileOnPre(generateOnPreTangent(spec(0), postFlat)) };
  if (!carriesDerivatives) return code;
  const inc = generateIncrements(spec(paramCount), postFlat);
  if ('problem' in inc) throw new EngineError('unsupported', `${where}: projection '${setup.id}' ('${setup.pre.id}' → '${setup.post.id}'): ${inc.problem}`);
  return { ...code, increments: { fn: compileIncrements(inc.code), targets: inc.targets } };
}

/** The per-run state of a projection: queued arrivals, and queued tangent increments. */
export class NetworkProjection {
  private readonly slots: Int32Array[];
  private readonly counts: Int32Array;
  private readonly ring: number;
  /** Connection parameter rows, [c * width + j]. */
  private readonly R: Float64Array;
  private readonly width: number;
  /** Per connection and target: the arrival's increment. */
  private readonly INC: Float64Array;
  /** Queued tangent increments: [((slot * Npost + i) * T + q) * P + k]. */
  private readonly ACC: Float64Array;
  private readonly targets: readonly number[];
  private readonly postStates: number;

  constructor(
    private readonly code: NetworkProjectionCode,
    private readonly theta: Float64Array,
    private readonly P: number,
    dtMs: number,
  ) {
    const { setup } = code;
    const C = setup.connections.pre.length;
    const d = setup.delaySteps;
    this.ring = (typeof d === 'number' ? d : d.reduce((a, b) => Math.max(a, b), 0)) + 1;
    this.slots = Array.from({ length: this.ring }, () => new Int32Array(16));
    this.counts = new Int32Array(this.ring);
    this.width = setup.ir.params.length;
    this.R = new Float64Array(C * this.width);
    for (let j = 0; j < this.width; j++) {
      const perConnection = setup.connectionParams[j];
      for (let c = 0; c < C; c++) this.R[c * this.width + j] = perConnection ? perConnection[c] : setup.scalarParams[j];
    }
    this.postStates = setup.post.flat.states.length;
    const inc = P > 0 ? code.increments : undefined;
    this.targets = inc?.targets ?? [];
    const T = this.targets.length;
    this.INC = new Float64Array(inc ? C * T : 0);
    if (inc) for (let c = 0; c < C; c++) inc.fn(this.R, c * this.width, theta, dtMs, this.INC, c * T);
    this.ACC = new Float64Array(inc ? this.ring * setup.post.size * T * P : 0);
  }

  /**
   * After every population stepped n: queue the spikes of the pre neurons `ids[0..count)` (and the
   * surrogate derivatives DS of a differentiable pre population), then deliver what arrives at n.
   */
  afterStep(n: number, dtMs: number, ids: Int32Array, from: number, to: number, DS: Float64Array | null, X: Float64Array, DX: Float64Array): void {
    const { setup } = this.code;
    const { indptr, ids: out } = setup.outgoing;
    const delay = setup.delaySteps;
    const ring = this.ring;
    for (let s = from; s < to; s++) {
      const j = ids[s];
      for (let q = indptr[j]; q < indptr[j + 1]; q++) {
        const c = out[q];
        this.push((n + (typeof delay === 'number' ? delay : delay[c])) % ring, c);
      }
    }
    if (DS && this.ACC.length > 0) this.carryDerivatives(n, DS);
    const now = n % ring;
    const list = this.slots[now];
    const apply = this.P > 0 ? this.code.gradient : this.code.forward;
    const post = setup.connections.post;
    const S = this.postStates;
    for (let e = 0; e < this.counts[now]; e++) {
      const c = list[e];
      apply(X, DX, this.R, c * this.width, this.theta, n, dtMs, post[c] * S);
    }
    this.counts[now] = 0;
    if (this.ACC.length > 0) this.deliverDerivatives(now, DX);
  }

  private push(slot: number, c: number): void {
    let list = this.slots[slot];
    if (this.counts[slot] === list.length) {
      const grown = new Int32Array(list.length * 2);
      grown.set(list);
      this.slots[slot] = list = grown;
    }
    list[this.counts[slot]++] = c;
  }

  private carryDerivatives(n: number, DS: Float64Array): void {
    const { setup } = this.code;
    const { indptr, ids: out } = setup.outgoing;
    const post = setup.connections.post;
    const delay = setup.delaySteps;
    const { P, ring, INC, ACC } = this;
    const T = this.targets.length;
    const Npost = setup.post.size;
    const J = setup.pre.size;
    for (let j = 0; j < J; j++) {
      let any = false;
      for (let k = 0; k < P; k++) if (DS[j * P + k] !== 0) any = true;
      if (!any) continue;
      for (let q = indptr[j]; q < indptr[j + 1]; q++) {
        const c = out[q];
        const slot = (n + (typeof delay === 'number' ? delay : delay[c])) % ring;
        const base = (slot * Npost + post[c]) * T * P;
        for (let t = 0; t < T; t++) {
          const inc = INC[c * T + t];
          for (let k = 0; k < P; k++) ACC[base + t * P + k] += inc * DS[j * P + k];
        }
      }
    }
  }

  private deliverDerivatives(slot: number, DX: Float64Array): void {
    const { P, ACC, targets } = this;
    const T = targets.length;
    const S = this.postStates;
    const Npost = this.code.setup.post.size;
    const start = slot * Npost * T * P;
    for (let i = 0; i < Npost; i++) {
      for (let t = 0; t < T; t++) {
        const a = start + (i * T + t) * P;
        const d = (i * S + targets[t]) * P;
        for (let k = 0; k < P; k++) {
          DX[d + k] += ACC[a + k];
          ACC[a + k] = 0;
        }
      }
    }
  }
}

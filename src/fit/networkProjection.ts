/**
 * One projection of the differentiable network: spikes queued with their delays and delivered
 * through `on_pre` with tangents (as the engine delivers them, at the end of the arrival step), and
 * — for a differentiable pre population — how a spike's dependence on θ reaches the post cells:
 *
 *  - 'surrogate': the spike s_j counts as s_j + σ'(margin_j)·∂margin_j/∂θ·δθ, so each arrival's
 *    increment (`g += w`) is added to ∂g/∂θ in proportion to ∂s_j/∂θ at every step, spike or not,
 *    delayed like the spike;
 *  - 'spike-times': an actual spike's time moves by ∂t/∂θ, and its arrival with it; the post cell's
 *    derivative takes the jump condition (arrivalTimeTangent.ts);
 *  - 'detach': neither (other neurons' spikes stay where they happened).
 * Increments must not depend on the states (onPreTangent.generateIncrements), so they are computed
 * once per run per connection.
 */
import type { ProjectionSetup } from '../engine/projection';
import { compileIncrements, compileOnPre, generateIncrements, generateOnPreTangent, type IncrementFunction, type OnPreFunction } from './onPreTangent';
import { compileJump, generateJump, type JumpFunction } from './arrivalTimeTangent';
import { EngineError } from '../engine/errors';

export type SynapseGradient = 'detach' | 'surrogate' | 'spike-times';

export interface NetworkProjectionCode {
  readonly setup: ProjectionSetup;
  readonly gradient: OnPreFunction;
  readonly forward: OnPreFunction;
  readonly mode: SynapseGradient;
  /** Present when the pre population's spikes carry derivatives (mode other than detach). */
  readonly increments?: { readonly fn: IncrementFunction; readonly targets: readonly number[] };
  /** 'spike-times': the jump condition on the post cell. */
  readonly jump?: JumpFunction;
}

/** The post population's arrays a delivery reads and changes. */
export interface PostArrays {
  readonly X: Float64Array;
  readonly DX: Float64Array;
  readonly PV: Float64Array;
  readonly PA: readonly (Float64Array | null)[];
  readonly UA: readonly Float64Array[];
  readonly LS: Int32Array;
}

/** The pre population's derivative outputs of the step (null for replayed, fixed populations). */
export interface PreDerivatives {
  readonly DS: Float64Array;
  readonly TS: Float64Array;
}

export function compileNetworkProjection(setup: ProjectionSetup, postParamIsArray: readonly boolean[], trained: ReadonlyMap<string, number>, paramCount: number, mode: SynapseGradient, where: string): NetworkProjectionCode {
  const postFlat = setup.post.flat;
  const spec = (P: number) => ({ id: setup.id, ir: setup.ir, plan: setup.plan, trained, paramCount: P });
  const code: NetworkProjectionCode = { setup, mode, gradient: compileOnPre(generateOnPreTangent(spec(paramCount), postFlat)), forward: compileOnPre(generateOnPreTangent(spec(0), postFlat)) };
  if (mode === 'detach' || paramCount === 0) return code;
  const inc = generateIncrements(spec(paramCount), postFlat);
  if ('problem' in inc) throw new EngineError('unsupported', `${where}: projection '${setup.id}' ('${setup.pre.id}' → '${setup.post.id}'): ${inc.problem}`);
  const increments = { fn: compileIncrements(inc.code), targets: inc.targets };
  if (mode === 'surrogate') return { ...code, increments };
  return { ...code, increments, jump: compileJump(generateJump(postFlat, inc.targets, postParamIsArray, paramCount)) };
}

const rowsCache = new WeakMap<ProjectionSetup, Float64Array>();

/**
 * The connections' synapse parameters as rows, [c * width + j] (what `on_pre` reads; trained values
 * come from θ instead). The same for every run of a case, so built once per compiled projection.
 */
function connectionRows(setup: ProjectionSetup): Float64Array {
  let rows = rowsCache.get(setup);
  if (rows) return rows;
  const width = setup.ir.params.length;
  const C = setup.connections.pre.length;
  rows = new Float64Array(C * width);
  for (let j = 0; j < width; j++) {
    const perConnection = setup.connectionParams[j];
    for (let c = 0; c < C; c++) rows[c * width + j] = perConnection ? perConnection[c] : setup.scalarParams[j];
  }
  rowsCache.set(setup, rows);
  return rows;
}

/** The per-run state of a projection: queued arrivals, and what their derivatives need. */
export class NetworkProjection {
  private readonly slots: Int32Array[];
  private readonly counts: Int32Array;
  private readonly ring: number;
  /** Connection parameter rows, [c * width + j]. */
  private readonly R: Float64Array;
  private readonly width: number;
  /** Per connection and target: the arrival's increment. */
  private readonly INC: Float64Array;
  private readonly targets: readonly number[];
  /** 'surrogate': queued tangent increments, [((slot * Npost + i) * T + q) * P + k]. */
  private readonly ACC: Float64Array;
  /** 'spike-times': ∂t/∂θ of the pre neurons' spikes by step, [((step % ring) * Npre + j) * P + k]. */
  private readonly TSH: Float64Array;
  private readonly postStates: number;
  private readonly mode: SynapseGradient;

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
    this.R = connectionRows(setup);
    this.postStates = setup.post.flat.states.length;
    const inc = P > 0 ? code.increments : undefined;
    this.mode = inc ? code.mode : 'detach';
    this.targets = inc?.targets ?? [];
    const T = this.targets.length;
    this.INC = new Float64Array(inc ? C * T : 0);
    if (inc) for (let c = 0; c < C; c++) inc.fn(this.R, c * this.width, theta, dtMs, this.INC, c * T);
    this.ACC = new Float64Array(this.mode === 'surrogate' ? this.ring * setup.post.size * T * P : 0);
    this.TSH = new Float64Array(this.mode === 'spike-times' ? this.ring * setup.pre.size * P : 0);
  }

  /**
   * After every population stepped n: queue the spikes of the pre neurons `ids[from..to)` (with
   * their derivatives, from a differentiable pre population), then deliver what arrives at n.
   */
  afterStep(n: number, dtMs: number, ids: Int32Array, from: number, to: number, pre: PreDerivatives | null, post: PostArrays): void {
    const { setup } = this.code;
    const { indptr, ids: out } = setup.outgoing;
    const delay = setup.delaySteps;
    const { ring, P } = this;
    const history = pre && this.mode === 'spike-times' ? this.TSH : null;
    // Only neurons that spiked now are written: an arrival reads exactly the spike that queued it.
    for (let s = from; s < to; s++) {
      const j = ids[s];
      if (history) for (let k = 0; k < P; k++) history[((n % ring) * setup.pre.size + j) * P + k] = pre!.TS[s * P + k];
      for (let q = indptr[j]; q < indptr[j + 1]; q++) {
        const c = out[q];
        this.push((n + (typeof delay === 'number' ? delay : delay[c])) % ring, c);
      }
    }
    if (pre && this.mode === 'surrogate') this.carrySurrogate(n, pre.DS);
    const now = n % ring;
    const list = this.slots[now];
    const apply = P > 0 ? this.code.gradient : this.code.forward;
    const jump = history ? this.code.jump! : null;
    const connectionPre = setup.connections.pre;
    const connectionPost = setup.connections.post;
    const S = this.postStates;
    const T = this.targets.length;
    const { X, DX } = post;
    for (let e = 0; e < this.counts[now]; e++) {
      const c = list[e];
      const i = connectionPost[c];
      apply(X, DX, this.R, c * this.width, this.theta, n, dtMs, i * S);
      if (jump) {
        const spikeStep = n - (typeof delay === 'number' ? delay : delay[c]);
        jump(X, DX, i * S, i, post.PV, post.PA, post.UA, post.LS, n, dtMs, this.INC, c * T, this.TSH, ((spikeStep % ring) * setup.pre.size + connectionPre[c]) * P);
      }
    }
    this.counts[now] = 0;
    if (this.ACC.length > 0) this.deliverSurrogate(now, DX);
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

  private carrySurrogate(n: number, DS: Float64Array): void {
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

  private deliverSurrogate(slot: number, DX: Float64Array): void {
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

/**
 * Emits the per-neuron expressions of a step program as WebAssembly SIMD code over four float32
 * lanes. Uniform subexpressions come from splatted scalar slots (KernelScope); a line is computed
 * where first used and kept in a local; conditions are lane masks. Rewrites that change nothing but
 * rounding: x + (c·x)·u → x·(1 + c·u), x/u → x·(1/u), (−x)/u → x·(−1/u), (−x)·u → x·(−u),
 * c ? a : 0 → a & c, integer powers as products.
 */
import type { Expr } from '../../model/ir';
import { RNG_CONSTANTS } from '../rng';
import { SIMD, type CodeBuilder } from './binary';
import type { Kind, KernelScope } from './kernelScope';
import { KernelUnsupported } from './unsupported';
import { emitCos2Pi, emitExp, emitExprel, emitLog, emitMix32, emitTanh } from './vectorMath';

export class LaneEmitter {
  /** Locals holding each per-neuron value (leaves and lines) in the loop. */
  readonly locals = new Map<string, number>();
  /** Splatted scalar slots the loop reads: slot → local, filled before the loop. */
  readonly slotLocals = new Map<number, number>();
  private readonly drawLocals = new Map<Expr, number>();
  /** The local with the four lanes' neuron indices (the counter of random draws). */
  lanes = -1;

  constructor(
    private readonly scope: KernelScope,
    private readonly code: CodeBuilder,
    /** rand()/randn() sites in the JavaScript step's order (its stream numbering). */
    private readonly draws: readonly Expr[],
    private readonly randomStream: number,
  ) {}

  /** Pushes the uniform part of an input (the stimuli summed over all neurons), splatted. */
  emitSlotOf(name: string): void {
    this.code.get(this.splatSlot(this.scope.slot(sym(name))));
  }

  /** Pushes the value of a line or leaf, converted to the wanted kind. */
  emitValue(name: string, want: Kind): void {
    this.emit(sym(name), want);
  }

  splatSlot(slot: number): number {
    let local = this.slotLocals.get(slot);
    if (local === undefined) this.slotLocals.set(slot, (local = this.code.local('v128')));
    return local;
  }

  /** Emits `e` as a vector of the wanted kind. */
  emit(e: Expr, want: Kind): void {
    const c = this.code;
    const kind = this.scope.kindOf(e);
    if (this.scope.isUniform(e) && e.k !== 'num') {
      const slot = this.scope.slot(e);
      c.get(this.splatSlot(slot));
      return this.convert(this.scope.slotKind[slot], want);
    }
    switch (e.k) {
      case 'num':
        if (want === 'mask') c.i32x4(e.v !== 0 ? -1 : 0);
        else c.f32x4(e.v);
        return;
      case 'sym': {
        let local = this.locals.get(e.name);
        if (local === undefined) {
          const line = this.scope.lineExpr.get(e.name);
          if (!line) throw new Error('internal: a value used before it is computed in the SIMD kernel');
          local = c.local('v128');
          this.emit(line, kind);
          c.tee(local);
          this.locals.set(e.name, local);
        } else c.get(local);
        return this.convert(kind, want);
      }
      case 'un':
        if (e.op === 'not') {
          this.emit(e.a, 'mask');
          c.simd(SIMD.not);
        } else {
          this.emit(e.a, 'num');
          c.simd(SIMD.f32x4Neg);
        }
        return this.convert(kind, want);
      case 'cond':
        // c ? a : 0 is a & c, and c ? 0 : b is b & ~c (refractoriness, spike decisions).
        if (isZero(e.b)) {
          this.emit(e.a, kind);
          this.emit(e.c, 'mask');
          c.simd(SIMD.and);
        } else if (isZero(e.a)) {
          this.emit(e.b, kind);
          this.emit(e.c, 'mask');
          c.simd(SIMD.andnot);
        } else {
          this.emit(e.a, kind);
          this.emit(e.b, kind);
          this.emit(e.c, 'mask');
          c.simd(SIMD.bitselect);
        }
        return this.convert(kind, want);
      case 'bin':
        this.emitBinary(e);
        return this.convert(kind, want);
      case 'call':
        this.emitCall(e);
        return this.convert('num', want);
      case 'reduce':
        throw new KernelUnsupported('population reductions need the whole population first');
    }
  }

  /** c with e ≡ c·x and c the same for every neuron (through lines, −, · and / by such values), if any. */
  private uniformFactor(e: Expr, x: string): Expr | undefined {
    switch (e.k) {
      case 'sym':
        if (e.name === x) return { k: 'num', v: 1 };
        return this.scope.lineExpr.has(e.name) ? this.uniformFactor(this.scope.lineExpr.get(e.name)!, x) : undefined;
      case 'un': {
        const c = e.op === 'neg' ? this.uniformFactor(e.a, x) : undefined;
        return c && { k: 'un', op: 'neg', a: c };
      }
      case 'bin': {
        if (e.op === '*') {
          const left = this.scope.isUniform(e.a) ? this.uniformFactor(e.b, x) : undefined;
          if (left) return { k: 'bin', op: '*', a: e.a, b: left };
          const right = this.scope.isUniform(e.b) ? this.uniformFactor(e.a, x) : undefined;
          return right && { k: 'bin', op: '*', a: right, b: e.b };
        }
        const c = e.op === '/' && this.scope.isUniform(e.b) ? this.uniformFactor(e.a, x) : undefined;
        return c && { k: 'bin', op: '/', a: c, b: e.b };
      }
      default:
        return undefined;
    }
  }

  private convert(from: Kind, to: Kind): void {
    if (from === to) return;
    if (to === 'num') this.code.f32x4(1).simd(SIMD.and);
    else this.code.f32x4(0).simd(SIMD.f32x4Ne);
  }

  private emitBinary(e: Extract<Expr, { k: 'bin' }>): void {
    const c = this.code;
    const arithmetic: Record<string, number> = { '+': SIMD.f32x4Add, '-': SIMD.f32x4Sub, '*': SIMD.f32x4Mul, '/': SIMD.f32x4Div };
    const comparison: Record<string, number> = { '<': SIMD.f32x4Lt, '>': SIMD.f32x4Gt, '<=': SIMD.f32x4Le, '>=': SIMD.f32x4Ge, '==': SIMD.f32x4Eq, '!=': SIMD.f32x4Ne };
    if (e.op === '+') {
      // x + (c·x)·u → x·(1 + c·u) with c and u the same for every neuron: the update of a decaying
      // state (Euler and exponential Euler alike) becomes one multiplication.
      for (const [x, product] of [[e.a, e.b], [e.b, e.a]]) {
        if (x.k !== 'sym' || product.k !== 'bin' || product.op !== '*') continue;
        for (const [f, u] of [[product.a, product.b], [product.b, product.a]]) {
          const factor = this.scope.isUniform(u) ? this.uniformFactor(f, x.name) : undefined;
          if (!factor) continue;
          this.emit(x, 'num');
          this.emit({ k: 'bin', op: '+', a: { k: 'num', v: 1 }, b: { k: 'bin', op: '*', a: factor, b: u } }, 'num');
          c.simd(SIMD.f32x4Mul);
          return;
        }
      }
    }
    if (e.op === '/' && this.scope.isUniform(e.b)) {
      if (e.a.k === 'un' && e.a.op === 'neg') {
        // (−x) / u → x · (−1/u)
        this.emit(e.a.a, 'num');
        this.emit({ k: 'bin', op: '/', a: { k: 'num', v: -1 }, b: e.b }, 'num');
        c.simd(SIMD.f32x4Mul);
        return;
      }
      // x / u → x · (1/u), with 1/u computed once per step (the JavaScript step does the same).
      this.emit(e.a, 'num');
      this.emit({ k: 'bin', op: '/', a: { k: 'num', v: 1 }, b: e.b }, 'num');
      c.simd(SIMD.f32x4Mul);
      return;
    }
    if (e.op === '*') {
      // (−x)·u → x·(−u), with −u computed once per step: decays such as −g/τ.
      const [x, u] = this.scope.isUniform(e.b) ? [e.a, e.b] : this.scope.isUniform(e.a) ? [e.b, e.a] : [undefined, undefined];
      if (x?.k === 'un' && x.op === 'neg' && u) {
        this.emit(x.a, 'num');
        this.emit({ k: 'un', op: 'neg', a: u }, 'num');
        c.simd(SIMD.f32x4Mul);
        return;
      }
    }
    if (arithmetic[e.op] !== undefined) {
      this.emit(e.a, 'num');
      this.emit(e.b, 'num');
      c.simd(arithmetic[e.op]);
    } else if (comparison[e.op] !== undefined) {
      this.emit(e.a, 'num');
      this.emit(e.b, 'num');
      c.simd(comparison[e.op]);
    } else if (e.op === 'and' || e.op === 'or') {
      this.emit(e.a, 'mask');
      this.emit(e.b, 'mask');
      c.simd(e.op === 'and' ? SIMD.and : SIMD.or);
    } else if (e.op === '^') this.emitPower(e.a, e.b);
    else throw new KernelUnsupported(`operator ${e.op}`);
  }

  private emitCall(e: Extract<Expr, { k: 'call' }>): void {
    const c = this.code;
    const arg = (k: number): void => this.emit(e.args[k], 'num');
    switch (e.fn) {
      case 'exp':
        arg(0);
        return emitExp(c);
      case 'log':
        arg(0);
        return emitLog(c);
      case 'exprel':
        arg(0);
        return emitExprel(c);
      case 'tanh':
        arg(0);
        return emitTanh(c);
      case 'cos':
      case 'sin':
        // cos x = cos 2π(x/2π), sin x = cos 2π(x/2π − ¼): float32 phase, fine for per-neuron angles
        // (times, which grow, are the same for every neuron and computed in float64 by the prelude).
        arg(0);
        c.f32x4(1 / (2 * Math.PI)).simd(SIMD.f32x4Mul);
        if (e.fn === 'sin') c.f32x4(0.25).simd(SIMD.f32x4Sub);
        return emitCos2Pi(c);
      case 'sqrt':
        arg(0);
        c.simd(SIMD.f32x4Sqrt);
        return;
      case 'abs':
        arg(0);
        c.simd(SIMD.f32x4Abs);
        return;
      case 'min':
      case 'max':
        arg(0);
        arg(1);
        c.simd(e.fn === 'min' ? SIMD.f32x4Min : SIMD.f32x4Max);
        return;
      case 'clip':
        arg(0);
        arg(1);
        c.simd(SIMD.f32x4Max);
        arg(2);
        c.simd(SIMD.f32x4Min);
        return;
      case 'heaviside':
        arg(0);
        c.f32x4(0).simd(SIMD.f32x4Ge).f32x4(1).simd(SIMD.and);
        return;
      case 'pow':
        return this.emitPower(e.args[0], e.args[1]);
      case 'rand':
      case 'randn':
        return this.emitDraw(e);
      default:
        throw new KernelUnsupported(`${e.fn}() has no vector form yet`);
    }
  }

  /**
   * A draw site's value for each lane: rng.ts's counter-based hash of (seed, the site's stream,
   * step n, neuron i), as the JavaScript step's RU/RN: uniforms are bit-identical, normals (Box–Muller
   * through the vector log and cos) agree to float32 rounding. Drawn once per neuron and step.
   */
  private emitDraw(e: Expr & { k: 'call' }): void {
    const c = this.code;
    const cached = this.drawLocals.get(e);
    if (cached !== undefined) {
      c.get(cached);
      return;
    }
    const site = this.draws.indexOf(e);
    const stream = (this.randomStream ^ Math.imul(site + 1, 0x9e3779b1)) >>> 0;
    const uniform = (sub: number): void => {
      const key = this.splatSlot(this.scope.intSlot(`RK(${stream}, n, ${sub})`));
      // hashWithKey(key, i) = mix32(mix32(((key ^ i) + K4) | 0) + key), then ((h >>> 9) + ½)·2^-23
      c.get(key).get(this.lanes).simd(SIMD.xor).i32x4(RNG_CONSTANTS.K4 | 0).simd(SIMD.i32x4Add);
      emitMix32(c);
      c.get(key).simd(SIMD.i32x4Add);
      emitMix32(c);
      c.i32(9).simd(SIMD.i32x4ShrU).simd(SIMD.f32x4ConvertI32x4S).f32x4(0.5).simd(SIMD.f32x4Add).f32x4(2 ** -23).simd(SIMD.f32x4Mul);
    };
    if (e.fn === 'rand') uniform(0);
    else {
      // √(−2 ln u1) · cos(2π u2)
      uniform(1);
      emitLog(c);
      c.f32x4(-2).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sqrt);
      uniform(2);
      emitCos2Pi(c);
      c.simd(SIMD.f32x4Mul);
    }
    const local = c.local('v128');
    c.tee(local);
    this.drawLocals.set(e, local);
  }

  /** Integer powers as products (exact, any sign of base); other constant powers as exp(b·log a). */
  private emitPower(base: Expr, exponent: Expr): void {
    const c = this.code;
    if (exponent.k !== 'num') throw new KernelUnsupported('a power with an exponent that is not a constant');
    const b = exponent.v;
    if (Number.isInteger(b) && Math.abs(b) <= 16) {
      const x = c.local('v128');
      const acc = c.local('v128');
      this.emit(base, 'num');
      c.set(x);
      c.f32x4(1).set(acc);
      // square-and-multiply on |b|
      let e = Math.abs(b);
      let first = true;
      while (e > 0) {
        if (e & 1) {
          if (first) c.get(x).set(acc);
          else c.get(acc).get(x).simd(SIMD.f32x4Mul).set(acc);
          first = false;
        }
        e >>= 1;
        if (e > 0) c.get(x).get(x).simd(SIMD.f32x4Mul).set(x);
      }
      if (b < 0) c.f32x4(1).get(acc).simd(SIMD.f32x4Div);
      else c.get(acc);
      return;
    }
    if (b === 0.5) {
      this.emit(base, 'num');
      c.simd(SIMD.f32x4Sqrt);
      return;
    }
    this.emit(base, 'num');
    emitLog(c);
    c.f32x4(b).simd(SIMD.f32x4Mul);
    emitExp(c);
  }
}

const isZero = (e: Expr): boolean => e.k === 'num' && e.v === 0;

function sym(name: string): Expr {
  return { k: 'sym', name };
}

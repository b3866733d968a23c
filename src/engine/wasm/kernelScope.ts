/**
 * What the values of a step program are to the SIMD kernel: which lines are the same for every
 * neuron in a step (scalar parameters, uniform inputs, t, dt and what is computed from them only)
 * and which are per neuron; which are numbers and which lane masks (conditions); and the per-step
 * scalar slots, with the JavaScript prelude that fills them (in float64) before each step.
 */
import type { Expr } from '../../model/ir';
import { symbolsOf } from '../../model/symbolic';
import { collectNodes, isRandomDraw } from '../cpu/invariants';
import { printExpr, printNumber } from '../cpu/printExpr';
import { externalInput, type FlatModel } from '../flatten';
import type { StepProgram } from '../stepProgram';
import { KernelUnsupported } from './unsupported';

export type Kind = 'num' | 'mask';

export class KernelScope {
  readonly lineExpr = new Map<string, Expr>();
  readonly lineOrder: string[];
  private readonly stateIndex: Map<string, number>;
  private readonly paramIndex: Map<string, number>;
  private readonly inputIndex: Map<string, number>;
  private readonly uniformCache = new Map<string, boolean>();
  private readonly kindCache = new Map<string, Kind>();
  /** Scalar slots: JavaScript code per slot (deduplicated), and each slot's kind. */
  private readonly slotCode: string[] = [];
  readonly slotKind: Kind[] = [];
  /** Slots written as int32 (HI): the refractory step count, random-stream keys. */
  private readonly intSlots = new Set<number>();
  private readonly slotByCode = new Map<string, number>();
  /** `const L3 = …;` for the uniform lines, in order, and the names they go by in the prelude. */
  private readonly preludeLines: string[] = [];
  private readonly lineNames: Map<string, string>;

  constructor(
    private readonly flat: FlatModel,
    private readonly options: { readonly paramIsArray: readonly boolean[]; readonly inputHasArray: readonly boolean[] },
    program: StepProgram,
  ) {
    for (const line of program.lines) this.lineExpr.set(line.name, line.expr);
    this.lineOrder = program.lines.map((l) => l.name);
    this.lineNames = new Map(this.lineOrder.map((name, k) => [name, `L${k}`]));
    this.stateIndex = new Map(flat.states.map((s, k) => [s.name, k]));
    this.paramIndex = new Map(flat.params.map((p, k) => [p.name, k]));
    this.inputIndex = new Map(flat.inputs.map((p, k) => [externalInput(p.name), k]));
  }

  /** Lines the roots need, transitively. */
  neededLines(roots: readonly string[]): Set<string> {
    const needed = new Set<string>();
    const visit = (name: string): void => {
      if (needed.has(name) || !this.lineExpr.has(name)) return;
      needed.add(name);
      for (const s of symbolsOf(this.lineExpr.get(name)!)) visit(s);
    };
    roots.forEach(visit);
    return needed;
  }

  /** The uniform lines among `needed` are computed by the prelude; the kernel reads them from slots. */
  computeUniformLines(needed: ReadonlySet<string>): void {
    for (const name of this.lineOrder) {
      if (!needed.has(name) || !this.isUniformSymbol(name)) continue;
      this.preludeLines.push(`const ${this.lineNames.get(name)} = ${this.printScalar(this.lineExpr.get(name)!, this.lineNames)};`);
    }
  }

  get slotCount(): number {
    return this.slotCode.length;
  }

  /** JavaScript source of `(n, dt, PS, US, H, HI, RK) => void` filling every slot for step n. */
  preludeSource(): string {
    return [
      '"use strict";',
      'return function prelude(n, dt, PS, US, H, HI, RK) {',
      '  const t = n * dt;',
      ...this.preludeLines.map((l) => '  ' + l),
      ...this.slotCode.map((c, k) => (this.intSlots.has(k) ? `  HI[${k}] = ${c};` : `  H[${k}] = ${c};`)),
      '};',
    ].join('\n');
  }

  // ---- classification -------------------------------------------------------------------------

  isUniform(e: Expr): boolean {
    for (const s of symbolsOf(e)) {
      if (!this.isUniformSymbol(s)) return false;
    }
    return collectNodes(e, isRandomDraw).length === 0;
  }

  isUniformSymbol(s: string): boolean {
    const cached = this.uniformCache.get(s);
    if (cached !== undefined) return cached;
    let uniform: boolean;
    if (this.lineExpr.has(s)) uniform = this.isUniform(this.lineExpr.get(s)!);
    else if (this.stateIndex.has(s)) uniform = false;
    else if (this.paramIndex.has(s)) uniform = !this.options.paramIsArray[this.paramIndex.get(s)!];
    else if (this.inputIndex.has(s)) uniform = !this.options.inputHasArray[this.inputIndex.get(s)!];
    else if (s === 't' || s === 'dt' || s === 'pi') uniform = true;
    else if (s === 'nr' || s === 'lastspike') uniform = false;
    else throw new Error(`internal: unresolved symbol in the SIMD kernel`);
    this.uniformCache.set(s, uniform);
    return uniform;
  }

  kindOf(e: Expr): Kind {
    switch (e.k) {
      case 'num':
        return 'num';
      case 'sym': {
        if (e.name === 'nr') return 'mask';
        if (!this.lineExpr.has(e.name)) return 'num';
        let kind = this.kindCache.get(e.name);
        if (kind === undefined) this.kindCache.set(e.name, (kind = this.kindOf(this.lineExpr.get(e.name)!)));
        return kind;
      }
      case 'un':
        return e.op === 'not' ? 'mask' : 'num';
      case 'bin':
        return ['<', '>', '<=', '>=', '==', '!=', 'and', 'or'].includes(e.op) ? 'mask' : 'num';
      case 'cond': {
        const a = this.kindOf(e.a);
        const b = this.kindOf(e.b);
        const maskLike = (x: Expr, kind: Kind) => kind === 'mask' || (x.k === 'num' && (x.v === 0 || x.v === 1));
        return (a === 'mask' || b === 'mask') && maskLike(e.a, a) && maskLike(e.b, b) ? 'mask' : 'num';
      }
      default:
        return 'num';
    }
  }

  printScalar(e: Expr, lineName: ReadonlyMap<string, string>): string {
    return printExpr(e, (name) => {
      const line = lineName.get(name);
      if (line) return line;
      const p = this.paramIndex.get(name);
      if (p !== undefined) return `PS[${p}]`;
      const u = this.inputIndex.get(name);
      if (u !== undefined) return `US[${u}]`;
      if (name === 't' || name === 'dt') return name;
      if (name === 'pi') return printNumber(Math.PI);
      throw new Error('internal: a per-neuron symbol in the prelude');
    });
  }

  /** The slot holding a uniform expression's value this step (booleans as 1/0). */
  slot(e: Expr): number {
    const text = this.printScalar(e, this.lineNames);
    const code = this.kindOf(e) === 'mask' ? `(${text} ? 1 : 0)` : text;
    let k = this.slotByCode.get(code);
    if (k === undefined) {
      k = this.slotCode.length;
      this.slotCode.push(code);
      this.slotKind.push(this.kindOf(e));
      this.slotByCode.set(code, k);
    }
    return k;
  }

  /** The slot with the refractory period in whole steps, the same for every neuron (or none). */
  refractorySlot(): number | undefined {
    const ref = this.flat.refractory;
    if (!ref) return undefined;
    if (!this.isUniform(ref) || [...symbolsOf(ref)].some((s) => s === 't' || this.inputIndex.has(s))) {
      throw new KernelUnsupported('the refractory period differs between neurons');
    }
    // Brian2's rule, as in the JavaScript step: refractory for round-down(t_ref/dt + 0.001) steps.
    return this.intSlot(`Math.floor(${this.printScalar(ref, this.lineNames)} / dt + 1e-3)`);
  }

  intSlot(code: string): number {
    let k = this.slotByCode.get(code);
    if (k === undefined) {
      k = this.slotCode.length;
      this.slotCode.push(code);
      this.slotKind.push('num');
      this.slotByCode.set(code, k);
      this.intSlots.add(k);
    }
    return k;
  }
}

/**
 * Checks a parsed model and builds its IR: declarations, name resolution, dimensions, definition
 * order (with cycle detection), equations for every state, and which statements may go where.
 */
import type { AstAssignment, AstExpr, AstModel } from './ast';
import type { DiagnosticList, Span } from './diagnostics';
import { BUILTIN_SYMBOLS, type AssignmentIR, type DefinitionIR, type Expr, type ModelIR, type ParamIR, type StateIR } from './ir';
import { constantValue, lowerExpr, type Lowered, type Scope } from './lower';
import {
  DIMENSIONLESS,
  canonicalUnit,
  describeDim,
  dimDiv,
  dimEquals,
  lookupUnitAtom,
  unitDiv,
  unitMul,
  unitPow,
  UNITLESS,
  type Dimension,
  type Unit,
} from './units';

const TIME: Dimension = [0, 0, 1, 0, 0, 0];

type SymbolKind = 'param' | 'input' | 'state' | 'definition' | 'current' | 'builtin';

interface SymbolEntry {
  readonly kind: SymbolKind;
  readonly span: Span;
  dim: Dimension | null;
  unit?: Unit;
}

const BUILTIN_DIMS: Record<keyof typeof BUILTIN_SYMBOLS, Dimension> = { t: TIME, dt: TIME, lastspike: TIME, pi: DIMENSIONLESS };

export function checkModel(ast: AstModel, source: string, diags: DiagnosticList): ModelIR {
  return new Checker(ast, diags).build(source);
}

class Checker {
  private readonly symbols = new Map<string, SymbolEntry>();
  private readonly used = new Set<string>();
  private readonly definitionAsts = new Map<string, { expr: AstExpr; description: string; span: Span }>();
  private readonly definitionState = new Map<string, 'visiting' | 'done'>();
  private readonly definitionResults = new Map<string, Lowered>();
  private readonly definitionOrder: DefinitionIR[] = [];
  private readonly definitionStack: string[] = [];
  /** Every name the source declares, known before any expression is lowered. */
  private readonly declaredInSource: ReadonlySet<string>;

  constructor(
    private readonly ast: AstModel,
    private readonly diags: DiagnosticList,
  ) {
    const a = ast;
    this.declaredInSource = new Set([...a.params, ...a.inputs, ...a.states, ...a.definitions, ...(a.current ? [a.current] : [])].map((d) => d.name));
  }

  build(source: string): ModelIR {
    const ast = this.ast;
    for (const [name, dim] of Object.entries(BUILTIN_DIMS)) this.symbols.set(name, { kind: 'builtin', span: ast.nameSpan, dim });
    const params = this.declareParams();
    for (const input of ast.inputs) this.declare(input.name, 'input', input.span, input.unit.dim, input.unit);
    for (const state of ast.states) this.declare(state.name, 'state', state.span, state.unit?.dim ?? null, state.unit);
    for (const def of ast.definitions) {
      if (this.declare(def.name, 'definition', def.span, null)) this.definitionAsts.set(def.name, def);
    }
    if (ast.current) {
      if (this.declare(ast.current.name, 'current', ast.current.span, null)) this.definitionAsts.set(ast.current.name, ast.current);
    }
    const states = this.buildStates();
    for (const def of ast.definitions) this.resolveDefinition(def.name);
    const equations = this.buildEquations();
    let current: ModelIR['current'];
    if (ast.current) {
      if (ast.kind === 'cell') this.diags.error('misplaced', ast.current.span, "only channels and synapses contribute a 'current'; a cell receives its current through an input");
      const lowered = this.resolveDefinition(ast.current.name);
      const dim = lowered?.dim;
      if (lowered && dim) current = { name: ast.current.name, unit: canonicalUnit(dim), expr: lowered.expr, span: ast.current.span };
    }
    let spike: Expr | undefined;
    if (ast.spike) {
      if (ast.kind === 'synapse') this.diags.error('misplaced', ast.spike.span, 'a synapse cannot spike');
      const lowered = this.lower(ast.spike.expr, true);
      if (lowered.dim && !lowered.bool) this.diags.error('type-mismatch', ast.spike.expr.span, "the spike condition must be a comparison, e.g. 'spike v >= thr'");
      spike = lowered.expr;
    }
    let refractory: Expr | undefined;
    if (ast.refractory) {
      if (ast.kind !== 'cell') this.diags.error('misplaced', ast.refractory.span, 'only cells have a refractory period');
      const lowered = this.lower(ast.refractory.expr);
      if (lowered.dim && !dimEquals(lowered.dim, TIME)) {
        this.diags.error('unit-mismatch', ast.refractory.expr.span, `the refractory period must be a time, but it is ${describeDim(lowered.dim)}`);
      }
      refractory = lowered.expr;
      if (!ast.spike) this.diags.error('misplaced', ast.refractory.span, 'a refractory period needs a spike condition');
    }
    if (ast.reset.length > 0 && !ast.spike) this.diags.error('misplaced', ast.reset[0].span, "'reset' needs a spike condition (add 'spike v >= thr')");
    if ((ast.onPre.length > 0 || ast.onPost.length > 0) && ast.kind !== 'synapse') {
      this.diags.error('misplaced', (ast.onPre[0] ?? ast.onPost[0]).span, "'on_pre' and 'on_post' belong to synapses");
    }
    const reset = this.buildAssignments(ast.reset, 'reset');
    const clamp = this.buildAssignments(ast.clamp, 'clamp');
    const onPre = this.buildAssignments(ast.onPre, 'on_pre');
    const onPost = this.buildAssignments(ast.onPost, 'on_post');
    for (const p of params) {
      if (!this.used.has(p.name)) this.diags.warning('unused', p.span, `parameter '${p.name}' is never used`);
    }
    return {
      name: ast.name,
      kind: ast.kind,
      doc: ast.doc,
      params,
      inputs: ast.inputs.map((i) => ({ name: i.name, unit: i.unit, description: i.description, span: i.span })),
      states,
      definitions: this.definitionOrder,
      equations,
      current,
      spike,
      reset,
      clamp,
      refractory,
      onPre,
      onPost,
      source,
    };
  }

  private declare(name: string, kind: SymbolKind, span: Span, dim: Dimension | null, unit?: Unit): boolean {
    const existing = this.symbols.get(name);
    if (existing) {
      const where = existing.kind === 'builtin' ? 'a built-in name' : `already defined (line ${existing.span.line})`;
      this.diags.error('duplicate', span, `'${name}' is ${where}`);
      return false;
    }
    this.symbols.set(name, { kind, span, dim, unit });
    return true;
  }

  private scope(allowReductions: boolean, constantOnly = false): Scope {
    return {
      lookup: (name) => {
        const entry = this.symbols.get(name);
        if (!entry) return undefined;
        this.used.add(name);
        if (entry.kind === 'definition' || entry.kind === 'current') return this.resolveDefinition(name)?.dim ?? null;
        return entry.dim;
      },
      names: () => [...this.symbols.keys()],
      allowReductions,
      constantOnly,
      isDeclared: (name) => this.symbols.has(name) || this.declaredInSource.has(name),
    };
  }

  private lower(ast: AstExpr, allowReductions = false): Lowered {
    return lowerExpr(ast, this.scope(allowReductions), this.diags);
  }

  private declareParams(): ParamIR[] {
    const out: ParamIR[] = [];
    for (const p of this.ast.params) {
      const lowered = lowerExpr(p.value, this.scope(false, true), this.diags);
      const canonical = constantValue(lowered.expr);
      if (lowered.dim && canonical === undefined) {
        this.diags.error('not-constant', p.value.span, `the default of '${p.name}' must be a constant`);
      }
      const unit = lowered.dim ? (unitOfConstant(p.value) ?? canonicalUnit(lowered.dim)) : UNITLESS;
      if (this.declare(p.name, 'param', p.span, lowered.dim, unit)) {
        out.push({ name: p.name, unit, defaultValue: canonical ?? 0, description: p.description, span: p.span });
      }
    }
    return out;
  }

  private buildStates(): StateIR[] {
    const out: StateIR[] = [];
    for (const s of this.ast.states) {
      const entry = this.symbols.get(s.name);
      if (!entry || entry.kind !== 'state' || entry.span !== s.span) continue;
      let init: Expr | 'steady' = 'steady';
      let unit = s.unit;
      if (s.init === 'steady') {
        if (!unit) unit = UNITLESS;
      } else {
        const lowered = this.lower(s.init);
        init = lowered.expr;
        this.checkInitOrder(s.name, s.init);
        if (lowered.dim) {
          if (unit && !dimEquals(unit.dim, lowered.dim)) {
            this.diags.error('unit-mismatch', s.init.span, `'${s.name}' is declared in ${unit.text} but its initial value is ${describeDim(lowered.dim)}`);
          }
          unit ??= unitOfConstant(s.init) ?? this.unitOfSymbolExpr(s.init) ?? canonicalUnit(lowered.dim);
        }
      }
      entry.dim = unit?.dim ?? null;
      entry.unit = unit;
      out.push({ name: s.name, unit: unit ?? UNITLESS, init, description: s.description, span: s.span });
    }
    return out;
  }

  /**
   * Initial values are evaluated in declaration order, steady states last: an initial value may use
   * parameters and earlier (non-steady) states, directly or through definitions.
   */
  private checkInitOrder(name: string, init: AstExpr): void {
    const order = this.ast.states.map((s) => s.name);
    const own = order.indexOf(name);
    const seen = new Set<string>();
    const visit = (e: AstExpr): void => {
      switch (e.kind) {
        case 'ident': {
          if (seen.has(e.name)) return;
          seen.add(e.name);
          const def = this.definitionAsts.get(e.name);
          if (def) return visit(def.expr);
          const k = order.indexOf(e.name);
          if (k < 0 || this.symbols.get(e.name)?.kind !== 'state') return;
          if (k >= own) {
            const which = k === own ? 'itself' : `'${e.name}', which is declared after it`;
            this.diags.error('misplaced', e.span, `the initial value of '${name}' uses ${which} (an initial value may use parameters and earlier states)`);
          } else if (this.ast.states[k].init === 'steady') {
            this.diags.error('misplaced', e.span, `the initial value of '${name}' uses '${e.name}', which starts at its steady state (computed after the other states)`);
          }
          return;
        }
        case 'unary':
          return visit(e.arg);
        case 'binary':
          visit(e.left);
          return visit(e.right);
        case 'call':
          return e.args.forEach(visit);
        case 'cond':
          visit(e.cond);
          visit(e.then);
          return visit(e.otherwise);
        default:
          return;
      }
    };
    visit(init);
  }

  /** A state initialised from a parameter takes that parameter's unit (v = v_rest → mV). */
  private unitOfSymbolExpr(e: AstExpr): Unit | undefined {
    if (e.kind === 'ident') return this.symbols.get(e.name)?.unit;
    if (e.kind === 'unary') return this.unitOfSymbolExpr(e.arg);
    return undefined;
  }

  private resolveDefinition(name: string): Lowered | undefined {
    const done = this.definitionResults.get(name);
    if (done) return done;
    const def = this.definitionAsts.get(name);
    if (!def) return undefined;
    if (this.definitionState.get(name) === 'visiting') {
      const cycle = [...this.definitionStack.slice(this.definitionStack.indexOf(name)), name];
      this.diags.error('circular', def.span, `circular definition: ${cycle.join(' → ')}`);
      const broken: Lowered = { expr: { k: 'num', v: 0 }, dim: null, bool: false };
      this.definitionResults.set(name, broken);
      return broken;
    }
    this.definitionState.set(name, 'visiting');
    this.definitionStack.push(name);
    const lowered = this.lower(def.expr);
    this.definitionStack.pop();
    if (!this.definitionResults.has(name)) {
      this.definitionResults.set(name, lowered);
      const entry = this.symbols.get(name);
      if (entry) entry.dim = lowered.dim;
      if (lowered.bool) this.diags.error('type-mismatch', def.expr.span, `'${name}' must be a number, not a condition`);
      if (entry?.kind === 'definition') {
        this.definitionOrder.push({
          name,
          unit: canonicalUnit(lowered.dim ?? DIMENSIONLESS),
          expr: lowered.expr,
          description: def.description,
          span: def.span,
        });
      }
    }
    this.definitionState.set(name, 'done');
    return this.definitionResults.get(name);
  }

  private buildEquations(): ModelIR['equations'] {
    const out: ModelIR['equations'][number][] = [];
    const seen = new Map<string, number>();
    for (const eq of this.ast.equations) {
      const entry = this.symbols.get(eq.state);
      const rhs = this.lower(eq.rhs);
      if (!entry || entry.kind !== 'state') {
        this.diags.error('unknown-identifier', eq.span, `d${eq.state}/dt: '${eq.state}' is not a declared state`);
        continue;
      }
      const previous = seen.get(eq.state);
      if (previous !== undefined) {
        this.diags.error('duplicate', eq.span, `'${eq.state}' already has an equation (line ${previous})`);
        continue;
      }
      seen.set(eq.state, eq.span.line);
      if (rhs.bool) this.diags.error('type-mismatch', eq.rhs.span, `d${eq.state}/dt must be a number, not a condition`);
      if (entry.dim && rhs.dim) {
        const expected = dimDiv(entry.dim, TIME);
        const isZero = constantValue(rhs.expr) === 0;
        if (!dimEquals(expected, rhs.dim) && !isZero) {
          this.diags.error(
            'unit-mismatch',
            eq.rhs.span,
            `unit mismatch in d${eq.state}/dt: the right-hand side is ${describeDim(rhs.dim)} but ${eq.state}/time is ${describeDim(expected)}`,
          );
        }
      }
      out.push({ state: eq.state, rhs: rhs.expr, unlessRefractory: eq.unlessRefractory, span: eq.span });
    }
    for (const s of this.ast.states) {
      if (!seen.has(s.name) && this.symbols.get(s.name)?.span === s.span) {
        this.diags.error('missing-equation', s.span, `state '${s.name}' has no equation (add d${s.name}/dt = ..., or d${s.name}/dt = 0 if only reset changes it)`);
      }
    }
    return out;
  }

  private buildAssignments(list: readonly AstAssignment[], section: string): AssignmentIR[] {
    const out: AssignmentIR[] = [];
    for (const a of list) {
      const entry = this.symbols.get(a.target);
      const value = this.lower(a.expr);
      // Channels may reset their host's bound states (Fire); synapses may change their post cell's
      // bound states (a delta synapse's v_post += w) and their per-connection parameters (plasticity of w).
      const onEvent = section === 'on_pre' || section === 'on_post';
      const assignable =
        entry &&
        (entry.kind === 'state' ||
          (entry.kind === 'input' && ((this.ast.kind === 'channel' && section !== 'clamp') || (this.ast.kind === 'synapse' && onEvent))) ||
          (entry.kind === 'param' && this.ast.kind === 'synapse' && onEvent));
      if (!entry) {
        this.diags.error('unknown-identifier', a.span, `${section}: '${a.target}' is not a declared state`);
        continue;
      }
      if (!assignable) {
        this.diags.error('misplaced', a.span, `${section}: '${a.target}' is a ${entry.kind}; only states can be assigned`);
        continue;
      }
      this.used.add(a.target);
      if (value.bool) this.diags.error('type-mismatch', a.expr.span, `${section}: the value assigned to '${a.target}' must be a number`);
      if (entry.dim && value.dim && !dimEquals(entry.dim, value.dim)) {
        this.diags.error(
          'unit-mismatch',
          a.expr.span,
          `unit mismatch in ${section}: '${a.target}' is ${describeDim(entry.dim)} but the value is ${describeDim(value.dim)}`,
        );
      }
      out.push({ target: a.target, op: a.op, expr: value.expr, span: a.span });
    }
    return out;
  }
}

/** The unit as written in a constant: `10 ms` → ms, `0.02/ms` → 1/ms, `8 mV/ms` → mV/ms. */
function unitOfConstant(e: AstExpr): Unit | undefined {
  switch (e.kind) {
    case 'number':
      return UNITLESS;
    case 'quantity':
      return e.unit;
    case 'unary':
      return unitOfConstant(e.arg);
    case 'binary': {
      const a = unitOfConstant(e.left);
      const b = unitOfConstant(e.right);
      if (!a || !b) return undefined;
      if (e.op === '*') return unitMul(a, b);
      if (e.op === '/') return unitDiv(a, b);
      if (e.op === '+' || e.op === '-') return a;
      if (e.op === '^' && e.right.kind === 'number') return unitPow(a, e.right.value);
      return undefined;
    }
    case 'ident':
      return lookupUnitAtom(e.name);
    default:
      return undefined;
  }
}

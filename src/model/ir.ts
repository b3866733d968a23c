/**
 * The model IR: what every backend is generated from. Expressions are trees over named symbols; all
 * numbers are already in canonical internal units (see units.ts), so backends never see units.
 * Spike detection, reset and refractoriness are explicit fields, never folded into the equations.
 */
import type { Unit } from './units';

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';
export type UnaryOp = 'neg' | 'not';
export type FunctionName =
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'abs'
  | 'min'
  | 'max'
  | 'tanh'
  | 'sin'
  | 'cos'
  | 'pow'
  | 'clip'
  | 'heaviside'
  /** (eˣ − 1)/x, continued by 1 at 0: rate functions like x/(1 − e⁻ˣ) without the 0/0 (as Brian2's exprel). */
  | 'exprel'
  /** Uniform in [0, 1) and standard normal: a fresh draw per neuron and step, the same within a step. */
  | 'rand'
  | 'randn';

export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'un'; readonly op: UnaryOp; readonly a: Expr }
  | { readonly k: 'bin'; readonly op: BinaryOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'call'; readonly fn: FunctionName; readonly args: readonly Expr[] }
  | { readonly k: 'cond'; readonly c: Expr; readonly a: Expr; readonly b: Expr }
  /** A reduction over every neuron of the population (only in spike conditions): pop_sum, pop_max. */
  | { readonly k: 'reduce'; readonly op: 'sum' | 'max'; readonly a: Expr };

export type ModelKind = 'cell' | 'channel' | 'synapse';

/** Where a symbol was declared in the source (1-based line and column). */
export interface SourceSpan {
  readonly line: number;
  readonly col: number;
  readonly length: number;
}

export interface ParamIR {
  readonly name: string;
  readonly unit: Unit;
  /** Default value in canonical units. */
  readonly defaultValue: number;
  readonly description: string;
  readonly span: SourceSpan;
}

export interface InputIR {
  readonly name: string;
  readonly unit: Unit;
  readonly description: string;
  readonly span: SourceSpan;
}

export interface StateIR {
  readonly name: string;
  readonly unit: Unit;
  /** Initial value, or 'steady' for the fixed point of its (linear) equation. */
  readonly init: Expr | 'steady';
  readonly description: string;
  readonly span: SourceSpan;
}

export interface DefinitionIR {
  readonly name: string;
  readonly unit: Unit;
  readonly expr: Expr;
  readonly description: string;
  readonly span: SourceSpan;
}

export interface EquationIR {
  readonly state: string;
  /** The derivative, in canonical units of the state per ms. */
  readonly rhs: Expr;
  readonly unlessRefractory: boolean;
  readonly span: SourceSpan;
}

export interface AssignmentIR {
  readonly target: string;
  readonly op: '=' | '+=' | '-=';
  readonly expr: Expr;
  readonly span: SourceSpan;
}

export interface CurrentIR {
  readonly name: string;
  readonly unit: Unit;
  readonly expr: Expr;
  readonly span: SourceSpan;
}

export interface ModelIR {
  readonly name: string;
  readonly kind: ModelKind;
  readonly doc: string;
  readonly params: readonly ParamIR[];
  readonly inputs: readonly InputIR[];
  readonly states: readonly StateIR[];
  /** Topologically ordered: each definition only uses definitions before it. */
  readonly definitions: readonly DefinitionIR[];
  readonly equations: readonly EquationIR[];
  readonly current?: CurrentIR;
  readonly spike?: Expr;
  readonly reset: readonly AssignmentIR[];
  /** Run every step after integration and before the spike test (e.g. lower voltage bounds). */
  readonly clamp: readonly AssignmentIR[];
  /** Refractory period in ms (canonical time). */
  readonly refractory?: Expr;
  readonly onPre: readonly AssignmentIR[];
  readonly onPost: readonly AssignmentIR[];
  /** The source the IR was compiled from (shown read-only in the app for built-in models). */
  readonly source: string;
}

/** Names every model can use without declaring them. */
export const BUILTIN_SYMBOLS = {
  t: 'simulation time (ms)',
  dt: 'integration step (ms)',
  lastspike: 'time of this neuron’s last spike (ms); -1e7 ms before the first',
  pi: 'π',
} as const;

export const num = (v: number): Expr => ({ k: 'num', v });
export const sym = (name: string): Expr => ({ k: 'sym', name });
export const bin = (op: BinaryOp, a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });

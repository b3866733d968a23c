/** The syntax tree of one model source, exactly as written (before name resolution and unit checks). */
import type { Span } from './diagnostics';
import type { ModelKind } from './ir';
import type { Unit } from './units';

export type AstExpr =
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  /** A number with a unit written after it: `10 ms`, `0.12 S/cm2`. */
  | { readonly kind: 'quantity'; readonly value: number; readonly unit: Unit; readonly span: Span }
  | { readonly kind: 'ident'; readonly name: string; readonly span: Span }
  | { readonly kind: 'unary'; readonly op: '-' | 'not'; readonly arg: AstExpr; readonly span: Span }
  | { readonly kind: 'binary'; readonly op: string; readonly left: AstExpr; readonly right: AstExpr; readonly span: Span }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly AstExpr[]; readonly span: Span }
  | { readonly kind: 'cond'; readonly cond: AstExpr; readonly then: AstExpr; readonly otherwise: AstExpr; readonly span: Span };

export interface AstDeclaration {
  readonly name: string;
  readonly span: Span;
  readonly description: string;
}

export interface AstParam extends AstDeclaration {
  readonly value: AstExpr;
}

export interface AstInput extends AstDeclaration {
  readonly unit: Unit;
}

export interface AstState extends AstDeclaration {
  readonly unit?: Unit;
  readonly init: AstExpr | 'steady';
}

export interface AstDefinition extends AstDeclaration {
  readonly expr: AstExpr;
}

export interface AstEquation {
  readonly state: string;
  readonly span: Span;
  readonly rhs: AstExpr;
  readonly unlessRefractory: boolean;
}

export interface AstAssignment {
  readonly target: string;
  readonly span: Span;
  readonly op: '=' | '+=' | '-=';
  readonly expr: AstExpr;
}

export interface AstModel {
  readonly name: string;
  readonly nameSpan: Span;
  readonly kind: ModelKind;
  readonly doc: string;
  readonly params: AstParam[];
  readonly inputs: AstInput[];
  readonly states: AstState[];
  readonly definitions: AstDefinition[];
  readonly equations: AstEquation[];
  current?: AstDefinition;
  spike?: { readonly expr: AstExpr; readonly span: Span };
  refractory?: { readonly expr: AstExpr; readonly span: Span };
  readonly reset: AstAssignment[];
  readonly clamp: AstAssignment[];
  readonly onPre: AstAssignment[];
  readonly onPost: AstAssignment[];
}

/** Section keywords; reserved, so no symbol may use these names. */
export const SECTION_KEYWORDS = [
  'params',
  'inputs',
  'states',
  'definitions',
  'equations',
  'current',
  'spike',
  'reset',
  'refractory',
  'clamp',
  'on_pre',
  'on_post',
] as const;

export type SectionKeyword = (typeof SECTION_KEYWORDS)[number];

export const RESERVED_WORDS = new Set<string>([
  ...SECTION_KEYWORDS,
  'model',
  'and',
  'or',
  'not',
  'steady',
  'unless',
]);

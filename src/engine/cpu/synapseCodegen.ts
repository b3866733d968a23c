/**
 * Generated code for one projection: the `on_pre` and `on_post` bodies run per connection (with the
 * event-driven states advanced exactly since the connection's last event), the per-step update of
 * clock-driven states and per-connection currents, and reads for recording. Identifiers come from
 * tables, numbers from values, as for populations.
 */
import type { AssignmentIR, Expr, ModelIR } from '../../model/ir';
import { inlineDefinitions } from '../../model/symbolic';
import { definitionMap } from '../../model/compile';
import type { SynapsePlan } from '../../model/synapsePlan';
import { phi } from './expEuler';
import { printExpr, printNumber } from './printExpr';

export interface ProjectionCodeLayout {
  readonly ir: ModelIR;
  readonly plan: SynapsePlan;
  /** Per-connection states, in the order of ctx.SC. */
  readonly connectionStates: readonly string[];
  /** Parameters stored per connection (ctx.PC[k]); the others are scalars (ctx.PS[k]). */
  readonly params: readonly { readonly name: string; readonly perConnection: boolean }[];
  /** Lumped states → index in ctx.G (the post population's arrays). */
  readonly lumped: ReadonlyMap<string, number>;
  /** Post-bound inputs → index in ctx.VP; pre-bound inputs → index in ctx.VR (cells' state arrays). */
  readonly postInputs: ReadonlyMap<string, number>;
  readonly preInputs: ReadonlyMap<string, number>;
  /**
   * Connections were created grouped by pre neuron (the rules' usual order), so a pre neuron's
   * outgoing connections are one run of ids and arrivals need not look them up in the CSR.
   */
  readonly createdInPreOrder?: boolean;
}


export function generateProjectionCode(layout: ProjectionCodeLayout): string {
  const { ir, plan } = layout;
  const defs = definitionMap(ir);
  const inline = (e: Expr): Expr => inlineDefinitions(e, defs);
  const stateIndex = new Map(layout.connectionStates.map((s, k) => [s, k]));
  const paramIndex = new Map(layout.params.map((p, k) => [p.name, k]));
  const nameOf = (name: string): string => {
    const s = stateIndex.get(name);
    if (s !== undefined) return `s${s}`;
    const p = paramIndex.get(name);
    if (p !== undefined) return `p${p}`;
    const l = layout.lumped.get(name);
    if (l !== undefined) return `G${l}[post]`;
    const vp = layout.postInputs.get(name);
    if (vp !== undefined) return `VP${vp}[post]`;
    const vr = layout.preInputs.get(name);
    if (vr !== undefined) return `VR${vr}[pre]`;
    if (name === 't') return '(n * dt)';
    if (name === 'dt') return 'dt';
    if (name === 'pi') return printNumber(Math.PI);
    throw new Error(`internal: unresolved symbol '${name}' in synapse code generation`);
  };
  const print = (e: Expr): string => printExpr(inline(e), nameOf);
  const lines: string[] = ['"use strict";'];
  lines.push('const PRE = ctx.PRE, POST = ctx.POST, IND = ctx.IND, OUT = ctx.OUT, INI = ctx.INI, INC = ctx.INC, LU = ctx.LU, PS = ctx.PS, IN = ctx.IN;');
  layout.connectionStates.forEach((_, k) => lines.push(`const SC${k} = ctx.SC[${k}];`));
  layout.params.forEach((p, k) => lines.push(p.perConnection ? `const PC${k} = ctx.PC[${k}];` : ''));
  layout.lumped.forEach((k) => lines.push(`const G${k} = ctx.G[${k}];`));
  layout.postInputs.forEach((k) => lines.push(`const VP${k} = ctx.VP[${k}];`));
  layout.preInputs.forEach((k) => lines.push(`const VR${k} = ctx.VR[${k}];`));

  const scalars = layout.params.map((p, k) => (p.perConnection ? '' : `const p${k} = PS[${k}];`)).join(' ');
  // Declared only where the code reads them: V8 does not drop an unused typed-array load.
  const load = (uses: string): string =>
    [
      /\bpost\b/.test(uses) ? 'const post = POST[c];' : '',
      /\bpre\b/.test(uses) ? 'const pre = PRE[c];' : '',
      ...layout.connectionStates.map((_, k) => `let s${k} = SC${k}[c];`),
      ...layout.params.map((p, k) => (p.perConnection ? `let p${k} = PC${k}[c];` : '')),
    ].join(' ');
  // Event-driven states: exact solution of dx/dt = A + Bx over the time since this connection's last event.
  const catchUp = (): string[] => {
    if (plan.eventDriven.length === 0) return [];
    const out = ['const D = (n - LU[c]) * dt;'];
    for (const s of plan.eventDriven) {
      const { A, B } = plan.linear.get(s)!;
      const k = stateIndex.get(s)!;
      out.push(`{ const B = ${printExpr(B, nameOf)}; s${k} = s${k} + (${printExpr(A, nameOf)} + B * s${k}) * ${phi('B', 'D')}; }`);
    }
    return out;
  };
  const statement = (a: AssignmentIR): string => `${nameOf(a.target)} ${a.op} ${print(a.expr)};`;
  const store = (): string =>
    [
      ...layout.connectionStates.map((_, k) => `SC${k}[c] = s${k};`),
      ...layout.params.map((p, k) => (p.perConnection ? `PC${k}[c] = p${k};` : '')),
      plan.eventDriven.length > 0 ? 'LU[c] = n;' : '',
    ].join(' ');
  const body = (statements: readonly AssignmentIR[]): string[] => {
    const code = [...catchUp(), ...statements.map(statement), store()];
    return [load(code.join(' ')), ...code];
  };

  // Spikes of pre neurons arriving now (one delay for the whole projection): every outgoing connection.
  lines.push('function arrivePre(ids, count, n, dt) {', `  ${scalars}`);
  lines.push(
    layout.createdInPreOrder
      ? '  for (let k = 0; k < count; k++) { const from = ids[k]; for (let c = IND[from], end = IND[from + 1]; c < end; c++) {'
      : '  for (let k = 0; k < count; k++) { const from = ids[k]; for (let q = IND[from], end = IND[from + 1]; q < end; q++) { const c = OUT[q];',
  );
  lines.push(...body(ir.onPre).map((l) => '    ' + l), '  } }', '}');
  // Connections arriving now (heterogeneous delays): the connection ids themselves.
  lines.push('function arriveConnections(ids, count, n, dt) {', `  ${scalars}`);
  lines.push('  for (let k = 0; k < count; k++) { const c = ids[k];');
  lines.push(...body(ir.onPre).map((l) => '    ' + l), '  }', '}');
  // Post-synaptic spikes: on_post for every incoming connection.
  lines.push('function arrivePost(ids, count, n, dt) {', `  ${scalars}`);
  lines.push('  for (let k = 0; k < count; k++) { const to = ids[k]; for (let q = INI[to], end = INI[to + 1]; q < end; q++) { const c = INC[q];');
  lines.push(...body(ir.onPost).map((l) => '    ' + l), '  } }', '}');
  // Each step: per-connection currents into the post cells (before recording, from values at t) …
  lines.push('function currents(n, dt) {', `  ${scalars}`, '  for (let c = 0; c < PRE.length; c++) {', `    ${load('post pre')}`);
  if (plan.current === 'per-connection' && ir.current) lines.push(`    IN[post] += ${print(ir.current.expr)};`);
  lines.push('  }', '}');
  // … then, after recording, the clock-driven states advance by one (Euler) step.
  lines.push('function advance(n, dt) {', `  ${scalars}`, '  for (let c = 0; c < PRE.length; c++) {', `    ${load('post pre')}`);
  const clockStates = plan.clockDriven.map((s) => ({ s, k: stateIndex.get(s)!, rhs: ir.equations.find((eq) => eq.state === s)!.rhs }));
  clockStates.forEach(({ k, rhs }) => lines.push(`    const n${k} = s${k} + dt * (${print(rhs)});`));
  clockStates.forEach(({ k }) => lines.push(`    SC${k}[c] = n${k};`));
  lines.push('  }', '}');
  // Recording: a connection's variable now (event-driven states advanced to n without being stored).
  lines.push('function read(c, n, dt, which) {', `  ${scalars}`, `  ${load('post pre')}`, ...catchUp().map((l) => '  ' + l));
  layout.connectionStates.forEach((_, k) => lines.push(`  if (which === ${k}) return s${k};`));
  layout.params.forEach((_, k) => lines.push(`  if (which === ${layout.connectionStates.length + k}) return p${k};`));
  lines.push('  return NaN;', '}');
  lines.push('return { arrivePre, arriveConnections, arrivePost, currents, advance, read };');
  return lines.filter((l) => l.trim() !== '').join('\n');
}

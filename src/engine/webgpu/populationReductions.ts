/**
 * The WGSL of a spike test over the whole population (pop_sum, pop_max) and of one spike per step:
 * each reduction's total, the candidates' count and a candidate's rank, in neuron order, by blocks
 * (`ReductionLayout`).
 * `row(r)` is where scratch row r starts in S; the totals are R0, R1, …, the count and rank
 * `count` and `rank`.
 */
import type { ReductionLayout } from './kernelPlan';

type Row = (r: number) => number;

const initial = (sum: boolean): string => (sum ? '0.0f' : 'bitcast<f32>(0xff800000u + ctrl.zero)');
const fold = (sum: boolean, acc: string, term: string): string => (sum ? `${acc} += ${term};` : `${acc} = max(${acc}, ${term});`);

/** main_r (thread i < blocks): each reduction's total over block i of its terms. */
export function blockTotals(layout: ReductionLayout, sums: readonly boolean[], row: Row, N: number): string[] {
  const out = [`if (i < ${layout.blocks}u) {`, `  let q0 = i * ${layout.block}u;`, `  let q1 = min(q0 + ${layout.block}u, ${N}u);`];
  sums.forEach((sum, k) => {
    out.push(`  var acc${k} = ${initial(sum)};`, `  for (var q = q0; q < q1; q++) { ${fold(sum, `acc${k}`, `S[${row(k)}u + q]`)} }`, `  S[${row(layout.reductions + 1 + k)}u + i] = acc${k};`);
  });
  out.push('}');
  return out;
}

/** R_k: each reduction's total over the population, from the block totals. */
export function reductionTotals(layout: ReductionLayout, sums: readonly boolean[], row: Row): string[] {
  return sums.flatMap((sum, k) => [`var R${k} = ${initial(sum)};`, `for (var q = 0u; q < ${layout.blocks}u; q++) { ${fold(sum, `R${k}`, `S[${row(layout.reductions + 1 + k)}u + q]`)} }`]);
}

/** main_m (thread i < blocks): the candidates in block i. */
export function blockCandidates(layout: ReductionLayout, row: Row, N: number): string[] {
  const mark = row(layout.reductions);
  return [
    `if (i < ${layout.blocks}u) {`,
    `  var c = 0.0f;`,
    `  for (var q = i * ${layout.block}u; q < min((i + 1u) * ${layout.block}u, ${N}u); q++) { if (S[${mark}u + q] > 0.5f) { c += 1.0f; } }`,
    `  S[${row(2 * layout.reductions + 1)}u + i] = c;`,
    '}',
  ];
}

/** `count`: the candidates; `rank`: those before neuron i (by blocks, then within i's block). */
export function candidateRank(layout: ReductionLayout, row: Row): string[] {
  const mark = row(layout.reductions);
  return [
    'var count = 0u;',
    'var rank = 0u;',
    `let mine = i / ${layout.block}u;`,
    `for (var b = 0u; b < ${layout.blocks}u; b++) { let c = u32(S[${row(2 * layout.reductions + 1)}u + b]); if (b < mine) { rank += c; } count += c; }`,
    `for (var q = mine * ${layout.block}u; q < i; q++) { if (S[${mark}u + q] > 0.5f) { rank += 1u; } }`,
  ];
}

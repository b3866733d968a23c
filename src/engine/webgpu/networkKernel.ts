/**
 * A small network's chunk in one dispatch: one workgroup, each thread taking neurons t, t + W, … of
 * every population, every step of the chunk in a loop, with a storage barrier where the CPU's step
 * (and the per-step dispatches) would separate phases — after every population's step (whose spikes
 * the next step's arrivals read), and between the phases of a split step (pop_sum, oneSpike).
 * A dispatch costs microseconds on a GPU (and 0.7 ms on SwiftShader), so a network of a few hundred
 * neurons would otherwise spend its time dispatching.
 */
import { populationFunctions, KERNEL_HEADER } from './populationKernel';
import type { PlannedPopulation } from './gpuPlan';

export const NETWORK_WORKGROUP_SIZE = 256;

export function generateNetworkKernel(populations: readonly PlannedPopulation[]): string {
  const W = NETWORK_WORKGROUP_SIZE;
  const source: string[] = [];
  const phases = populations.map((p) => {
    const f = populationFunctions(p.pop.flat, p.layout, p.options, `p${p.index}_`);
    source.push(...f.source);
    return f.phases.map((phase) => `p${p.index}_${phase}`);
  });
  const each = (p: PlannedPopulation, call: string): string => `    for (var i = t; i < ${p.pop.size}u; i += ${W}u) { ${call} }`;
  const body: string[] = [];
  const depth = Math.max(...phases.map((list) => list.length));
  for (let k = 0; k < depth; k++) {
    populations.forEach((p, j) => {
      if (k < phases[j].length) body.push(each(p, `${phases[j][k]}(i, s, 1, ${k === 0 ? 'pull' : 'false'});`));
    });
    body.push('    storageBarrier();');
  }
  // The arrivals of the chunk's last step, so the host gets states with every arrival in.
  const last = populations.filter((p) => p.hosted.length > 0).map((p) => each(p, `${phases[p.index][0]}(i, end, 0, true);`).slice(2));
  return [
    KERNEL_HEADER,
    ...source,
    `@compute @workgroup_size(${W})`,
    'fn network(@builtin(local_invocation_index) t: u32) {',
    '  let end = ctrl.s0 + ctrl.steps;',
    '  for (var s = ctrl.s0; s < end; s++) {',
    '    let pull = s > ctrl.s0;',
    ...body,
    '  }',
    ...last,
    '}',
  ].join('\n');
}

/**
 * The network's kernels: every population's step functions in one module over the network's
 * buffers, and entry points that run them for all populations at once.
 *
 * `phase_k`: one thread per neuron of any population (each population's threads start at a
 * multiple of the workgroup size, so a workgroup belongs to one population), phase k of its step —
 * a whole chunk in one dispatch when nothing couples the steps, else one dispatch a step (a
 * population whose spike test reads the whole population adds a phase or two).
 *
 * `network`, for a small network: its chunk in one dispatch: one workgroup, each thread taking neurons t, t + W, … of
 * every population, every step of the chunk in a loop, with a storage barrier where the CPU's step
 * (and the per-step dispatches) would separate phases — after every population's step (whose spikes
 * the next step's arrivals read), after pushed projections' pushes (whose sums the step collects),
 * and between the phases of a split step (pop_sum, oneSpike).
 * A dispatch costs microseconds on a GPU (and 0.7 ms on SwiftShader), so a network of a few hundred
 * neurons would otherwise spend its time dispatching.
 */
import { populationFunctions, KERNEL_HEADER, WORKGROUP_SIZE } from './populationKernel';
import type { PlannedPopulation } from './gpuPlan';

export const NETWORK_WORKGROUP_SIZE = 256;
/** Workgroups along x at most (WebGPU's default limit per dimension); more go along y. */
const MAX_GROUPS_X = 65_535;

export interface NetworkKernels {
  readonly code: string;
  /** Entry points a step dispatches in order: (`push`, or `clock`), `phase_0`, `phase_1`, … (then `arrive`, `currents`); `network` too when asked for. */
  readonly entries: readonly string[];
  /** The dispatch size of a phase: workgroups along x and y. */
  readonly groups: readonly [number, number];
}

export function generateNetworkKernels(populations: readonly PlannedPopulation[], workgroup: boolean): NetworkKernels {
  const source: string[] = [];
  const phases = populations.map((p) => {
    const f = populationFunctions(p.pop.flat, p.layout, p.options, `p${p.index}_`);
    source.push(...f.source, ...(p.after?.source ?? []));
    return f.phases.map((phase) => `p${p.index}_${phase}`);
  });
  const depth = Math.max(1, ...phases.map((list) => list.length));
  const after = populations.some((p) => p.after);
  let start = 0;
  const ranges = populations.map((p) => {
    const range = { start, size: p.pop.size };
    start += Math.ceil(p.pop.size / WORKGROUP_SIZE) * WORKGROUP_SIZE;
    return range;
  });
  const entries: string[] = [];
  const afterPhase = (which: AfterPhase): void => {
    entries.push(`@compute @workgroup_size(${WORKGROUP_SIZE})`, `fn ${which.entry}(@builtin(global_invocation_id) gid: vec3u) {`, `  let g = gid.x + gid.y * ${MAX_GROUPS_X * WORKGROUP_SIZE}u;`, '  let n = ctrl.firstStep + ctrl.s0;');
    populations.forEach((p, j) => {
      const calls = which.calls(p);
      if (calls.length > 0) entries.push(`  if (g >= ${ranges[j].start}u && g < ${ranges[j].start + ranges[j].size}u) { ${calls.map((f) => `${f}(g - ${ranges[j].start}u, n);`).join(' ')} }`);
    });
    if (which.single.length > 0) entries.push(`  if (g == 0u) { ${which.single.map((f) => `${f}(n);`).join(' ')} }`);
    entries.push('}');
  };
  // Pushed projections (pushProjection.ts): before the populations' step, whose first phase collects
  // what they pushed, for the same step before s0 (only where the populations pull); or, where the
  // projections run after the populations' step, between it and the arrivals, which collect them.
  const pushes = populations.flatMap((p) => p.pushes);
  if (pushes.length > 0) {
    entries.push(`@compute @workgroup_size(${WORKGROUP_SIZE})`, 'fn push(@builtin(global_invocation_id) gid: vec3u) {', `  let g = gid.x + gid.y * ${MAX_GROUPS_X * WORKGROUP_SIZE}u;`);
    entries.push(...(after ? ['  let n = ctrl.firstStep + ctrl.s0;'] : ['  if (ctrl.pull == 0) { return; }', '  let n = ctrl.firstStep + ctrl.s0 - 1;']));
    for (const { name, preSize } of pushes) entries.push(`  if (g < ${preSize}u) { ${name}(g, n); }`);
    entries.push('}');
  }
  // Clock-driven equations that read the cells: before the populations' step, with the cells at t_n.
  const clock = populations.some((p) => (p.after?.clock.length ?? 0) > 0);
  if (clock) afterPhase(afterPhases(populations, 'clock')[0]);
  for (let k = 0; k < depth; k++) {
    entries.push(`@compute @workgroup_size(${WORKGROUP_SIZE})`, `fn phase_${k}(@builtin(global_invocation_id) gid: vec3u) {`, `  let g = gid.x + gid.y * ${MAX_GROUPS_X * WORKGROUP_SIZE}u;`);
    populations.forEach((p, j) => {
      if (k >= phases[j].length) return;
      const { start: at, size } = ranges[j];
      entries.push(`  if (g >= ${at}u && g < ${at + size}u) { ${phases[j][k]}(g - ${at}u, ctrl.s0, ctrl.steps, ${k === 0 ? 'ctrl.pull != 0' : 'false'}); }`);
    });
    entries.push('}');
  }
  // After the populations' step: every arrival (in rounds of projections where their order
  // matters), then the currents (which read the cells with every arrival in), each its own
  // dispatch where a projection has one to run.
  const afterStep = after ? [...afterPhases(populations, 'arrive'), ...afterPhases(populations, 'currents')] : [];
  for (const which of afterStep) afterPhase(which);
  const groups = Math.max(1, start / WORKGROUP_SIZE);
  const code = [KERNEL_HEADER, ...source, ...entries, ...(workgroup ? workgroupEntry(populations, phases) : [])].join('\n');
  const push = pushes.length > 0 ? ['push'] : [];
  const names = [...(after ? [] : push), ...(clock ? ['clock'] : []), ...Array.from({ length: depth }, (_, k) => `phase_${k}`), ...(after ? push : []), ...afterStep.map((which) => which.entry)];
  return { code, entries: names, groups: [Math.min(groups, MAX_GROUPS_X), Math.ceil(groups / MAX_GROUPS_X)] };
}

/** `network`: a small network's chunk in one workgroup. */
function workgroupEntry(populations: readonly PlannedPopulation[], phases: readonly (readonly string[])[]): string[] {
  const W = NETWORK_WORKGROUP_SIZE;
  const each = (p: PlannedPopulation, call: string): string => `    for (var i = t; i < ${p.pop.size}u; i += ${W}u) { ${call} }`;
  const body: string[] = [];
  const afterPhase = (kind: 'clock' | 'arrive' | 'currents'): void => {
    for (const which of afterPhases(populations, kind)) {
      for (const p of populations) {
        const calls = which.calls(p);
        if (calls.length > 0) body.push(each(p, calls.map((f) => `${f}(i, ctrl.firstStep + s);`).join(' ')));
      }
      if (which.single.length > 0) body.push(`    if (t == 0u) { ${which.single.map((f) => `${f}(ctrl.firstStep + s);`).join(' ')} }`);
      body.push('    storageBarrier();');
    }
  };
  // Pushed projections, as their dispatch: before a step's phases, the step before's spikes (not in
  // a chunk's first step, whose arrivals the chunk before collected); or, where the projections run
  // after the populations' step, between it and the arrivals.
  const after = populations.some((p) => p.after);
  const pushes = populations.flatMap((p) => p.pushes);
  const pushAt = (n: string, when: string): string[] =>
    pushes.length === 0 ? [] : [...pushes.map(({ name, preSize }) => `    if (${when}) { for (var i = t; i < ${preSize}u; i += ${W}u) { ${name}(i, ${n}); } }`), '    storageBarrier();'];
  body.push(...(after ? [] : pushAt('ctrl.firstStep + s - 1', 'pull')));
  afterPhase('clock');
  const depth = Math.max(...phases.map((list) => list.length));
  for (let k = 0; k < depth; k++) {
    populations.forEach((p, j) => {
      if (k < phases[j].length) body.push(each(p, `${phases[j][k]}(i, s, 1, ${k === 0 ? 'pull' : 'false'});`));
    });
    body.push('    storageBarrier();');
  }
  if (after) body.push(...pushAt('ctrl.firstStep + s', 'true'));
  afterPhase('arrive');
  afterPhase('currents');
  // The arrivals of the chunk's last step, so the host gets states with every arrival in.
  const last = populations.filter((p) => p.hosted.length > 0).map((p) => each(p, `${phases[p.index][0]}(i, end, 0, true);`).slice(2));
  return [
    `@compute @workgroup_size(${W})`,
    'fn network(@builtin(local_invocation_index) t: u32) {',
    '  let end = ctrl.s0 + ctrl.steps;',
    '  for (var s = ctrl.s0; s < end; s++) {',
    '    let pull = s > ctrl.s0;',
    ...body,
    '  }',
    ...(after ? [] : pushAt('ctrl.firstStep + end - 1', 'true').map((line) => line.slice(2))),
    ...last,
    '}',
  ];
}

/**
 * A phase of the projections run after (or, clocks, before) the populations' step: its entry point,
 * each population's calls per post neuron, and the calls one thread makes for all (orderedArrivals.ts).
 */
interface AfterPhase {
  readonly entry: string;
  readonly calls: (p: PlannedPopulation) => readonly string[];
  readonly single: readonly string[];
}

/**
 * The phases of one kind, none where no population has a call of that kind. Arrivals take one
 * phase, or one per round where their order matters (gpuPlan.ts: a projection's arrivals read pre
 * cells that arrivals change): `arrive_<round>`, in the CPU's order of projections.
 */
function afterPhases(populations: readonly PlannedPopulation[], kind: 'clock' | 'arrive' | 'currents'): AfterPhase[] {
  if (kind !== 'arrive') return populations.some((p) => (p.after?.[kind].length ?? 0) > 0) ? [{ entry: kind, calls: (p) => p.after?.[kind] ?? [], single: [] }] : [];
  const arrivals = populations.flatMap((p) => p.after?.arrive ?? []);
  const rounds = [...new Set(arrivals.map((a) => a.round))].sort((a, b) => a - b);
  const callsIn = (round: number) => (p: PlannedPopulation) => (p.after?.arrive ?? []).filter((a) => a.round === round && !a.single).map((a) => a.name);
  // A round whose arrivals run one by one after per-neuron work of theirs (recordings, clocks) takes two phases.
  return rounds.flatMap((round) => {
    const entry = rounds.length === 1 ? 'arrive' : `arrive_${round}`;
    const calls = callsIn(round);
    const single = arrivals.filter((a) => a.round === round && a.single).map((a) => a.name);
    const parallel = populations.some((p) => calls(p).length > 0);
    if (!parallel || single.length === 0) return [{ entry, calls, single }];
    return [
      { entry, calls, single: [] },
      { entry: `${entry}_ordered`, calls: () => [], single },
    ];
  });
}

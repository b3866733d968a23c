/**
 * What to do with an edited document while a simulation runs: apply values live (liveEdit.ts), swap
 * in a new simulation because the code of a model in use changed (hotSwap.ts), or say why it needs
 * a restart. The worker calls `planUpdate` for every `update` message.
 *
 * A model reload is possible when the only structural differences are in `models`: changed sources
 * of models in use, and models added, removed or changed that nothing uses (those need nothing at
 * all). Value edits made at the same time (parameters, weights, stimuli) come with it. A changed
 * model in use that has errors never replaces the working one: the answer is live: false with its
 * first error, and the running simulation is left exactly as it was.
 */
import type { Project, Projection } from '../project/schema';
import { projectRegistry } from './build';
import { EngineError } from './errors';
import { hotSwapWithReport, type TransferReport } from './hotSwap';
import { changedKeys, deepEqual, restartReason } from './liveDiff';
import { planLiveEdit, type LiveEditPlan } from './liveEdit';
import type { Simulation } from './simulation';

export type UpdatePlan =
  | {
      readonly live: true;
      /** What changes: `model LIF2 reloaded`, `exc.tau_m`, `ee.weight`, `hold.amplitude`, ... */
      readonly applied: readonly string[];
      /** For a model reload: what could not be carried over (states that start afresh). */
      readonly report?: TransferReport;
      /** Applies the change (call once, between chunks); returns the simulation to go on with. */
      apply(): Simulation;
    }
  | { readonly live: false; readonly reason: string };

/** Plans applying `after` to `sim`, built from `before` (and perhaps edited or reloaded since). */
export function planUpdate(sim: Simulation, before: Project, after: Project): UpdatePlan {
  const changed = changedKeys(before.models, after.models);
  if (changed.length === 0) return fromLiveEdit(sim, planLiveEdit(sim, before, after));
  // With the new model sources on both sides, what is left must be live-editable.
  const sameModels: Project = { ...before, models: after.models };
  const reason = restartReason(sameModels, after);
  if (reason) return { live: false, reason };
  const used = modelsInUse(after);
  const reloaded = changed.filter((name) => used.has(name));
  // Models nothing uses (added, removed, changed, even broken) do not touch the simulation.
  if (reloaded.length === 0) return fromLiveEdit(sim, planLiveEdit(sim, sameModels, after));

  const problem = firstModelProblem(after, reloaded);
  if (problem) return { live: false, reason: problem };
  let swapped: ReturnType<typeof hotSwapWithReport>;
  try {
    swapped = hotSwapWithReport(sim, after, { resetParams: editedSynapseParams(before, after) });
  } catch (e) {
    if (e instanceof EngineError) return { live: false, reason: e.message };
    throw e;
  }
  return {
    live: true,
    applied: [...reloaded.map((name) => `model ${name} reloaded`), ...valueChanges(sameModels, after)],
    report: swapped.report,
    apply: () => swapped.simulation,
  };
}

function fromLiveEdit(sim: Simulation, plan: LiveEditPlan): UpdatePlan {
  if (!plan.live) return plan;
  return {
    live: true,
    applied: plan.applied,
    apply: () => {
      plan.apply();
      return sim;
    },
  };
}

/** Every model name the project builds with: cells, their channels, synapses. */
export function modelsInUse(project: Project): Set<string> {
  const used = new Set<string>();
  for (const p of project.populations) {
    used.add(p.model);
    for (const c of p.channels ?? []) used.add(c.model);
  }
  for (const p of project.projections) used.add(p.synapse);
  return used;
}

/** `model X has errors: line:col message` for the first reloaded model that does not compile. */
function firstModelProblem(project: Project, names: readonly string[]): string | undefined {
  let registry;
  try {
    registry = projectRegistry(project);
  } catch (e) {
    if (e instanceof EngineError) return e.message;
    throw e;
  }
  for (const name of names) {
    const result = registry.compile(name);
    if (!result) return `model ${name} is used by the project but was removed`;
    if (!result.ir) {
      const first = result.diagnostics.find((d) => d.severity === 'error') ?? result.diagnostics[0];
      return `model ${name} has errors: ${first ? `${first.line}:${first.col} ${first.message}` : 'it does not compile'}`;
    }
  }
  return undefined;
}

const valueFor = (p: Projection, name: string): unknown => p.params?.[name] ?? (name === 'w' ? p.weight : undefined);

/** Synapse parameters the document sets anew (`proj.param`): learnt values of these are not carried. */
function editedSynapseParams(before: Project, after: Project): Set<string> {
  const out = new Set<string>();
  after.projections.forEach((b, k) => {
    const a = before.projections[k];
    const names = new Set([...Object.keys(a.params ?? {}), ...Object.keys(b.params ?? {}), 'w']);
    for (const name of names) if (!deepEqual(valueFor(a, name), valueFor(b, name))) out.add(`${b.id}.${name}`);
  });
  return out;
}

/** The value edits between two documents of the same structure, named as live edits name them. */
function valueChanges(before: Project, after: Project): string[] {
  const out: string[] = [];
  after.populations.forEach((b, k) => {
    const a = before.populations[k];
    out.push(...changedKeys(a.params, b.params).map((name) => `${b.id}.${name}`));
    (b.channels ?? []).forEach((c, j) => out.push(...changedKeys(a.channels?.[j].params, c.params).map((name) => `${b.id}.${c.model}.${name}`)));
  });
  after.projections.forEach((b, k) => {
    const a = before.projections[k];
    if (!deepEqual(a.weight, b.weight)) out.push(`${b.id}.weight`);
    out.push(...changedKeys(a.params, b.params).map((name) => `${b.id}.${name}`));
  });
  after.stimuli.forEach((b, k) => out.push(...changedKeys(before.stimuli[k] as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>).map((f) => `${b.id}.${f}`)));
  return out;
}

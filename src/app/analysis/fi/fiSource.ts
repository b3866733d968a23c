/**
 * The f–I panel's "cell" choice: a population of the project (`pop:<id>`, its values as the
 * inspector left them) or a catalog cell model with its defaults (`model:<name>`), and the
 * starting settings each one gets (current range, dt, integrator).
 */
import { fiCellFromModel, fiCellFromPopulation, type ResolvedFiCell } from '../../../analysis/fiCell';
import { defaultCurrentRange } from '../../../analysis/fiFormat';
import type { ModelInfo } from '../../../library/catalog';
import type { ProjectDoc } from '../../store/document';
import type { Selection } from '../../store/projectStore';

export interface SourceOption {
  readonly value: string;
  readonly label: string;
  readonly group: 'Populations' | 'Cell models (defaults)';
}

/** Models that have a spike condition and a membrane to drive (not spike sources). */
export function fiModels(models: readonly ModelInfo[]): ModelInfo[] {
  return models.filter((m) => m.kind === 'cell' && m.spikes && !m.isSource && m.inputs.length > 0);
}

export function sourceOptions(doc: ProjectDoc, models: readonly ModelInfo[]): SourceOption[] {
  return [
    ...doc.populations.map((p): SourceOption => ({ value: `pop:${p.id}`, label: `${p.id} — ${p.model}${p.label ? ` (${p.label})` : ''}`, group: 'Populations' })),
    ...fiModels(models).map((m): SourceOption => ({ value: `model:${m.name}`, label: m.name, group: 'Cell models (defaults)' })),
  ];
}

/** The selected population, else the first population, else the LIF with its defaults. */
export function defaultSource(doc: ProjectDoc, selection: Selection): string {
  const selected = selection.nodes.find((n) => n.kind === 'population' && doc.populations.some((p) => p.id === n.id));
  if (selected) return `pop:${selected.id}`;
  if (doc.populations.length > 0) return `pop:${doc.populations[0].id}`;
  return 'model:LIF';
}

/** A source that still exists, or the default. */
export function effectiveSource(chosen: string | null, doc: ProjectDoc, selection: Selection, byName: ReadonlyMap<string, ModelInfo>): string {
  if (chosen?.startsWith('pop:') && doc.populations.some((p) => `pop:${p.id}` === chosen)) return chosen;
  if (chosen?.startsWith('model:') && byName.has(chosen.slice(6))) return chosen;
  return defaultSource(doc, selection);
}

export function resolveSource(source: string, doc: ProjectDoc, byName: ReadonlyMap<string, ModelInfo>): ResolvedFiCell | undefined {
  if (source.startsWith('pop:')) return fiCellFromPopulation(doc, source.slice(4), (n) => byName.get(n));
  const info = byName.get(source.slice(6));
  return info ? fiCellFromModel(info, doc) : undefined;
}

/** Settings remembered per source; what is missing comes from `sourceDefaults`. */
export interface SourceSetup {
  readonly from: string;
  readonly to: string;
  readonly dtMs: string;
  /** An integrator name; for a population, its own unless changed here. */
  readonly integrator: string;
}

/**
 * Where a source starts: a current range for its model and input unit; a population runs with the
 * project's dt and its own integrator (what the main run uses); a catalog model with the project's
 * dt and forward Euler, except Hodgkin–Huxley, whose forward Euler blows up at 0.1 ms (rk4 at
 * 0.01 ms, as its Brian2 reference).
 */
export function sourceDefaults(resolved: ResolvedFiCell | undefined, doc: ProjectDoc): SourceSetup {
  const model = resolved?.cell.model ?? 'LIF';
  const range = defaultCurrentRange(model, resolved?.input?.unit ?? 'nA');
  const projectDt = String(doc.simulation.dtMs ?? 0.1);
  const conductanceBased = model === 'HodgkinHuxley1952' || model === 'HodgkinHuxleyCell';
  const fromCatalog = resolved?.origin === 'catalog';
  return {
    from: String(range.from),
    to: String(range.to),
    dtMs: fromCatalog && conductanceBased ? '0.01' : projectDt,
    integrator: fromCatalog && conductanceBased ? 'rk4' : (resolved?.cell.integrator ?? 'euler'),
  };
}

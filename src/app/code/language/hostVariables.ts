/**
 * What a channel's or synapse's inputs can bind to, from the catalog: a channel input binds to the
 * host cell's symbol of the same name (`v`), a synapse input to the post-synaptic cell's (`v`,
 * `v_post`) or, with `_pre`, the pre-synaptic cell's (`v_pre`). The cells' states are the
 * candidates, most widely shared first (so `v : mV` leads).
 */
import type { ModelInfo } from '../../../library/catalog';
import type { CompletionItem } from './completion';

export interface HostVariable {
  readonly name: string;
  readonly unit: string;
  /** The cells that have it, in catalog order. */
  readonly cells: readonly string[];
  readonly description: string;
}

/** Distinct (name, unit) states of the catalog's cells (spike sources have no membrane to bind to). */
export function hostVariables(catalog: readonly ModelInfo[]): HostVariable[] {
  const byKey = new Map<string, { name: string; unit: string; cells: string[]; description: string }>();
  for (const model of catalog) {
    if (model.kind !== 'cell' || model.isSource) continue;
    for (const s of model.states) {
      const key = `${s.name} ${s.unit}`;
      const entry = byKey.get(key) ?? { name: s.name, unit: s.unit, cells: [], description: s.description };
      entry.cells.push(model.name);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => b.cells.length - a.cells.length || a.name.localeCompare(b.name));
}

/** Where a host variable binds, for hover text: "the host cell's v (mV; in LIF, AdEx, …)". */
export function hostVariableFor(catalog: readonly ModelInfo[], inputName: string): HostVariable | undefined {
  const bound = inputName.replace(/_(pre|post)$/, '');
  return hostVariables(catalog).find((h) => h.name === bound);
}

export function cellList(cells: readonly string[], max = 3): string {
  return cells.length <= max ? cells.join(', ') : `${cells.slice(0, max).join(', ')} and ${cells.length - max} more`;
}

/** Input declarations to offer at the start of a line in a channel's or synapse's `inputs`. */
export function hostVariableItems(catalog: readonly ModelInfo[], kind: 'channel' | 'synapse', declared: ReadonlySet<string>): CompletionItem[] {
  const out: CompletionItem[] = [];
  hostVariables(catalog).forEach((h, rank) => {
    const variants =
      kind === 'channel'
        ? [{ name: h.name, where: 'the host cell' }]
        : [
            { name: h.name, where: 'the post-synaptic cell' },
            { name: `${h.name}_pre`, where: 'the pre-synaptic cell' },
            { name: `${h.name}_post`, where: 'the post-synaptic cell' },
          ];
    for (const v of variants) {
      if (declared.has(v.name)) continue;
      out.push({
        label: `${v.name} : ${h.unit}`,
        kind: 'input',
        insertText: `${v.name} : ${h.unit}`,
        filterText: v.name,
        detail: `binds to ${h.name} of ${v.where}`,
        documentation: `${h.description ? `${h.description}. ` : ''}A state of ${cellList(h.cells)}.`,
        sortText: `1${String(rank).padStart(3, '0')}`,
      });
    }
  });
  return out;
}

/** Several things selected: how many of each, and a list to narrow the selection to one. */
import { projectStore } from '../store';
import type { ItemRef } from '../store/document';
import { Section } from './Field';
import { selectionCounts } from './selectionView';
import './SelectionSummary.css';

export function SelectionSummary({ items }: { readonly items: readonly ItemRef[] }) {
  const selectOnly = (item: ItemRef) =>
    projectStore.getState().select(item.kind === 'projection' ? { nodes: [], projections: [item.id] } : { nodes: [item], projections: [] });
  return (
    <Section title="Selected">
      <p className="insp-summary-counts" data-testid="selection-counts">
        {selectionCounts(items)}
      </p>
      <ul className="insp-summary-list">
        {items.map((item) => (
          <li key={`${item.kind}:${item.id}`}>
            <button type="button" className="insp-summary-item" data-testid={`selection-item-${item.kind}-${item.id}`} onClick={() => selectOnly(item)} title="inspect only this">
              <span className={`insp-summary-kind insp-summary-kind-${item.kind}`}>{item.kind}</span>
              <span className="mono">{item.id}</span>
            </button>
          </li>
        ))}
      </ul>
      <p className="muted insp-summary-note">Select one item to edit it.</p>
    </Section>
  );
}

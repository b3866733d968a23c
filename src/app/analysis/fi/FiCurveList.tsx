/**
 * The legend of the f–I plot: each curve's colour, label (what differs from the others), its
 * rheobase and where its values came from; a curve can be removed on its own.
 */
import { formatRheobase } from '../../../analysis/fiFormat';
import type { FiCurve } from './fiStore';
import { fiStore } from './fiInstance';
import './FiCurveList.css';

export function FiCurveList({ curves, labels }: { readonly curves: readonly FiCurve[]; readonly labels: readonly string[] }) {
  return (
    <ul className="fi-curves" aria-label="Curves" data-testid="fi-curves">
      {curves.map((c, k) => {
        const r = formatRheobase(c.rheobase, c.unit);
        return (
          <li key={c.id} className="fi-curve" data-testid={`fi-curve-${k}`} title={[c.identity.title, r.detail, ...c.notes].join('\n')}>
            <span className="fi-curve-swatch" style={{ background: c.color }} aria-hidden="true" />
            <span className="fi-curve-label">{labels[k]}</span>
            <span className="fi-curve-rheobase">rheobase {r.value}</span>
            <button type="button" className="fi-curve-remove" onClick={() => fiStore.getState().removeCurve(c.id)} aria-label={`Remove curve ${labels[k]}`} title="Remove this curve">
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}

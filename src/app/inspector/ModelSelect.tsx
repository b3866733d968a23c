/** A select of models grouped by origin; a model missing from the catalog stays listed, marked. */
import type { ModelInfo } from '../../library/catalog';

export interface ModelSelectProps {
  readonly id?: string;
  readonly value: string;
  readonly groups: readonly { readonly origin: string; readonly models: readonly ModelInfo[] }[];
  readonly onChange: (name: string) => void;
  readonly testid: string;
  readonly ariaLabel: string;
}

export function ModelSelect({ id, value, groups, onChange, testid, ariaLabel }: ModelSelectProps) {
  const known = groups.some((g) => g.models.some((m) => m.name === value));
  return (
    <select id={id} value={value} data-testid={testid} aria-label={ariaLabel} onChange={(e) => onChange(e.target.value)}>
      {!known && <option value={value}>{value} (unknown)</option>}
      {groups.map((g) => (
        <optgroup key={g.origin} label={g.origin}>
          {g.models.map((m) => (
            <option key={m.name} value={m.name} title={m.summary}>
              {m.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

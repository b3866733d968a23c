/**
 * The phase plane's controls across the top: which population and which two states, the model's
 * inputs (the injected current first: moving it moves the v-nullcline), and the actions.
 */
import { useId } from 'react';
import { phaseStore } from './phaseStore';
import { inputRange } from './fieldRanges';
import { pickAxis } from './phaseChoice';
import { axisLabel } from './phaseFormat';
import { PhaseValueField } from './PhaseValueField';
import type { PhasePlaneState, ReadyPlane } from './usePhasePlane';

export interface PhaseHeaderProps {
  readonly state: Exclude<PhasePlaneState, { kind: 'empty' }>;
  readonly onChoose: (population: string) => void;
  readonly onExportPng?: () => void;
  readonly onExportSvg?: () => void;
}

export function PhaseHeader({ state, onChoose, onExportPng, onExportSvg }: PhaseHeaderProps) {
  const ids = { population: useId(), x: useId(), y: useId() };
  const ready = state.kind === 'ready' ? state : undefined;
  return (
    <div className="phase-header">
      <span className="phase-control">
        <label htmlFor={ids.population}>Population</label>
        <select id={ids.population} data-testid="phase-population" value={state.candidate.id} onChange={(e) => onChoose(e.target.value)}>
          {state.candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label ? `${c.label} (${c.id})` : c.id} · {c.model}
            </option>
          ))}
          {state.excluded.map((e) => (
            <option key={e.id} value={e.id} disabled title={e.reason}>
              {e.id} · {e.model} — {e.reason}
            </option>
          ))}
        </select>
      </span>
      {state.selectedExcluded && (
        <span className="phase-selected-note" data-testid="phase-selected-note" title={state.selectedExcluded.reason}>
          The selected {state.selectedExcluded.id} ({state.selectedExcluded.model}) has none: {state.selectedExcluded.reason}
        </span>
      )}
      {ready && <AxisSelects ready={ready} ids={ids} />}
      {ready && <Inputs ready={ready} />}
      <span className="phase-header-spacer" />
      {ready && (
        <span className="phase-actions">
          <button type="button" data-testid="phase-fit" title="Fit the view to where the cell goes from its initial values, its fixed points, threshold and reset" onClick={() => phaseStore.getState().fit(ready.key)}>
            Fit view
          </button>
          <button type="button" data-testid="phase-clear" disabled={ready.trajectories.length === 0} title="Remove every trajectory" onClick={() => phaseStore.getState().clearStarts()}>
            Clear
          </button>
          <button type="button" data-testid="phase-png" title="Download the phase plane as a PNG image" onClick={onExportPng}>
            PNG
          </button>
          <button type="button" data-testid="phase-svg" title="Download the phase plane as an SVG (vector) image" onClick={onExportSvg}>
            SVG
          </button>
        </span>
      )}
    </div>
  );
}

function AxisSelects({ ready, ids }: { readonly ready: ReadyPlane; readonly ids: { x: string; y: string } }) {
  const usable = ready.setup.states.filter((s) => s.hasEquation);
  const set = (axis: 'x' | 'y', name: string) => {
    const next = pickAxis(ready.axes, axis, name);
    phaseStore.getState().setAxes(ready.scope, next.x, next.y);
  };
  const options = usable.map((s) => (
    <option key={s.name} value={s.name} title={s.description}>
      {axisLabel(s.name, s.unit)}
    </option>
  ));
  return (
    <>
      <span className="phase-control">
        <label htmlFor={ids.x}>x</label>
        <select id={ids.x} data-testid="phase-x-state" value={ready.axes.x} onChange={(e) => set('x', e.target.value)}>
          {options}
        </select>
      </span>
      <span className="phase-control">
        <label htmlFor={ids.y}>y</label>
        <select id={ids.y} data-testid="phase-y-state" value={ready.axes.y} onChange={(e) => set('y', e.target.value)}>
          {options}
        </select>
      </span>
    </>
  );
}

function Inputs({ ready }: { readonly ready: ReadyPlane }) {
  const ySpan = ready.view.yMax - ready.view.yMin;
  return (
    <>
      {ready.inputs.map((i, k) => (
        <span className="phase-control phase-input" key={i.setup.name}>
          <PhaseValueField
            label={`${i.setup.isCurrent ? 'input current' : 'input'} ${i.setup.name}`}
            unit={i.setup.unit}
            description={i.setup.description}
            value={i.value}
            overridden={i.overridden}
            projectValue={i.setup.fromStimuli}
            projectValueName="the level of the project's stimuli"
            range={inputRange(i.value, i.setup.unit, ready.model.y.unit, ySpan)}
            testid={k === 0 ? 'phase-current' : `phase-input-${i.setup.name}`}
            onChange={(v) => phaseStore.getState().setInput(ready.scope, i.setup.name, v)}
          />
        </span>
      ))}
    </>
  );
}

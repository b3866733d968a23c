/**
 * The column beside the plane: the fixed points with their stability and eigenvalues, the states
 * held still (for models with more than two), the view's bounds, the trajectories' length, and
 * notes on what the picture assumes.
 */
import { useId } from 'react';
import type { PlaneView } from '../../../analysis/phasePlane';
import { isStable } from '../../../analysis/phase/stability';
import { NumberInput } from '../../inspector/NumberInput';
import { heldRange } from './fieldRanges';
import { eigenText, formatValue, withUnit } from './phaseFormat';
import { phaseStore, usePhaseUi } from './phaseStore';
import { PhaseValueField } from './PhaseValueField';
import type { ReadyPlane } from './usePhasePlane';

export function PhaseSide({ state }: { readonly state: ReadyPlane }) {
  const { model, result, setup } = state;
  const durationMs = usePhaseUi((s) => s.durationMs);
  const durationId = useId();
  return (
    <aside className="phase-side" aria-label="Phase plane details">
      <section>
        <h3 className="phase-side-title">Fixed points</h3>
        <ul className="phase-fixed-points" data-testid="phase-fixed-points">
          {result.fixedPoints.map((p, k) => (
            <li key={k} data-stability={p.stability} data-x={p.x} data-y={p.y} title={`Jacobian [[${p.jacobian.map(formatValue).join(', ')}]] (per ms)`}>
              <span className={`phase-fp-marker ${p.stability === 'saddle' ? 'is-saddle' : isStable(p.stability) ? 'is-stable' : 'is-unstable'}`} aria-hidden="true" />
              <span className="phase-fp-where mono">
                {model.x.name} = {withUnit(formatValue(p.x), model.x.unit)}, {model.y.name} = {withUnit(formatValue(p.y), model.y.unit)}
              </span>
              <strong className="phase-fp-kind">{p.stability}</strong>
              <span className="phase-fp-eigen muted mono">{eigenText(p)}</span>
            </li>
          ))}
        </ul>
        {result.fixedPoints.length === 0 && <p className="muted phase-note">None in view{model.hasSpike ? ': the cell fires on and on (or rests outside the view)' : ''}.</p>}
      </section>

      {state.held.length > 0 && (
        <section>
          <h3 className="phase-side-title">Held states</h3>
          <p className="muted phase-note">The other states stay at these values (the population&apos;s initial values unless changed).</p>
          {state.held.map((h) => (
            <PhaseValueField
              key={h.setup.name}
              label={h.setup.name}
              unit={h.setup.unit}
              description={h.setup.description}
              value={h.value}
              overridden={h.overridden}
              projectValue={h.setup.initial}
              projectValueName="the initial value"
              range={heldRange(h.value, h.setup.unit)}
              testid={`phase-held-${h.setup.name}`}
              onChange={(v) => phaseStore.getState().setHeld(state.scope, h.setup.name, v)}
            />
          ))}
        </section>
      )}

      <section>
        <h3 className="phase-side-title">View</h3>
        <ViewFields state={state} />
      </section>

      <section>
        <h3 className="phase-side-title">Trajectories</h3>
        <div className="phase-row">
          <label htmlFor={durationId}>length</label>
          <NumberInput
            id={durationId}
            value={durationMs}
            constraints={{ min: 0.001, max: 100_000 }}
            onChange={(v) => v !== undefined && v > 0 && phaseStore.getState().setDuration(v)}
            ariaLabel="trajectory length (ms)"
            testid="phase-duration"
            className="phase-view-number"
          />
          <span className="muted">ms</span>
        </div>
        <div className="phase-row">
          <button
            type="button"
            data-testid="phase-start-initial"
            title="Start a trajectory where the population starts (its initial values): the path the simulation takes, with the other states held"
            onClick={() => {
              const at = (name: string) => setup.states.find((s) => s.name === name)!.initial;
              phaseStore.getState().addStart(state.key, { x: at(model.x.name), y: at(model.y.name) });
            }}
          >
            Start at the initial values
          </button>
        </div>
        <p className="muted phase-note">
          Click the plane to start one: RK4 at the simulation&apos;s dt = {formatValue(setup.dtMs)} ms{model.hasSpike ? ', with the spike test and reset' : ''}.
          {state.trajectories.length > 0 && ` ${state.trajectories.length} shown; they follow the parameters.`}
        </p>
      </section>

      <Notes state={state} />
      <p className="muted phase-note" data-testid="phase-timing" />
    </aside>
  );
}

function ViewFields({ state }: { readonly state: ReadyPlane }) {
  const { view, key, model } = state;
  const set = (patch: Partial<PlaneView>) => {
    const next = { ...view, ...patch };
    if (next.xMax > next.xMin && next.yMax > next.yMin) phaseStore.getState().setView(key, next);
  };
  const zoom = (factor: number) => {
    const cx = (view.xMin + view.xMax) / 2;
    const cy = (view.yMin + view.yMax) / 2;
    const hx = ((view.xMax - view.xMin) / 2) * factor;
    const hy = ((view.yMax - view.yMin) / 2) * factor;
    phaseStore.getState().setView(key, { xMin: cx - hx, xMax: cx + hx, yMin: cy - hy, yMax: cy + hy });
  };
  const field = (which: keyof PlaneView, label: string) => (
    <NumberInput value={round(view[which])} onChange={(v) => v !== undefined && set({ [which]: v })} ariaLabel={label} testid={`phase-view-${which}`} className="phase-view-number" />
  );
  return (
    <>
      <div className="phase-row">
        <span className="phase-view-axis">{model.x.name}</span>
        {field('xMin', `${model.x.name} from`)}
        <span className="muted">to</span>
        {field('xMax', `${model.x.name} to`)}
        <span className="muted">{model.x.unit === '1' ? '' : model.x.unit}</span>
      </div>
      <div className="phase-row">
        <span className="phase-view-axis">{model.y.name}</span>
        {field('yMin', `${model.y.name} from`)}
        <span className="muted">to</span>
        {field('yMax', `${model.y.name} to`)}
        <span className="muted">{model.y.unit === '1' ? '' : model.y.unit}</span>
      </div>
      <div className="phase-row">
        <button type="button" data-testid="phase-zoom-in" aria-label="zoom in" onClick={() => zoom(0.8)}>
          +
        </button>
        <button type="button" data-testid="phase-zoom-out" aria-label="zoom out" onClick={() => zoom(1.25)}>
          −
        </button>
        <span className="muted">{state.viewIsAuto ? 'fitted automatically' : 'set by hand'}</span>
      </div>
    </>
  );
}

/** Four significant digits: bounds from a fit are long decimals nobody wants to read. */
function round(x: number): number {
  return Number.parseFloat(x.toPrecision(4));
}

function Notes({ state }: { readonly state: ReadyPlane }) {
  const notes: string[] = [];
  if (state.setup.averaged.length > 0) notes.push(`Shown at their mean (a distribution or one value per neuron in the project): ${state.setup.averaged.join(', ')}.`);
  if (state.model.noisy) notes.push('The equations draw random numbers; the plane shows them at their mean (rand() = 0.5, randn() = 0).');
  if (state.model.readsTime) notes.push('The equations read the time t; nullclines and arrows are drawn at t = 0.');
  if (state.inputs.length > 0) notes.push("Inputs start at the level of the project's stimuli; changing them here does not change the project.");
  if (notes.length === 0) return null;
  return (
    <section>
      <h3 className="phase-side-title">Notes</h3>
      {notes.map((n) => (
        <p key={n} className="muted phase-note">
          {n}
        </p>
      ))}
    </section>
  );
}

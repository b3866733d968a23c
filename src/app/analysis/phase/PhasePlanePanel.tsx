/**
 * The phase-plane tab: a two-state view of the selected population's cell model — nullclines,
 * vector field, fixed points with their stability, and trajectories started by clicking — that
 * follows the inspector's sliders (it is derived from the project document on every render).
 */
import { useCallback, useMemo, useRef } from 'react';
import { downloadBlob, downloadSvg, fileSlug } from '../../plots/download';
import { readPlotTheme, usePlotTheme } from '../../plots/theme';
import { projectStore, useProject } from '../../store';
import { PhaseCanvas, type PhaseCanvasHandle } from './PhaseCanvas';
import { PhaseHeader } from './PhaseHeader';
import { PhaseSide } from './PhaseSide';
import { phasePlanePng } from './exportPng';
import { phasePlaneSvg } from './phaseSvg';
import { axisLabel, formatValue, nullclineHash, withUnit } from './phaseFormat';
import { phaseStore } from './phaseStore';
import { usePhasePlane } from './usePhasePlane';
import type { PhaseDrawing } from './drawPhasePlane';
import './PhasePlanePanel.css';

export function PhasePlanePanel() {
  const state = usePhasePlane();
  const theme = usePlotTheme();
  const projectName = useProject((s) => s.doc.name);
  const root = useRef<HTMLDivElement>(null);
  const canvas = useRef<PhaseCanvasHandle>(null);
  const computeMs = state.kind === 'ready' ? state.computeMs : 0;
  const computeRef = useRef(0);
  computeRef.current = computeMs;
  const onDrawn = useCallback((drawMs: number) => {
    const el = root.current;
    if (!el) return;
    // Written straight to the DOM: a state update here would render again for nothing.
    el.dataset.updateMs = (computeRef.current + drawMs).toFixed(2);
    const timing = el.querySelector('[data-testid="phase-timing"]');
    if (timing) timing.textContent = `Updated in ${(computeRef.current + drawMs).toFixed(1)} ms (computed ${computeRef.current.toFixed(1)} ms, drawn ${drawMs.toFixed(1)} ms)`;
  }, []);

  const drawing: PhaseDrawing | undefined = useMemo(
    () =>
      state.kind === 'ready'
        ? {
            result: state.result,
            trajectories: state.trajectories,
            xLabel: axisLabel(state.model.x.name, state.model.x.unit),
            yLabel: axisLabel(state.model.y.name, state.model.y.unit),
            xName: state.model.x.name,
            yName: state.model.y.name,
            resets: state.model.resetMovesPlane,
          }
        : undefined,
    [state],
  );

  if (state.kind === 'empty') {
    return (
      <div className="phase-panel" data-testid="phase-plane" data-state="empty" data-trajectories="0">
        <div className="phase-empty">
          <p className="phase-empty-title">No population has a phase plane</p>
          <p>
            A phase plane needs a cell model with at least two state variables, such as FitzhughNagumoCell, Izhikevich2003, Izhikevich2007, AdEx or RAFCell.
            Add one from the palette (or open an example) and it shows here.
          </p>
          {state.excluded.length > 0 && (
            <ul className="phase-excluded">
              {state.excluded.map((e) => (
                <li key={e.id}>
                  <span className="mono">{e.id}</span> ({e.model}): {e.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    );
  }

  const choose = (id: string) => {
    phaseStore.getState().choosePopulation(id);
    // Selecting it puts its parameters in the inspector, whose sliders the plane follows.
    projectStore.getState().select({ nodes: [{ kind: 'population', id }], projections: [] });
  };

  if (state.kind === 'problem') {
    return (
      <div className="phase-panel" data-testid="phase-plane" data-state="problem" data-trajectories="0">
        <PhaseHeader state={state} onChoose={choose} />
        <div className="phase-empty">
          <p className="phase-empty-title">No phase plane for {state.candidate.id}</p>
          <p>{state.message}</p>
        </div>
      </div>
    );
  }

  const inputs = state.inputs.map((i) => `${i.setup.name} = ${withUnit(formatValue(i.value), i.setup.unit)}`).join(', ');
  const title = `${state.setup.population} · ${state.setup.model}${inputs ? ` · ${inputs}` : ''}`;
  const fileName = `${fileSlug(projectName)}-phase-${state.setup.population}`;
  const exportPng = async () => {
    const c = canvas.current?.canvas;
    if (!c) return;
    const blob = await phasePlanePng(c, title, theme);
    downloadBlob(blob, `${fileName}.png`);
  };
  const exportSvg = () => {
    const c = canvas.current?.canvas;
    if (!c || !drawing) return;
    // The canvas's size on screen, so the file has the same layout and ticks.
    downloadSvg(phasePlaneSvg(drawing, { widthPx: c.clientWidth, heightPx: c.clientHeight, title, theme: readPlotTheme() }), `${fileName}.svg`);
  };

  return (
    <div
      ref={root}
      className="phase-panel"
      data-testid="phase-plane"
      data-state="ready"
      data-population={state.setup.population}
      data-trajectories={state.trajectories.length}
      data-nullcline-hash={nullclineHash(state.result)}
      data-fixed-points={state.result.fixedPoints.length}
    >
      <PhaseHeader state={state} onChoose={choose} onExportPng={exportPng} onExportSvg={exportSvg} />
      <div className="phase-body">
        <PhaseCanvas
          ref={canvas}
          drawing={drawing!}
          theme={theme}
          xUnit={state.model.x.unit}
          yUnit={state.model.y.unit}
          onStart={(x, y) => phaseStore.getState().addStart(state.key, { x, y })}
          onDrawn={onDrawn}
        />
        <PhaseSide state={state} />
      </div>
    </div>
  );
}

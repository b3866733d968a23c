/**
 * Everything the phase-plane panel shows, derived from the project document (the inspector's
 * sliders edit it, so the plane follows them on the next render) and the panel's own state.
 * The heavy part — nullclines, field, fixed points, trajectories — is recomputed only when the
 * bound system or the view changes; its time is reported as `computeMs`.
 */
import { useMemo } from 'react';
import { computePhasePlane, viewIsValid, type PhasePlaneResult, type PlaneView } from '../../../analysis/phasePlane';
import { PlaneModel, type PlaneSystem } from '../../../analysis/phasePlaneModel';
import { phaseCandidates, phaseSetup, planeValues, type PhaseCandidate, type PhaseExclusion, type PhaseInputSetup, type PhaseSetup, type PhaseStateSetup } from '../../../analysis/phasePlaneSetup';
import { integrateTrajectory, type Trajectory } from '../../../analysis/phasePlaneTrajectory';
import { autoView } from '../../../analysis/phasePlaneView';
import { useProject } from '../../store';
import { chooseAxes, effectivePopulation, planeKey, populationScope } from './phaseChoice';
import { usePhaseUi } from './phaseStore';

export interface ValueField<S> {
  readonly setup: S;
  /** In the declared unit. */
  readonly value: number;
  /** True when typed into the panel (else it follows the project). */
  readonly overridden: boolean;
}

export interface ReadyPlane {
  readonly kind: 'ready';
  readonly candidates: readonly PhaseCandidate[];
  readonly excluded: readonly PhaseExclusion[];
  /** The population selected in the graph when it has no phase plane (another one is shown). */
  readonly selectedExcluded?: PhaseExclusion;
  readonly candidate: PhaseCandidate;
  readonly setup: PhaseSetup;
  /** Key of what the panel remembers for this population (phaseChoice.ts populationScope). */
  readonly scope: string;
  readonly axes: { readonly x: string; readonly y: string };
  readonly model: PlaneModel;
  readonly system: PlaneSystem;
  readonly key: string;
  readonly view: PlaneView;
  readonly viewIsAuto: boolean;
  readonly inputs: readonly ValueField<PhaseInputSetup>[];
  readonly held: readonly ValueField<PhaseStateSetup>[];
  readonly result: PhasePlaneResult;
  readonly trajectories: readonly Trajectory[];
  readonly computeMs: number;
}

export type PhasePlaneState =
  | { readonly kind: 'empty'; readonly excluded: readonly PhaseExclusion[] }
  | {
      readonly kind: 'problem';
      readonly candidates: readonly PhaseCandidate[];
      readonly excluded: readonly PhaseExclusion[];
      readonly selectedExcluded?: PhaseExclusion;
      readonly candidate: PhaseCandidate;
      readonly message: string;
    }
  | ReadyPlane;

export function usePhasePlane(): PhasePlaneState {
  const populations = useProject((s) => s.doc.populations);
  const models = useProject((s) => s.doc.models);
  const stimuli = useProject((s) => s.doc.stimuli);
  const simulation = useProject((s) => s.doc.simulation);
  const selection = useProject((s) => s.selection);
  const projectSerial = useProject((s) => s.projectSerial);
  const ui = usePhaseUi((s) => s);
  const started = performance.now();

  const { candidates, excluded } = useMemo(() => phaseCandidates({ format: 'spikeflow-project', version: 1, simulation, populations, models }), [populations, models, simulation]);
  const candidate = effectivePopulation(candidates, selection, ui.population);
  const selectedExcluded = excluded.find((e) => selection.nodes.some((n) => n.kind === 'population' && n.id === e.id));
  const setup = useMemo(
    () => (candidate ? phaseSetup({ format: 'spikeflow-project', version: 1, simulation, populations, models, stimuli }, candidate.id) : undefined),
    [candidate, simulation, populations, models, stimuli],
  );
  const scope = candidate ? populationScope(projectSerial, candidate.id) : '';
  const axes = setup && !('problem' in setup) ? chooseAxes(setup.states, ui.axes[scope]) : undefined;
  const ir = setup && !('problem' in setup) ? setup.ir : undefined;
  const built = useMemo(() => {
    if (!ir || !axes) return undefined;
    try {
      return { model: new PlaneModel(ir, axes.x, axes.y) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [ir, axes?.x, axes?.y]);

  const ready = setup && !('problem' in setup) && built?.model ? { setup, model: built.model } : undefined;
  const inputs = useMemo(
    () =>
      ready
        ? ready.setup.inputs.map((i) => {
            const typed = ui.inputs[`${scope}/${i.name}`];
            return { setup: i, value: typed ?? i.fromStimuli, overridden: typed !== undefined };
          })
        : [],
    [ready?.setup, ui.inputs, scope],
  );
  const held = useMemo(
    () =>
      ready
        ? ready.setup.states
            .filter((s) => s.name !== ready.model.x.name && s.name !== ready.model.y.name)
            .map((s) => {
              const typed = ui.held[`${scope}/${s.name}`];
              return { setup: s, value: typed ?? s.initial, overridden: typed !== undefined };
            })
        : [],
    [ready?.setup, ready?.model, ui.held, scope],
  );
  const system = useMemo(() => {
    if (!ready) return undefined;
    const byName = (fields: readonly ValueField<{ name: string }>[]) => Object.fromEntries(fields.map((f) => [f.setup.name, f.value]));
    return ready.model.bind(planeValues(ready.setup, byName(inputs), byName(held)));
  }, [ready?.model, ready?.setup, inputs, held]);

  const key = ready ? planeKey(scope, ready.setup.model, ready.model.x.name, ready.model.y.name) : '';
  // The automatic view is made once per plane (and per model build), not per slider move.
  const automatic = useMemo(() => {
    if (!ready || !system) return undefined;
    const x0 = ready.setup.states.find((s) => s.name === ready.model.x.name)!.initial;
    const y0 = ready.setup.states.find((s) => s.name === ready.model.y.name)!.initial;
    const byName = (fields: readonly ValueField<{ name: string }>[], value?: number) => Object.fromEntries(fields.map((f) => [f.setup.name, value ?? f.value]));
    const unstimulated = ready.model.bind(planeValues(ready.setup, byName(inputs, 0), byName(held)));
    try {
      const v = autoView(system, x0, y0, ready.setup.dtMs, ready.setup.inputs.length > 0 ? [unstimulated] : []);
      if (viewIsValid(v)) return v;
    } catch {
      // A model that cannot even be integrated from its initial values: a plain view, and the plane says what it can.
    }
    return FALLBACK_VIEW;
  }, [key, ready?.model, ui.fitSerial]);
  const stored = ui.views[key];
  const view = stored ?? automatic;

  const computed = useMemo(() => {
    if (!system || !view) return undefined;
    try {
      return { result: computePhasePlane(system, view) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [system, view]);
  const result = computed?.result;
  const starts = ui.startsKey === key ? ui.starts : EMPTY;
  const trajectories = useMemo(() => {
    if (!system || !view || !ready) return [];
    const w = view.xMax - view.xMin;
    const h = view.yMax - view.yMin;
    const options = {
      durationMs: ui.durationMs,
      dtMs: ready.setup.dtMs,
      escapeBox: { xMin: view.xMin - 2 * w, xMax: view.xMax + 2 * w, yMin: view.yMin - 2 * h, yMax: view.yMax + 2 * h },
      minMove: { x: w / 2000, y: h / 2000 },
    };
    try {
      return starts.map((s) => integrateTrajectory(system, s.x, s.y, options));
    } catch {
      return [];
    }
  }, [system, view, starts, ui.durationMs]);
  const computeMs = performance.now() - started;

  if (!candidate) return { kind: 'empty', excluded };
  if (!setup || 'problem' in setup) return { kind: 'problem', candidates, excluded, selectedExcluded, candidate, message: setup?.problem ?? 'no setup' };
  if (!ready || !system || !view || !result || !axes) {
    const message = built?.error ?? computed?.error ?? `${candidate.model} has no two states for a plane`;
    return { kind: 'problem', candidates, excluded, selectedExcluded, candidate, message };
  }
  return {
    kind: 'ready',
    candidates,
    excluded,
    selectedExcluded,
    candidate,
    setup: ready.setup,
    scope,
    axes,
    model: ready.model,
    system,
    key,
    view,
    viewIsAuto: stored === undefined,
    inputs,
    held,
    result,
    trajectories,
    computeMs,
  };
}

const EMPTY: readonly never[] = [];
const FALLBACK_VIEW: PlaneView = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };

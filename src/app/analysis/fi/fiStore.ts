/**
 * The f–I panel's state, outside React so that curves and a running sweep survive switching tabs
 * (the panel unmounts when another tab is shown): the chosen cell, settings, the overlaid curves,
 * the running job and its progress.
 *
 * A vanilla zustand store made by `createFiStore(deps)`: tests give it a document, a catalog and
 * a job starter; the app's singleton (`fiStore`) reads the project and catalog stores.
 */
import { createStore } from 'zustand/vanilla';
import { cellValues, type ResolvedFiCell } from '../../../analysis/fiCell';
import { sweepCurrents, sweepProblem, type FiPoint, type Rheobase } from '../../../analysis/fiCurve';
import { curveLabels, type CurveIdentity } from '../../../analysis/fiLabels';
import { prettyUnit } from '../../../analysis/fiFormat';
import type { ModelInfo } from '../../../library/catalog';
import { CANONICAL_INTEGRATORS, canonicalIntegrator, type IntegratorName } from '../../../project/schema';
import { seriesColor } from '../../plots/colors';
import type { ProjectDoc } from '../../store/document';
import type { BackendInfo } from '../../../worker/protocol';
import type { Selection } from '../../store/projectStore';
import { effectiveSource, resolveSource, sourceDefaults, type SourceSetup } from './fiSource';
import { REFINE_POINTS, startFiJob, type FiJob, type FiJobSpec } from './fiRunner';

export interface FiDeps {
  getDoc(): ProjectDoc;
  getSelection(): Selection;
  getCatalog(): ReadonlyMap<string, ModelInfo>;
  startJob?: (spec: FiJobSpec, onProgress: (p: { fraction: number; stage: 'sweep' | 'refine' }) => void) => FiJob;
}

/** Settings shared by every source. */
export interface FiForm {
  readonly points: string;
  readonly durationMs: string;
  readonly transientMs: string;
}

export interface FiCurve {
  readonly id: number;
  readonly color: string;
  readonly identity: CurveIdentity;
  /** Declared unit of the input the current went into. */
  readonly unit: string;
  readonly notes: readonly string[];
  readonly points: readonly FiPoint[];
  readonly rheobase: Rheobase;
  readonly windowMs: number;
  readonly wallMs: number;
  readonly simulated: number;
  /** Where the sweep computed (the project's backend, as the worker chose it). */
  readonly backend?: BackendInfo;
}

export interface FiState {
  /** The chosen source (`pop:exc`, `model:LIF`); null: follow the selection. */
  readonly source: string | null;
  /** Per source, what the user changed (the rest: sourceDefaults). */
  readonly setups: Readonly<Record<string, Partial<SourceSetup>>>;
  readonly form: FiForm;
  readonly curves: readonly FiCurve[];
  /** One per curve: what tells it apart from the others. */
  readonly labels: readonly string[];
  readonly job: { readonly fraction: number; readonly stage: 'sweep' | 'refine' } | null;
  readonly message: { readonly kind: 'error' | 'info'; readonly text: string } | null;
  setSource(source: string): void;
  setSetup(key: keyof SourceSetup, value: string): void;
  setForm(key: keyof FiForm, value: string): void;
  run(): void;
  cancel(): void;
  clear(): void;
  removeCurve(id: number): void;
}

/** At most this many curves are overlaid; the oldest goes first. */
export const MAX_CURVES = 10;

export const DEFAULT_FORM: FiForm = { points: '41', durationMs: '1000', transientMs: '200' };

/** Everything a run needs, resolved from the state and the project as they are now. */
export interface FiCurrentView {
  readonly source: string;
  readonly resolved: ResolvedFiCell | undefined;
  readonly setup: SourceSetup;
  /** Why Run cannot start, for people. */
  readonly problem: string | undefined;
  readonly spec: FiJobSpec | undefined;
}

export function currentView(state: Pick<FiState, 'source' | 'setups' | 'form'>, doc: ProjectDoc, selection: Selection, byName: ReadonlyMap<string, ModelInfo>): FiCurrentView {
  const source = effectiveSource(state.source, doc, selection, byName);
  const resolved = resolveSource(source, doc, byName);
  const setup = { ...sourceDefaults(resolved, doc), ...state.setups[source] };
  const n = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  const values = { from: n(setup.from), to: n(setup.to), points: n(state.form.points), durationMs: n(state.form.durationMs), transientMs: n(state.form.transientMs), dtMs: n(setup.dtMs) };
  const integrator = canonicalIntegrator(setup.integrator);
  let problem: string | undefined;
  if (!resolved) problem = byName.size === 0 ? 'the model catalog is still loading' : `unknown model for ${source.slice(source.indexOf(':') + 1)}`;
  else if (!resolved.input) problem = `${resolved.cell.model} has no input to inject a current into`;
  else if (!integrator) problem = `unknown integrator '${setup.integrator}'`;
  else problem = sweepProblem(values);
  const spec: FiJobSpec | undefined =
    problem || !resolved
      ? undefined
      : {
          cell: { ...resolved.cell, integrator: setup.integrator as IntegratorName },
          currents: sweepCurrents(values.from, values.to, values.points),
          durationMs: values.durationMs,
          transientMs: values.transientMs,
          dtMs: values.dtMs,
          refinePoints: REFINE_POINTS,
          backend: doc.simulation?.backend ?? 'cpu',
        };
  return { source, resolved, setup, problem, spec };
}

export const INTEGRATOR_CHOICES = CANONICAL_INTEGRATORS;

function freeColor(curves: readonly FiCurve[]): string {
  const used = new Set(curves.map((c) => c.color));
  for (let i = 0; i < MAX_CURVES; i++) if (!used.has(seriesColor(i))) return seriesColor(i);
  return seriesColor(curves.length);
}

export function createFiStore(deps: FiDeps) {
  const start = deps.startJob ?? ((spec, onProgress) => startFiJob(spec, { onProgress }));
  let job: FiJob | null = null;
  let nextId = 1;
  const withLabels = (curves: readonly FiCurve[]) => ({ curves, labels: curveLabels(curves.map((c) => c.identity)) });

  return createStore<FiState>()((set, get) => ({
    source: null,
    setups: {},
    form: DEFAULT_FORM,
    curves: [],
    labels: [],
    job: null,
    message: null,
    setSource(source) {
      set({ source, message: null });
    },
    setSetup(key, value) {
      const s = get();
      const source = effectiveSource(s.source, deps.getDoc(), deps.getSelection(), deps.getCatalog());
      set({ setups: { ...s.setups, [source]: { ...s.setups[source], [key]: value } } });
    },
    setForm(key, value) {
      set({ form: { ...get().form, [key]: value } });
    },
    run() {
      if (job) return;
      const doc = deps.getDoc();
      const byName = deps.getCatalog();
      const view = currentView(get(), doc, deps.getSelection(), byName);
      if (!view.spec || !view.resolved) {
        set({ message: { kind: 'error', text: view.problem ?? 'nothing to run' } });
        return;
      }
      const { spec, resolved } = view;
      const unit = resolved.input?.unit ?? '';
      const identity: CurveIdentity = {
        title: resolved.title,
        model: spec.cell.model,
        values: cellValues(spec.cell, (name) => byName.get(name)),
        dtMs: spec.dtMs,
        durationMs: spec.durationMs,
        transientMs: spec.transientMs,
        integrator: spec.cell.integrator ?? 'euler',
      };
      const current = start(spec, (p) => set({ job: { fraction: p.fraction, stage: p.stage } }));
      job = current;
      set({ job: { fraction: 0, stage: 'sweep' }, message: null });
      current.done.then(
        (result) => {
          if (job !== current) return;
          job = null;
          if (!result) {
            set({ job: null, message: { kind: 'info', text: 'Sweep cancelled.' } });
            return;
          }
          let kept = get().curves;
          const notes: string[] = [];
          const otherUnit = kept.filter((c) => c.unit !== unit);
          if (otherUnit.length > 0) {
            kept = kept.filter((c) => c.unit === unit);
            notes.push(`Cleared ${otherUnit.length} curve${otherUnit.length > 1 ? 's' : ''} in ${prettyUnit(otherUnit[0].unit) || 'other units'}: the new one is in ${prettyUnit(unit) || 'a dimensionless input'}.`);
          }
          if (kept.length >= MAX_CURVES) {
            kept = kept.slice(kept.length - MAX_CURVES + 1);
            notes.push(`At most ${MAX_CURVES} curves are shown: the oldest was removed.`);
          }
          const curve: FiCurve = { id: nextId++, color: freeColor(kept), identity, unit, notes: resolved.notes, ...result };
          set({ job: null, ...withLabels([...kept, curve]), message: notes.length > 0 ? { kind: 'info', text: notes.join(' ') } : null });
        },
        (e: unknown) => {
          if (job !== current) return;
          job = null;
          set({ job: null, message: { kind: 'error', text: e instanceof Error ? e.message : String(e) } });
        },
      );
    },
    cancel() {
      const current = job;
      if (!current) return;
      job = null;
      current.cancel();
      set({ job: null, message: { kind: 'info', text: 'Sweep cancelled.' } });
    },
    clear() {
      set({ ...withLabels([]), message: null });
    },
    removeCurve(id) {
      set(withLabels(get().curves.filter((c) => c.id !== id)));
    },
  }));
}

export type FiStore = ReturnType<typeof createFiStore>;

/**
 * The optimiser (Adam or SGD with learning rate, decay and clipping; CMA-ES with its population
 * size and initial step) and the surrogate gradient of spikes (kind, slope, whether the reset is
 * differentiated, how other cells' spikes move in a network). Fields show the schema's defaults when the document leaves them out.
 */
import { OPTIMIZER_KINDS, SURROGATE_NAMES } from '../../../project/fitSchema';
import { useProject } from '../../store';
import type { FitOptimizerDoc, FitSurrogateDoc } from './fitDoc';
import { FitNumber, FitSection, FitSelect } from './FitField';
import { editFit } from './fitInstance';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_LABELS, optimizerLabel, SURROGATE_LABELS } from './fitSettings';

function setOptimizer(patch: Partial<FitOptimizerDoc>, coalesce?: string) {
  editFit((f) => {
    const next: Record<string, unknown> = { ...(f.optimizer ?? {}), ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    return { ...f, optimizer: next as FitOptimizerDoc };
  }, coalesce);
}

function setSurrogate(patch: Partial<FitSurrogateDoc>, coalesce?: string) {
  editFit((f) => {
    const next: Record<string, unknown> = { ...(f.surrogate ?? {}), ...patch };
    for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
    return { ...f, surrogate: next as FitSurrogateDoc };
  }, coalesce);
}

/** Default CMA-ES population: 4 + ⌊3 ln n⌋ for n trained values. */
const cmaesPopulation = (n: number) => 4 + Math.floor(3 * Math.log(Math.max(1, n)));

export function FitOptimizerSection() {
  const fit = useProject((s) => s.doc.fit);
  if (!fit) return null;
  const o = { ...OPTIMIZER_DEFAULTS, ...(fit.optimizer ?? {}) };
  const cmaes = o.kind === 'cmaes';
  const lm = o.kind === 'lm';
  const gradient = o.kind === 'adam' || o.kind === 'sgd';
  const surrogate = { kind: 'fast_sigmoid', reset: 'detach', synapses: 'detach', ...(fit.surrogate ?? {}) } as Required<Pick<FitSurrogateDoc, 'kind' | 'reset' | 'synapses'>> & FitSurrogateDoc;
  return (
    <>
      <FitSection title="Optimiser" testid="fit-optimizer" aside={optimizerLabel(fit.optimizer)}>
        <FitSelect label="method" value={o.kind} options={OPTIMIZER_KINDS.map((k) => ({ value: k, label: OPTIMIZER_LABELS[k] }))} onChange={(kind) => setOptimizer({ kind })} testid="fit-opt-kind" hint="Adam and SGD follow the gradient; Levenberg–Marquardt solves least squares (trace MSE only); CMA-ES samples (no gradient)" />
        <FitNumber label="iterations" value={o.iterations} onChange={(v) => v !== undefined && setOptimizer({ iterations: v }, 'opt-iterations')} constraints={{ integer: true, min: 1 }} testid="fit-opt-iterations" hint={cmaes ? 'generations' : lm ? 'Gauss–Newton steps' : 'gradient steps'} />
        {lm && <p className="fit-note">Levenberg–Marquardt: damped Gauss–Newton steps on the trace residuals; it sets its own step size.</p>}
        {gradient && (
          <>
            <FitNumber label="learning rate" value={o.learningRate} onChange={(v) => v !== undefined && setOptimizer({ learningRate: v }, 'opt-lr')} constraints={{ min: 0, exclusiveMin: true }} testid="fit-opt-lr" hint="step size in the optimiser's (transformed) coordinates" />
            <FitNumber label="decay" unit="/ iteration" value={o.decay} onChange={(v) => v !== undefined && setOptimizer({ decay: v }, 'opt-decay')} constraints={{ min: 0, exclusiveMin: true, max: 1 }} testid="fit-opt-decay" hint="learning rate × decay^iteration (1: constant)" />
            <FitNumber label="clip norm" value={o.clipNorm} onChange={(v) => setOptimizer({ clipNorm: v }, 'opt-clip')} constraints={{ min: 0, exclusiveMin: true, optional: true }} placeholder="no clipping" testid="fit-opt-clip" hint="largest gradient norm; larger gradients are scaled down" />
          </>
        )}
        {cmaes && (
          <>
            <FitNumber label="population" unit="per gen." value={o.populationSize} onChange={(v) => setOptimizer({ populationSize: v }, 'opt-pop')} constraints={{ integer: true, min: 2, optional: true }} placeholder={String(cmaesPopulation(fit.params?.length ?? 1))} testid="fit-opt-popsize" hint="candidates per generation (default 4 + ⌊3 ln n⌋)" />
            <FitNumber label="σ₀" value={o.sigma0} onChange={(v) => v !== undefined && setOptimizer({ sigma0: v }, 'opt-sigma')} constraints={{ min: 0, exclusiveMin: true }} testid="fit-opt-sigma0" hint="initial step size, in the transformed coordinates" />
            <FitNumber label="seed" value={o.seed} onChange={(v) => v !== undefined && setOptimizer({ seed: v }, 'opt-seed')} constraints={{ integer: true }} testid="fit-opt-seed" hint="seed of the sampling" />
          </>
        )}
      </FitSection>
      <FitSection title="Surrogate gradient" testid="fit-surrogate" defaultOpen={false} aside={SURROGATE_LABELS[surrogate.kind].split(' (')[0]}>
        <FitSelect label="function" value={surrogate.kind} options={SURROGATE_NAMES.map((k) => ({ value: k, label: SURROGATE_LABELS[k] }))} onChange={(kind) => setSurrogate({ kind })} testid="fit-surrogate-kind" hint="the derivative used for a spike (the step is not differentiable)" />
        <FitNumber label="slope" value={surrogate.slope} onChange={(v) => setSurrogate({ slope: v }, 'surrogate-slope')} constraints={{ min: 0, exclusiveMin: true, optional: true }} placeholder="default" unit="1/margin" testid="fit-surrogate-slope" hint="steepness per unit of the spike condition's margin (e.g. 1/mV)" />
        <FitSelect
          label="reset"
          value={surrogate.reset}
          options={[
            { value: 'detach', label: 'detach (no gradient through the reset)' },
            { value: 'differentiate', label: 'differentiate (surrogate)' },
            { value: 'spike-times', label: 'spike times' },
          ]}
          onChange={(reset) => setSurrogate({ reset })}
          testid="fit-surrogate-reset"
          hint="how the reset after a spike depends on the parameters: not at all (detach), through the surrogate of the spike decision, or moving with the spike's time (with the end of refractoriness: exact spike-time derivatives for threshold crossings)"
        />
        <FitSelect
          label="synapses"
          value={surrogate.synapses}
          options={[
            { value: 'detach', label: 'detach (spikes held)' },
            { value: 'spike-times', label: 'spike times' },
            { value: 'surrogate', label: 'surrogate' },
          ]}
          onChange={(synapses) => setSurrogate({ synapses })}
          testid="fit-surrogate-synapses"
          hint="networks (loops, or weights of projections into other populations): how the spikes of other cells move with the parameters — held where they happened, moved by their spike-time derivatives, or by the surrogate at every step (can grow without bound around a loop)"
        />
        {cmaes && <p className="fit-note">CMA-ES uses no gradient: the surrogate does not matter for it.</p>}
      </FitSection>
    </>
  );
}

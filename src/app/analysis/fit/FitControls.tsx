/**
 * The fit panel's header: Start / Pause / Resume / Stop, Apply best / Revert, and the run's status
 * (phase, iteration, speed, evaluations, loss, best loss and how far it fell).
 */
import { formatNumber } from '../../plots/chart';
import { useCatalog, useProject } from '../../store';
import { fitStore, useFit } from './fitInstance';
import { startProblem } from './fitSettings';
import type { FitPhase } from './fitStore';
import './FitControls.css';

const PHASE_LABELS: Readonly<Record<FitPhase, string>> = {
  starting: 'starting…',
  running: 'running',
  paused: 'paused',
  stopping: 'stopping…',
  done: 'done',
  failed: 'failed',
};

const loss = (x: number | undefined) => (x === undefined ? '–' : formatNumber(x));

export function FitControls() {
  const doc = useProject((s) => s.doc);
  const byName = useCatalog((s) => s.byName);
  const run = useFit((s) => s.run);
  const applied = useFit((s) => s.applied);
  const { start, pause, resume, stop, applyBest, revert } = fitStore.getState();
  const phase = run?.phase;
  const active = phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
  const problem = startProblem(doc, byName);
  const canApply = run?.best !== undefined && (phase === 'done' || phase === 'paused');
  const fell = run?.firstLoss !== undefined && run.best && run.best.loss > 0 ? run.firstLoss / run.best.loss : undefined;
  const status = !run ? 'idle' : phase === 'done' && run.done?.reason === 'stopped' ? 'stopped' : run.phase;
  const statusLabel = !run ? 'not run yet' : status === 'stopped' ? 'stopped' : PHASE_LABELS[run.phase];

  return (
    <div className="panel-title fit-header">
      <span>Fit</span>
      {!active ? (
        <button type="button" className="primary" onClick={start} disabled={problem !== undefined} title={problem ?? 'Fit the trained values to the target, in the fit worker'} data-testid="fit-start">
          Start
        </button>
      ) : phase === 'paused' ? (
        <button type="button" className="primary" onClick={resume} data-testid="fit-resume" title="Go on from where it paused">
          Resume
        </button>
      ) : (
        <button type="button" onClick={pause} disabled={phase !== 'running'} data-testid="fit-pause" title="Pause after the current iteration">
          Pause
        </button>
      )}
      <button type="button" onClick={stop} disabled={!active || phase === 'stopping'} data-testid="fit-stop" title="End the fit; its best values can then be applied">
        Stop
      </button>
      <span className="fit-header-sep" />
      <button type="button" onClick={applyBest} disabled={!canApply} data-testid="fit-apply" title={canApply ? `Write the best values (iteration ${run?.best?.iteration}) into ${run?.population} — one undoable edit` : 'After a fit ends (or while paused): write its best values into the population'}>
        Apply best
      </button>
      <button type="button" onClick={revert} disabled={!applied} data-testid="fit-revert" title={applied ? `Put back the values of ${applied.population} from before Apply` : 'After Apply: put back the values from before'}>
        Revert
      </button>
      <span className="fit-status" data-testid="fit-status" data-phase={status} role="status">
        <span className={`fit-phase fit-phase-${status}`}>{statusLabel}</span>
        {run && run.series.length > 0 && (
          <>
            <span data-testid="fit-iteration" data-value={run.iteration}>
              iteration {run.iteration} / {run.iterations}
            </span>
            <span data-testid="fit-speed" data-value={run.iterationsPerSecond}>
              {formatNumber(Number(run.iterationsPerSecond.toPrecision(3)))} it/s
            </span>
            <span data-testid="fit-evaluations" data-value={run.evaluations}>
              {run.evaluations} evaluations
            </span>
            {run.networkCells !== undefined && (
              <span data-testid="fit-network-cells" data-value={run.networkCells} title="The gradient follows the network: every cell whose spikes move with the trained values is simulated with derivatives">
                network gradient · {run.networkCells} cells
              </span>
            )}
            {run.backend?.backend === 'webgpu' && (
              <span data-testid="fit-backend" title="CMA-ES generations: every candidate in one batch on the GPU (float32)">
                WebGPU · {run.backend.adapter}
              </span>
            )}
            {run.backend?.backend === 'cpu' && run.backend.note && (
              <span data-testid="fit-backend" title={`On the CPU: ${run.backend.note}`}>
                CPU
              </span>
            )}
            <span data-testid="fit-loss-value" data-value={run.loss}>
              loss {loss(run.loss)}
            </span>
            <span data-testid="fit-best-loss" data-value={run.best?.loss} data-first={run.firstLoss} className="fit-best">
              best {loss(run.best?.loss)}
              {fell !== undefined && fell > 1 ? ` (÷${formatNumber(Number(fell.toPrecision(3)))} from ${loss(run.firstLoss)})` : ''}
            </span>
          </>
        )}
        {!active && problem && (
          <span className="fit-start-problem" data-testid="fit-start-problem">
            {problem}
          </span>
        )}
        {run?.done && <span>{run.done.wallMs < 1000 ? `${Math.round(run.done.wallMs)} ms` : `${(run.done.wallMs / 1000).toFixed(1)} s`}</span>}
      </span>
    </div>
  );
}

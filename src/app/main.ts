/**
 * Engine preview page (plain DOM; the React IDE replaces it in the app issue). Loads
 * examples/default.json, runs it in the simulation worker and shows progress, spike counts and the
 * first recorded values. `window.__spikeflow.run(project)` runs any project the same way and
 * returns plain arrays (for the e2e tests).
 *
 * The page talks to the engine only through the worker client: it never imports the engine.
 */
import { EngineClient, WorkerError, type CollectedRun } from '../worker/client';
import type { ErrorMessage } from '../worker/protocol';

/** What `__spikeflow.run` returns: plain arrays, so it crosses page.evaluate unchanged. */
export interface PlainRun {
  readonly reason: 'completed' | 'stopped';
  readonly tMs: number;
  readonly chunks: number;
  readonly stepsPerSecond: number;
  readonly spikeCounts: Record<string, number>;
  readonly spikes: { tMs: number[]; population: string[]; neuron: number[] };
  readonly traces: { keys: string[]; units: string[]; timesMs: number[]; values: number[] }[];
}

declare global {
  interface Window {
    __spikeflow: {
      ready: Promise<void>;
      run(project: unknown, options?: { durationMs?: number }): Promise<PlainRun>;
      /** The run started on page load (default example), if any. */
      initial: Promise<PlainRun | null>;
    };
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const client = new EngineClient();
let lastProject: unknown = null;

client.ready.then((r) => {
  $('worker-status').textContent = `worker ready: backend ${r.backend}, protocol ${r.protocolVersion}`;
});
client.on('error', (e) => {
  if (e.code === 'worker-crashed' || e.code === 'protocol-mismatch') showError(e);
});

function showError(e: ErrorMessage | null): void {
  const box = $('error');
  if (!e) {
    box.className = '';
    box.textContent = '';
    return;
  }
  const lines = [`${e.code}${e.path ? ` at ${e.path}` : ''}`, e.message];
  for (const p of e.modelProblems ?? []) lines.push(`${p.model}:${p.line}:${p.col}: ${p.severity}: ${p.message}`);
  box.textContent = lines.join('\n');
  box.className = 'visible';
}

function row(cells: (string | number)[], header = false): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const cell = document.createElement(header ? 'th' : 'td');
    cell.textContent = String(c);
    tr.append(cell);
  }
  return tr;
}

function showResults(run: CollectedRun): void {
  const spikes = $('spikes');
  spikes.replaceChildren(row(['population', 'model', 'neurons', 'spikes', 'rate (Hz)'], true));
  for (const p of run.loaded.populations) {
    const n = run.spikeCounts[p.id];
    const rate = run.tMs > 0 ? (n / p.size / (run.tMs / 1000)).toFixed(1) : '—';
    spikes.append(row([p.id, p.model, p.size, p.recordSpikes ? n : 'not recorded', p.recordSpikes ? rate : '—']));
  }
  const traces = $('traces');
  const shown = 6;
  traces.replaceChildren();
  for (const t of run.traces) {
    const samples = Math.min(shown, t.timesMs.length);
    traces.append(row(['series (unit) \\ t (ms)', ...Array.from(t.timesMs.subarray(0, samples), (x) => x.toFixed(2))], true));
    t.series.forEach((s, col) => {
      const values = Array.from({ length: samples }, (_, i) => t.values[i * t.series.length + col].toPrecision(5));
      traces.append(row([`${s.key} (${s.unit})`, ...values]));
    });
  }
}

function plain(run: CollectedRun): PlainRun {
  return {
    reason: run.reason,
    tMs: run.tMs,
    chunks: run.chunks,
    stepsPerSecond: run.stepsPerSecond,
    spikeCounts: run.spikeCounts,
    spikes: { tMs: Array.from(run.spikes.tMs), population: run.spikes.population, neuron: Array.from(run.spikes.neuron) },
    traces: run.traces.map((t) => ({
      keys: t.series.map((s) => s.key),
      units: t.series.map((s) => s.unit),
      timesMs: Array.from(t.timesMs),
      values: Array.from(t.values),
    })),
  };
}

async function runAndShow(project: unknown, options: { durationMs?: number } = {}): Promise<PlainRun> {
  lastProject = project;
  showError(null);
  const name = typeof project === 'object' && project !== null && 'name' in project ? String(project.name) : 'unnamed project';
  $('project').textContent = `project: ${name}`;
  const bar = $<HTMLProgressElement>('progress');
  bar.value = 0;
  $('progress-text').textContent = 'loading…';
  $('spikes').replaceChildren();
  $('traces').replaceChildren();
  try {
    const run = await client.runProject(project, {
      ...options,
      onProgress: (p) => {
        bar.value = p.endMs > 0 ? p.tMs / p.endMs : 1;
        $('progress-text').textContent = `t = ${p.tMs.toFixed(1)} / ${p.endMs.toFixed(1)} ms · ${Math.round(p.stepsPerSecond).toLocaleString('en')} steps/s`;
      },
    });
    bar.value = run.reason === 'completed' ? 1 : bar.value;
    $('progress-text').textContent =
      `${run.reason} at t = ${run.tMs.toFixed(1)} ms · ${run.chunks} chunks · ${Math.round(run.stepsPerSecond).toLocaleString('en')} steps/s`;
    showResults(run);
    return plain(run);
  } catch (e) {
    if (e instanceof WorkerError) {
      showError(e.detail);
      $('progress-text').textContent = `failed: ${e.detail.code}`;
      throw new Error(`${e.detail.code}${e.detail.path ? ` at ${e.detail.path}` : ''}: ${e.detail.message}`);
    }
    throw e;
  }
}

async function loadDefault(): Promise<PlainRun | null> {
  const response = await fetch(new URL('examples/default.json', document.baseURI));
  if (!response.ok) {
    $('project').textContent = `examples/default.json is not available (${response.status})`;
    return null;
  }
  return runAndShow(await response.json());
}

$('run').addEventListener('click', () => void (lastProject ? runAndShow(lastProject) : loadDefault()).catch(() => undefined));
$('pause').addEventListener('click', () => client.pause());
$('resume').addEventListener('click', () => client.resume());
$('stop').addEventListener('click', () => client.stop());

const autorun = new URLSearchParams(location.search).get('autorun') !== '0';
const initial = client.ready.then(() => (autorun ? loadDefault() : null));
initial.catch(() => undefined);

window.__spikeflow = {
  ready: client.ready.then(() => undefined),
  run: runAndShow,
  initial,
};

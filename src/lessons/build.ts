/** Small builders for the lessons' project documents, so each step states only what differs. */
import type { ProjectInput } from '../project/schema';

export const FORMAT = { format: 'spikeflow-project', version: 1 } as const;

export interface SingleCellOptions {
  readonly name: string;
  readonly description: string;
  /** Built-in cell model. */
  readonly model: string;
  readonly id?: string;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Name of the model's input the step current drives (LIF: j). */
  readonly input?: string;
  /** Step current as a project value ("10 nA", or a number for dimensionless models). */
  readonly amplitude: string | number;
  readonly startMs: number;
  readonly stopMs: number;
  readonly durationMs: number;
  readonly dtMs: number;
  readonly record: readonly string[];
  readonly intervalMs?: number;
}

/** One cell, one step current, one recording of the listed variables. */
export function singleCell(o: SingleCellOptions): ProjectInput {
  const id = o.id ?? 'cell';
  return {
    ...FORMAT,
    name: o.name,
    description: o.description,
    simulation: { dtMs: o.dtMs, durationMs: o.durationMs, seed: 1 },
    populations: [{ id, model: o.model, size: 1, integrator: 'euler', ...(o.params ? { params: { ...o.params } } : {}) }],
    stimuli: [{ type: 'step', id: 'step', target: id, input: o.input ?? 'j', amplitude: o.amplitude, startMs: o.startMs, stopMs: o.stopMs }],
    recordings: [{ id: 'rec', population: id, variables: [...o.record], neurons: [0], intervalMs: o.intervalMs ?? 0.1 }],
    layout: { 'stimulus:step': { x: 0, y: 60 }, [id]: { x: 320, y: 60 }, 'recording:rec': { x: 320, y: 300 } },
  };
}

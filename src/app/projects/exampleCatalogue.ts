/**
 * The examples gallery's catalogue: what each example file is (name, description, counts), taken
 * from the document itself, and the order the gallery shows them in. Pure: the files are loaded by
 * examples.ts.
 */
import { parseProject } from '../../project/validate';
import type { ProjectDoc } from '../store/document';

export interface ExampleMeta {
  /** The file name without `.json`: the gallery's test id is `example-<id>`. */
  readonly id: string;
  readonly fileName: string;
  readonly name: string;
  readonly description: string;
  readonly populations: number;
  readonly neurons: number;
  readonly projections: number;
  readonly stimuli: number;
  readonly group: 'network' | 'single';
  /** Validation problems ("" when valid): an example that fails is shown, but cannot be opened. */
  readonly problem: string;
}

export interface ExampleEntry extends ExampleMeta {
  readonly doc: ProjectDoc;
}

/** `./examples/cuba.json` or `cuba.json` → `cuba`. */
export function exampleId(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.replace(/\.json$/i, '');
}

export function exampleMeta(path: string, json: unknown): ExampleMeta {
  const id = exampleId(path);
  const doc = (typeof json === 'object' && json !== null ? json : {}) as Partial<ProjectDoc>;
  const populations = Array.isArray(doc.populations) ? doc.populations : [];
  const projections = Array.isArray(doc.projections) ? doc.projections.length : 0;
  const parsed = parseProject(json);
  return {
    id,
    fileName: `${id}.json`,
    name: typeof doc.name === 'string' && doc.name.trim() !== '' ? doc.name : id,
    description: typeof doc.description === 'string' ? doc.description : '',
    populations: populations.length,
    neurons: populations.reduce((sum, p) => sum + (typeof p?.size === 'number' ? p.size : 0), 0),
    projections,
    stimuli: Array.isArray(doc.stimuli) ? doc.stimuli.length : 0,
    group: projections > 0 ? 'network' : 'single',
    problem: parsed.ok ? '' : parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '),
  };
}

/** Gallery order: the default example first, then networks, then single cells and sources, each by name (the gallery groups them, keeping this order). */
export function sortExamples<T extends ExampleMeta>(examples: readonly T[]): T[] {
  const rank = (e: ExampleMeta) => (e.id === 'default' ? 0 : e.group === 'network' ? 1 : 2);
  return [...examples].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** Whether an example matches a filter text (every word in its name, description or file name). */
export function matchesFilter(meta: ExampleMeta, filter: string): boolean {
  const hay = `${meta.name} ${meta.description} ${meta.fileName}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => hay.includes(word));
}

/** "2 populations · 4,000 neurons · 4 projections · no stimuli". */
export function describeCounts(meta: ExampleMeta): string {
  const n = (count: number, one: string, many: string) => `${count === 0 ? 'no' : count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
  return [
    n(meta.populations, 'population', 'populations'),
    n(meta.neurons, 'neuron', 'neurons'),
    n(meta.projections, 'projection', 'projections'),
    n(meta.stimuli, 'stimulus', 'stimuli'),
  ].join(' · ');
}

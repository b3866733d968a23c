/**
 * The example projects (examples/*.json), bundled by Vite as one lazy chunk each: nothing is
 * fetched until the gallery opens, and the gallery works offline and from file://.
 * default.json is already in the main bundle (the store starts with it), so it is taken from there.
 */
import { DEFAULT_PROJECT } from '../store';
import { exampleMeta, sortExamples, type ExampleEntry } from './exampleCatalogue';
import type { ProjectDoc } from '../store/document';

const DEFAULT_PATH = '../../../examples/default.json';

const files: Record<string, () => Promise<unknown>> = {
  ...import.meta.glob<unknown>(['../../../examples/*.json', '!../../../examples/default.json'], { import: 'default' }),
  [DEFAULT_PATH]: async () => DEFAULT_PROJECT,
};

/** The file names of every example (known without loading them). */
export const EXAMPLE_PATHS: readonly string[] = Object.keys(files);

let catalogue: Promise<ExampleEntry[]> | null = null;

/** Every example with its metadata, in gallery order (loaded once). */
export function loadExampleCatalogue(): Promise<ExampleEntry[]> {
  catalogue ??= Promise.all(
    Object.entries(files).map(async ([path, load]) => {
      const json = await load();
      return { ...exampleMeta(path, json), doc: json as ProjectDoc };
    }),
  ).then(sortExamples);
  // A failed chunk load (offline after an update) should not stick: the next open tries again.
  catalogue.catch(() => {
    catalogue = null;
  });
  return catalogue;
}

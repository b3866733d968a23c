/** The built-in library's catalog, for the graph's unit tests (the app gets it from the worker). */
import { catalogOf } from '../../library/catalog';
import { builtinRegistry } from '../../library';
import type { Catalog } from './models';

let cached: Catalog | undefined;

export function libraryCatalog(): Catalog {
  cached ??= new Map(catalogOf(builtinRegistry()).map((m) => [m.name, m]));
  return cached;
}

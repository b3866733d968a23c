/**
 * The models the editor can offer (palette, inspector): described by the worker, which compiles
 * them (the page never compiles a model itself).
 */
import { createStore } from 'zustand/vanilla';
import type { ModelInfo } from '../../library/catalog';

export interface CatalogState {
  readonly models: readonly ModelInfo[];
  readonly byName: ReadonlyMap<string, ModelInfo>;
  /** True once the worker has described the library. */
  readonly ready: boolean;
  setModels(models: readonly ModelInfo[]): void;
}

export function createCatalogStore() {
  return createStore<CatalogState>()((set) => ({
    models: [],
    byName: new Map(),
    ready: false,
    setModels(models) {
      set({ models, byName: new Map(models.map((m) => [m.name, m])), ready: true });
    },
  }));
}

export type { ModelInfo };

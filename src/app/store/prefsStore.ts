/** User preferences that outlive a project: theme. Kept in localStorage. */
import { createStore } from 'zustand/vanilla';
import { persist } from 'zustand/middleware';

export type Theme = 'light' | 'dark';

export interface PrefsState {
  readonly theme: Theme;
  setTheme(theme: Theme): void;
}

export function createPrefsStore() {
  return createStore<PrefsState>()(
    persist(
      (set) => ({
        theme: typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
        setTheme(theme) {
          set({ theme });
        },
      }),
      { name: 'spikeflow.prefs' },
    ),
  );
}

/**
 * Plot colours from the theme's CSS variables. Canvases cannot use var(--…), so the values are read
 * with getComputedStyle, and read again whenever `data-theme` on <html> changes (the app sets it
 * from prefsStore.theme; observing the attribute avoids depending on effect order).
 */
import { useEffect, useState } from 'react';

export interface PlotTheme {
  readonly fg: string;
  readonly muted: string;
  readonly panel: string;
  readonly border: string;
  readonly accent: string;
  readonly axis: string;
  readonly grid: string;
  /** The value of data-theme when read (cheap identity for "did the theme change"). */
  readonly name: string;
}

const FALLBACK: PlotTheme = {
  fg: '#1b2230',
  muted: '#5d6778',
  panel: '#ffffff',
  border: '#d5dbe5',
  accent: '#2f6fde',
  axis: '#5d6778',
  grid: 'rgba(0, 0, 0, 0.08)',
  name: 'light',
};

export function readPlotTheme(): PlotTheme {
  if (typeof document === 'undefined') return FALLBACK;
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', FALLBACK.fg),
    muted: v('--muted', FALLBACK.muted),
    panel: v('--panel', FALLBACK.panel),
    border: v('--border', FALLBACK.border),
    accent: v('--accent', FALLBACK.accent),
    axis: v('--plot-axis', FALLBACK.axis),
    grid: v('--plot-grid', FALLBACK.grid),
    name: document.documentElement.dataset.theme ?? 'light',
  };
}

/** The current plot theme; re-renders when <html data-theme> changes. */
export function usePlotTheme(): PlotTheme {
  const [theme, setTheme] = useState(readPlotTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readPlotTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    // The attribute may have changed between the first render and this effect.
    setTheme((prev) => {
      const now = readPlotTheme();
      return now.name === prev.name && now.fg === prev.fg ? prev : now;
    });
    return () => observer.disconnect();
  }, []);
  return theme;
}

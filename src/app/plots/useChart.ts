/**
 * A ChartController bound to a host element for a component's lifetime. The chart is re-created
 * only when `deps` change (series chosen, layout), never per frame; theme changes just redraw
 * (axes and grid read their colours through the theme ref at draw time).
 */
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import type { ThemeRef } from './chart';
import { ChartController, type ChartSpec } from './controller';
import type { RunData } from './runData';
import type { PlotTheme } from './theme';

export function useChart(
  hostRef: RefObject<HTMLElement | null>,
  data: RunData,
  theme: PlotTheme,
  makeSpec: (theme: ThemeRef) => ChartSpec,
  deps: DependencyList,
): RefObject<ChartController | null> {
  const themeRef = useRef<PlotTheme>(theme);
  const controller = useRef<ChartController | null>(null);
  const make = useRef(makeSpec);
  make.current = makeSpec;
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const c = new ChartController(host, make.current(themeRef), data);
    controller.current = c;
    return () => {
      c.destroy();
      if (controller.current === c) controller.current = null;
    };
  }, [data, hostRef, ...deps]);
  useEffect(() => {
    themeRef.current = theme;
    controller.current?.invalidate();
  }, [theme]);
  return controller;
}

/**
 * The plane itself: a canvas sized to its box (device pixels for sharp lines), redrawn when the
 * computed plane, the trajectories or the theme change. A click starts a trajectory there; the
 * pointer's coordinates are shown in a corner. Reports how long each draw took.
 */
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import type { PlotTheme } from '../../plots/theme';
import { drawPhasePlane, pixelToPlane, plotRect, type PhaseDrawing } from './drawPhasePlane';
import { axisLabel, formatValue } from './phaseFormat';
import './PhaseCanvas.css';

export interface PhaseCanvasProps {
  readonly drawing: PhaseDrawing;
  readonly theme: PlotTheme;
  readonly xUnit: string;
  readonly yUnit: string;
  readonly onStart: (x: number, y: number) => void;
  /** Called after each draw with its duration. */
  readonly onDrawn?: (ms: number) => void;
}

export interface PhaseCanvasHandle {
  readonly canvas: HTMLCanvasElement | null;
}

export const PhaseCanvas = forwardRef<PhaseCanvasHandle, PhaseCanvasProps>(function PhaseCanvas({ drawing, theme, xUnit, yUnit, onStart, onDrawn }, ref) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  useImperativeHandle(ref, () => ({ get canvas() { return canvas.current; } }), []);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((s) => (s.width === Math.floor(width) && s.height === Math.floor(height) ? s : { width: Math.floor(width), height: Math.floor(height) }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const c = canvas.current;
    if (!c || size.width < 20 || size.height < 20) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(size.width * dpr) || c.height !== Math.round(size.height * dpr)) {
      c.width = Math.round(size.width * dpr);
      c.height = Math.round(size.height * dpr);
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawPhasePlane(ctx, size.width, size.height, drawing, theme);
    onDrawn?.(performance.now() - t0);
  }, [drawing, theme, size, onDrawn]);

  const toPlane = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    const rect = plotRect(size.width, size.height);
    if (px < rect.left || px > rect.left + rect.width || py < rect.top || py > rect.top + rect.height) return null;
    return pixelToPlane(rect, drawing.result.view, px, py);
  };

  return (
    <div className="phase-canvas-box" ref={box}>
      <canvas
        ref={canvas}
        className="phase-canvas"
        data-testid="phase-canvas"
        style={{ width: size.width, height: size.height }}
        role="img"
        aria-label={`Phase plane of ${drawing.yLabel} against ${drawing.xLabel}; click to start a trajectory`}
        onClick={(e) => {
          const p = toPlane(e);
          if (p) onStart(p.x, p.y);
        }}
        onMouseMove={(e) => setPointer(toPlane(e))}
        onMouseLeave={() => setPointer(null)}
      />
      {pointer && (
        <div className="phase-pointer mono" data-testid="phase-pointer">
          {axisLabel(drawing.xName, '')} = {formatValue(pointer.x)}
          {xUnit && xUnit !== '1' ? ` ${xUnit}` : ''}, {drawing.yName} = {formatValue(pointer.y)}
          {yUnit && yUnit !== '1' ? ` ${yUnit}` : ''}
        </div>
      )}
    </div>
  );
});

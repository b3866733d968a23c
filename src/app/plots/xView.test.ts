import { describe, expect, it } from 'vitest';
import { clampRange, panRange, XView, zoomRange } from './xView';

const full = { min: 0, max: 1000 };

describe('x window', () => {
  it('zooms about a point that stays put', () => {
    const r = zoomRange(full, 0.5, 250, full)!;
    expect(r).toEqual({ min: 125, max: 625 });
  });

  it('zooming out past the run follows the run again (null)', () => {
    expect(zoomRange({ min: 100, max: 600 }, 4, 300, full)).toBeNull();
  });

  it('pans inside the run and stops at its ends', () => {
    expect(panRange({ min: 100, max: 200 }, 0.5, full)).toEqual({ min: 150, max: 250 });
    expect(panRange({ min: 100, max: 200 }, -5, full)).toEqual({ min: 0, max: 100 });
    expect(panRange({ min: 800, max: 900 }, 5, full)).toEqual({ min: 900, max: 1000 });
  });

  it('clamps to a minimum span', () => {
    const r = clampRange({ min: 10, max: 10 }, full, 0.5)!;
    expect(r.max - r.min).toBe(0.5);
  });

  it('XView notifies on change only, and reset follows the run', () => {
    const v = new XView();
    let calls = 0;
    v.subscribe(() => calls++);
    expect(v.current(full)).toEqual(full);
    v.set({ min: 10, max: 20 }, full);
    v.set({ min: 10, max: 20 }, full);
    expect(calls).toBe(1);
    expect(v.current(full)).toEqual({ min: 10, max: 20 });
    v.zoomBy(2, full);
    expect(v.zoom).toEqual({ min: 5, max: 25 });
    v.panBy(1, full);
    expect(v.zoom).toEqual({ min: 25, max: 45 });
    v.reset();
    expect(v.zoom).toBeNull();
    expect(calls).toBe(4);
  });
});

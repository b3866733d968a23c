import { describe, expect, it } from 'vitest';
import { paddedRange } from './FitParamCharts';

describe('paddedRange (parameter trajectory y axis)', () => {
  it('pads 8% of the span, and keeps a converged value within a range uPlot can tick', () => {
    expect(paddedRange(10, 20)).toEqual([9.2, 20.8]);
    const [lo, hi] = paddedRange(1.2, 1.2 + 4e-16);
    expect(hi - lo).toBeGreaterThan(1.2e-4);
    expect(paddedRange(0, 0)).toEqual([-1, 1]);
    const [a, b] = paddedRange(-0.8, -0.8);
    expect(a).toBeLessThan(-0.8);
    expect(b).toBeGreaterThan(-0.8);
  });
});

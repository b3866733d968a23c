/**
 * Marching squares: the zero level set of a function sampled on a regular grid, as line segments.
 * Nullclines are the zero sets of ẋ and ẏ. Cells with a non-finite corner are skipped; the saddle
 * cases (two opposite corners of each sign) are split by the cell's mean value.
 */

export interface Grid {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  /** Nodes along x and y (cells are one fewer). */
  readonly nx: number;
  readonly ny: number;
}

/** Node (i, j) of the grid sits at x0 + i·(x1 − x0)/(nx − 1), y0 + j·(y1 − y0)/(ny − 1). */
export function gridX(g: Grid, i: number): number {
  return g.x0 + ((g.x1 - g.x0) * i) / (g.nx - 1);
}

export function gridY(g: Grid, j: number): number {
  return g.y0 + ((g.y1 - g.y0) * j) / (g.ny - 1);
}

/**
 * Segments [xa, ya, xb, yb, ...] where `values` (row-major: values[j·nx + i]) crosses zero.
 * `keep`, if given, is asked about each segment with the largest |value| at its cell's corners: a
 * false drops the segment (used to drop the sign change across a pole, which is no zero).
 */
export function zeroContour(
  values: Float64Array,
  g: Grid,
  keep?: (xa: number, ya: number, xb: number, yb: number, cornerMagnitude: number) => boolean,
): Float64Array {
  const out: number[] = [];
  const { nx, ny } = g;
  const dx = (g.x1 - g.x0) / (nx - 1);
  const dy = (g.y1 - g.y0) / (ny - 1);
  // Edge crossing points: 0 bottom (i,j)-(i+1,j), 1 right (i+1,j)-(i+1,j+1), 2 top (i,j+1)-(i+1,j+1), 3 left (i,j)-(i,j+1).
  const px = [0, 0, 0, 0];
  const py = [0, 0, 0, 0];
  const t = (a: number, b: number) => (a === b ? 0.5 : a / (a - b));
  let magnitude = 0;
  const push = (e1: number, e2: number) => {
    if (keep && !keep(px[e1], py[e1], px[e2], py[e2], magnitude)) return;
    out.push(px[e1], py[e1], px[e2], py[e2]);
  };
  for (let j = 0; j < ny - 1; j++) {
    const y = g.y0 + j * dy;
    for (let i = 0; i < nx - 1; i++) {
      const a = values[j * nx + i];
      const b = values[j * nx + i + 1];
      const c = values[(j + 1) * nx + i + 1];
      const d = values[(j + 1) * nx + i];
      if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d))) continue;
      const code = (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (c > 0 ? 4 : 0) | (d > 0 ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const x = g.x0 + i * dx;
      magnitude = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
      px[0] = x + t(a, b) * dx;
      py[0] = y;
      px[1] = x + dx;
      py[1] = y + t(b, c) * dy;
      px[2] = x + t(d, c) * dx;
      py[2] = y + dy;
      px[3] = x;
      py[3] = y + t(a, d) * dy;
      switch (code) {
        case 1: case 14: push(3, 0); break;
        case 2: case 13: push(0, 1); break;
        case 3: case 12: push(3, 1); break;
        case 4: case 11: push(1, 2); break;
        case 6: case 9: push(0, 2); break;
        case 7: case 8: push(3, 2); break;
        case 5: case 10: {
          // Saddle: a and c share a sign, b and d the other. The centre decides which pair joins.
          const centrePositive = (a + b + c + d) / 4 > 0;
          const aPositive = code === 5;
          if (centrePositive === aPositive) {
            push(3, 2);
            push(0, 1);
          } else {
            push(3, 0);
            push(1, 2);
          }
          break;
        }
      }
    }
  }
  return Float64Array.from(out);
}

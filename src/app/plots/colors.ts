/**
 * Colours of populations and recorded series, shared by the plots and the graph editor so a
 * population's node and its spikes/rate line have the same colour.
 *
 * Literal colours here are deliberate: canvases cannot resolve var(--…), and these mid-luminance
 * hues read on both the light (#fff) and dark (#1a2029) panel backgrounds, so they need no theme
 * variant. Everything else in the plots (axes, grid, text) comes from the theme's CSS variables.
 */

const PALETTE = [
  '#3b82f6', // blue
  '#f76707', // orange
  '#20a34a', // green
  '#e03131', // red
  '#9061f9', // violet
  '#0fa5b5', // teal
  '#d6a206', // gold
  '#c2255c', // magenta
  '#74b816', // lime
  '#a47148', // brown
] as const;

/** The colour of the population at `index` (its position in the project / `loaded.populations`). */
export function populationColor(index: number): string {
  const n = PALETTE.length;
  return PALETTE[((Math.trunc(index) % n) + n) % n];
}

/** The colour of the `index`-th series shown in one trace plot. */
export function seriesColor(index: number): string {
  return populationColor(index);
}

/** `#rrggbb` (or `#rgb`) → [r, g, b] in 0..255; null for anything else. */
export function parseHexColor(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** An opaque colour as one pixel of a Uint32Array view over ImageData (platform byte order). */
export function packPixel(color: string): number {
  const [r, g, b] = parseHexColor(color) ?? [128, 128, 128];
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

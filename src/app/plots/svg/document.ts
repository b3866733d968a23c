/**
 * An SVG document and its text: the root element (xmlns, width/height/viewBox, a background, a
 * <title>), text elements positioned without `dominant-baseline` (Inkscape ignores it, so the
 * baseline offsets are computed here), and a text-width estimate for laying out margins and
 * legends where there is no canvas to measure with.
 */
import type { PlotTheme } from '../theme';
import { attrs, el, escapeXml, num, paintAttrs, type Attrs } from './xml';

/** The theme's colours, already resolved to concrete values (the writer never sees var(--…)). */
export type SvgTheme = Pick<PlotTheme, 'panel' | 'fg' | 'muted' | 'border' | 'axis' | 'grid'>;

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const FONT_PX = 11;
export const TITLE_PX = 13;

/**
 * Width of `text` at `fontPx`, estimated from character classes of a sans-serif face (about 0.55 em
 * for lower case, wider for capitals and digits' neighbours). Errs on the wide side so labels laid
 * out with it do not collide when the real font is a little wider.
 */
export function textWidth(text: string, fontPx = FONT_PX, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (/[il.,:;'|!·\s]/.test(ch)) em += 0.3;
    else if (/[mwMW@%]/.test(ch)) em += 0.85;
    else if (/[A-Z]/.test(ch)) em += 0.68;
    else if (/[0-9]/.test(ch)) em += 0.58;
    else em += 0.56;
  }
  return em * fontPx * (bold ? 1.06 : 1);
}

export type Anchor = 'start' | 'middle' | 'end';
/** Where y is relative to the text: its top, its middle or its alphabetic baseline. */
export type Baseline = 'top' | 'middle' | 'baseline';

export interface TextOptions {
  readonly anchor?: Anchor;
  readonly baseline?: Baseline;
  readonly fontPx?: number;
  readonly bold?: boolean;
  readonly color: string;
  /** Rotation in degrees about (x, y), e.g. -90 for a y-axis label. */
  readonly rotate?: number;
  readonly extra?: Attrs;
}

/** A <text> element; y is moved to the baseline so 'top'/'middle' look the same in every reader. */
export function text(x: number, y: number, content: string, o: TextOptions): string {
  const fontPx = o.fontPx ?? FONT_PX;
  const shift = o.baseline === 'top' ? 0.8 * fontPx : o.baseline === 'middle' ? 0.35 * fontPx : 0;
  const rotate = o.rotate ? `rotate(${num(o.rotate)} ${num(x)} ${num(y)})` : undefined;
  return el(
    'text',
    {
      x,
      y: y + shift,
      'text-anchor': o.anchor && o.anchor !== 'start' ? o.anchor : undefined,
      'font-size': fontPx === FONT_PX ? undefined : fontPx,
      'font-weight': o.bold ? 600 : undefined,
      ...paintAttrs('fill', o.color),
      transform: rotate,
      ...o.extra,
    },
    escapeXml(content),
  );
}

export interface DocumentOptions {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly background: string;
  /** <defs> content (clip paths, gradients, patterns). */
  readonly defs?: readonly string[];
  readonly body: readonly string[];
}

/** A standalone SVG file: XML declaration, namespaced root with size and viewBox, a background. */
export function svgDocument(d: DocumentOptions): string {
  const width = Math.max(1, Math.ceil(d.width));
  const height = Math.max(1, Math.ceil(d.height));
  const root = attrs({
    xmlns: 'http://www.w3.org/2000/svg',
    version: '1.1',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    'font-family': FONT_FAMILY,
    'font-size': FONT_PX,
  });
  const defs = d.defs && d.defs.length > 0 ? el('defs', {}, d.defs) : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg${root}>`,
    el('title', {}, escapeXml(d.title)),
    defs,
    el('rect', { x: 0, y: 0, width, height, ...paintAttrs('fill', d.background) }),
    ...d.body,
    '</svg>',
  ]
    .filter((s) => s !== '')
    .join('\n')
    .concat('\n');
}

/**
 * The XML layer of the SVG writer: escaping, attribute lists, elements as strings, numbers with a
 * fixed precision, and colours as SVG paints. Pure string building (no DOM), so the figures can be
 * written and tested in Node.
 */

/** Characters XML 1.0 forbids anywhere (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/F). */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or an attribute value, escaped for XML (markup characters as entities, forbidden characters dropped). */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A coordinate: at most 2 decimals (1/100 px is far below what anyone sees), no `-0`, no exponent. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}

export type AttrValue = string | number | undefined | null | false;
export type Attrs = Readonly<Record<string, AttrValue>>;

/** ` a="1" b="x"`: numbers through `num`, strings escaped, undefined/null/false left out. */
export function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined || v === null || v === false) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`;
  }
  return out;
}

/** An element; self-closing without children. Children are already-serialised strings. */
export function el(name: string, a: Attrs = {}, children?: string | readonly string[]): string {
  const inner = children === undefined ? '' : typeof children === 'string' ? children : children.join('');
  return inner === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${inner}</${name}>`;
}

export interface Paint {
  /** A colour SVG 1.1 (and Inkscape) reads: `#rrggbb`, `rgb(…)`, a name, or `none`. */
  readonly color: string;
  /** 0..1; 1 when opaque. */
  readonly opacity: number;
}

/**
 * A CSS colour as an SVG paint. `rgba()` and `#rrggbbaa` are split into a colour and an opacity,
 * which every SVG reader understands (Inkscape and SVG 1.1 have no alpha in the colour itself).
 */
export function paint(css: string): Paint {
  const c = css.trim();
  if (c === '' || c === 'transparent' || c === 'none') return { color: 'none', opacity: 1 };
  const rgba = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/i.exec(c);
  if (rgba) {
    const [r, g, b] = [rgba[1], rgba[2], rgba[3]].map((v) => Math.round(Math.min(255, Number(v))));
    const a = rgba[4] === undefined ? 1 : rgba[4].endsWith('%') ? Number(rgba[4].slice(0, -1)) / 100 : Number(rgba[4]);
    return { color: `rgb(${r},${g},${b})`, opacity: clamp01(a) };
  }
  const hex8 = /^#([0-9a-f]{6})([0-9a-f]{2})$/i.exec(c);
  if (hex8) return { color: `#${hex8[1]}`, opacity: clamp01(parseInt(hex8[2], 16) / 255) };
  const hex4 = /^#([0-9a-f]{3})([0-9a-f])$/i.exec(c);
  if (hex4) return { color: `#${hex4[1]}`, opacity: clamp01(parseInt(hex4[2] + hex4[2], 16) / 255) };
  return { color: c, opacity: 1 };
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 1);

/** `fill`/`stroke` attributes (and their opacity, times `alpha`) for a CSS colour. */
export function paintAttrs(kind: 'fill' | 'stroke', css: string, alpha = 1): Record<string, AttrValue> {
  const p = paint(css);
  const opacity = Math.round(p.opacity * alpha * 1000) / 1000;
  return { [kind]: p.color, [`${kind}-opacity`]: p.color !== 'none' && opacity < 1 ? opacity : undefined };
}

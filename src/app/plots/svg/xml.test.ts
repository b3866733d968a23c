import { describe, expect, it } from 'vitest';
import { svgDocument, text } from './document';
import { parseXml } from './testXml';
import { attrs, el, escapeXml, num, paint, paintAttrs } from './xml';

describe('escapeXml', () => {
  it('turns markup characters into entities', () => {
    expect(escapeXml(`a < b & c > "d" 'e'`)).toBe('a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;');
  });
  it('drops characters XML forbids but keeps tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u0008c\td\ne\u{1F9E0}\uFFFE')).toBe('ab' + 'c\td\ne\u{1F9E0}');
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone  surrogate');
  });
  it('round-trips any text through a strict XML reader', () => {
    const nasty = `R&D <script>alert("x")</script> ]]> &amp; 'q' \u0001 µ±τ`;
    const doc = parseXml(el('text', { 'data-x': nasty }, escapeXml(nasty)));
    expect(doc.text).toBe(nasty.replace('\u0001', ''));
    expect(doc.attrs['data-x']).toBe(nasty.replace('\u0001', ''));
  });
});

describe('num and attrs', () => {
  it('writes at most two decimals, never -0 or an exponent', () => {
    expect(num(1.23456)).toBe('1.23');
    expect(num(-0.001)).toBe('0');
    expect(num(1e-7)).toBe('0');
    expect(num(123456789)).toBe('123456789');
    expect(num(NaN)).toBe('0');
  });
  it('leaves out undefined, null and false', () => {
    expect(attrs({ a: 1, b: undefined, c: null, d: false, e: 'x&y' })).toBe(' a="1" e="x&amp;y"');
    expect(el('g', {}, [])).toBe('<g/>');
  });
});

describe('paint', () => {
  it('splits rgba and #rrggbbaa into a colour and an opacity', () => {
    expect(paint('rgba(0, 0, 0, 0.08)')).toEqual({ color: 'rgb(0,0,0)', opacity: 0.08 });
    expect(paint('rgb(255 255 255 / 50%)')).toEqual({ color: 'rgb(255,255,255)', opacity: 0.5 });
    expect(paint('#11223380')).toEqual({ color: '#112233', opacity: 128 / 255 });
    expect(paint('#3b82f6')).toEqual({ color: '#3b82f6', opacity: 1 });
    expect(paint('transparent').color).toBe('none');
  });
  it('writes an opacity attribute only when not opaque, times an extra alpha', () => {
    expect(paintAttrs('stroke', '#fff')).toEqual({ stroke: '#fff', 'stroke-opacity': undefined });
    expect(paintAttrs('fill', 'rgba(255,255,255,0.5)', 0.5)).toEqual({ fill: 'rgb(255,255,255)', 'fill-opacity': 0.25 });
  });
});

describe('svgDocument', () => {
  it('is a standalone SVG: declaration, namespace, size, viewBox, title, background', () => {
    const svg = svgDocument({ width: 200.4, height: 100, title: 'A & B', background: '#fff', body: [text(10, 10, 'v (mV)', { color: '#000', baseline: 'top' })] });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs).toMatchObject({ xmlns: 'http://www.w3.org/2000/svg', width: '201', height: '100', viewBox: '0 0 201 100' });
    expect(root.children[0]).toMatchObject({ name: 'title', text: 'A & B' });
    expect(root.children[1]).toMatchObject({ name: 'rect', attrs: { fill: '#fff', width: '201' } });
    // 'top' moves y down to the baseline (no dominant-baseline, which Inkscape ignores).
    expect(root.children[2].attrs.y).toBe('18.8');
  });
  it('the test reader rejects what is not well-formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow();
    expect(() => parseXml('<a x=1/>')).toThrow();
    expect(() => parseXml('<a>R&D</a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
    expect(() => parseXml('<a>')).toThrow();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { populationColor } from '../plots/colors';
import { emptyProject, type ProjectDoc } from '../store/document';
import { escapeXml, populationRadius, projectThumbnailSvg } from './thumbnail';

const dir = new URL('../../../examples/', import.meta.url);
const example = (name: string) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as ProjectDoc;
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;
const circles = (svg: string) => [...svg.matchAll(/<circle class="thumb-population" cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)" fill="([^"]+)"/g)].map((m) => ({ x: +m[1], y: +m[2], r: +m[3], fill: m[4] }));

describe('project thumbnails', () => {
  it('draws one circle per population, one square per stimulus, one arrow per projection, for every example', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const doc = example(file);
      const svg = projectThumbnailSvg(doc);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), file).toBe(true);
      expect(svg.endsWith('</svg>'), file).toBe(true);
      expect(count(svg, /<circle class="thumb-population"/g), file).toBe(doc.populations.length);
      expect(count(svg, /<rect class="thumb-stimulus"/g), file).toBe((doc.stimuli ?? []).length);
      expect(count(svg, /class="thumb-projection"/g), file).toBe((doc.projections ?? []).length);
      expect(svg, file).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it('keeps every node inside the picture', () => {
    for (const file of ['cuba.json', 'stdp_demo.json', 'jaxley_network.json', 'default.json', 'PoissonSource.json']) {
      for (const c of circles(projectThumbnailSvg(example(file), { width: 176, height: 104 }))) {
        expect(c.x - c.r, file).toBeGreaterThanOrEqual(0);
        expect(c.x + c.r, file).toBeLessThanOrEqual(176);
        expect(c.y - c.r, file).toBeGreaterThanOrEqual(0);
        expect(c.y + c.r, file).toBeLessThanOrEqual(104);
      }
    }
  });

  it('sizes circles by log(size) and colours them as the graph and plots do', () => {
    const [exc, inh] = circles(projectThumbnailSvg(example('cuba.json')));
    expect(exc.r).toBeCloseTo(populationRadius(3200), 1);
    expect(inh.r).toBeCloseTo(populationRadius(800), 1);
    expect(exc.r).toBeGreaterThan(inh.r);
    expect(exc.fill).toBe(populationColor(0));
    expect(inh.fill).toBe(populationColor(1));
  });

  it('draws recurrent projections as loops and pairs as two distinct arrows', () => {
    const svg = projectThumbnailSvg(example('cuba.json')); // ee, ei, ie, ii
    const paths = [...svg.matchAll(/class="thumb-projection" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths.filter((d) => d.includes('C'))).toHaveLength(2); // ee and ii loops
    expect(new Set(paths).size).toBe(4);
  });

  it('uses the editor layout when it places every node', () => {
    const doc: ProjectDoc = {
      ...emptyProject(),
      populations: [
        { id: 'a', model: 'LIF', size: 1 },
        { id: 'b', model: 'LIF', size: 1 },
      ],
      layout: { a: { x: 0, y: 500 }, b: { x: 0, y: 0 } },
    };
    const [a, b] = circles(projectThumbnailSvg(doc));
    expect(a.x).toBeCloseTo(b.x);
    expect(a.y).toBeGreaterThan(b.y); // a is below b, as in the editor
  });

  it('escapes text from the project and draws an empty project as an empty picture', () => {
    const doc: ProjectDoc = { ...emptyProject(), populations: [{ id: 'x', model: 'LIF', size: 1, label: '<script>"&' }] };
    const svg = projectThumbnailSvg(doc);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&quot;&amp;');
    expect(escapeXml(`<a b="c">&'`)).toBe('&lt;a b=&quot;c&quot;&gt;&amp;&apos;');
    const empty = projectThumbnailSvg(emptyProject());
    expect(count(empty, /<circle/g)).toBe(0);
    expect(empty).toContain('aria-label="Network diagram: 0 populations, 0 projections, 0 stimuli"');
  });
});

import { describe, expect, it } from 'vitest';
import { boundsOf, layoutPositions, overlaps } from './autoLayout';

const nodes = [
  { key: 'stimulus:drive', width: 190, height: 72 },
  { key: 'stimulus:noise', width: 190, height: 72 },
  { key: 'exc', width: 230, height: 180 },
  { key: 'inh', width: 230, height: 160 },
  { key: 'recording:r', width: 190, height: 88 },
  { key: 'lonely', width: 230, height: 100 },
];
const links = [
  { source: 'stimulus:drive', target: 'exc' },
  { source: 'stimulus:noise', target: 'exc' },
  { source: 'exc', target: 'inh' },
  { source: 'inh', target: 'exc' },
  { source: 'exc', target: 'exc' },
  { source: 'exc', target: 'recording:r' },
  { source: 'exc', target: 'missing' },
];

describe('layoutPositions', () => {
  const pos = layoutPositions(nodes, links);
  const box = (k: string) => ({ ...pos[k], ...nodes.find((n) => n.key === k)! });

  it('places every node, none overlapping', () => {
    expect(Object.keys(pos).sort()).toEqual(nodes.map((n) => n.key).sort());
    for (let i = 0; i < nodes.length; i++) for (let j = i + 1; j < nodes.length; j++) expect(overlaps(box(nodes[i].key), box(nodes[j].key))).toBe(false);
  });

  it('goes left to right: stimuli, populations, recorders', () => {
    expect(pos['stimulus:drive'].x).toBeLessThan(pos.exc.x);
    expect(pos.exc.x).toBeLessThan(pos['recording:r'].x);
  });

  it('is deterministic and gives whole pixels', () => {
    expect(layoutPositions(nodes, links)).toEqual(pos);
    for (const p of Object.values(pos)) expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
  });

  it('bounds and overlap helpers', () => {
    expect(boundsOf([])).toBeUndefined();
    expect(boundsOf([{ x: 0, y: 0, width: 10, height: 10 }, { x: 20, y: 5, width: 10, height: 10 }])).toEqual({ x: 0, y: 0, width: 30, height: 15 });
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 })).toBe(false);
    expect(overlaps({ x: 0, y: 0, width: 10, height: 10 }, { x: 9, y: 9, width: 10, height: 10 })).toBe(true);
  });
});

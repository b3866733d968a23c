import { describe, expect, it } from 'vitest';
import { overlaps } from './autoLayout';
import { freeSpot, NEW_SIZE, placeNew } from './placement';

const size = NEW_SIZE.small;

describe('placement of new nodes', () => {
  it('a drop goes exactly where it was dropped, centred', () => {
    expect(placeNew({ at: { x: 100, y: 100 }, dropped: true, occupied: { a: { x: 0, y: 0, width: 500, height: 500 } } }, 'small')).toEqual({ x: 5, y: 55 });
  });

  it('a click goes to the nearest free spot', () => {
    const occupied = { a: { x: 0, y: 0, width: 230, height: 170 } };
    const p = placeNew({ at: { x: 115, y: 85 }, occupied }, 'population')!;
    expect(overlaps({ ...p, ...NEW_SIZE.population }, occupied.a)).toBe(false);
    expect(placeNew({ at: { x: 115, y: 85 }, occupied }, 'population')).toEqual(p);
  });

  it('next to an anchor: left or right of it', () => {
    const occupied = { pop: { x: 0, y: 0, width: 230, height: 170 } };
    expect(placeNew({ occupied }, 'small', { key: 'pop', side: 'left' })).toEqual({ x: -250, y: 0 });
    expect(placeNew({ occupied }, 'small', { key: 'pop', side: 'right' })).toEqual({ x: 290, y: 0 });
    expect(placeNew({}, 'small')).toBeUndefined();
  });

  it('freeSpot keeps a margin from every occupied box', () => {
    const boxes = [
      { x: 0, y: 0, width: 190, height: 90 },
      { x: 0, y: 100, width: 190, height: 90 },
    ];
    const p = freeSpot({ x: 0, y: 0 }, size, boxes);
    for (const b of boxes) expect(overlaps({ x: p.x - 12, y: p.y - 12, width: size.width + 24, height: size.height + 24 }, b)).toBe(false);
  });
});

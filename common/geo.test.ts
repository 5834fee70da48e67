import { describe, expect, it } from 'vitest';
import { isPolygon, jurisdictionAt, pointInPolygon, type Polygon } from './geo.js';

const square: Polygon = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
// An L shape: the notch at the top right is outside.
const ell: Polygon = [[0, 0], [10, 0], [10, 4], [4, 4], [4, 10], [0, 10]];

describe('pointInPolygon', () => {
  it('finds points inside and outside a closed square', () => {
    expect(pointInPolygon([5, 5], square)).toBe(true);
    expect(pointInPolygon([0.001, 9.999], square)).toBe(true);
    expect(pointInPolygon([-1, 5], square)).toBe(false);
    expect(pointInPolygon([5, 10.5], square)).toBe(false);
    expect(pointInPolygon([11, 11], square)).toBe(false);
  });

  it('handles a concave polygon given as an open ring', () => {
    expect(pointInPolygon([2, 8], ell)).toBe(true);
    expect(pointInPolygon([8, 2], ell)).toBe(true);
    expect(pointInPolygon([8, 8], ell)).toBe(false);
  });

  it('counts points on an edge or a corner as inside', () => {
    expect(pointInPolygon([10, 5], square)).toBe(true);
    expect(pointInPolygon([0, 0], square)).toBe(true);
    expect(pointInPolygon([4, 7], ell)).toBe(true);
  });

  it('is not fooled by a ray through a vertex', () => {
    const diamond: Polygon = [[0, 5], [5, 0], [10, 5], [5, 10]];
    expect(pointInPolygon([5, 5], diamond)).toBe(true);
    expect(pointInPolygon([-1, 5], diamond)).toBe(false);
    expect(pointInPolygon([11, 5], diamond)).toBe(false);
  });
});

describe('jurisdictionAt', () => {
  const areas = [
    { code: '00', kind: 'county', boundary: [[0, 0], [20, 0], [20, 10], [0, 10]] },
    { code: '01', kind: 'station', boundary: [[0, 0], [10, 0], [10, 10], [0, 10]] },
    { code: '02', kind: 'station', boundary: [[10, 0], [20, 0], [20, 10], [10, 10]] },
    { code: '03', kind: 'station', boundary: null },
    { code: '04', kind: 'station', boundary: [[1, 2]] },
  ];

  it('returns the station area containing the point, never the county', () => {
    expect(jurisdictionAt(areas, [3, 3])?.code).toBe('01');
    expect(jurisdictionAt(areas, [15, 3])?.code).toBe('02');
  });

  it('returns undefined for a point on no polygon', () => {
    expect(jurisdictionAt(areas, [25, 5])).toBeUndefined();
    expect(jurisdictionAt(areas, [5, -0.5])).toBeUndefined();
    expect(jurisdictionAt([], [5, 5])).toBeUndefined();
  });

  it('settles a point on a shared border by the order of the areas', () => {
    expect(jurisdictionAt(areas, [10, 5])?.code).toBe('01');
  });

  it('ignores missing or malformed boundaries', () => {
    expect(isPolygon(null)).toBe(false);
    expect(isPolygon([[1, 2]])).toBe(false);
    expect(isPolygon([[0, 0], [1, 0], ['a', 1]])).toBe(false);
    expect(isPolygon(areas[1].boundary)).toBe(true);
  });
});

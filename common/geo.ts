/**
 * Plane geometry on [lng, lat] pairs, shared by the server (routing a submission by its point) and the
 * web app (the jurisdiction map). A county is small enough that treating degrees as a plane is exact
 * enough for "which station area is this point in".
 */
export type LngLat = [number, number];
export type Polygon = readonly (readonly [number, number])[];

/** Whether a value is a usable polygon: at least three [lng, lat] pairs of finite numbers. */
export function isPolygon(value: unknown): value is Polygon {
  return Array.isArray(value) && value.length >= 3
    && value.every((p) => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]));
}

const EPSILON = 1e-12;

function onSegment(x: number, y: number, [x1, y1]: readonly number[], [x2, y2]: readonly number[]): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  if (Math.abs(cross) > EPSILON) return false;
  return x >= Math.min(x1, x2) - EPSILON && x <= Math.max(x1, x2) + EPSILON
    && y >= Math.min(y1, y2) - EPSILON && y <= Math.max(y1, y2) + EPSILON;
}

/**
 * Ray casting (even-odd). A point on an edge or a corner counts as inside, so a point on the border
 * shared by two areas is in both; `jurisdictionAt` then takes the first in order. Closed rings (last
 * point repeating the first) and open ones are both accepted.
 */
export function pointInPolygon([x, y]: readonly [number, number], polygon: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i];
    const b = polygon[j];
    if (onSegment(x, y, a, b)) return true;
    if ((a[1] > y) !== (b[1] > y) && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

/**
 * The station area that contains the point, or undefined (outside the county, or no area drawn there).
 * The county itself is never returned: it contains every station area and routes nothing.
 */
export function jurisdictionAt<J extends { code: string; kind: string; boundary: unknown }>(
  jurisdictions: readonly J[], point: readonly [number, number],
): J | undefined {
  return jurisdictions.find((j) => j.kind === 'station' && isPolygon(j.boundary) && pointInPolygon(point, j.boundary));
}

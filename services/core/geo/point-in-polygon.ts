import { polygonsOf, type PolygonalGeometry, type Position } from './geojson';

/**
 * Whether [lon, lat] lies inside a GeoJSON Polygon or MultiPolygon: inside an outer ring and
 * not inside any of that polygon's holes. Points exactly on a ring (outer or hole) count as
 * inside: a citizen on the border of a warned district is warned. Planar in degrees, which is
 * exact enough for district-sized areas away from the poles and the antimeridian.
 */
export function pointInPolygon(geometry: PolygonalGeometry, lon: number, lat: number): boolean {
  return polygonsOf(geometry).some((rings) => {
    if (rings.length === 0) return false;
    if (rings.some((ring) => onRing(ring, lon, lat))) return true;
    const [outer, ...holes] = rings;
    return crossesOddTimes(outer, lon, lat) && !holes.some((hole) => crossesOddTimes(hole, lon, lat));
  });
}

/**
 * Ray casting: count crossings of a ray from the point towards +lon. An edge counts when it
 * straddles the point's latitude half-open (one end strictly above, the other at or below), so
 * a ray through a vertex is counted once, not twice. Works for open and closed rings.
 */
function crossesOddTimes(ring: readonly Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat) {
      const crossLon = xi + ((lat - yi) * (xj - xi)) / (yj - yi);
      if (lon < crossLon) inside = !inside;
    }
  }
  return inside;
}

/** Tolerance for "on the edge", in degrees (about 1 mm): absorbs floating-point noise only. */
const EDGE_EPSILON = 1e-8;

function onRing(ring: readonly Position[], lon: number, lat: number): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (lon < Math.min(xi, xj) - EDGE_EPSILON || lon > Math.max(xi, xj) + EDGE_EPSILON) continue;
    if (lat < Math.min(yi, yj) - EDGE_EPSILON || lat > Math.max(yi, yj) + EDGE_EPSILON) continue;
    const length = Math.hypot(xj - xi, yj - yi);
    const cross = (xj - xi) * (lat - yi) - (yj - yi) * (lon - xi);
    if (length === 0 ? Math.hypot(lon - xi, lat - yi) <= EDGE_EPSILON : Math.abs(cross) / length <= EDGE_EPSILON) return true;
  }
  return false;
}

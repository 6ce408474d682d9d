import type { AreaGeometry, Position } from '../../core/catalogue/catalogue';

/** Ray casting on one ring ([lon, lat], closed or not). Points on an edge may fall either way. */
function inRing(lon: number, lat: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole, of any polygon of the geometry. */
export function containsPoint(geometry: AreaGeometry, lon: number, lat: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some(([outer, ...holes]) => inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)));
}

export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export function boundingBox(geometry: AreaGeometry): BoundingBox {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const polygon of polygons)
    for (const [lon, lat] of polygon[0]) {
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  return box;
}

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * A GEOSEARCH box query (centre, width, height in metres) that covers the bounding box: the
 * store returns candidates cheaply, the exact polygon test then decides. A small margin
 * absorbs the geohash precision of Redis' geo index.
 */
export function coveringBoxQuery(box: BoundingBox): { lon: number; lat: number; widthM: number; heightM: number } {
  const lat = (box.minLat + box.maxLat) / 2;
  const lon = (box.minLon + box.maxLon) / 2;
  const widest = Math.max(Math.abs(box.minLat), Math.abs(box.maxLat));
  const widthM = (box.maxLon - box.minLon) * METRES_PER_DEGREE_LAT * Math.cos((widest * Math.PI) / 180) * 1.02 + 20;
  const heightM = (box.maxLat - box.minLat) * METRES_PER_DEGREE_LAT * 1.02 + 20;
  // At the polygon's equatorward edge a degree of longitude is wider: use the edge nearest the equator.
  const nearest = Math.min(Math.abs(box.minLat), Math.abs(box.maxLat));
  const widthAtEquatorward = (box.maxLon - box.minLon) * METRES_PER_DEGREE_LAT * Math.cos((nearest * Math.PI) / 180) * 1.02 + 20;
  return { lon, lat, widthM: Math.max(widthM, widthAtEquatorward), heightM };
}

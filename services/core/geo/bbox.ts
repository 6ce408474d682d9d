import type { GeoQuery } from '../store/store';
import { polygonsOf, type PolygonalGeometry } from './geojson';
import { haversineMetres, REDIS_EARTH_RADIUS_M } from './haversine';

export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The smallest lon/lat box around a geometry; holes lie inside their outer ring, so only outer rings count. */
export function bboxOf(geometry: PolygonalGeometry): BoundingBox {
  const box: BoundingBox = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const rings of polygonsOf(geometry)) {
    for (const [lon, lat] of rings[0] ?? []) {
      if (lon < box.minLon) box.minLon = lon;
      if (lon > box.maxLon) box.maxLon = lon;
      if (lat < box.minLat) box.minLat = lat;
      if (lat > box.maxLat) box.maxLat = lat;
    }
  }
  if (!Number.isFinite(box.minLon)) throw new Error('A geometry without positions has no bounding box.');
  return box;
}

export function bboxContains(box: BoundingBox, lon: number, lat: number): boolean {
  return lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat;
}

/**
 * Slack added on every side, in metres: Redis keeps positions as 52-bit geohashes (about 0.6 m
 * off at most), so a member exactly on the box edge must not fall out.
 */
const GEOHASH_SLACK_M = 2;

/**
 * A GEOSEARCH BYBOX query (Store.geoSearch) whose result includes every member inside the
 * bounding box: a cheap candidate prefilter before the exact point-in-polygon test.
 *
 * Redis tests a member against a box (geohashGetDistanceIfInRectangle) by its distance along
 * the meridian from the centre's latitude (must be <= height/2) and its great-circle distance
 * from the centre's longitude at the member's own latitude (must be <= width/2). Degrees of
 * longitude are widest nearest the equator, so the width is taken at the box edge nearest to it.
 */
export function boxQueryCovering(box: BoundingBox): Extract<GeoQuery, { widthM: number }> {
  const lon = (box.minLon + box.maxLon) / 2;
  const lat = (box.minLat + box.maxLat) / 2;
  const equatorward = box.minLat <= 0 && box.maxLat >= 0 ? 0 : Math.abs(box.minLat) < Math.abs(box.maxLat) ? box.minLat : box.maxLat;
  const halfWidthM = haversineMetres(lon, equatorward, box.maxLon, equatorward);
  const halfHeightM = ((box.maxLat - box.minLat) / 2) * (Math.PI / 180) * REDIS_EARTH_RADIUS_M;
  return { lon, lat, widthM: 2 * (halfWidthM + GEOHASH_SLACK_M), heightM: 2 * (halfHeightM + GEOHASH_SLACK_M) };
}

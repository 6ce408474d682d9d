import type { Area, AreaGeometry, Position } from '../../core/catalogue/catalogue';
import type { AlertArea } from '../../core/model/alert';

/**
 * CAP polygons from GeoJSON: CAP wants "lat,lon lat,lon ..." (WGS 84, latitude first) with the
 * first pair repeated at the end, and at least four pairs. CAP has no holes, so only outer rings
 * are used. Coordinates are rounded to 6 decimals (about 0.1 m).
 */
export function capPolygons(geometry: AreaGeometry): string[] {
  const outers: Position[][] = geometry.type === 'Polygon' ? [geometry.coordinates[0] ?? []] : geometry.coordinates.map((p) => p[0] ?? []);
  return outers.filter((ring) => ring.length >= 3).map(capRing);
}

function capRing(ring: Position[]): string {
  const points = [...ring];
  const first = points[0]!;
  const last = points[points.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) points.push(first);
  return points.map(([lon, lat]) => `${round6(lat)},${round6(lon)}`).join(' ');
}

function round6(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/**
 * One CAP area per Fruehwarn area. Geocodes: `ARS` (the 12-digit regional key, as in the
 * German CAP profile) and `AreaId` (our area id; NINA's own CAP uses valueName AreaId).
 */
export function capArea(area: Area): AlertArea {
  return {
    areaDesc: area.name,
    polygons: capPolygons(area.geometry),
    geocodes: [
      { valueName: 'ARS', value: area.ars },
      { valueName: 'AreaId', value: area.id },
    ],
  };
}

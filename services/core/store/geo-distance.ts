/** Earth radius Redis uses for its geo commands (src/geohash_helper.c), so both stores measure alike. */
export const REDIS_EARTH_RADIUS_M = 6372797.560856;

export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * REDIS_EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

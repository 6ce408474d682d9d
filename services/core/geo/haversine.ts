/**
 * Earth radius in metres that Redis uses for all its geo commands (EARTH_RADIUS_IN_METERS in
 * redis/src/geohash_helper.c). Both stores measure with it, so the embedded store and Redis
 * agree on distances and on which members a radius or box query returns.
 */
export const REDIS_EARTH_RADIUS_M = 6372797.560856;

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two [lon, lat] points (haversine formula, spherical Earth). */
export function haversineMetres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * REDIS_EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

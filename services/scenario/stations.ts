import type { CatalogueIndex, Station, StationKind } from '../core/catalogue/catalogue';
import { haversineMetres } from '../core/geo/haversine';

export function stationsOfKind(catalogue: CatalogueIndex, kind: StationKind): Station[] {
  return catalogue.catalogue.stations.filter((s) => s.kind === kind);
}

/** The station of `candidates` closest to `station` (a weather station borrows the nearest gauge's rain). */
export function nearest(station: Station, candidates: Station[]): Station | undefined {
  let best: Station | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = haversineMetres(station.location.lon, station.location.lat, c.location.lon, c.location.lat);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

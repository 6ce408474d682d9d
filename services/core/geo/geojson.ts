/**
 * The GeoJSON geometries Fruehwarn reasons about (RFC 7946): positions are [lon, lat] in WGS 84.
 * Readonly, so the catalogue's own area types (and literals) fit without copying.
 */
export type Position = readonly number[];

export interface Polygon {
  type: 'Polygon';
  /** The outer ring first, then holes; rings are closed (first position repeated last) or not. */
  coordinates: readonly (readonly Position[])[];
}

export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: readonly (readonly (readonly Position[])[])[];
}

export type PolygonalGeometry = Polygon | MultiPolygon;

/** The polygons of a geometry, each as [outer ring, ...holes]. */
export function polygonsOf(geometry: PolygonalGeometry): readonly (readonly (readonly Position[])[])[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

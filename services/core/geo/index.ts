export * from './geojson';
export * from './haversine';
export * from './bbox';
export * from './point-in-polygon';

/**
 * A sensor reading as it travels on `readings.v1` (Avro: schemas/SensorReading.avsc).
 * Values are always in the canonical unit of their quantity (see CANONICAL_UNITS);
 * ingest converts before publishing, so nothing downstream converts units.
 */
export type Quantity =
  | 'water_level'
  | 'discharge'
  | 'rain'
  | 'soil_moisture'
  | 'temperature'
  | 'humidity'
  | 'wind_speed'
  | 'smoke';

export const QUANTITIES: readonly Quantity[] = [
  'water_level',
  'discharge',
  'rain',
  'soil_moisture',
  'temperature',
  'humidity',
  'wind_speed',
  'smoke',
];

/** Canonical unit per quantity. Rain is the amount fallen since the previous reading. Smoke is an alarm state 0/1. */
export const CANONICAL_UNITS: Record<Quantity, string> = {
  water_level: 'cm',
  discharge: 'm3/s',
  rain: 'mm',
  soil_moisture: '%',
  temperature: 'degC',
  humidity: '%',
  wind_speed: 'km/h',
  smoke: 'alarm',
};

/** good: passed all checks; suspect: plausible but flagged (spike, flat line); bad: kept for the record, ignored by rules. */
export type Quality = 'good' | 'suspect' | 'bad';

export interface SensorReading {
  /** Stable id: `${stationId}/${quantity}/${observedAt}`; the same observation always has the same id. */
  id: string;
  stationId: string;
  quantity: Quantity;
  value: number;
  unit: string;
  /** Event time, epoch milliseconds (UTC). */
  observedAt: number;
  /** Processing time at ingest, epoch milliseconds. */
  receivedAt: number;
  /** Where it came from, e.g. `http:stadtwerke`, `mqtt:chirpstack`, `pegelonline`, `replay`. */
  source: string;
  quality: Quality;
  /** Why the quality is not good: `spike`, `flatline`, `range`, ... */
  qualityFlags: string[];
}

export function readingId(stationId: string, quantity: Quantity, observedAt: number): string {
  return `${stationId}/${quantity}/${observedAt}`;
}

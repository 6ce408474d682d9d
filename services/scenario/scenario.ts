import type { CatalogueIndex, Station } from '../core/catalogue/catalogue';
import { CANONICAL_UNITS, readingId, type Quantity, type SensorReading } from '../core/model/reading';

export type ScenarioName = 'flood' | 'fire' | 'faults';
export const SCENARIO_NAMES: readonly ScenarioName[] = ['flood', 'fire', 'faults'];

export interface ScenarioOptions {
  seed: number;
  /** Event time of the scenario's first reading (epoch ms); aligned down to the full hour. */
  from: number;
  catalogue: CatalogueIndex;
  /** `source` stamped on every reading (default `scenario:<name>`). */
  source?: string;
}

/** A moment worth knowing about (rain peak, a gauge's peak, a fault), for the README, tests and the demo log. */
export interface ScenarioMark {
  at: number;
  label: string;
  stationId?: string;
  value?: number;
}

export interface Scenario {
  name: ScenarioName;
  seed: number;
  from: number;
  /** Exclusive end: the first instant after the last reading. */
  to: number;
  /** In event-time order (ties by station, then quantity). */
  readings: SensorReading[];
  marks: ScenarioMark[];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function alignToHour(t: number): number {
  return Math.floor(t / HOUR) * HOUR;
}

/** Sample times of a station in [from, to): on the grid of its reporting interval. */
export function sampleTimes(from: number, to: number, intervalMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(from / intervalMs) * intervalMs; t < to; t += intervalMs) out.push(t);
  return out;
}

/** Rounds to a sensor's resolution: water level whole cm, rain 0.1 mm, others 0.1. */
export function roundFor(quantity: Quantity, value: number): number {
  if (quantity === 'water_level' || quantity === 'smoke') return Math.round(value);
  return Math.round(value * 10) / 10;
}

/** A raw reading as a sensor would deliver it: quality is for ingest to judge, so always `good` here. */
export function makeReading(station: Station, quantity: Quantity, observedAt: number, value: number, source: string): SensorReading {
  return {
    id: readingId(station.id, quantity, observedAt),
    stationId: station.id,
    quantity,
    value: roundFor(quantity, value),
    unit: CANONICAL_UNITS[quantity],
    observedAt,
    receivedAt: observedAt,
    source,
    quality: 'good',
    qualityFlags: [],
  };
}

export function byEventTime(a: SensorReading, b: SensorReading): number {
  return a.observedAt - b.observedAt || (a.stationId < b.stationId ? -1 : a.stationId > b.stationId ? 1 : 0) || (a.quantity < b.quantity ? -1 : a.quantity > b.quantity ? 1 : 0);
}

import type { Quantity } from '../../core/model/reading';

/**
 * Physical and behavioural limits per quantity, in canonical units.
 *
 * range: outside it the value cannot be a real observation (refused, reason `out-of-range`).
 * Gauge levels can be negative relative to the gauge datum, hence the negative lower bound.
 *
 * spike: a change larger than `step + ratePerMin × minutes` since the previous reading of the
 * same station is flagged `suspect`/`spike`, not refused: real flash floods rise fast, and the
 * duty officer should see the value with a warning rather than lose it.
 *
 * flatline: the exact same value for at least `minReadings` readings spanning `minutes` is
 * flagged `suspect`/`flatline` (a stuck sensor). Quantities that are legitimately constant
 * for long (rain 0 mm, smoke 0, calm wind) have no flat-line rule.
 */
export interface QuantityLimits {
  range: { min: number; max: number };
  spike: { step: number; ratePerMin: number } | null;
  flatline: { minutes: number; minReadings: number } | null;
  /** Values must be whole numbers (alarm states). */
  integer?: boolean;
}

export const QUANTITY_LIMITS: Record<Quantity, QuantityLimits> = {
  water_level: { range: { min: -500, max: 3000 }, spike: { step: 50, ratePerMin: 5 }, flatline: { minutes: 12 * 60, minReadings: 8 } },
  discharge: { range: { min: 0, max: 100_000 }, spike: null, flatline: null },
  rain: { range: { min: 0, max: 500 }, spike: null, flatline: null },
  soil_moisture: { range: { min: 0, max: 100 }, spike: { step: 20, ratePerMin: 0.5 }, flatline: { minutes: 48 * 60, minReadings: 8 } },
  temperature: { range: { min: -60, max: 60 }, spike: { step: 8, ratePerMin: 0.5 }, flatline: { minutes: 3 * 60, minReadings: 6 } },
  humidity: { range: { min: 0, max: 100 }, spike: { step: 30, ratePerMin: 2 }, flatline: { minutes: 6 * 60, minReadings: 6 } },
  wind_speed: { range: { min: 0, max: 420 }, spike: { step: 80, ratePerMin: 10 }, flatline: null },
  smoke: { range: { min: 0, max: 1 }, spike: null, flatline: null, integer: true },
};

import type { SensorReading } from '../../../core/model/reading';
import { reading } from '../../core/test-support/hagen';

const HOUR = 3_600_000;
const TEN_MIN = 600_000;

export interface DayWeather {
  temp: number;
  rh: number;
  wind: number;
  /** Rain of the 24 h up to noon, mm. */
  rain: number;
}

/** Noon MEZ (11:00 UTC) of the day containing `t` (UTC date). */
export const noonOf = (t: number): number => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 11);
};

/**
 * 10-minute readings of a forest weather station for consecutive FWI days: for each day, from
 * just after the previous noon through noon (noon values exactly as given, other times warmer
 * and drier so only the noon observation can explain a result), the day's rain in one reading at
 * 06:00 UTC, and one reading after the last noon so that day is closed.
 */
export function forestWeather(stationId: string, firstNoon: number, days: DayWeather[]): SensorReading[] {
  const out: SensorReading[] = [];
  days.forEach((w, i) => {
    const noon = firstNoon + i * 24 * HOUR;
    for (let t = noon - 24 * HOUR + TEN_MIN; t <= noon; t += TEN_MIN) {
      const atNoon = t === noon;
      out.push(reading(stationId, 'temperature', t, atNoon ? w.temp : w.temp + 8));
      out.push(reading(stationId, 'humidity', t, atNoon ? w.rh : Math.max(5, w.rh - 15)));
      out.push(reading(stationId, 'wind_speed', t, atNoon ? w.wind : w.wind + 10));
      out.push(reading(stationId, 'rain', t, t === noon - 5 * HOUR ? w.rain : 0));
    }
  });
  const after = firstNoon + (days.length - 1) * 24 * HOUR + TEN_MIN;
  out.push(reading(stationId, 'rain', after, 0));
  return out;
}

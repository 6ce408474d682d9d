import { FWI_STARTUP, fwiDay, type FwiCodes, type FwiIndices } from './fwi-day';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface FwiScheduleOptions {
  /**
   * Noon of local standard time in UTC hours. The FWI system is defined on the 12:00 LST
   * observation; in Germany that is 12:00 MEZ = 11:00 UTC all year (no summer time).
   */
  noonUtcHour: number;
  /** A noon observation may be this much older than noon (the latest reading in [noon − tolerance, noon]). */
  noonToleranceMs: number;
}

export const DEFAULT_FWI_SCHEDULE: FwiScheduleOptions = { noonUtcHour: 11, noonToleranceMs: HOUR_MS };

type NoonQuantity = 'temp' | 'rh' | 'wind';

/** JSON state of one fire-weather station (bounded: a handful of numbers, whatever the history). */
export interface FwiStationState {
  /** FWI day the station is collecting for: rain in (noon of day − 1, noon of day], observation at its noon. */
  openDay: number | null;
  rain: number;
  noon: Partial<Record<NoonQuantity, [at: number, value: number]>>;
  /** Rain of closed days that had no noon observation, applied on the next day that has one. */
  carriedRain: number;
  /** Codes after the last computed day (start-up values before the first one). */
  codes: FwiCodes;
  /** Values of the last computed day and which day that was. */
  last: FwiIndices | null;
  lastDay: number | null;
  /** Closed days in a row without a complete noon observation. */
  missedDays: number;
}

export interface FwiReading {
  /** FWI day number; its noon is noonOf(day). */
  day: number;
  indices: FwiIndices;
  /** Days since then without a noon observation (codes carried over unchanged). */
  missedDays: number;
}

/**
 * The FWI system of one forest weather station, updated once a day from the noon observation
 * and carried over day to day (the codes are the system's memory: DC remembers weeks).
 *
 * A day is closed by the station's first reading after that day's noon. Its observation is the
 * latest temperature, humidity and wind reading in the hour up to noon, and its rain the sum of
 * the rain readings (mm since the previous reading) since the previous noon.
 *
 * A day without a complete noon observation (gap in the uplink, sensor down) is not computed:
 * inventing weather would invent danger, so the codes are carried over unchanged, the day is
 * counted in `missedDays`, and its rain is kept and applied on the next day that has an
 * observation (rain is never dropped: dropping it would overstate the danger). Readings for a
 * day already closed (later than allowed) are ignored.
 */
export class FwiStation {
  private s: FwiStationState = emptyState();

  constructor(
    readonly latitude: number,
    private readonly schedule: FwiScheduleOptions = DEFAULT_FWI_SCHEDULE,
  ) {}

  /** FWI day of an event time: the day whose noon is the first noon at or after t. */
  dayOf(t: number): number {
    return Math.ceil((t - this.schedule.noonUtcHour * HOUR_MS) / DAY_MS);
  }

  noonOf(day: number): number {
    return day * DAY_MS + this.schedule.noonUtcHour * HOUR_MS;
  }

  observe(quantity: 'temperature' | 'humidity' | 'wind_speed' | 'rain', t: number, value: number): void {
    const day = this.dayOf(t);
    const s = this.s;
    if (s.openDay === null) s.openDay = day;
    if (day < s.openDay) return;
    // A long outage closes at most a year of empty days one by one; beyond that the count says enough.
    if (day - s.openDay > 366) {
      s.missedDays += day - s.openDay - 366;
      s.openDay = day - 366;
    }
    while (s.openDay < day) this.close();

    if (quantity === 'rain') {
      if (value > 0) s.rain += value;
      return;
    }
    if (t < this.noonOf(day) - this.schedule.noonToleranceMs) return;
    const key: NoonQuantity = quantity === 'temperature' ? 'temp' : quantity === 'humidity' ? 'rh' : 'wind';
    const prev = s.noon[key];
    if (!prev || t >= prev[0]) s.noon[key] = [t, value];
  }

  /** The last computed day, or null before the first noon observation. */
  current(): FwiReading | null {
    const s = this.s;
    if (!s.last || s.lastDay === null) return null;
    return { day: s.lastDay, indices: s.last, missedDays: s.missedDays };
  }

  snapshot(): FwiStationState {
    return structuredClone(this.s);
  }

  restore(state: FwiStationState): void {
    this.s = structuredClone(state);
  }

  private close(): void {
    const s = this.s;
    const day = s.openDay!;
    const { temp, rh, wind } = s.noon;
    if (temp && rh && wind) {
      const month = new Date(this.noonOf(day)).getUTCMonth() + 1;
      const indices = fwiDay(s.codes, { temp: temp[1], rh: rh[1], wind: wind[1], rain24: s.rain + s.carriedRain }, month, this.latitude);
      s.codes = { ffmc: indices.ffmc, dmc: indices.dmc, dc: indices.dc };
      s.last = indices;
      s.lastDay = day;
      s.missedDays = 0;
      s.carriedRain = 0;
    } else {
      s.missedDays++;
      s.carriedRain += s.rain;
    }
    s.rain = 0;
    s.noon = {};
    s.openDay = day + 1;
  }
}

function emptyState(): FwiStationState {
  return { openDay: null, rain: 0, noon: {}, carriedRain: 0, codes: { ...FWI_STARTUP }, last: null, lastDay: null, missedDays: 0 };
}

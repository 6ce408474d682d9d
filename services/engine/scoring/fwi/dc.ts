import { assertNorthernMidLatitude } from './dmc';

/**
 * Drought Code (Van Wagner 1987, equations 18-23): moisture of deep, compact organic matter,
 * about a 52-day time lag; the slow memory of a dry spring or summer.
 */

/** Day-length adjustment Lf per month, January first, northern hemisphere (Van Wagner 1987, table 2). */
export const DC_DAY_LENGTH_NORTH = [-1.6, -1.6, -1.6, 0.9, 3.8, 5.8, 6.4, 5.0, 2.4, 0.4, -1.6, -1.6] as const;

export function dcDayLength(month: number, latitude: number): number {
  assertNorthernMidLatitude(latitude);
  return DC_DAY_LENGTH_NORTH[month - 1];
}

export function dc(yesterday: number, temp: number, rain24: number, month: number, latitude: number): number {
  const t = Math.max(-2.8, temp);
  // Potential evapotranspiration; never negative (no "wetting" by cold days).
  const v = Math.max(0, 0.36 * (t + 2.8) + dcDayLength(month, latitude));

  let dr = yesterday;
  if (rain24 > 2.8) {
    const rd = 0.83 * rain24 - 1.27;
    const qo = 800 * Math.exp(-yesterday / 400);
    dr = Math.max(0, yesterday - 400 * Math.log(1 + (3.937 * rd) / qo));
  }
  return Math.max(0, dr + 0.5 * v);
}

/**
 * Duff Moisture Code (Van Wagner 1987, equations 11-17): moisture of loosely compacted organic
 * layers a few cm deep, about a 12-day time lag. Drying depends on day length.
 */

/**
 * Effective day length Le (hours) per month, January first, for the northern mid latitudes the
 * standard tables were made for (Van Wagner 1987, table 1). Wang et al. (2015) use the same
 * values for latitudes above 30°N; Germany (47-55°N, Hagen 51.4°N) lies well inside that band.
 */
export const DMC_DAY_LENGTH_NORTH = [6.5, 7.5, 9.0, 12.8, 13.9, 13.9, 12.4, 10.9, 9.4, 8.0, 7.0, 6.0] as const;

/** month 1..12. */
export function dmcDayLength(month: number, latitude: number): number {
  assertNorthernMidLatitude(latitude);
  return DMC_DAY_LENGTH_NORTH[month - 1];
}

export function assertNorthernMidLatitude(latitude: number): void {
  // Other latitude bands need other tables; this installation is in Germany, so refuse rather than guess.
  if (!(latitude > 30 && latitude <= 90)) throw new Error(`FWI day-length factors are implemented for latitudes above 30°N only, got ${latitude}`);
}

export function dmc(yesterday: number, temp: number, rh: number, rain24: number, month: number, latitude: number): number {
  const h = Math.min(100, Math.max(0, rh));
  const t = Math.max(-1.1, temp);
  // Drying rate (already ×100, Van Wagner's 100K).
  const k = 1.894 * (t + 1.1) * (100 - h) * dmcDayLength(month, latitude) * 1e-4;

  let po = yesterday;
  if (rain24 > 1.5) {
    const re = 0.92 * rain24 - 1.27;
    // Eq. 12 in the form of Wang et al. (2015): 280/e^(0.023 P) for e^(5.6348 - P/43.43).
    const mo = 20 + 280 / Math.exp(0.023 * yesterday);
    const b = yesterday <= 33 ? 100 / (0.5 + 0.3 * yesterday) : yesterday <= 65 ? 14 - 1.3 * Math.log(yesterday) : 6.2 * Math.log(yesterday) - 17.2;
    const mr = mo + (1000 * re) / (48.77 + b * re);
    po = Math.max(0, 43.43 * (5.6348 - Math.log(mr - 20)));
  }
  return Math.max(0, po + k);
}

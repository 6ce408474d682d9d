/**
 * Fine Fuel Moisture Code (Van Wagner 1987, equations 1-10): moisture of litter and fine fuels,
 * a one-day memory. Inputs are the noon observation and the rain of the 24 h before it.
 */

/**
 * The FF-scale constant of eq. 1 and eq. 10: 59.5 × 250 / 101 = 147.27723 (so FFMC 0 is 250 %
 * moisture and 101 is 0 %), as in Wang et al. (2015) and cffdrs, where the 1985 Fortran rounded
 * it to 147.2; the rounding alone moves FFMC by about 0.04.
 */
const FF_SCALE = (59.5 * 250) / 101;

/** Fuel moisture content (%) from an FFMC value (Van Wagner 1987 eq. 1). */
export function moistureOfFfmc(ffmc: number): number {
  return (FF_SCALE * (101 - ffmc)) / (59.5 + ffmc);
}

/**
 * Yesterday's FFMC to today's. temp °C, rh %, wind km/h (10 m), rain24 mm.
 * Rain below 0.5 mm is intercepted by the canopy and does not wet the fuel.
 */
export function ffmc(yesterday: number, temp: number, rh: number, wind: number, rain24: number): number {
  const h = Math.min(100, Math.max(0, rh));
  const w = Math.max(0, wind);
  let mo = moistureOfFfmc(yesterday);

  if (rain24 > 0.5) {
    const rf = rain24 - 0.5;
    // Wetting is less effective the wetter the fuel already is; above 150 % an extra term applies.
    let wetted = mo + 42.5 * rf * Math.exp(-100 / (251 - mo)) * (1 - Math.exp(-6.93 / rf));
    if (mo > 150) wetted += 0.0015 * (mo - 150) ** 2 * Math.sqrt(rf);
    mo = Math.min(250, wetted);
  }

  // Equilibrium moisture contents for drying (ed) and wetting (ew).
  const tail = 0.18 * (21.1 - temp) * (1 - Math.exp(-0.115 * h));
  const ed = 0.942 * h ** 0.679 + 11 * Math.exp((h - 100) / 10) + tail;
  const ew = 0.618 * h ** 0.753 + 10 * Math.exp((h - 100) / 10) + tail;

  let m: number;
  if (mo > ed) {
    const ko = 0.424 * (1 - (h / 100) ** 1.7) + 0.0694 * Math.sqrt(w) * (1 - (h / 100) ** 8);
    const kd = ko * 0.581 * Math.exp(0.0365 * temp);
    m = ed + (mo - ed) / 10 ** kd;
  } else if (mo < ew) {
    const dry = (100 - h) / 100;
    const kl = 0.424 * (1 - dry ** 1.7) + 0.0694 * Math.sqrt(w) * (1 - dry ** 8);
    const kw = kl * 0.581 * Math.exp(0.0365 * temp);
    m = ew - (ew - mo) / 10 ** kw;
  } else {
    m = mo;
  }

  const f = (59.5 * (250 - m)) / (FF_SCALE + m);
  return Math.min(101, Math.max(0, f));
}

import { CANONICAL_UNITS, type Quantity } from '../../core/model/reading';

/**
 * Unit conversion to the canonical unit of each quantity (CANONICAL_UNITS). Spellings are
 * matched case-insensitively after trimming; each entry turns a value in that unit into the
 * canonical unit. Unknown units are refused rather than guessed: a wrong factor of 100 on a
 * water level is worse than a missing reading.
 */
type Convert = (value: number) => number;

const same: Convert = (v) => v;
const times = (f: number): Convert => (v) => v * f;

const UNITS: Record<Quantity, Record<string, Convert>> = {
  water_level: { cm: same, m: times(100), mm: times(0.1), dm: times(10) },
  discharge: { 'm3/s': same, 'm³/s': same, 'l/s': times(0.001) },
  rain: { mm: same, 'l/m2': same, 'l/m²': same, 'kg/m2': same, cm: times(10), in: times(25.4) },
  soil_moisture: { '%': same, '%vol': same, 'vol%': same, 'm3/m3': times(100), 'm³/m³': times(100), ratio: times(100) },
  temperature: {
    degc: same,
    '°c': same,
    c: same,
    celsius: same,
    degf: (f) => ((f - 32) * 5) / 9,
    '°f': (f) => ((f - 32) * 5) / 9,
    f: (f) => ((f - 32) * 5) / 9,
    k: (k) => k - 273.15,
    kelvin: (k) => k - 273.15,
  },
  humidity: { '%': same, '%rh': same, rh: same, ratio: times(100) },
  wind_speed: { 'km/h': same, kmh: same, kph: same, 'm/s': times(3.6), kn: times(1.852), kt: times(1.852), mph: times(1.609344) },
  smoke: { alarm: same, bool: same, boolean: same },
};

export type Conversion = { ok: true; value: number; unit: string } | { ok: false };

export function toCanonical(quantity: Quantity, value: number, unit: string): Conversion {
  const convert = UNITS[quantity][unit.trim().toLowerCase()];
  if (!convert) return { ok: false };
  return { ok: true, value: convert(value), unit: CANONICAL_UNITS[quantity] };
}

/** Units accepted for a quantity, for error messages and the README. */
export function acceptedUnits(quantity: Quantity): string[] {
  return Object.keys(UNITS[quantity]);
}

import type { Driver } from '../../core/model/hazard';

export type Language = 'de' | 'en';

/** Numbers as people read them: at most one decimal, German with a decimal comma. */
export function formatNumber(n: number, lang: Language): string {
  const rounded = Math.round(n * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return lang === 'de' ? text.replace('.', ',') : text;
}

const UNIT_TEXT: Record<string, string> = { degC: '°C', 'm3/s': 'm³/s' };

function unit(u: string): string {
  return UNIT_TEXT[u] ?? u;
}

type Phrase = (d: Driver, station: string | null, lang: Language) => string;

/** Driver name → phrase; `rain_<n>h` is handled by pattern. Unknown names fall back to the driver's own text. */
const PHRASES: Record<string, Phrase> = {
  water_level: (d, s, l) => `${l === 'de' ? 'Pegel' : 'Gauge'} ${s ?? '?'} ${formatNumber(d.value, l)} ${unit(d.unit)}`,
  rise_rate: (d, _s, l) =>
    d.value >= 0
      ? `${l === 'de' ? 'steigt' : 'rising'} ${formatNumber(d.value, l)} ${unit(d.unit)}`
      : `${l === 'de' ? 'fällt' : 'falling'} ${formatNumber(-d.value, l)} ${unit(d.unit)}`,
  discharge: (d, _s, l) => `${l === 'de' ? 'Abfluss' : 'discharge'} ${formatNumber(d.value, l)} ${unit(d.unit)}`,
  soil_moisture: (d, _s, l) => `${l === 'de' ? 'Bodenfeuchte' : 'soil moisture'} ${formatNumber(d.value, l)} ${unit(d.unit)}`,
  fwi: (d, _s, l) => `${l === 'de' ? 'Feuerwetterindex (FWI)' : 'Fire Weather Index (FWI)'} ${formatNumber(d.value, l)}`,
  wbi: (d, _s, l) => `${l === 'de' ? 'Waldbrandgefahrenindex' : 'forest fire danger index'} ${formatNumber(d.value, l)}`,
  temperature: (d, _s, l) => `${l === 'de' ? 'Temperatur' : 'temperature'} ${formatNumber(d.value, l)} ${unit(d.unit)}`,
  humidity: (d, _s, l) => `${l === 'de' ? 'Luftfeuchte' : 'humidity'} ${formatNumber(d.value, l)} ${unit(d.unit)}`,
  wind_speed: (d, _s, l) => `${l === 'de' ? 'Wind' : 'wind'} ${formatNumber(d.value, l)} ${unit(d.unit)}`,
  smoke: (_d, s, l) => (l === 'de' ? `Rauchmelder ${s ?? ''} hat ausgelöst` : `smoke detector ${s ?? ''} triggered`).replace('  ', ' '),
  silent: (d, s, l) =>
    l === 'de'
      ? `${s ?? 'Station'}: keine Messwerte seit ${formatNumber(d.value, l)} ${unit(d.unit)}`
      : `${s ?? 'station'}: no readings for ${formatNumber(d.value, l)} ${unit(d.unit)}`,
};

/** Phrases that already name their station. */
const NAMES_STATION = new Set(['water_level', 'smoke', 'silent']);

function phraseOf(d: Driver, station: string | null, lang: Language): string {
  const rain = /^rain_(\d+)h$/.exec(d.name);
  if (rain) return lang === 'de' ? `Niederschlag in ${rain[1]} h: ${formatNumber(d.value, lang)} ${unit(d.unit)}` : `rainfall in ${rain[1]} h: ${formatNumber(d.value, lang)} ${unit(d.unit)}`;
  const p = PHRASES[d.name];
  return p ? p(d, station, lang) : d.text;
}

/**
 * The measured facts behind a warning, grouped per station:
 * "Pegel Hagen-Eckesey 312 cm, steigt 24 cm/h; Station Kuhlerkamp: Niederschlag in 6 h: 41 mm".
 */
export function describeDrivers(drivers: Driver[], lang: Language, stationName: (id: string) => string | undefined): string {
  const groups = new Map<string, Driver[]>();
  for (const d of drivers) {
    const k = d.stationId ?? '';
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  const parts: string[] = [];
  for (const [stationId, list] of groups) {
    const name = stationId ? (stationName(stationId) ?? stationId) : null;
    // The phrase that names the station leads the group ("Pegel X 312 cm, steigt 24 cm/h").
    const ordered = [...list].sort((a, b) => Number(NAMES_STATION.has(b.name)) - Number(NAMES_STATION.has(a.name)));
    const phrases = ordered.map((d) => phraseOf(d, name, lang));
    const lead = ordered[0]!;
    const text = phrases.join(', ');
    parts.push(name && !NAMES_STATION.has(lead.name) ? `${lang === 'de' ? 'Station' : 'Station'} ${name}: ${text}` : text);
  }
  return parts.join('; ');
}

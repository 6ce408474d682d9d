import type { Station } from '../../core/catalogue/catalogue';
import type { Driver } from '../../core/model/hazard';
import { CANONICAL_UNITS, type Quantity } from '../../core/model/reading';
import type { AggregateName } from './aggregate';
import { formatDuration } from './duration';

const NUMBER = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
export const fmt = (v: number): string => NUMBER.format(v);

const LABEL: Record<Quantity, string> = {
  water_level: 'Pegel',
  discharge: 'Abfluss',
  rain: 'Niederschlag',
  soil_moisture: 'Bodenfeuchte',
  temperature: 'Temperatur',
  humidity: 'Luftfeuchte',
  wind_speed: 'Wind',
  smoke: 'Rauchmelder',
};

/** "Pegel Hagen-Eckesey" without doubling a prefix the catalogue name already has. */
export function stationLabel(station: Station, quantity: Quantity): string {
  const prefix = LABEL[quantity];
  return station.name.toLowerCase().startsWith(prefix.toLowerCase()) ? station.name : `${prefix} ${station.name}`;
}

function trend(rate: number, unit: string): string {
  if (Math.abs(rate) < 0.5) return 'gleichbleibend';
  return rate > 0 ? `steigt ${fmt(rate)} ${unit}/h` : `fällt ${fmt(-rate)} ${unit}/h`;
}

/**
 * The evidence line for one station in one window, e.g. "Pegel Hagen-Eckesey 312 cm, steigt 24 cm/h".
 * `last` and `rate` (per hour over the last hour) add context to the aggregate the rule used.
 */
export function metricDriver(
  station: Station,
  quantity: Quantity,
  aggregate: AggregateName,
  windowMs: number,
  value: number,
  context: { last: number | null; rate: number | null },
): Driver {
  const unit = CANONICAL_UNITS[quantity];
  const label = stationLabel(station, quantity);
  const win = formatDuration(windowMs);
  let name: string = quantity;
  let text: string;
  let outUnit = unit;
  if (aggregate === 'rate_of_change') {
    name = quantity === 'water_level' ? 'rise_rate' : `${quantity}_rate`;
    outUnit = `${unit}/h`;
    text = `${label} ${trend(value, unit)}${context.last !== null ? ` (${fmt(context.last)} ${unit})` : ''}`;
  } else if (quantity === 'smoke') {
    text = value >= 1 ? `${label} löst aus` : `${label} ruhig`;
  } else if (aggregate === 'sum') {
    name = `${quantity}_${win}`;
    text = `${label} ${fmt(value)} ${unit} in ${win}`;
  } else if (aggregate === 'count') {
    name = `${quantity}_count`;
    outUnit = 'readings';
    text = `${label}: ${value} Messwerte in ${win}`;
  } else {
    if (aggregate !== 'last') name = `${quantity}_${aggregate}`;
    const what = aggregate === 'last' ? '' : { min: 'min. ', max: 'max. ', mean: 'Mittel ', last: '' }[aggregate];
    text = `${label} ${what}${fmt(value)} ${unit}`;
    if (quantity === 'water_level' && context.rate !== null) text += `, ${trend(context.rate, unit)}`;
  }
  return { name, stationId: station.id, value, unit: outUnit, text };
}

export function silentDriver(station: Station, silentForMs: number): Driver {
  const minutes = Math.floor(silentForMs / 60_000);
  return {
    name: 'silent',
    stationId: station.id,
    value: minutes,
    unit: 'min',
    text: `Keine Messwerte von ${station.name} seit ${minutes >= 120 ? `${fmt(minutes / 60)} h` : `${minutes} min`}`,
  };
}

const HAZARD_LABEL = { flood: 'Hochwassergefahr', wildfire: 'Waldbrandgefahr' } as const;

export function scoreDriver(hazard: 'flood' | 'wildfire', areaName: string, level: number): Driver {
  return { name: `${hazard}_level`, stationId: null, value: level, unit: 'level', text: `${HAZARD_LABEL[hazard]} ${areaName}: Stufe ${level}` };
}

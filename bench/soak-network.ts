/**
 * The sensor network the soak benchmark feeds: a city-scale installation of synthetic stations
 * (river gauges, rain gauges, soil probes) in the example catalogue's districts, every station
 * reporting once a minute of event time. At 10,000 readings/s and 2,000 stations, event time
 * runs 300 × faster than the wall clock, so ten minutes of soak cover 50 hours: four flood
 * waves, each in another district (rain first, then the gauges of that district rise through
 * their warning levels and fall again, soil gets wet). Alerts open, escalate, are released and
 * cleared at the pace a real flood would cause, while the reading volume is what a network
 * this size (or a larger one reporting less often) sends.
 */
import * as path from 'node:path';
import type { Area, Catalogue, Station, StationKind } from '../services/core/catalogue/catalogue';
import { loadCatalogue } from '../services/core/catalogue/load-catalogue';
import { CANONICAL_UNITS, readingId, type Quantity, type SensorReading } from '../services/core/model/reading';
import { mulberry32 } from '../services/core/random/mulberry32';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** One flood wave per district and cycle; cycle c floods district c mod (number of districts). */
export const FLOOD_CYCLE_MS = 12 * HOUR;

interface SyntheticStation {
  station: Station;
  quantity: Quantity;
  areaIndex: number;
  base: number;
  /** Rise at the crest of a flood in this station's district (cm for gauges, % for soil, mm/min peak for rain). */
  crest: number;
}

export interface SoakNetwork {
  catalogue: Catalogue;
  stations: number;
  /** Every station's reading at event time t (a whole minute), in a fixed station order. */
  readingsAt(t: number): SensorReading[];
}

function centre(area: Area): { lon: number; lat: number } {
  const ring = area.geometry.type === 'Polygon' ? area.geometry.coordinates[0] : area.geometry.coordinates[0][0];
  const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  return { lon, lat };
}

/** Quiet-weather values for the example's stations. */
const STEADY: Record<Quantity, (s: Station) => number> = {
  water_level: (s) => (s.warningLevels?.level1 ?? 200) - 100,
  discharge: () => 10,
  rain: () => 0,
  soil_moisture: () => 45,
  temperature: () => 14,
  humidity: () => 75,
  wind_speed: () => 3,
  smoke: () => 0,
};

function reading(stationId: string, quantity: Quantity, t: number, value: number): SensorReading {
  return { id: readingId(stationId, quantity, t), stationId, quantity, value, unit: CANONICAL_UNITS[quantity], observedAt: t, receivedAt: t, source: 'soak', quality: 'good', qualityFlags: [] };
}

const bump = (x: number, peak: number, width: number) => Math.exp(-(((x - peak) / width) ** 2));

export function soakNetwork(options: { stations?: number; seed?: number; t0: number; catalogueFile?: string }): SoakNetwork {
  const count = options.stations ?? 2000;
  const rnd = mulberry32(options.seed ?? 7);
  const example = loadCatalogue(options.catalogueFile ?? path.join(__dirname, '..', '..', 'rules', 'catalogue.yaml'));
  const areas = example.areas;
  const synthetic: SyntheticStation[] = [];
  for (let i = 0; i < count; i++) {
    const areaIndex = i % areas.length;
    const area = areas[areaIndex];
    const c = centre(area);
    const share = i / count;
    const kind: StationKind = share < 0.6 ? 'river_gauge' : share < 0.85 ? 'rain_gauge' : 'soil_moisture';
    const quantity: Quantity = kind === 'river_gauge' ? 'water_level' : kind === 'rain_gauge' ? 'rain' : 'soil_moisture';
    const id = `soak-${kind.replace('_', '-')}-${String(i).padStart(5, '0')}`;
    const station: Station = {
      id,
      name: `Soak ${kind} ${i}`,
      kind,
      areaId: area.id,
      location: { lon: c.lon + (rnd() - 0.5) * 0.01, lat: c.lat + (rnd() - 0.5) * 0.01 },
      quantities: [quantity],
      expectedIntervalS: 60,
    };
    let base = 0;
    let crest = 0;
    if (kind === 'river_gauge') {
      const level1 = Math.round(150 + rnd() * 250);
      station.warningLevels = { level1, level2: level1 + 50, level3: level1 + 100 };
      base = level1 - 90 - rnd() * 40;
      crest = 40 + rnd() * 200; // from "stays below level 1" to "beyond level 3"
    } else if (kind === 'rain_gauge') {
      crest = 0.3 + rnd() * 0.5; // mm per minute at the peak of the burst
    } else {
      base = 45 + rnd() * 15;
      crest = 30 + rnd() * 20;
    }
    synthetic.push({ station, quantity, areaIndex, base, crest });
  }
  const noise = mulberry32((options.seed ?? 7) + 1);
  return {
    // The example's own stations stay in (rules name some of them) and report steady values.
    catalogue: { areas, stations: [...example.stations, ...synthetic.map((s) => s.station)] },
    stations: count + example.stations.length,
    readingsAt(t: number): SensorReading[] {
      const sinceT0 = t - options.t0;
      const cycle = Math.floor(sinceT0 / FLOOD_CYCLE_MS);
      const h = (sinceT0 - cycle * FLOOD_CYCLE_MS) / HOUR;
      const flooded = cycle % areas.length;
      const steady = example.stations.flatMap((st) => st.quantities.map((q) => reading(st.id, q, t, STEADY[q](st))));
      return steady.concat(synthetic.map((s) => {
        const wave = s.areaIndex === flooded ? 1 : 0;
        let value: number;
        if (s.quantity === 'water_level') value = Math.round(s.base + wave * s.crest * bump(h, 6, 1.5) + noise() * 3);
        else if (s.quantity === 'rain') value = Math.round(Math.max(0, wave * s.crest * bump(h, 3.5, 1) + noise() * 0.02 - 0.01) * 100) / 100;
        else value = Math.round(Math.min(100, s.base + wave * s.crest * bump(h, 5, 2.5)) * 10) / 10;
        return reading(s.station.id, s.quantity, t, value);
      }));
    },
  };
}

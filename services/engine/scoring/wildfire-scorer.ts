import type { CatalogueIndex, Station } from '../../core/catalogue/catalogue';
import type { RiskAssessment } from '../../core/model/assessment';
import type { Driver } from '../../core/model/hazard';
import type { SensorReading } from '../../core/model/reading';
import { fmt } from '../core/drivers';
import type { HazardScorer } from '../core/scorer';
import { FIRE_DANGER_BANDS, FIRE_DANGER_LABEL } from './fire-danger-classes';
import { DEFAULT_FWI_SCHEDULE, FwiStation, type FwiScheduleOptions, type FwiStationState } from './fwi/fwi-state';
import { band } from './score-bands';
import { SmokeDetectors, type DetectorState } from './smoke-detectors';

const HOUR_MS = 3_600_000;

export interface WildfireScorerOptions {
  schedule: FwiScheduleOptions;
  /** A day's FWI stands for this long after its noon; then the danger is unknown (station down). */
  fwiValidForMs: number;
  /** An alarm counts while the detector's latest reading is no older than this many heartbeat intervals. */
  smokeValidIntervals: number;
  /** One alarming detector is confirmed by fire weather of at least this level (2 detectors always confirm). */
  smokeConfirmLevel: number;
}

export const DEFAULT_WILDFIRE_OPTIONS: WildfireScorerOptions = {
  schedule: DEFAULT_FWI_SCHEDULE,
  fwiValidForMs: 72 * HOUR_MS,
  smokeValidIntervals: 2,
  smokeConfirmLevel: 3,
};

export interface WildfireScorerState {
  stations: Array<[string, FwiStationState]>;
  detectors: Array<[string, DetectorState]>;
}

const FIRE_WEATHER_QUANTITIES = new Set(['temperature', 'humidity', 'wind_speed', 'rain']);

/**
 * Wildfire danger per area: the Canadian FWI of the area's forest weather stations (the highest
 * of them: danger is where it is driest), mapped to five levels (fire-danger-classes.ts), and
 * smoke detectors. Confirmed smoke (two detectors of the area at once, or one while the fire
 * weather is at least `smokeConfirmLevel`) sets level 4 at once, whatever the FWI; a single
 * unconfirmed alarm is reported as a driver but does not raise the level (one detector alone
 * is too often dust, insects or a barbecue).
 */
export class WildfireScorer implements HazardScorer {
  readonly hazard = 'wildfire' as const;
  private readonly opts: WildfireScorerOptions;
  private stations = new Map<string, FwiStation>();
  private readonly detectors = new SmokeDetectors();

  constructor(
    private readonly catalogue: CatalogueIndex,
    options: Partial<WildfireScorerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_WILDFIRE_OPTIONS, ...options };
  }

  accepts(station: Station, reading: SensorReading): boolean {
    if (reading.quantity === 'smoke') return true;
    return station.fireWeather === true && FIRE_WEATHER_QUANTITIES.has(reading.quantity);
  }

  observe(reading: SensorReading, station: Station): void {
    if (reading.quantity === 'smoke') {
      this.detectors.observe(station.id, reading.observedAt, reading.value);
      return;
    }
    this.fwiStation(station).observe(reading.quantity as 'temperature' | 'humidity' | 'wind_speed' | 'rain', reading.observedAt, reading.value);
  }

  assess(areaId: string, at: number): RiskAssessment | null {
    const stations = this.catalogue.stationsByArea.get(areaId) ?? [];
    const fire = this.fireWeather(stations, at);
    const detectorIds = stations.filter((s) => s.quantities.includes('smoke')).map((s) => s.id);
    const heardSmoke = detectorIds.some((id) => this.detectors.has(id));
    if (!fire.known && !heardSmoke) return null;

    const drivers: Driver[] = [...fire.drivers];
    let { score, level } = fire;
    const alarming = this.detectors.alarming(detectorIds, at, (id) => this.opts.smokeValidIntervals * (this.catalogue.station(id)?.expectedIntervalS ?? 1800) * 1000);
    const smokeDrivers = alarming.map((id): Driver => ({ name: 'smoke', stationId: id, value: 1, unit: 'alarm', text: `${this.catalogue.station(id)?.name ?? id} löst aus` }));
    const confirmed = alarming.length >= 2 || (alarming.length === 1 && fire.level >= this.opts.smokeConfirmLevel);
    if (confirmed) {
      score = 1;
      level = 4;
      const why = alarming.length >= 2 ? `${alarming.length} Rauchmelder` : `Rauchmelder bei Waldbrandgefahr Stufe ${fire.level}`;
      drivers.unshift({ name: 'smoke_confirmed', stationId: null, value: alarming.length, unit: 'detectors', text: `Rauch bestätigt: ${why}` }, ...smokeDrivers);
    } else if (alarming.length === 1) {
      drivers.push({ ...smokeDrivers[0], name: 'smoke_unconfirmed', text: `${smokeDrivers[0].text} (unbestätigt)` });
    }
    return { hazard: 'wildfire', areaId, score, level, drivers, at };
  }

  snapshot(): WildfireScorerState {
    return { stations: [...this.stations].map(([id, st]) => [id, st.snapshot()]), detectors: this.detectors.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as WildfireScorerState | null | undefined;
    this.stations.clear();
    this.detectors.restore(s?.detectors ?? []);
    for (const [id, st] of s?.stations ?? []) {
      const station = this.catalogue.station(id);
      if (!station) continue;
      this.fwiStation(station).restore(st);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private fwiStation(station: Station): FwiStation {
    let st = this.stations.get(station.id);
    if (!st) {
      st = new FwiStation(station.location.lat, this.opts.schedule);
      this.stations.set(station.id, st);
    }
    return st;
  }

  /** The area's fire weather: the highest current FWI of its stations. */
  private fireWeather(stations: Station[], at: number): { known: boolean; score: number; level: number; drivers: Driver[] } {
    let best: { station: Station; fwi: number; missed: number; noon: number } | null = null;
    let known = false;
    const stale: Station[] = [];
    for (const s of stations) {
      const st = this.stations.get(s.id);
      const cur = st?.current();
      if (!st || !cur) continue;
      known = true;
      const noon = st.noonOf(cur.day);
      if (at - noon > this.opts.fwiValidForMs) {
        stale.push(s);
        continue;
      }
      if (!best || cur.indices.fwi > best.fwi) best = { station: s, fwi: cur.indices.fwi, missed: cur.missedDays, noon };
    }
    if (!best) {
      const drivers = stale.map((s): Driver => ({ name: 'fwi_missing', stationId: s.id, value: 0, unit: 'index', text: `${s.name}: Waldbrandindex veraltet, keine Mittagswerte` }));
      return { known, score: 0, level: 0, drivers };
    }
    const { score, level } = band(best.fwi, FIRE_DANGER_BANDS);
    const date = new Date(best.noon).toISOString().slice(0, 10);
    const carried = best.missed > 0 ? `, fortgeschrieben seit ${best.missed} Tag${best.missed > 1 ? 'en' : ''} ohne Mittagswerte` : '';
    const fwi = Math.round(best.fwi * 10) / 10;
    return {
      known,
      score,
      level,
      drivers: [{ name: 'fwi', stationId: best.station.id, value: fwi, unit: 'index', text: `${best.station.name}: FWI ${fmt(fwi)} (${date}), ${FIRE_DANGER_LABEL[level]} Waldbrandgefahr${carried}` }],
    };
  }
}

import type { CatalogueIndex, Station } from '../../core/catalogue/catalogue';
import type { RiskAssessment } from '../../core/model/assessment';
import type { Driver } from '../../core/model/hazard';
import type { SensorReading } from '../../core/model/reading';
import { fmt, stationLabel } from '../core/drivers';
import { withLazyDrivers, type HazardScorer } from '../core/scorer';
import { gaugeBands, RAIN_1H_BANDS, RAIN_6H_BANDS, soilFactor } from './flood-bands';
import { band, levelOfScore } from './score-bands';
import { slopePerHour, TimeSeries, type Point } from './time-series';

const MIN_MS = 60_000;
const HOUR_MS = 60 * MIN_MS;

export interface FloodScorerOptions {
  /** Window of the rate of rise (least-squares slope of the gauge readings in it). */
  trendWindowMs: number;
  /** A rise below this (cm/h) is not projected. */
  minRiseCmPerH: number;
  /** A gauge projected to reach its next level within this time is scored at that level already. */
  projectionHorizonMs: number;
  /** Gauge and soil values older than this no longer count (the silent-gauge rule reports the gauge). */
  gaugeStaleMs: number;
  soilStaleMs: number;
}

export const DEFAULT_FLOOD_OPTIONS: FloodScorerOptions = {
  trendWindowMs: HOUR_MS,
  minRiseCmPerH: 2,
  projectionHorizonMs: HOUR_MS,
  gaugeStaleMs: 2 * HOUR_MS,
  soilStaleMs: 6 * HOUR_MS,
};

export interface FloodScorerState {
  gauges: Array<[string, Point[]]>;
  rain: Array<[string, Point[]]>;
  soil: Array<[string, Point]>;
}

const RAIN_KEEP_MS = 7 * HOUR_MS;
const RAIN_MAX_POINTS = 2048;
const GAUGE_MAX_POINTS = 512;

interface Component {
  score: number;
  /** Built only for the components an assessment names (formatting text is the costly part). */
  drivers(): Driver[];
}

/**
 * An assessment names the drivers of at most this many components, deciding one first. An area
 * with hundreds of gauges would otherwise list every one of them on every assessment; officers
 * and the alert text need what drives the level, and the console shows every gauge anyway.
 */
export const MAX_DRIVING_COMPONENTS = 5;

/**
 * Flood danger per area from its gauges (level against the station's warning levels, rate of
 * rise, projected time to the next level), its rain gauges (1-h and 6-h sums) and soil moisture.
 * The area's score is the highest of its components (each gauge; the rain scaled by the soil):
 * one river at level 3 is a level-3 area whatever the rain, and a cloudburst on saturated soil is
 * a danger before any gauge shows it. Drivers list the deciding component first.
 */
export class FloodScorer implements HazardScorer {
  readonly hazard = 'flood' as const;
  private readonly opts: FloodScorerOptions;
  private gauges = new Map<string, TimeSeries>();
  private rain = new Map<string, TimeSeries>();
  private soil = new Map<string, Point>();
  /**
   * Per-station results reused while they cannot change: an area's assessment is asked for on
   * every reading of any of its stations, and recomputing every gauge's trend and every rain
   * gauge's sums each time made a large area cost O(stations) per reading. An entry computed at
   * `from` holds for event times in [from, until); a reading of the station drops it.
   */
  private gaugeCache = new Map<string, { from: number; until: number; component: Component | null }>();
  private rainCache = new Map<string, { from: number; until: number; h1: number; h6: number }>();

  constructor(
    private readonly catalogue: CatalogueIndex,
    options: Partial<FloodScorerOptions> = {},
  ) {
    this.opts = { ...DEFAULT_FLOOD_OPTIONS, ...options };
  }

  accepts(station: Station, reading: SensorReading): boolean {
    switch (reading.quantity) {
      case 'water_level':
        return station.warningLevels !== undefined;
      case 'rain':
      case 'soil_moisture':
        return true;
      default:
        return false;
    }
  }

  observe(reading: SensorReading, station: Station): void {
    const t = reading.observedAt;
    this.gaugeCache.delete(station.id);
    this.rainCache.delete(station.id);
    if (reading.quantity === 'water_level') {
      this.series(this.gauges, station.id, this.opts.trendWindowMs + this.opts.gaugeStaleMs, GAUGE_MAX_POINTS).add(t, reading.value);
    } else if (reading.quantity === 'rain') {
      this.series(this.rain, station.id, RAIN_KEEP_MS, RAIN_MAX_POINTS).add(t, Math.max(0, reading.value));
    } else if (reading.quantity === 'soil_moisture') {
      const prev = this.soil.get(station.id);
      if (!prev || t >= prev[0]) this.soil.set(station.id, [t, reading.value]);
    }
  }

  assess(areaId: string, at: number): RiskAssessment | null {
    const stations = this.catalogue.stationsByArea.get(areaId) ?? [];
    let any = false;
    // The highest-scoring components, deciding one first; ties keep catalogue order (deterministic).
    const top: Component[] = [];
    const consider = (c: Component) => {
      if (top.length === MAX_DRIVING_COMPONENTS && c.score <= top[top.length - 1].score) return;
      let k = top.length;
      while (k > 0 && top[k - 1].score < c.score) k--;
      top.splice(k, 0, c);
      if (top.length > MAX_DRIVING_COMPONENTS) top.pop();
    };
    for (const s of stations) {
      if (!this.gauges.has(s.id)) {
        any ||= this.rain.has(s.id) || this.soil.has(s.id);
        continue;
      }
      any = true;
      let entry = this.gaugeCache.get(s.id);
      if (!entry || at < entry.from || at >= entry.until) {
        entry = { from: at, ...this.gauge(s, at) };
        this.gaugeCache.set(s.id, entry);
      }
      if (entry.component) consider(entry.component);
    }
    if (!any) return null;
    const rain = this.rainComponent(stations, at);
    if (rain) consider(rain);
    const score = top[0]?.score ?? 0;
    return withLazyDrivers({ hazard: 'flood', areaId, score, level: levelOfScore(score), at }, () => top.flatMap((c) => c.drivers()));
  }

  snapshot(): FloodScorerState {
    return {
      gauges: [...this.gauges].map(([id, s]) => [id, s.toJSON()]),
      rain: [...this.rain].map(([id, s]) => [id, s.toJSON()]),
      soil: [...this.soil].map(([id, p]) => [id, [p[0], p[1]]]),
    };
  }

  restore(state: unknown): void {
    const s = state as FloodScorerState | null | undefined;
    const keepGauge = this.opts.trendWindowMs + this.opts.gaugeStaleMs;
    this.gauges = new Map((s?.gauges ?? []).map(([id, pts]) => [id, new TimeSeries(keepGauge, GAUGE_MAX_POINTS, pts.map(([t, v]) => [t, v]))]));
    this.rain = new Map((s?.rain ?? []).map(([id, pts]) => [id, new TimeSeries(RAIN_KEEP_MS, RAIN_MAX_POINTS, pts.map(([t, v]) => [t, v]))]));
    this.soil = new Map((s?.soil ?? []).map(([id, p]) => [id, [p[0], p[1]]]));
    this.gaugeCache.clear();
    this.rainCache.clear();
  }

  // ---------------------------------------------------------------------------------------------

  private series(m: Map<string, TimeSeries>, id: string, keepMs: number, max: number): TimeSeries {
    let s = m.get(id);
    if (!s) {
      s = new TimeSeries(keepMs, max);
      m.set(id, s);
    }
    return s;
  }

  /** The gauge's component at `at`, and until when it stays the same (no new reading assumed). */
  private gauge(s: Station, at: number): { component: Component | null; until: number } {
    const series = this.gauges.get(s.id);
    const w = s.warningLevels;
    const last = series?.last();
    if (!series || !w || !last) return { component: null, until: Infinity };
    // Stale: stays so until a reading comes, which drops the entry.
    if (at - last[0] > this.opts.gaugeStaleMs) return { component: null, until: Infinity };
    const until = Math.min(series.windowChangesAfter(at, this.opts.trendWindowMs), last[0] + this.opts.gaugeStaleMs + 1);
    const h = last[1];
    const bands = gaugeBands(w);
    const now = band(h, bands);
    const rate = slopePerHour(series.range(at - this.opts.trendWindowMs, at), 20 * MIN_MS);
    const next = bands.bounds.find((b) => b > h);
    const rising = rate !== null && rate >= this.opts.minRiseCmPerH;
    const minutes = rising && next !== undefined ? ((next - h) / rate) * 60 : null;
    let score = now.score;
    // Projected: scored at the next level already when it is reached within the horizon.
    if (rising && minutes !== null && minutes * MIN_MS <= this.opts.projectionHorizonMs) {
      score = Math.max(score, band(h + rate * (this.opts.projectionHorizonMs / HOUR_MS), bands).score);
    }
    const drivers = (): Driver[] => {
      const label = stationLabel(s, 'water_level');
      const levelNote = now.level > 0 ? ` (Stufe ${now.level} ab ${fmt(bands.bounds[now.level - 1])} cm)` : ` (Stufe 1 ab ${fmt(w.level1)} cm)`;
      const trend = rate === null ? '' : Math.abs(rate) < 0.5 ? ', gleichbleibend' : rate > 0 ? `, steigt ${fmt(rate)} cm/h` : `, fällt ${fmt(-rate)} cm/h`;
      const out: Driver[] = [{ name: 'water_level', stationId: s.id, value: h, unit: 'cm', text: `${label} ${fmt(h)} cm${levelNote}${trend}` }];
      if (rising) {
        out.push({ name: 'rise_rate', stationId: s.id, value: round1(rate), unit: 'cm/h', text: `${label} steigt ${fmt(rate)} cm/h` });
        // Reported up to three horizons ahead; scored at the next level only within one.
        if (minutes !== null && next !== undefined && minutes * MIN_MS <= 3 * this.opts.projectionHorizonMs) {
          const nextLevel = bands.bounds.indexOf(next) + 1;
          out.push({ name: 'time_to_level', stationId: s.id, value: Math.round(minutes), unit: 'min', text: `${label} erreicht Stufe ${nextLevel} (${fmt(next)} cm) in etwa ${Math.round(minutes)} min` });
        }
      }
      return out;
    };
    return { component: { score, drivers }, until };
  }

  private rainComponent(stations: Station[], at: number): Component | null {
    let best1h: { s: Station; mm: number } | null = null;
    let best6h: { s: Station; mm: number } | null = null;
    for (const s of stations) {
      const series = this.rain.get(s.id);
      if (!series) continue;
      let sums = this.rainCache.get(s.id);
      if (!sums || at < sums.from || at >= sums.until) {
        sums = { from: at, until: Math.min(series.windowChangesAfter(at, HOUR_MS), series.windowChangesAfter(at, 6 * HOUR_MS)), h1: series.sum(at - HOUR_MS, at), h6: series.sum(at - 6 * HOUR_MS, at) };
        this.rainCache.set(s.id, sums);
      }
      const { h1, h6 } = sums;
      if (!best1h || h1 > best1h.mm) best1h = { s, mm: h1 };
      if (!best6h || h6 > best6h.mm) best6h = { s, mm: h6 };
    }
    let soil: { s: Station; v: number } | null = null;
    for (const s of stations) {
      const p = this.soil.get(s.id);
      if (p && at - p[0] <= this.opts.soilStaleMs && (!soil || p[1] > soil.v)) soil = { s, v: p[1] };
    }
    if (!best1h || !best6h) {
      if (!soil) return null;
      const only = soil;
      return { score: 0, drivers: () => [soilDriver(only.s, only.v)] };
    }
    const raw = Math.max(band(best1h.mm, RAIN_1H_BANDS).score, band(best6h.mm, RAIN_6H_BANDS).score);
    const score = Math.min(1, raw * soilFactor(soil?.v ?? null));
    const [b1, b6, wettest] = [best1h, best6h, soil];
    const drivers = (): Driver[] => {
      const out: Driver[] = [];
      if (b1.mm > 0) out.push(rainDriver(b1.s, b1.mm, '1h'));
      if (b6.mm > 0) out.push(rainDriver(b6.s, b6.mm, '6h'));
      if (wettest && b6.mm > 0) out.push(soilDriver(wettest.s, wettest.v));
      return out;
    };
    return { score, drivers };
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10;

function rainDriver(s: Station, mm: number, win: '1h' | '6h'): Driver {
  return { name: `rain_${win}`, stationId: s.id, value: round1(mm), unit: 'mm', text: `${stationLabel(s, 'rain')} ${fmt(mm)} mm in ${win === '1h' ? '1 h' : '6 h'}` };
}

function soilDriver(s: Station, v: number): Driver {
  return { name: 'soil_moisture', stationId: s.id, value: round1(v), unit: '%', text: `${stationLabel(s, 'soil_moisture')} ${fmt(v)} %` };
}

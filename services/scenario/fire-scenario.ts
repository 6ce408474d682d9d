import type { Station } from '../core/catalogue/catalogue';
import type { SensorReading } from '../core/model/reading';
import { Prng } from './prng';
import { alignToHour, byEventTime, DAY, HOUR, makeReading, MINUTE, sampleTimes, type Scenario, type ScenarioMark, type ScenarioOptions } from './scenario';
import { stationsOfKind } from './stations';

export const FIRE_DURATION_DAYS = 21;
/** The smoke event: this many days after the start, at 14:00 local-ish (12:00 UTC), in the hot afternoon. */
export const SMOKE_DAY = 19;
/** Second detector of the same area goes off this long after the first (the smoke spreads). */
export const SMOKE_SECOND_AFTER_MS = 12 * MINUTE;
/** How long the detectors stay in alarm before the fire is out and the smoke gone. */
export const SMOKE_ALARM_MS = 2.5 * HOUR;
/** A detector in alarm reports this often (a heartbeat every 30 minutes otherwise). */
const ALARM_INTERVAL_MS = 5 * MINUTE;

/** Daily extremes of the forest weather: a drought deepening into a heat wave. */
export interface FireDay {
  tMax: number;
  tMin: number;
  rhMin: number;
  rhMax: number;
  windNoon: number;
}

/**
 * Weeks without rain: daily maxima climb from the mid-twenties to 34-37 °C, afternoon humidity
 * falls from ~40 % to below 20 %, a dry easterly freshens in the last days. This drives every
 * code of the Fire Weather Index (FFMC, DMC, DC) up, as in the dry summers of 2018-2022.
 */
export function fireDays(rng: Prng, days = FIRE_DURATION_DAYS): FireDay[] {
  return Array.from({ length: days }, (_, d) => {
    const x = d / Math.max(1, days - 1);
    const tMax = 24 + 12 * x + rng.normal(0, 0.8);
    return {
      tMax,
      tMin: tMax - 12 + rng.normal(0, 0.8),
      rhMin: Math.max(14, 42 - 26 * x + rng.normal(0, 2)),
      rhMax: Math.max(55, 80 - 15 * x + rng.normal(0, 2)),
      windNoon: 10 + 14 * x ** 2 + rng.uniform(0, 5),
    };
  });
}

/** Hour of the day (UTC) as a 0..1 warmth: coolest at 04 UTC, warmest at 13 UTC (15:00 CEST). */
function warmth(t: number): number {
  const hour = ((t % DAY) + DAY) % DAY / HOUR;
  const phase = hour < 4 ? hour + 24 - 13 : hour - 13;
  // Rises over 9 h, falls over 15 h.
  return phase <= 0 ? 0.5 + 0.5 * Math.cos((Math.PI * phase) / 9) : 0.5 + 0.5 * Math.cos((Math.PI * phase) / 15);
}

function smokeSeries(d: Station, from: number, to: number, alarm: { start: number; end: number } | null, source: string): SensorReading[] {
  const out: SensorReading[] = [];
  const heartbeat = d.expectedIntervalS * 1000;
  for (const t of sampleTimes(from, to, heartbeat)) {
    if (alarm && t >= alarm.start && t < alarm.end) continue;
    out.push(makeReading(d, 'smoke', t, 0, source));
  }
  if (alarm) {
    // A detector sends at once when it goes off, then every few minutes, and once more when clear.
    for (let t = alarm.start; t < alarm.end; t += ALARM_INTERVAL_MS) out.push(makeReading(d, 'smoke', t, 1, source));
    out.push(makeReading(d, 'smoke', alarm.end, 0, source));
  }
  return out;
}

/**
 * (b) A dry, hot summer with rising fire danger and one smoke event: two detectors of one forest
 * area go off, one after the other. Gauges at low summer water, rain gauges at 0, soil drying.
 */
export function fireScenario(opts: ScenarioOptions): Scenario {
  const { catalogue, seed } = opts;
  const source = opts.source ?? 'scenario:fire';
  const from = alignToHour(opts.from);
  const to = from + FIRE_DURATION_DAYS * DAY;
  const root = new Prng(seed);
  const days = fireDays(root.fork('days'));
  const readings: SensorReading[] = [];
  const marks: ScenarioMark[] = [];
  const dayOf = (t: number) => days[Math.min(days.length - 1, Math.floor((t - from) / DAY))];

  for (const wx of stationsOfKind(catalogue, 'weather')) {
    const rng = root.fork(`wx:${wx.id}`);
    for (const t of sampleTimes(from, to, wx.expectedIntervalS * 1000)) {
      const day = dayOf(t);
      const w = warmth(t);
      const has = (q: string) => wx.quantities.some((x) => x === q);
      if (has('temperature')) readings.push(makeReading(wx, 'temperature', t, day.tMin + (day.tMax - day.tMin) * w + rng.normal(0, 0.3), source));
      if (has('humidity')) readings.push(makeReading(wx, 'humidity', t, Math.min(100, day.rhMax - (day.rhMax - day.rhMin) * w + rng.normal(0, 1)), source));
      if (has('wind_speed')) readings.push(makeReading(wx, 'wind_speed', t, Math.max(0, day.windNoon * (0.45 + 0.6 * w) + rng.normal(0, 2)), source));
      if (has('rain')) readings.push(makeReading(wx, 'rain', t, 0, source));
    }
  }
  for (const g of stationsOfKind(catalogue, 'rain_gauge')) {
    for (const t of sampleTimes(from, to, g.expectedIntervalS * 1000)) readings.push(makeReading(g, 'rain', t, 0, source));
  }
  for (const probe of stationsOfKind(catalogue, 'soil_moisture')) {
    const rng = root.fork(`soil:${probe.id}`);
    const start = rng.uniform(30, 34);
    for (const t of sampleTimes(from, to, probe.expectedIntervalS * 1000)) {
      // Evaporation empties the top soil roughly exponentially towards the wilting point (~10 %).
      readings.push(makeReading(probe, 'soil_moisture', t, 10 + (start - 10) * Math.exp(-(t - from) / (12 * DAY)) + rng.normal(0, 0.15), source));
    }
  }
  for (const gauge of stationsOfKind(catalogue, 'river_gauge')) {
    const rng = root.fork(`gauge:${gauge.id}`);
    const low = Math.round((gauge.warningLevels?.level1 ?? 200) * 0.3);
    for (const t of sampleTimes(from, to, gauge.expectedIntervalS * 1000)) {
      // Low water falling slowly (no rain for weeks).
      readings.push(makeReading(gauge, 'water_level', t, low * (1 - 0.15 * ((t - from) / (to - from))) + rng.normal(0, 0.6), source));
    }
  }

  // Smoke: the first two detectors of one area (the forest with the most of them) in turn.
  const detectors = stationsOfKind(catalogue, 'smoke_detector');
  const byArea = new Map<string, Station[]>();
  for (const d of detectors) byArea.set(d.areaId, [...(byArea.get(d.areaId) ?? []), d]);
  const pair = [...byArea.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const smokeStart = from + SMOKE_DAY * DAY + 12 * HOUR + root.fork('smoke').int(0, 5) * 10 * MINUTE;
  const alarms = new Map<string, { start: number; end: number }>();
  if (pair.length > 0) alarms.set(pair[0].id, { start: smokeStart, end: smokeStart + SMOKE_ALARM_MS });
  if (pair.length > 1) alarms.set(pair[1].id, { start: smokeStart + SMOKE_SECOND_AFTER_MS, end: smokeStart + SMOKE_ALARM_MS });
  for (const d of detectors) readings.push(...smokeSeries(d, from, to, alarms.get(d.id) ?? null, source));
  for (const [id, a] of alarms) {
    marks.push({ at: a.start, label: `smoke detector ${id} goes off`, stationId: id, value: 1 });
    marks.push({ at: a.end, label: `smoke detector ${id} clear`, stationId: id, value: 0 });
  }
  days.forEach((d, i) => {
    if (i === 0 || i === days.length - 1) marks.push({ at: from + i * DAY + 13 * HOUR, label: `day ${i + 1}: max ${d.tMax.toFixed(1)} °C, min humidity ${Math.round(d.rhMin)} %, noon wind ${Math.round(d.windNoon)} km/h` });
  });

  readings.sort(byEventTime);
  marks.sort((a, b) => a.at - b.at);
  return { name: 'fire', seed, from, to, readings, marks };
}

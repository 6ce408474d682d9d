import type { Station } from '../core/catalogue/catalogue';
import type { SensorReading } from '../core/model/reading';
import { Prng } from './prng';
import { drawStorm, gaugeRain, stormIntensity } from './rainfall';
import { nashCascade, runoffCoefficient, soilMoisture, waterLevels, type SoilParams } from './runoff';
import { alignToHour, byEventTime, HOUR, makeReading, MINUTE, sampleTimes, type Scenario, type ScenarioMark, type ScenarioOptions } from './scenario';
import { nearest, stationsOfKind } from './stations';

/** Model step: the rain gauges' 5-minute interval. */
const STEP_MS = 5 * MINUTE;
const STEP_H = STEP_MS / HOUR;
/** The rain begins this long after the scenario's start (a calm lead-in for the windows). */
export const FLOOD_RAIN_START_H = 3;
/** Long enough for the slow Ruhr to fall back below its first level and the rules to clear. */
export const FLOOD_DURATION_H = 66;

/** How the front reaches each rain gauge: hours after the reference, and how much more it brings. */
const RAIN_GAUGES: Record<string, { delayH: number; factor: number }> = {
  'rain-haspe': { delayH: 0, factor: 1.02 },
  'rain-mitte': { delayH: 0.25, factor: 1.0 },
  'rain-dahl': { delayH: 0.4, factor: 1.1 },
};

interface GaugeHydrology {
  /** Rain gauges whose mean falls on the catchment (empty: all). */
  rainFrom: string[];
  /** Catchment rain relative to those gauges (the Lenne's upper catchment got more). */
  rainFactor: number;
  /** Nash cascade: reservoirs and storage constant (hours). Small, steep catchments respond fast. */
  n: number;
  kH: number;
  /** Extra delay of the response (travel time from upstream), hours. */
  lagH: number;
  /** Water level without event flow, cm. */
  baseCm: number;
  /** How far above level 3 this event peaks, cm (July 2021: far above). */
  aboveLevel3Cm: number;
}

/**
 * Illustrative catchment parameters for the Hagen example installation. The Volme and Ennepe are
 * small, steep Sauerland rivers (hours from rain to peak); the Lenne is larger and slower; the
 * Ruhr at Hengstey integrates all of them (and the reservoirs), peaking last.
 */
const HYDROLOGY: Record<string, GaugeHydrology> = {
  'volme-dahl': { rainFrom: ['rain-dahl'], rainFactor: 1.0, n: 2, kH: 1.8, lagH: 0, baseCm: 95, aboveLevel3Cm: 35 },
  'volme-eckesey': { rainFrom: ['rain-dahl', 'rain-mitte'], rainFactor: 1.0, n: 2, kH: 2.4, lagH: 0.5, baseCm: 120, aboveLevel3Cm: 65 },
  'ennepe-haspe': { rainFrom: ['rain-haspe'], rainFactor: 1.0, n: 2, kH: 2.0, lagH: 0.25, baseCm: 80, aboveLevel3Cm: 30 },
  'lenne-hohenlimburg': { rainFrom: ['rain-dahl'], rainFactor: 1.05, n: 3, kH: 3.5, lagH: 1.5, baseCm: 150, aboveLevel3Cm: 45 },
  'ruhr-hengstey': { rainFrom: [], rainFactor: 1.0, n: 3, kH: 6, lagH: 3, baseCm: 210, aboveLevel3Cm: 40 },
};

function hydrologyOf(station: Station): GaugeHydrology {
  const known = HYDROLOGY[station.id];
  if (known) return known;
  // A gauge of another installation: a medium catchment with the base at 40 % of level 1.
  return { rainFrom: [], rainFactor: 1, n: 2, kH: 3, lagH: 1, baseCm: Math.round((station.warningLevels?.level1 ?? 200) * 0.4), aboveLevel3Cm: 30 };
}

const SOIL: SoilParams = { initial: 58, saturation: 96, fieldCapacity: 55, perMm: 0.35, drainPerH: 0.01 };

function mean(series: number[][], length: number): number[] {
  if (series.length === 0) return new Array<number>(length).fill(0);
  return Array.from({ length }, (_, i) => series.reduce((s, x) => s + x[i], 0) / series.length);
}

/**
 * (a) A July-2021-like flood on Volme, Ennepe, Lenne and Ruhr: a day of frontal rain with an
 * intense core, soil filling to saturation, rivers rising with lag, crossing levels 1-3 of
 * every gauge and receding. Every station of the catalogue reports at its interval throughout.
 */
export function floodScenario(opts: ScenarioOptions): Scenario {
  const { catalogue, seed } = opts;
  const source = opts.source ?? 'scenario:flood';
  const from = alignToHour(opts.from);
  const to = from + FLOOD_DURATION_H * HOUR;
  const steps = (to - from) / STEP_MS;
  const root = new Prng(seed);
  const storm = drawStorm(root.fork('storm'));
  const readings: SensorReading[] = [];
  const marks: ScenarioMark[] = [];
  const at = (i: number) => from + i * STEP_MS;
  const stepOf = (t: number) => Math.round((t - from) / STEP_MS);

  // Rain at each rain gauge, 5-minute amounts.
  const rainGauges = stationsOfKind(catalogue, 'rain_gauge');
  const rain = new Map<string, number[]>();
  for (const g of rainGauges) {
    const where = RAIN_GAUGES[g.id] ?? { delayH: 0.2, factor: 1 };
    rain.set(g.id, gaugeRain(storm, root.fork(`rain:${g.id}`), { steps, stepH: STEP_H, startH: FLOOD_RAIN_START_H, ...where }));
  }
  const rainOf = (ids: string[]) => mean((ids.length > 0 ? ids : rainGauges.map((g) => g.id)).map((id) => rain.get(id)).filter((x): x is number[] => !!x), steps);
  for (const g of rainGauges) {
    const series = rain.get(g.id)!;
    for (let i = 0; i < steps; i++) readings.push(makeReading(g, 'rain', at(i), series[i], source));
  }
  const peakCoreH = storm.cores.reduce((a, c) => (c.peakMmH > a.peakMmH ? c : a)).atH;
  marks.push({ at: from + FLOOD_RAIN_START_H * HOUR, label: 'rain begins' });
  marks.push({ at: from + (FLOOD_RAIN_START_H + peakCoreH) * HOUR, label: `rain peak (~${Math.round(stormIntensity(storm, peakCoreH))} mm/h)` });
  marks.push({ at: from + (FLOOD_RAIN_START_H + storm.durationH) * HOUR, label: 'rain ends' });

  // Soil moisture under each probe, from the nearest rain gauge.
  for (const probe of stationsOfKind(catalogue, 'soil_moisture')) {
    const near = nearest(probe, rainGauges);
    const theta = soilMoisture(near ? rain.get(near.id)! : new Array<number>(steps).fill(0), STEP_H, { ...SOIL, initial: SOIL.initial + root.fork(`soil:${probe.id}`).uniform(-3, 3) });
    const noise = root.fork(`soil-noise:${probe.id}`);
    for (const t of sampleTimes(from, to, probe.expectedIntervalS * 1000)) readings.push(makeReading(probe, 'soil_moisture', t, theta[stepOf(t)] + noise.normal(0, 0.2), source));
  }

  // River gauges: effective rain on the catchment through the Nash cascade, then the rating curve.
  for (const gauge of stationsOfKind(catalogue, 'river_gauge')) {
    const h = hydrologyOf(gauge);
    const rng = root.fork(`gauge:${gauge.id}`);
    const catchmentRain = rainOf(h.rainFrom).map((r) => r * h.rainFactor);
    const theta = soilMoisture(catchmentRain, STEP_H, SOIL);
    const lagSteps = Math.round(h.lagH / STEP_H);
    const effective = catchmentRain.map((r, i) => r * runoffCoefficient(theta[i], SOIL));
    const delayed = [...new Array<number>(lagSteps).fill(0), ...effective].slice(0, steps);
    const discharge = nashCascade(delayed, STEP_H, h.n, h.kH);
    const level3 = gauge.warningLevels?.level3 ?? h.baseCm * 3;
    const peakCm = level3 + h.aboveLevel3Cm + rng.uniform(-8, 8);
    const baseCm = h.baseCm + rng.uniform(-5, 5);
    const levels = waterLevels(discharge, baseCm, peakCm);
    let peak = { t: from, v: -Infinity };
    const crossed = new Set<number>();
    for (const t of sampleTimes(from, to, gauge.expectedIntervalS * 1000)) {
      const v = levels[stepOf(t)] + rng.normal(0, 0.7);
      readings.push(makeReading(gauge, 'water_level', t, v, source));
      if (v > peak.v) peak = { t, v: Math.round(v) };
      const wl = gauge.warningLevels;
      if (wl) {
        for (const [n, threshold] of [[1, wl.level1], [2, wl.level2], [3, wl.level3]] as const) {
          if (v >= threshold && !crossed.has(n)) {
            crossed.add(n);
            marks.push({ at: t, label: `${gauge.name} reaches level ${n}`, stationId: gauge.id, value: Math.round(v) });
          }
        }
      }
    }
    marks.push({ at: peak.t, label: `${gauge.name} peaks`, stationId: gauge.id, value: peak.v });
    const wl = gauge.warningLevels;
    if (wl) {
      const below = sampleTimes(peak.t, to, gauge.expectedIntervalS * 1000).find((t) => levels[stepOf(t)] < wl.level1 - 10);
      if (below !== undefined) marks.push({ at: below, label: `${gauge.name} back below level 1 - 10 cm`, stationId: gauge.id });
    }
  }

  // Forest weather stations: the front's rain, cool and saturated air, gusty wind in the cores.
  for (const wx of stationsOfKind(catalogue, 'weather')) {
    const near = nearest(wx, rainGauges);
    const series = near ? rain.get(near.id)! : new Array<number>(steps).fill(0);
    const rng = root.fork(`wx:${wx.id}`);
    const interval = wx.expectedIntervalS * 1000;
    for (const t of sampleTimes(from, to, interval)) {
      const i = stepOf(t);
      let amount = 0;
      for (let k = Math.max(0, i - Math.round(interval / STEP_MS) + 1); k <= i && k < steps; k++) amount += series[k];
      const hour = ((t / HOUR) % 24 + 24) % 24;
      const intensity = stormIntensity(storm, (t - from) / HOUR - FLOOD_RAIN_START_H);
      if (wx.quantities.includes('rain')) readings.push(makeReading(wx, 'rain', t, amount * rng.uniform(0.85, 1.05), source));
      if (wx.quantities.includes('temperature')) readings.push(makeReading(wx, 'temperature', t, 15 + 2 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + rng.normal(0, 0.3), source));
      if (wx.quantities.includes('humidity')) readings.push(makeReading(wx, 'humidity', t, Math.min(100, (intensity > 0.3 ? 97 : 88) + rng.normal(0, 1.2)), source));
      if (wx.quantities.includes('wind_speed')) readings.push(makeReading(wx, 'wind_speed', t, Math.max(0, 12 + intensity * 1.2 + rng.normal(0, 3)), source));
    }
  }

  // Smoke detectors: quiet heartbeats.
  for (const d of stationsOfKind(catalogue, 'smoke_detector')) {
    for (const t of sampleTimes(from, to, d.expectedIntervalS * 1000)) readings.push(makeReading(d, 'smoke', t, 0, source));
  }

  readings.sort(byEventTime);
  marks.sort((a, b) => a.at - b.at);
  return { name: 'flood', seed, from, to, readings, marks };
}

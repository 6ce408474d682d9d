import type { SensorReading } from '../core/model/reading';
import { injectFaults, type Fault } from './fault-injection';
import { Prng } from './prng';
import { alignToHour, byEventTime, HOUR, makeReading, MINUTE, sampleTimes, type Scenario, type ScenarioMark, type ScenarioOptions } from './scenario';
import { stationsOfKind } from './stations';

export const FAULTS_DURATION_H = 12;

/** An ordinary day: low water, a little drizzle, mild weather. The background the faults stand out from. */
function calmReadings(opts: ScenarioOptions, from: number, to: number, source: string): SensorReading[] {
  const { catalogue } = opts;
  const root = new Prng(opts.seed);
  const out: SensorReading[] = [];
  for (const gauge of stationsOfKind(catalogue, 'river_gauge')) {
    const rng = root.fork(`gauge:${gauge.id}`);
    const base = (gauge.warningLevels?.level1 ?? 200) * rng.uniform(0.35, 0.45);
    for (const t of sampleTimes(from, to, gauge.expectedIntervalS * 1000)) out.push(makeReading(gauge, 'water_level', t, base + 2 * Math.sin((t - from) / (6 * HOUR)) + rng.normal(0, 0.6), source));
  }
  for (const g of stationsOfKind(catalogue, 'rain_gauge')) {
    const rng = root.fork(`rain:${g.id}`);
    for (const t of sampleTimes(from, to, g.expectedIntervalS * 1000)) out.push(makeReading(g, 'rain', t, rng.next() < 0.1 ? rng.uniform(0.1, 0.3) : 0, source));
  }
  for (const probe of stationsOfKind(catalogue, 'soil_moisture')) {
    const rng = root.fork(`soil:${probe.id}`);
    const level = rng.uniform(42, 48);
    for (const t of sampleTimes(from, to, probe.expectedIntervalS * 1000)) out.push(makeReading(probe, 'soil_moisture', t, level + rng.normal(0, 0.2), source));
  }
  for (const wx of stationsOfKind(catalogue, 'weather')) {
    const rng = root.fork(`wx:${wx.id}`);
    for (const t of sampleTimes(from, to, wx.expectedIntervalS * 1000)) {
      const values: Partial<Record<string, number>> = { temperature: 17 + rng.normal(0, 0.4), humidity: 70 + rng.normal(0, 2), wind_speed: Math.max(0, 9 + rng.normal(0, 2)), rain: 0 };
      for (const q of wx.quantities) out.push(makeReading(wx, q, t, values[q] ?? 0, source));
    }
  }
  for (const d of stationsOfKind(catalogue, 'smoke_detector')) {
    for (const t of sampleTimes(from, to, d.expectedIntervalS * 1000)) out.push(makeReading(d, 'smoke', t, 0, source));
  }
  return out;
}

/**
 * The faults of the (c) scenario, relative to its start: which station of the catalogue suffers
 * which fault. The first station of a kind is chosen, so other installations get faults too.
 */
export function plannedFaults(opts: ScenarioOptions, from: number): Fault[] {
  const { catalogue } = opts;
  const rain = stationsOfKind(catalogue, 'rain_gauge');
  const gauges = stationsOfKind(catalogue, 'river_gauge');
  const smoke = stationsOfKind(catalogue, 'smoke_detector');
  const faults: Fault[] = [];
  const rainGap = rain.find((s) => s.id === 'rain-haspe') ?? rain[0];
  if (rainGap) faults.push({ kind: 'gap', stationId: rainGap.id, from: from + 2 * HOUR, to: from + 4 * HOUR });
  const smokeGap = smoke[smoke.length - 1];
  if (smokeGap) faults.push({ kind: 'gap', stationId: smokeGap.id, from: from + 5 * HOUR, to: from + 8 * HOUR + 5 * MINUTE });
  const spiked = gauges.find((s) => s.id === 'volme-dahl') ?? gauges[0];
  if (spiked) faults.push({ kind: 'spike', stationId: spiked.id, quantity: 'water_level', at: from + 6 * HOUR, delta: (spiked.warningLevels?.level3 ?? 300) * 2.5 });
  const stuck = gauges.find((s) => s.id === 'ennepe-haspe') ?? gauges[1];
  if (stuck) faults.push({ kind: 'stuck', stationId: stuck.id, quantity: 'water_level', from: from + 7 * HOUR, to: from + 11 * HOUR });
  return faults;
}

/** (c) Twelve calm hours with a gap at a rain gauge and at a smoke detector, a spike at a gauge and a stuck gauge. */
export function faultsScenario(opts: ScenarioOptions): Scenario {
  const source = opts.source ?? 'scenario:faults';
  const from = alignToHour(opts.from);
  const to = from + FAULTS_DURATION_H * HOUR;
  const faults = plannedFaults(opts, from);
  const readings = injectFaults(calmReadings(opts, from, to, source), faults).sort(byEventTime);
  const marks: ScenarioMark[] = faults.map((f) => ({
    at: f.kind === 'spike' ? f.at : f.from,
    label: f.kind === 'gap' ? `${f.stationId} silent for ${Math.round((f.to - f.from) / MINUTE)} min` : f.kind === 'spike' ? `${f.stationId} spike of +${Math.round(f.delta)}` : `${f.stationId} stuck for ${Math.round((f.to - f.from) / MINUTE)} min`,
    stationId: f.stationId,
  }));
  marks.sort((a, b) => a.at - b.at);
  return { name: 'faults', seed: opts.seed, from, to, readings, marks };
}

/**
 * Engine benchmarks (issue 4): the RuleEngine alone on one core, and the backtester.
 *
 * - Throughput: 1,000 river gauges × 20 rules (20,000 station-rule subjects), readings every
 *   10 minutes from a seeded random walk with flood waves, fed through RuleEngine.process()
 *   with the default scorers; readings/s over the whole run.
 * - Latency reading → alert event: wall time of the process() call of each reading whose output
 *   holds an alert event (in-process: no bus, no codec), p50/p99; and the same over all readings.
 * - State: bytes of the engine's JSON checkpoint and the heap growth after a GC, per station-rule.
 * - Backtest: one year of 10-minute readings from 100 stations through runBacktest, seconds.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CatalogueIndex, type Area, type Station } from '../services/core/catalogue/catalogue';
import { CANONICAL_UNITS, type Quantity, type SensorReading } from '../services/core/model/reading';
import { runBacktest } from '../services/engine/backtest/backtest';
import { RuleEngine } from '../services/engine/core/rule-engine';
import { defaultScorers } from '../services/engine/live/default-scorers';
import { loadRuleText } from '../services/engine/rules/loader';
import type { Rule } from '../services/engine/rules/rule';
import { mulberry32 } from '../services/core/random/mulberry32';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const NO_FLAGS: string[] = [];


function square(i: number): Area['geometry'] {
  const lon = 7 + (i % 10) * 0.05;
  const lat = 51 + Math.floor(i / 10) * 0.05;
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.05, lat], [lon + 0.05, lat + 0.05], [lon, lat + 0.05], [lon, lat]]] };
}

function gauge(i: number, areaId: string): Station {
  return {
    id: `gauge-${String(i).padStart(4, '0')}`,
    name: `Pegel ${i}`,
    kind: 'river_gauge',
    areaId,
    location: { lon: 7.5, lat: 51.4 },
    quantities: ['water_level'],
    expectedIntervalS: 600,
    warningLevels: { level1: 250, level2: 300, level3: 350 },
  };
}

/**
 * Twenty gauge rules of the shapes the real rule set uses: last/max/mean/min over trailing
 * windows against warning levels and fixed thresholds, rate of rise, counts, tumbling and
 * sliding windows, `for` durations, hysteresis clears, and a silent rule.
 */
function twentyRules(catalogue: CatalogueIndex): Rule[] {
  const aggs = ['last', 'max', 'mean', 'min'] as const;
  const sizes = ['10m', '30m', '1h', '3h'];
  const docs: string[] = [];
  for (let i = 0; i < 12; i++) {
    const agg = aggs[i % 4];
    const size = sizes[Math.floor(i / 4) % 4];
    const offset = i * 3;
    docs.push(`
  - id: level-${i}
    description: bench ${agg} ${size}
    hazard: flood
    audience: public
    appliesTo: { selector: { kind: river_gauge, quantity: water_level } }
    groupBy: station
    window: { size: ${size}, aggregate: ${agg} }
    levels:
      - level: 1
        condition: { op: ">=", threshold: level1, offset: ${offset} }
        for: 10m
        clear: { condition: { op: "<", threshold: level1, offset: ${offset - 10} }, for: 30m }
      - level: 2
        condition: { op: ">=", threshold: level2, offset: ${offset} }
        for: 10m
        clear: { condition: { op: "<", threshold: level2, offset: ${offset - 10} }, for: 30m }
      - level: 3
        condition: { op: ">=", threshold: level3, offset: ${offset} }
        clear: { condition: { op: "<", threshold: level3, offset: ${offset - 10} }, for: 30m }`);
  }
  for (let i = 0; i < 4; i++) {
    docs.push(`
  - id: rise-${i}
    description: bench rate of rise
    hazard: flood
    audience: public
    appliesTo: { selector: { kind: river_gauge } }
    groupBy: station
    level: 2
    condition: { quantity: water_level, window: { size: ${['30m', '1h', '2h', '3h'][i]}, aggregate: rate_of_change }, op: ">", threshold: ${15 + 5 * i} }
    clear: { condition: { quantity: water_level, window: { size: 1h, aggregate: rate_of_change }, op: "<", threshold: 5 }, for: 1h }`);
  }
  docs.push(`
  - id: tumbling-max
    description: bench tumbling
    hazard: flood
    audience: officers
    appliesTo: { selector: { kind: river_gauge } }
    groupBy: station
    level: 1
    condition: { quantity: water_level, window: { type: tumbling, size: 1h, aggregate: max, grace: 10m }, op: ">=", threshold: 280 }`);
  docs.push(`
  - id: sliding-mean
    description: bench sliding
    hazard: flood
    audience: officers
    appliesTo: { selector: { kind: river_gauge } }
    groupBy: station
    level: 1
    condition: { quantity: water_level, window: { type: sliding, size: 1h, advance: 20m, aggregate: mean }, op: ">=", threshold: 270 }`);
  docs.push(`
  - id: readings-count
    description: bench count
    hazard: sensor
    appliesTo: { selector: { kind: river_gauge } }
    groupBy: station
    level: 1
    condition: { quantity: water_level, window: { size: 1h, aggregate: count }, op: "<", threshold: 3 }
    for: 30m`);
  docs.push(`
  - id: silent
    description: bench silent
    hazard: sensor
    kind: silent
    appliesTo: { selector: { kind: river_gauge } }
    level: 2
    missedIntervals: 4`);
  const { rules, errors } = loadRuleText(`rules:${docs.join('')}\n`, 'bench-rules.yaml', catalogue);
  if (errors.length > 0) throw new Error(`bench rules do not load: ${JSON.stringify(errors.slice(0, 3))}`);
  if (rules.length !== 20) throw new Error(`expected 20 bench rules, got ${rules.length}`);
  return rules;
}

/** One reading object per observation; strings that repeat are shared. */
function makeReading(stationId: string, quantity: Quantity, observedAt: number, value: number): SensorReading {
  return { id: `${stationId}/${quantity}/${observedAt}`, stationId, quantity, value, unit: CANONICAL_UNITS[quantity], observedAt, receivedAt: observedAt, source: 'bench', quality: 'good', qualityFlags: NO_FLAGS };
}

/**
 * A river that wanders around 200 cm and now and then (probability `waveChance` per 10-minute
 * step) runs a 12-hour flood wave up through all its levels.
 */
function gaugeWalk(rnd: () => number, waveChance: number) {
  let base = 180 + rnd() * 40;
  let wave = 0;
  let waveLeft = 0;
  return (): number => {
    base += (rnd() - 0.5) * 2;
    base = Math.min(230, Math.max(150, base));
    if (waveLeft === 0 && rnd() < waveChance) waveLeft = 72;
    if (waveLeft > 0) {
      const phase = (72 - waveLeft) / 72;
      wave = 190 * Math.sin(Math.PI * phase);
      waveLeft--;
    } else wave = 0;
    return Math.round((base + wave) * 10) / 10;
  };
}

export interface EngineThroughputResult {
  stations: number;
  rules: number;
  readings: number;
  seconds: number;
  perSecond: number;
  alertEvents: number;
  assessments: number;
  alertP50Ms: number;
  alertP99Ms: number;
  allP50Ms: number;
  allP99Ms: number;
  snapshotBytes: number;
  snapshotBytesPerSubject: number;
  heapBytesPerSubject: number;
}

function gcNow(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

const quantile = (sorted: Float64Array | number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : NaN);

export function benchEngine(opts: { stations?: number; steps?: number; warmSteps?: number; seed?: number } = {}): EngineThroughputResult {
  const n = opts.stations ?? 1000;
  // Measured 10-minute steps (every station reports once per step), after warmSteps unmeasured ones.
  const steps = opts.steps ?? 12;
  const warmSteps = opts.warmSteps ?? 3;
  const areas: Area[] = Array.from({ length: 50 }, (_, i) => ({ id: `area-${i}`, name: `Gebiet ${i}`, ars: '059140000000', geometry: square(i) }));
  const stations = Array.from({ length: n }, (_, i) => gauge(i, areas[i % areas.length].id));
  const catalogue = new CatalogueIndex({ areas, stations });
  const rules = twentyRules(catalogue);
  const rnd = mulberry32(opts.seed ?? 4);
  // Flood-wave-rich (about one wave per gauge in 3.5 days), so that alert events occur in a short run.
  const walks = stations.map(() => gaugeWalk(rnd, 0.002));
  const readings: SensorReading[] = [];
  for (let k = 0; k < warmSteps + steps; k++) {
    const t = T0 + k * 10 * MIN;
    stations.forEach((s, i) => readings.push(makeReading(s.id, 'water_level', t + (i % 60) * 1000, walks[i]())));
  }
  const warmCount = warmSteps * n;

  const gc = gcNow();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const engine = new RuleEngine({ rules, catalogue, scorers: defaultScorers(catalogue)(), allowedLatenessMs: 0, status: 'Exercise' });
  // Warm-up: JIT, and windows that have filled (the first readings of a cold engine are cheaper).
  for (let i = 0; i < warmCount; i++) engine.process(readings[i]);

  const measured = readings.length - warmCount;
  const all = new Float64Array(measured);
  const withAlert: number[] = [];
  let alertEvents = 0;
  let assessments = 0;
  const started = performance.now();
  for (let i = 0; i < measured; i++) {
    const a = performance.now();
    const out = engine.process(readings[warmCount + i]);
    const d = performance.now() - a;
    all[i] = d;
    if (out.alertEvents.length > 0) {
      withAlert.push(d);
      alertEvents += out.alertEvents.length;
    }
    assessments += out.assessments.length;
  }
  const seconds = (performance.now() - started) / 1000;

  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const subjects = n * rules.length;
  const snapshotBytes = Buffer.byteLength(JSON.stringify(engine.snapshot()));
  all.sort();
  withAlert.sort((a, b) => a - b);
  return {
    stations: n,
    rules: rules.length,
    readings: measured,
    seconds,
    perSecond: measured / seconds,
    alertEvents,
    assessments,
    alertP50Ms: quantile(withAlert, 0.5),
    alertP99Ms: quantile(withAlert, 0.99),
    allP50Ms: quantile(all, 0.5),
    allP99Ms: quantile(all, 0.99),
    snapshotBytes,
    snapshotBytesPerSubject: snapshotBytes / subjects,
    // Heap growth of the engine (its state plus the outputs it still references: none), per station-rule.
    heapBytesPerSubject: gc ? (heapAfter - heapBefore) / subjects : NaN,
  };
}

export interface BacktestBenchResult {
  stations: number;
  days: number;
  readings: number;
  rules: number;
  seconds: number;
  perSecond: number;
  alertEvents: number;
  assessments: number;
  generateSeconds: number;
}

/**
 * A year of 10-minute readings from 100 stations in 10 areas: 60 gauges, 20 rain gauges, 10 soil
 * probes, 5 forest weather stations (4 quantities each) and 5 smoke detectors, replayed through the
 * 20 bench rules with the flood and wildfire scorers. The backtester's replay clock steps every
 * 10 minutes (`advanceEveryMs`), the interval of the data.
 */
export function benchBacktest(opts: { days?: number; seed?: number } = {}): BacktestBenchResult {
  const days = opts.days ?? 365;
  const areas: Area[] = Array.from({ length: 10 }, (_, i) => ({ id: `area-${i}`, name: `Gebiet ${i}`, ars: '059140000000', geometry: square(i) }));
  const stations: Station[] = [];
  for (let i = 0; i < 60; i++) stations.push(gauge(i, areas[i % 10].id));
  const simple = (id: string, kind: Station['kind'], i: number, quantities: Quantity[], extra: Partial<Station> = {}): Station => ({
    id,
    name: id,
    kind,
    areaId: areas[i % 10].id,
    location: { lon: 7.5, lat: 51.4 },
    quantities,
    expectedIntervalS: 600,
    ...extra,
  });
  for (let i = 0; i < 20; i++) stations.push(simple(`rain-${i}`, 'rain_gauge', i, ['rain']));
  for (let i = 0; i < 10; i++) stations.push(simple(`soil-${i}`, 'soil_moisture', i, ['soil_moisture']));
  for (let i = 0; i < 5; i++) stations.push(simple(`wx-${i}`, 'weather', i, ['temperature', 'humidity', 'wind_speed', 'rain'], { fireWeather: true }));
  for (let i = 0; i < 5; i++) stations.push(simple(`smoke-${i}`, 'smoke_detector', i, ['smoke']));
  const catalogue = new CatalogueIndex({ areas, stations });
  const rules = twentyRules(catalogue);

  const g0 = performance.now();
  const rnd = mulberry32(opts.seed ?? 9);
  // About six flood waves per gauge and year.
  const walks = stations.map(() => gaugeWalk(rnd, 6 / 52_560));
  const readings: SensorReading[] = [];
  const steps = days * 144;
  for (let k = 0; k < steps; k++) {
    const t = T0 + k * 10 * MIN;
    const dayFrac = ((t / 86_400_000) % 1) * 2 * Math.PI;
    const season = Math.sin(((t - T0) / (365 * 86_400_000)) * 2 * Math.PI - Math.PI / 2); // -1 winter .. 1 summer
    stations.forEach((s, i) => {
      switch (s.kind) {
        case 'river_gauge':
          readings.push(makeReading(s.id, 'water_level', t, walks[i]()));
          break;
        case 'rain_gauge':
          readings.push(makeReading(s.id, 'rain', t, rnd() < 0.05 ? Math.round(rnd() * 30) / 10 : 0));
          break;
        case 'soil_moisture':
          readings.push(makeReading(s.id, 'soil_moisture', t, 55 + 25 * rnd()));
          break;
        case 'weather':
          readings.push(makeReading(s.id, 'temperature', t, 10 + 10 * season + 5 * Math.sin(dayFrac) + rnd()));
          readings.push(makeReading(s.id, 'humidity', t, 60 - 20 * season - 10 * Math.sin(dayFrac) + 5 * rnd()));
          readings.push(makeReading(s.id, 'wind_speed', t, 5 + 15 * rnd()));
          readings.push(makeReading(s.id, 'rain', t, rnd() < 0.03 ? Math.round(rnd() * 20) / 10 : 0));
          break;
        case 'smoke_detector':
          readings.push(makeReading(s.id, 'smoke', t, rnd() < 0.0005 ? 1 : 0));
          break;
      }
    });
  }
  const generateSeconds = (performance.now() - g0) / 1000;

  const started = performance.now();
  const result = runBacktest({ readings, rules, catalogue, scorers: defaultScorers(catalogue), advanceEveryMs: 10 * MIN, status: 'Exercise' });
  const seconds = (performance.now() - started) / 1000;
  return {
    stations: stations.length,
    days,
    readings: readings.length,
    rules: rules.length,
    seconds,
    perSecond: readings.length / seconds,
    alertEvents: result.base.alertEvents.length,
    assessments: result.base.assessments,
    generateSeconds,
  };
}

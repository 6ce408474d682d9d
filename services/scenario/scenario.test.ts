import * as path from 'node:path';
import { CatalogueIndex } from '../core/catalogue/catalogue';
import { loadCatalogue } from '../core/catalogue/load-catalogue';
import { CANONICAL_UNITS, type SensorReading } from '../core/model/reading';
import { faultsScenario, plannedFaults } from './faults-scenario';
import { fireScenario, SMOKE_SECOND_AFTER_MS } from './fire-scenario';
import { floodScenario } from './flood-scenario';
import { generateSequence } from './generate-scenario';
import { Prng } from './prng';
import { DAY, HOUR } from './scenario';

const catalogue = new CatalogueIndex(loadCatalogue(path.join(__dirname, '..', '..', 'rules', 'catalogue.yaml')));
const FROM = Date.parse('2021-07-13T22:00:00Z');
const flood = floodScenario({ seed: 7, from: FROM, catalogue });

const series = (readings: SensorReading[], stationId: string, quantity = readings.find((r) => r.stationId === stationId)?.quantity) =>
  readings.filter((r) => r.stationId === stationId && r.quantity === quantity);
const argmax = (rs: SensorReading[]) => rs.reduce((a, b) => (b.value > a.value ? b : a));
/** Event time at the end of the wettest hour at a rain gauge. */
function wettestHourEnd(rain: SensorReading[]): number {
  let best = { at: 0, sum: -1 };
  for (let i = 0; i + 12 <= rain.length; i++) {
    const sum = rain.slice(i, i + 12).reduce((s, r) => s + r.value, 0);
    if (sum > best.sum) best = { at: rain[i + 11].observedAt, sum };
  }
  return best.at;
}

describe('Prng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('scenario determinism', () => {
  it.each(['flood', 'fire', 'faults'] as const)('%s: the same seed gives identical readings, another seed different ones', (name) => {
    const gen = { flood: floodScenario, fire: fireScenario, faults: faultsScenario }[name];
    const a = gen({ seed: 3, from: FROM, catalogue });
    const b = gen({ seed: 3, from: FROM, catalogue });
    const c = gen({ seed: 4, from: FROM, catalogue });
    expect(JSON.stringify(b.readings)).toBe(JSON.stringify(a.readings));
    expect(JSON.stringify(c.readings)).not.toBe(JSON.stringify(a.readings));
  });

  it('readings are in event-time order, inside [from, to), of known stations, with canonical units', () => {
    for (const s of generateSequence(['flood', 'faults'], { seed: 1, from: FROM, catalogue })) {
      expect(s.readings.every((r, i) => i === 0 || r.observedAt >= s.readings[i - 1].observedAt)).toBe(true);
      expect(s.readings[0].observedAt).toBeGreaterThanOrEqual(s.from);
      expect(s.readings[s.readings.length - 1].observedAt).toBeLessThan(s.to);
      const strays = s.readings.filter((r) => !catalogue.station(r.stationId)?.quantities.includes(r.quantity) || r.unit !== CANONICAL_UNITS[r.quantity]);
      expect(strays).toEqual([]);
    }
  });

  it('a sequence plays scenarios back to back', () => {
    const [a, b] = generateSequence(['flood', 'fire'], { seed: 1, from: FROM, catalogue });
    expect(b.from).toBe(a.to);
  });
});

describe('flood scenario', () => {
  it('rains ~100-150 mm in 24 h with a core of 15-25+ mm/h, and the soil saturates', () => {
    for (const id of ['rain-mitte', 'rain-dahl', 'rain-haspe']) {
      const rain = series(flood.readings, id);
      const total = rain.reduce((s, r) => s + r.value, 0);
      expect(total).toBeGreaterThan(95);
      expect(total).toBeLessThan(160);
      let maxHour = 0;
      for (let i = 0; i + 12 <= rain.length; i++) maxHour = Math.max(maxHour, rain.slice(i, i + 12).reduce((s, r) => s + r.value, 0));
      expect(maxHour).toBeGreaterThanOrEqual(15);
      expect(maxHour).toBeLessThan(36);
    }
    const soil = series(flood.readings, 'soil-dahl');
    expect(soil[0].value).toBeLessThan(65);
    expect(argmax(soil).value).toBeGreaterThan(90);
  });

  it('every hydrograph peaks after the rain peak, the big rivers later than the small ones', () => {
    const rainPeak = wettestHourEnd(series(flood.readings, 'rain-mitte'));
    const peakAt = (id: string) => argmax(series(flood.readings, id)).observedAt;
    for (const g of ['volme-dahl', 'volme-eckesey', 'ennepe-haspe', 'lenne-hohenlimburg', 'ruhr-hengstey']) expect(peakAt(g)).toBeGreaterThan(rainPeak);
    expect(peakAt('lenne-hohenlimburg')).toBeGreaterThan(peakAt('volme-dahl'));
    expect(peakAt('ruhr-hengstey')).toBeGreaterThan(peakAt('lenne-hohenlimburg'));
  });

  it('each gauge starts below level 1, crosses levels 1, 2 and 3 in order, and recedes below level 1 before the end', () => {
    for (const gauge of catalogue.catalogue.stations.filter((s) => s.kind === 'river_gauge')) {
      const wl = gauge.warningLevels!;
      const rs = series(flood.readings, gauge.id);
      const first = (threshold: number) => rs.find((r) => r.value >= threshold)?.observedAt ?? Infinity;
      expect(rs[0].value).toBeLessThan(wl.level1);
      expect(first(wl.level1)).toBeLessThan(first(wl.level2));
      expect(first(wl.level2)).toBeLessThan(first(wl.level3));
      expect(first(wl.level3)).toBeLessThan(flood.to);
      expect(rs[rs.length - 1].value).toBeLessThan(wl.level1 - 10);
    }
    // Eckesey in July 2021: far above its highest level.
    expect(argmax(series(flood.readings, 'volme-eckesey')).value).toBeGreaterThan(catalogue.station('volme-eckesey')!.warningLevels!.level3 + 30);
  });

  it('every station of the catalogue reports at its expected interval throughout (no accidental silent sensors)', () => {
    for (const st of catalogue.catalogue.stations) {
      for (const q of st.quantities) {
        const rs = series(flood.readings, st.id, q);
        expect(rs.length).toBe((flood.to - flood.from) / (st.expectedIntervalS * 1000));
      }
    }
  });
});

describe('fire scenario', () => {
  const fire = fireScenario({ seed: 11, from: Date.parse('2022-07-01T00:00:00Z'), catalogue });
  const noon = (id: string, q: string, day: number) =>
    fire.readings.find((r) => r.stationId === id && r.quantity === q && r.observedAt === fire.from + day * DAY + 12 * HOUR)!.value;

  it('gets hotter, drier and windier, with no rain at all', () => {
    const days = (fire.to - fire.from) / DAY;
    expect(days).toBeGreaterThanOrEqual(14);
    expect(noon('wx-eilpe-wald', 'temperature', days - 1)).toBeGreaterThan(noon('wx-eilpe-wald', 'temperature', 0) + 7);
    expect(noon('wx-eilpe-wald', 'temperature', days - 1)).toBeGreaterThan(30);
    expect(noon('wx-eilpe-wald', 'humidity', days - 1)).toBeLessThan(30);
    expect(noon('wx-eilpe-wald', 'humidity', days - 1)).toBeLessThan(noon('wx-eilpe-wald', 'humidity', 0) - 10);
    expect(noon('wx-hohenlimburg-wald', 'wind_speed', days - 1)).toBeGreaterThan(noon('wx-hohenlimburg-wald', 'wind_speed', 0));
    expect(fire.readings.filter((r) => r.quantity === 'rain').every((r) => r.value === 0)).toBe(true);
  });

  it('has one smoke event: two detectors of the same area go to 1, one after the other, then clear', () => {
    const alarms = fire.readings.filter((r) => r.quantity === 'smoke' && r.value === 1);
    const first = new Map<string, number>();
    for (const r of alarms) if (!first.has(r.stationId)) first.set(r.stationId, r.observedAt);
    expect([...first.keys()].sort()).toEqual(['smoke-hohenlimburg-1', 'smoke-hohenlimburg-2']);
    expect(first.get('smoke-hohenlimburg-2')! - first.get('smoke-hohenlimburg-1')!).toBe(SMOKE_SECOND_AFTER_MS);
    expect(series(fire.readings, 'smoke-hohenlimburg-1').at(-1)!.value).toBe(0);
    expect(fire.readings.filter((r) => r.stationId === 'smoke-eilpe-1').every((r) => r.value === 0)).toBe(true);
  });
});

describe('faults scenario', () => {
  const faults = faultsScenario({ seed: 5, from: FROM, catalogue });
  const planned = plannedFaults({ seed: 5, from: FROM, catalogue }, faults.from);

  it('has a gap at a rain gauge and a smoke detector, a spike and a stuck value', () => {
    expect(planned.map((f) => `${f.kind}:${f.stationId}`).sort()).toEqual(['gap:rain-haspe', 'gap:smoke-eilpe-1', 'spike:volme-dahl', 'stuck:ennepe-haspe']);
    for (const f of planned) {
      const rs = series(faults.readings, f.stationId);
      if (f.kind === 'gap') {
        expect(rs.some((r) => r.observedAt >= f.from && r.observedAt < f.to)).toBe(false);
        expect(rs.some((r) => r.observedAt < f.from) && rs.some((r) => r.observedAt >= f.to)).toBe(true);
      } else if (f.kind === 'spike') {
        const spike = argmax(rs);
        const others = rs.filter((r) => r !== spike).map((r) => r.value);
        expect(spike.observedAt).toBe(f.at);
        expect(spike.value - Math.max(...others)).toBeGreaterThan(500);
      } else {
        const during = rs.filter((r) => r.observedAt >= f.from && r.observedAt < f.to);
        expect(during.length).toBe(16);
        expect(new Set(during.map((r) => r.value)).size).toBe(1);
        expect(new Set(rs.filter((r) => r.observedAt >= f.to).map((r) => r.value)).size).toBeGreaterThan(1);
      }
    }
  });
});

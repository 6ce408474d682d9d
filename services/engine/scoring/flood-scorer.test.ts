import { hagenCatalogue, HOUR, MIN, reading, T0 } from '../core/test-support/hagen';
import type { SensorReading } from '../../core/model/reading';
import { mulberry32 } from '../../core/random/mulberry32';
import { FloodScorer, type FloodScorerState } from './flood-scorer';

const GAUGE = 'volme-eckesey'; // hagen-mitte, levels 250 / 300 / 350
const AREA = 'hagen-mitte';

function scorerWith(readings: SensorReading[]): FloodScorer {
  const c = hagenCatalogue();
  const s = new FloodScorer(c);
  for (const r of readings) {
    const st = c.station(r.stationId)!;
    if (s.accepts(st, r)) s.observe(r, st);
  }
  return s;
}

/** Gauge readings every 15 min ending at `end` with `last` cm, changing by `perHour`. */
const gaugeRun = (id: string, end: number, last: number, perHour: number, n = 5): SensorReading[] =>
  Array.from({ length: n }, (_, i) => reading(id, 'water_level', end - (n - 1 - i) * 15 * MIN, last - ((n - 1 - i) * perHour) / 4));

/** Rain every 5 min: `mm` in total over the `hours` before `end`. */
const rainRun = (id: string, end: number, mm: number, hours: number): SensorReading[] => {
  const n = hours * 12;
  return Array.from({ length: n }, (_, i) => reading(id, 'rain', end - (n - 1 - i) * 5 * MIN, mm / n));
};

describe('FloodScorer', () => {
  it('takes gauges with warning levels, rain and soil moisture', () => {
    const c = hagenCatalogue();
    const s = new FloodScorer(c);
    expect(s.accepts(c.station(GAUGE)!, reading(GAUGE, 'water_level', T0, 1))).toBe(true);
    expect(s.accepts(c.station('rain-mitte')!, reading('rain-mitte', 'rain', T0, 1))).toBe(true);
    expect(s.accepts(c.station('soil-dahl')!, reading('soil-dahl', 'soil_moisture', T0, 1))).toBe(true);
    expect(s.accepts(c.station('wx-eilpe-wald')!, reading('wx-eilpe-wald', 'temperature', T0, 1))).toBe(false);
    expect(s.accepts(c.station('smoke-eilpe-1')!, reading('smoke-eilpe-1', 'smoke', T0, 1))).toBe(false);
  });

  it('scores a steady gauge against its warning levels (levels 1-3 at the information levels, 4 one step above 3)', () => {
    const cases: Array<[number, number]> = [
      [150, 0],
      [249, 0],
      [250, 1],
      [299, 1],
      [300, 2],
      [350, 3],
      [399, 3],
      [400, 4],
      [480, 4],
    ];
    let prevScore = -1;
    for (const [cm, level] of cases) {
      const a = scorerWith(gaugeRun(GAUGE, T0, cm, 0)).assess(AREA, T0)!;
      expect([cm, a.level]).toEqual([cm, level]);
      expect(a.score).toBeGreaterThanOrEqual(level * 0.2);
      expect(a.score).toBeLessThanOrEqual(level === 4 ? 1 : level * 0.2 + 0.2);
      expect(a.score).toBeGreaterThan(prevScore);
      prevScore = a.score;
      expect(a.drivers[0]).toMatchObject({ name: 'water_level', stationId: GAUGE, value: cm, unit: 'cm' });
    }
    expect(scorerWith(gaugeRun(GAUGE, T0, 150, 0)).assess(AREA, T0)!.score).toBe(0);
    expect(scorerWith(gaugeRun(GAUGE, T0, 500, 0)).assess(AREA, T0)!.score).toBe(1);
    expect(scorerWith(gaugeRun(GAUGE, T0, 312, 0)).assess(AREA, T0)!.drivers[0].text).toBe('Pegel Hagen-Eckesey 312 cm (Stufe 2 ab 300 cm), gleichbleibend');
  });

  it('a fast rise projected to reach the next level within the hour scores that level already', () => {
    const a = scorerWith(gaugeRun(GAUGE, T0, 290, 24)).assess(AREA, T0)!;
    expect(a.level).toBe(2);
    const byName = Object.fromEntries(a.drivers.map((d) => [d.name, d]));
    expect(byName.rise_rate.value).toBeCloseTo(24, 5);
    expect(byName.time_to_level.value).toBe(25);
    expect(byName.time_to_level.text).toMatch(/erreicht Stufe 2 \(300 cm\) in etwa 25 min/);
    expect(byName.water_level.text).toMatch(/steigt 24 cm\/h/);
  });

  it('a slow rise is reported with its time to the next level but not scored up; a fall is not projected', () => {
    const slow = scorerWith(gaugeRun(GAUGE, T0, 290, 5)).assess(AREA, T0)!;
    expect(slow.level).toBe(1);
    expect(slow.drivers.find((d) => d.name === 'time_to_level')?.value).toBe(120);
    const steady = scorerWith(gaugeRun(GAUGE, T0, 290, 0)).assess(AREA, T0)!;
    expect(slow.score).toBeCloseTo(steady.score, 10);
    const falling = scorerWith(gaugeRun(GAUGE, T0, 290, -30)).assess(AREA, T0)!;
    expect(falling.level).toBe(1);
    expect(falling.drivers.map((d) => d.name)).toEqual(['water_level']);
    expect(falling.drivers[0].text).toMatch(/fällt 30 cm\/h/);
  });

  it('heavy rain raises an area whose gauge is low, and the soil moisture scales it', () => {
    const end = T0 + 6 * HOUR;
    const rain = rainRun('rain-mitte', end, 36, 6); // 36 mm in 6 h: heftiger Starkregen
    const noSoil = scorerWith([...gaugeRun(GAUGE, end, 150, 0), ...rain]).assess(AREA, end)!;
    expect(noSoil.level).toBe(3);
    expect(noSoil.drivers[0]).toMatchObject({ name: 'rain_1h', stationId: 'rain-mitte', value: 6 });
    expect(noSoil.drivers[1]).toMatchObject({ name: 'rain_6h', value: 36 });
    expect(noSoil.drivers.map((d) => d.name)).toContain('water_level');

    // Haspe has a soil probe: the same rain on dry and on saturated soil.
    const haspe = (soil: number) =>
      scorerWith([...rainRun('rain-haspe', end, 36, 6), reading('soil-haspe', 'soil_moisture', end - HOUR, soil)]).assess('hagen-haspe', end)!;
    const dry = haspe(50);
    const wet = haspe(95);
    expect(dry.level).toBe(2);
    expect(wet.level).toBe(3);
    expect(wet.score).toBeCloseTo(Math.min(1, noSoil.score * 1.25), 10);
    expect(dry.score).toBeCloseTo(noSoil.score * 0.75, 10);
    expect(wet.drivers.map((d) => d.name)).toEqual(['rain_1h', 'rain_6h', 'soil_moisture']);
  });

  it('rain outside the 6-h window no longer counts; a silent gauge no longer counts after 2 h', () => {
    const end = T0 + 6 * HOUR;
    const s = scorerWith([...rainRun('rain-mitte', end, 36, 6), ...gaugeRun(GAUGE, end, 360, 0)]);
    expect(s.assess(AREA, end)!.level).toBe(3);
    const later = s.assess(AREA, end + 6 * HOUR)!;
    expect(later.level).toBe(0);
    expect(later.score).toBe(0);
    expect(later.drivers).toEqual([]);
  });

  it('has nothing to say about an area it has no readings of', () => {
    expect(scorerWith(gaugeRun(GAUGE, T0, 300, 0)).assess('hagen-nord', T0)).toBeNull();
  });

  it('snapshot/restore through JSON continues identically; a week of readings keeps the state bounded', () => {
    const week: SensorReading[] = [];
    for (let t = T0; t < T0 + 7 * 24 * HOUR; t += 5 * MIN) {
      week.push(reading('rain-mitte', 'rain', t, t % (3 * HOUR) === 0 ? 2 : 0.1));
      if (t % (15 * MIN) === 0) week.push(reading(GAUGE, 'water_level', t, 200 + 80 * Math.sin(t / (6 * HOUR))));
      if (t % HOUR === 0) week.push(reading('soil-haspe', 'soil_moisture', t, 70));
    }
    const half = Math.floor(week.length / 2);
    const a = scorerWith(week.slice(0, half));
    const snap = JSON.parse(JSON.stringify(a.snapshot())) as FloodScorerState;
    const b = new FloodScorer(hagenCatalogue());
    b.restore(snap);
    const c = hagenCatalogue();
    for (const r of week.slice(half)) {
      for (const s of [a, b]) s.observe(r, c.station(r.stationId)!);
      if (r.observedAt % HOUR === 0) expect(b.assess(AREA, r.observedAt)).toEqual(a.assess(AREA, r.observedAt));
    }
    const end = a.snapshot();
    expect(b.snapshot()).toEqual(end);
    // Gauge: 3 h of 15-min readings (trend window + staleness); rain: 7 h of 5-min readings.
    expect(end.gauges[0][1].length).toBeLessThanOrEqual(13);
    expect(end.rain[0][1].length).toBeLessThanOrEqual(85);
    expect(JSON.stringify(end).length).toBeLessThan(5000);
  });

  it('reuses per-station results only while they cannot change: the same assessments as a scorer computing everything afresh', () => {
    const c = hagenCatalogue();
    const rnd = mulberry32(3);
    const live = new FloodScorer(c);
    const stations = ['volme-eckesey', 'rain-mitte', 'soil-dahl', 'volme-dahl', 'rain-dahl'].map((id) => c.station(id)!);
    let t = T0;
    let compared = 0;
    for (let step = 0; step < 1500; step++) {
      t += Math.floor(rnd() * 4) * 5 * MIN;
      if (rnd() < 0.6) {
        const st = stations[Math.floor(rnd() * stations.length)];
        const q = st.quantities[0];
        const value = q === 'water_level' ? 200 + Math.round(rnd() * 200) : q === 'rain' ? Math.round(rnd() * 40) / 10 : 40 + Math.round(rnd() * 60);
        live.observe(reading(st.id, q, t - Math.floor(rnd() * 3) * 5 * MIN, value), st);
      }
      for (const area of ['hagen-mitte', 'hagen-eilpe-dahl']) {
        // a restored copy has no reused results: everything is computed at `t`
        const fresh = new FloodScorer(c);
        fresh.restore(JSON.parse(JSON.stringify(live.snapshot())));
        expect(live.assess(area, t)).toEqual(fresh.assess(area, t));
        compared++;
      }
    }
    expect(compared).toBe(3000);
  });
});

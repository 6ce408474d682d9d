import { join } from 'node:path';
import type { Station } from '../../core/catalogue/catalogue';
import type { AlertEvent } from '../../core/model/alert-event';
import type { RiskAssessment } from '../../core/model/assessment';
import type { SensorReading } from '../../core/model/reading';
import { loadRuleDirectory, loadRuleText } from '../rules/loader';
import type { Rule } from '../rules/rule';
import type { EngineOutput } from './engine-output';
import { RuleEngine } from './rule-engine';
import type { HazardScorer } from './scorer';
import { HOUR, MIN, T0, hagenCatalogue, reading } from './test-support/hagen';

const catalogue = hagenCatalogue();
const shipped = loadRuleDirectory(join(__dirname, '../../../rules'), catalogue);
const rulesById = (...ids: string[]): Rule[] => ids.map((id) => shipped.rules.find((r) => r.id === id)!);

/** A stand-in wildfire scorer: the area's level is whatever the last `temperature` reading says. */
class FakeFireScorer implements HazardScorer {
  readonly hazard = 'wildfire' as const;
  levels = new Map<string, { level: number; at: number }>();
  accepts(station: Station, r: SensorReading): boolean {
    return station.fireWeather === true && r.quantity === 'temperature';
  }
  observe(r: SensorReading, station: Station): void {
    this.levels.set(station.areaId, { level: r.value, at: r.observedAt });
  }
  assess(areaId: string, at: number): RiskAssessment | null {
    const l = this.levels.get(areaId);
    if (!l) return null;
    return { hazard: 'wildfire', areaId, score: l.level / 4, level: l.level, drivers: [], at };
  }
  snapshot(): unknown {
    return [...this.levels];
  }
  restore(state: unknown): void {
    this.levels = new Map(state as Array<[string, { level: number; at: number }]>);
  }
}

function engine(rules: Rule[], opts: { lateness?: number; scorers?: HazardScorer[] } = {}): RuleEngine {
  return new RuleEngine({
    rules,
    catalogue,
    scorers: opts.scorers ?? [],
    allowedLatenessMs: opts.lateness ?? 0,
    status: 'Exercise',
  });
}

function run(e: RuleEngine, readings: SensorReading[]): EngineOutput {
  const all: EngineOutput = { assessments: [], alertEvents: [], late: [] };
  for (const r of readings) {
    const o = e.process(r);
    all.assessments.push(...o.assessments);
    all.alertEvents.push(...o.alertEvents);
    all.late.push(...o.late);
  }
  return all;
}

const brief = (evs: AlertEvent[]) => evs.map((e) => `${e.kind}:${e.level}@${(e.at - T0) / MIN}`);

/** Gauge readings every 15 min from T0, one per value. */
const gaugeSeries = (stationId: string, values: number[], start = T0, step = 15 * MIN) =>
  values.map((v, i) => reading(stationId, 'water_level', start + i * step, v));

describe('RuleEngine: gauge information levels (for/clear hysteresis)', () => {
  it('raises after `for`, escalates, deescalates and clears without flapping on a hovering level', () => {
    const e = engine(rulesById('gauge-information-level'));
    // volme-eckesey: level1 250, level2 300, level3 350.
    const values = [
      200, 240, 251, 249, 252, // crosses level1, dips 1 cm below, back up: pending restarts at 252
      255, 248, 253, 246, 251, // hovering around level1: active, never 10 cm below -> no clear
      305, 310, 300, // level2 for 30 min
      295, 292, 296, 293, 294, // hovering just below level2 (within 10 cm): stays level 2
      285, 280, 270, 265, 262, // below level2 - 10 for >= 1h -> deescalate to 1
      230, 220, 210, 200, 200, 200, // below level1 - 10 for 1h -> cleared
    ];
    const out = run(e, gaugeSeries('volme-eckesey', values));
    // raise: 251@30 pending, 249@45 resets, 252@60, 255@75 -> 15 min held -> raised at 75
    expect(brief(out.alertEvents)).toEqual(['raised:1@75', 'escalated:2@165', 'deescalated:1@330', 'cleared:0@405']);
    const raised = out.alertEvents[0];
    expect(raised).toMatchObject({
      id: `gauge-information-level:volme-eckesey:raised:1:${T0 + 75 * MIN}`,
      incidentKey: 'hagen-mitte:flood',
      subject: 'volme-eckesey',
      areaId: 'hagen-mitte',
      stationIds: ['volme-eckesey'],
      audience: 'public',
      autoRelease: false,
      status: 'Exercise',
    });
    expect(raised.evidence[0].text).toMatch(/^Pegel Hagen-Eckesey 255 cm, steigt [\d,]+ cm\/h$/);
    expect(out.alertEvents[1].evidence[0]).toMatchObject({ name: 'water_level', value: 310, unit: 'cm', stationId: 'volme-eckesey' });
  });

  it('auto-release follows the rule (minLevel 3 for gauges)', () => {
    const e = engine(rulesById('gauge-information-level'));
    const out = run(e, gaugeSeries('ennepe-haspe', [240, 240, 240, 240]));
    expect(out.alertEvents.map((a) => [a.level, a.autoRelease])).toEqual([[3, true]]);
  });

  it('a gauge that falls silent keeps its level (missing data never clears)', () => {
    const e = engine(rulesById('gauge-information-level'));
    const out = run(e, gaugeSeries('volme-dahl', [190, 190, 190]));
    expect(brief(out.alertEvents)).toEqual(['raised:1@15']);
    const later = e.advanceTo(T0 + 10 * HOUR);
    expect(later.alertEvents).toEqual([]);
  });
});

describe('RuleEngine: combinations', () => {
  const rise = (stationId: string, base: number, cmPerHour: number, n = 5) =>
    Array.from({ length: n }, (_, i) => reading(stationId, 'water_level', T0 + i * 15 * MIN, base + (cmPerHour * i) / 4));

  it('atLeast 2 of 3 gauges rising faster than 20 cm/h', () => {
    const interleave = (...lists: SensorReading[][]) => lists.flat().sort((a, b) => a.observedAt - b.observedAt || a.stationId.localeCompare(b.stationId));
    const one = run(engine(rulesById('volme-ennepe-rapid-rise')), interleave(rise('volme-eckesey', 100, 30), rise('volme-dahl', 100, 5), rise('ennepe-haspe', 80, 0)));
    expect(one.alertEvents).toEqual([]);

    const e = engine(rulesById('volme-ennepe-rapid-rise'));
    const two = run(e, interleave(rise('volme-eckesey', 100, 30), rise('volme-dahl', 100, 24), rise('ennepe-haspe', 80, 0)));
    expect(two.alertEvents).toHaveLength(1);
    const ev = two.alertEvents[0];
    expect(ev).toMatchObject({ kind: 'raised', level: 2, subject: 'volme-ennepe-rapid-rise', areaId: 'hagen-mitte', stationIds: ['volme-dahl', 'volme-eckesey'] });
    // Raised as soon as both have two points (slope defined) in the same pass.
    expect(ev.at).toBe(T0 + 15 * MIN);
    expect(ev.evidence.map((d) => d.name)).toEqual(['rise_rate', 'rise_rate']);
    expect(ev.evidence.find((d) => d.stationId === 'volme-dahl')!.text).toBe('Pegel Dahl steigt 24 cm/h (106 cm)');
  });

  it('multi-quantity all: rain 6h sum and soil moisture must both hold in the area', () => {
    const rain = (stationId: string, mmPer15: number, hours: number) =>
      Array.from({ length: hours * 4 }, (_, i) => reading(stationId, 'rain', T0 + (i + 1) * 15 * MIN, mmPer15));
    const dry = run(engine(rulesById('rain-on-saturated-soil')), [reading('soil-dahl', 'soil_moisture', T0, 60), ...rain('rain-dahl', 2, 6)]);
    expect(dry.alertEvents).toEqual([]);

    const e = engine(rulesById('rain-on-saturated-soil'));
    const soil = Array.from({ length: 6 }, (_, h) => reading('soil-dahl', 'soil_moisture', T0 + h * HOUR, 85));
    const merged = [...soil, ...rain('rain-dahl', 2, 6)].sort((a, b) => a.observedAt - b.observedAt);
    const wet = run(e, merged);
    // 2 mm every 15 min: the 6 h sum passes 35 mm with the 18th reading (36 mm) at 4h30.
    expect(brief(wet.alertEvents)).toEqual(['raised:2@270']);
    expect(wet.alertEvents[0]).toMatchObject({ subject: 'hagen-eilpe-dahl', incidentKey: 'hagen-eilpe-dahl:flood', stationIds: ['rain-dahl', 'soil-dahl'] });
    expect(wet.alertEvents[0].evidence.map((d) => d.text)).toEqual(['Niederschlag Regenschreiber Dahl 36 mm in 6h', 'Bodenfeuchte Dahl 85 %']);
    // Another area's rain does not count.
    const other = run(engine(rulesById('rain-on-saturated-soil')), [reading('soil-dahl', 'soil_moisture', T0, 85), ...rain('rain-haspe', 2, 6)]);
    expect(other.alertEvents).toEqual([]);
  });

  it('heavy rain: DWD 1 h thresholds per gauge give levels 2, 3, 4', () => {
    const e = engine(rulesById('heavy-rain'));
    const out = run(e, [
      reading('rain-mitte', 'rain', T0 + 5 * MIN, 8),
      reading('rain-mitte', 'rain', T0 + 10 * MIN, 8), // 16 mm/1h -> 2
      reading('rain-mitte', 'rain', T0 + 15 * MIN, 10), // 26 -> 3
      reading('rain-mitte', 'rain', T0 + 20 * MIN, 15), // 41 -> 4
    ]);
    expect(brief(out.alertEvents)).toEqual(['raised:2@10', 'escalated:3@15', 'escalated:4@20']);
    expect(out.alertEvents[2].autoRelease).toBe(true);
  });

  it('score condition and smoke: one detector plus fire weather level 3 raises level 4 at once; one detector alone does not', () => {
    const scorer = new FakeFireScorer();
    const e = engine(rulesById('smoke-detected'), { scorers: [scorer] });
    const alone = run(e, [reading('smoke-hohenlimburg-1', 'smoke', T0, 1)]);
    expect(alone.alertEvents).toEqual([]);
    const out = run(e, [reading('wx-hohenlimburg-wald', 'temperature', T0 + MIN, 3)]);
    expect(out.assessments).toEqual([expect.objectContaining({ hazard: 'wildfire', areaId: 'hagen-hohenlimburg', level: 3 })]);
    expect(out.alertEvents).toEqual([expect.objectContaining({ kind: 'raised', level: 4, subject: 'hagen-hohenlimburg', at: T0 + MIN })]);
    expect(out.alertEvents[0].evidence.map((d) => d.text)).toEqual(['Rauchmelder Hohenlimburg 1 löst aus', 'Waldbrandgefahr Hagen-Hohenlimburg: Stufe 3']);
  });

  it('smoke: two detectors in the area raise level 4 without any fire weather', () => {
    const e = engine(rulesById('smoke-detected'));
    const out = run(e, [reading('smoke-hohenlimburg-1', 'smoke', T0, 1), reading('smoke-eilpe-1', 'smoke', T0 + MIN, 1), reading('smoke-hohenlimburg-2', 'smoke', T0 + 2 * MIN, 1)]);
    expect(out.alertEvents.map((a) => [a.subject, a.level, a.at])).toEqual([['hagen-hohenlimburg', 4, T0 + 2 * MIN]]);
  });

  it('assessments are emitted on level change, and unchanged scores at most every interval', () => {
    const scorer = new FakeFireScorer();
    const e = engine(rulesById('wildfire-danger'), { scorers: [scorer] });
    const out = run(e, [
      reading('wx-eilpe-wald', 'temperature', T0, 1),
      reading('wx-eilpe-wald', 'temperature', T0 + 10 * MIN, 1),
      reading('wx-eilpe-wald', 'temperature', T0 + 20 * MIN, 2),
      reading('wx-eilpe-wald', 'temperature', T0 + 30 * MIN, 3),
    ]);
    expect(out.assessments.map((a) => [a.level, (a.at - T0) / MIN])).toEqual([
      [1, 0],
      [2, 20],
      [3, 30],
    ]);
    // wildfire-danger level 3 needs the score for 1 h: advancing event time raises it.
    expect(e.advanceTo(T0 + 80 * MIN).alertEvents).toEqual([]);
    expect(brief(e.advanceTo(T0 + 90 * MIN).alertEvents)).toEqual(['raised:3@90']);
  });
});

describe('RuleEngine: event time', () => {
  it('returns readings older than the station watermark as late, places out-of-order ones, counts duplicates once', () => {
    const e = engine(rulesById('heavy-rain'), { lateness: 10 * MIN });
    const r = (m: number, v: number) => reading('rain-mitte', 'rain', T0 + m * MIN, v);
    let out = run(e, [r(30, 5), r(25, 5)]); // 25 is out of order but within 10 min lateness
    expect(out.late).toEqual([]);
    out = run(e, [r(30, 5), r(25, 5)]); // duplicates: ignored
    expect(out.alertEvents).toEqual([]);
    out = run(e, [r(35, 5)]); // 15 mm in the last hour -> level 2; duplicates did not add up
    expect(brief(out.alertEvents)).toEqual(['raised:2@35']);
    out = run(e, [r(19, 50)]); // 16 min behind max 35 -> older than watermark 25
    expect(out.late).toEqual([{ reading: expect.objectContaining({ observedAt: T0 + 19 * MIN }), reason: 'too-late' }]);
    expect(out.alertEvents).toEqual([]);
    // Another station has its own watermark: an early reading there is fine.
    expect(run(e, [reading('rain-haspe', 'rain', T0, 1)]).late).toEqual([]);
    expect(run(e, [reading('no-such-station', 'rain', T0, 1)]).late[0].reason).toBe('unknown-station');
  });

  it('an out-of-order reading within lateness changes the trailing window (re-evaluation)', () => {
    const e = engine(rulesById('heavy-rain'), { lateness: 30 * MIN });
    expect(run(e, [reading('rain-dahl', 'rain', T0 + 40 * MIN, 10)]).alertEvents).toEqual([]);
    const out = run(e, [reading('rain-dahl', 'rain', T0 + 20 * MIN, 6)]);
    expect(brief(out.alertEvents)).toEqual(['raised:2@40']);
  });

  it('bad-quality readings move event time but are ignored by rules', () => {
    const e = engine(rulesById('heavy-rain'));
    expect(run(e, [reading('rain-mitte', 'rain', T0, 99, 'bad')]).alertEvents).toEqual([]);
  });
});

describe('RuleEngine: silent sensors', () => {
  it('advanceTo raises a silent-gauge alert for officers after 4 missed intervals and clears when data returns', () => {
    const e = engine(rulesById('silent-gauge'));
    run(e, ['volme-eckesey', 'volme-dahl', 'ennepe-haspe', 'lenne-hohenlimburg', 'ruhr-hengstey'].map((id) => reading(id, 'water_level', T0, 100)));
    run(e, ['volme-eckesey', 'volme-dahl', 'ennepe-haspe', 'ruhr-hengstey'].map((id) => reading(id, 'water_level', T0 + 45 * MIN, 100)));
    expect(e.advanceTo(T0 + 60 * MIN).alertEvents).toEqual([]); // exactly 4 × 15 min: not yet
    const out = e.advanceTo(T0 + 61 * MIN);
    expect(out.alertEvents).toEqual([
      expect.objectContaining({ kind: 'raised', ruleId: 'silent-gauge', subject: 'lenne-hohenlimburg', hazard: 'sensor', audience: 'officers', autoRelease: false, incidentKey: 'hagen-hohenlimburg:sensor' }),
    ]);
    expect(out.alertEvents[0].evidence[0].text).toBe('Keine Messwerte von Hohenlimburg seit 61 min');
    expect(e.advanceTo(T0 + 90 * MIN).alertEvents).toEqual([]); // no repeats
    const back = e.process(reading('lenne-hohenlimburg', 'water_level', T0 + 95 * MIN, 100));
    expect(brief(back.alertEvents)).toEqual(['cleared:0@95']);
  });

  it('a station never heard from is silent counted from the engine start', () => {
    const e = engine(rulesById('silent-smoke-detector'));
    e.advanceTo(T0);
    const out = e.advanceTo(T0 + 91 * MIN); // 3 × 30 min
    expect(out.alertEvents.map((a) => a.subject).sort()).toEqual(['smoke-eilpe-1', 'smoke-hohenlimburg-1', 'smoke-hohenlimburg-2']);
  });
});

describe('RuleEngine: checkpoints and rule changes', () => {
  /** A deterministic, mixed stream: rising Volme, rain, a silent gauge, fire weather, out-of-order and duplicate readings. */
  function stream(): SensorReading[] {
    const out: SensorReading[] = [];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 48; i++) {
      const t = T0 + i * 15 * MIN;
      out.push(reading('volme-eckesey', 'water_level', t, 200 + i * 4 + Math.round(rnd() * 6)));
      out.push(reading('volme-dahl', 'water_level', t + MIN, 150 + i * 3));
      if (i < 10) out.push(reading('ennepe-haspe', 'water_level', t + 2 * MIN, 100));
      out.push(reading('rain-dahl', 'rain', t + 3 * MIN, Math.round(rnd() * 40) / 10));
      if (i % 4 === 0) out.push(reading('soil-dahl', 'soil_moisture', t + 4 * MIN, 78 + i / 4));
      out.push(reading('wx-eilpe-wald', 'temperature', t + 5 * MIN, i > 30 ? 3 : 1));
      if (i === 20) out.push(reading('volme-eckesey', 'water_level', t - 7 * MIN, 260)); // out of order
      if (i === 21) out.push(out[out.length - 3]); // duplicate
      if (i === 22) out.push(reading('rain-dahl', 'rain', t - 2 * HOUR, 9)); // too late
    }
    return out;
  }

  const advanceEvery = (e: RuleEngine, readings: SensorReading[]) => {
    const outs: EngineOutput[] = [];
    readings.forEach((r, i) => {
      outs.push(e.process(r));
      if (i % 10 === 9) outs.push(e.advanceTo(r.observedAt + MIN));
    });
    return outs;
  };

  it('snapshot/restore mid-stream gives exactly the outputs of an uninterrupted run', () => {
    const readings = stream();
    const make = () => engine(shipped.rules, { lateness: 10 * MIN, scorers: [new FakeFireScorer()] });
    const whole = advanceEvery(make(), readings);
    const events = whole.flatMap((o) => o.alertEvents);
    expect(events.length).toBeGreaterThan(3); // the stream really exercises the rules
    expect(whole.flatMap((o) => o.late)).toHaveLength(1);

    const cut = 97;
    const first = make();
    const a = advanceEvery(first, readings.slice(0, cut));
    const snap = JSON.parse(JSON.stringify(first.snapshot()));
    const second = make();
    second.restore(snap);
    // Continue with the same advance cadence as the uninterrupted run.
    const b: EngineOutput[] = [];
    readings.slice(cut).forEach((r, j) => {
      const i = cut + j;
      b.push(second.process(r));
      if (i % 10 === 9) b.push(second.advanceTo(r.observedAt + MIN));
    });
    expect([...a, ...b]).toEqual(whole);
  });

  it('snapshot is bounded: old points are evicted as event time passes', () => {
    const e = engine(rulesById('heavy-rain'));
    for (let i = 0; i < 24 * 60; i++) e.process(reading('rain-mitte', 'rain', T0 + i * MIN, 0.1));
    const series = e.snapshot().series.find(([k]) => k === 'rain-mitte/rain')![1];
    expect(series.length).toBeLessThanOrEqual(6 * 60 + 1);
  });

  it('replaceRules keeps the state of unchanged rules and resets changed ones', () => {
    const e = engine(rulesById('gauge-information-level', 'heavy-rain'));
    run(e, gaugeSeries('volme-eckesey', [260, 260, 260]));
    run(e, [reading('rain-mitte', 'rain', T0 + 20 * MIN, 16)]);
    const gaugeRule = rulesById('gauge-information-level')[0];
    const stricter = loadRuleText(
      `rules:
  - id: heavy-rain
    description: changed
    hazard: flood
    appliesTo: { selector: { kind: rain_gauge, quantity: rain } }
    level: 2
    condition: { window: { size: 1h, aggregate: sum }, op: ">=", threshold: 10 }
`,
      'x.yaml',
    ).rules[0];
    e.replaceRules([gaugeRule, stricter]);
    // Gauge rule unchanged: still level 1, no re-raise; the next reading keeps it quiet.
    const next = run(e, [reading('volme-eckesey', 'water_level', T0 + 45 * MIN, 262)]);
    expect(next.alertEvents).toEqual([]);
    // Changed rule starts fresh: raises again on its next evaluation.
    const rain = run(e, [reading('rain-mitte', 'rain', T0 + 50 * MIN, 0)]);
    expect(brief(rain.alertEvents)).toEqual(['raised:2@50']);
  });
});

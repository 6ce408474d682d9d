import { join } from 'node:path';
import { hagenCatalogue, HOUR, MIN, reading, T0 } from '../core/test-support/hagen';
import { RuleEngine } from '../core/rule-engine';
import { loadRuleText } from '../rules/loader';
import { readFileSync } from 'node:fs';
import { FWI_STARTUP, fwiDay, type FwiCodes } from './fwi/fwi-day';
import { forestWeather, noonOf, type DayWeather } from './test-support/forest-weather';
import { WildfireScorer } from './wildfire-scorer';

const AREA = 'hagen-hohenlimburg';
const WX = 'wx-hohenlimburg-wald';
const NOON0 = noonOf(T0); // 1 June 2024, 12:00 MEZ
const DAY = 24 * HOUR;
const LAT = 51.36;

const HOT: DayWeather = { temp: 31, rh: 18, wind: 28, rain: 0 };
const MILD: DayWeather = { temp: 14, rh: 70, wind: 8, rain: 0 };

function fed(days: DayWeather[], catalogue = hagenCatalogue()): WildfireScorer {
  const scorer = new WildfireScorer(catalogue);
  for (const r of forestWeather(WX, NOON0, days)) {
    const st = catalogue.station(r.stationId)!;
    if (scorer.accepts(st, r)) scorer.observe(r, st);
  }
  return scorer;
}

/** The expected FWI of the last day, straight from the index functions. */
function expectedFwi(days: DayWeather[]): number {
  let codes: FwiCodes = FWI_STARTUP;
  let fwi = 0;
  for (const d of days) {
    const day = fwiDay(codes, { temp: d.temp, rh: d.rh, wind: d.wind, rain24: d.rain }, 6, LAT);
    codes = day;
    fwi = day.fwi;
  }
  return fwi;
}

const smoke = (s: WildfireScorer, id: string, t: number, v: 0 | 1) => {
  const c = hagenCatalogue();
  s.observe(reading(id, 'smoke', t, v), c.station(id)!);
};

describe('WildfireScorer', () => {
  it('takes fire-weather readings and smoke, nothing else', () => {
    const c = hagenCatalogue();
    const s = new WildfireScorer(c);
    expect(s.accepts(c.station(WX)!, reading(WX, 'humidity', T0, 40))).toBe(true);
    expect(s.accepts(c.station('smoke-eilpe-1')!, reading('smoke-eilpe-1', 'smoke', T0, 0))).toBe(true);
    expect(s.accepts(c.station('rain-mitte')!, reading('rain-mitte', 'rain', T0, 1))).toBe(false);
    expect(s.accepts(c.station('volme-dahl')!, reading('volme-dahl', 'water_level', T0, 100))).toBe(false);
  });

  it('has nothing to say about an area before its first noon, or about an area without forest sensors', () => {
    const c = hagenCatalogue();
    const s = new WildfireScorer(c);
    s.observe(reading(WX, 'temperature', NOON0 - HOUR, 20), c.station(WX)!);
    expect(s.assess(AREA, NOON0 - HOUR)).toBeNull();
    expect(s.assess('hagen-mitte', NOON0)).toBeNull();
  });

  it('scores a dry spell with the FWI of the noon observations; the level follows the danger classes', () => {
    const days = [MILD, HOT, HOT, HOT, HOT, HOT, HOT];
    const expected = expectedFwi(days);
    expect(expected).toBeGreaterThan(38); // this spell ends in the top class
    const a = fed(days).assess(AREA, NOON0 + 6 * DAY + HOUR)!;
    expect(a.hazard).toBe('wildfire');
    expect(a.level).toBe(4);
    expect(a.score).toBeGreaterThanOrEqual(0.8);
    expect(a.drivers[0]).toMatchObject({ name: 'fwi', stationId: WX, value: Math.round(expected * 10) / 10, unit: 'index' });
    expect(a.drivers[0].text).toMatch(/sehr hohe Waldbrandgefahr/);

    const mild = fed([MILD, MILD]).assess(AREA, NOON0 + DAY + HOUR)!;
    expect(mild.level).toBe(mild.drivers[0].value < 5.2 ? 0 : 1);
    expect(mild.score).toBeLessThan(a.score);
  });

  it('rain brings the danger down on the next noon', () => {
    const dry = [HOT, HOT, HOT, HOT];
    const wet = [HOT, HOT, HOT, { ...HOT, temp: 18, rh: 80, rain: 25 }];
    const d = fed(dry).assess(AREA, NOON0 + 3 * DAY + HOUR)!;
    const w = fed(wet).assess(AREA, NOON0 + 3 * DAY + HOUR)!;
    expect(w.drivers[0].value).toBeCloseTo(expectedFwi(wet), 1);
    expect(w.level).toBeLessThan(d.level);
  });

  it('one smoke alarm alone is reported but does not raise a low danger; two detectors confirm at once', () => {
    const s = fed([MILD, MILD]);
    const t = NOON0 + DAY + 2 * HOUR;
    const base = s.assess(AREA, t)!;
    smoke(s, 'smoke-hohenlimburg-1', t, 1);
    const one = s.assess(AREA, t)!;
    expect(one.level).toBe(base.level);
    expect(one.drivers.map((d) => d.name)).toContain('smoke_unconfirmed');
    smoke(s, 'smoke-hohenlimburg-2', t + 5 * MIN, 1);
    const two = s.assess(AREA, t + 5 * MIN)!;
    expect(two.level).toBe(4);
    expect(two.score).toBe(1);
    expect(two.drivers[0]).toMatchObject({ name: 'smoke_confirmed', value: 2 });
    expect(two.drivers.filter((d) => d.name === 'smoke').map((d) => d.stationId).sort()).toEqual(['smoke-hohenlimburg-1', 'smoke-hohenlimburg-2']);
    // All clear from one detector: back to the fire-weather level.
    smoke(s, 'smoke-hohenlimburg-2', t + 20 * MIN, 0);
    expect(s.assess(AREA, t + 20 * MIN)!.level).toBe(base.level);
  });

  it('one smoke alarm is confirmed by high fire weather (level 3 or more)', () => {
    const days = [HOT, HOT, HOT, HOT];
    const s = fed(days);
    const t = NOON0 + 3 * DAY + 2 * HOUR;
    const fire = s.assess(AREA, t)!;
    expect(fire.level).toBeGreaterThanOrEqual(3);
    smoke(s, 'smoke-hohenlimburg-1', t, 1);
    const a = s.assess(AREA, t)!;
    expect(a.level).toBe(4);
    expect(a.drivers[0].name).toBe('smoke_confirmed');
    expect(a.drivers[0].text).toMatch(/Stufe [34]/);
  });

  it('an alarm expires when the detector stops reporting (two heartbeats), and stale fire weather is dropped after 72 h', () => {
    const s = fed([MILD, MILD]);
    const t = NOON0 + DAY + HOUR;
    smoke(s, 'smoke-hohenlimburg-1', t, 1);
    smoke(s, 'smoke-hohenlimburg-2', t, 1);
    expect(s.assess(AREA, t + 60 * MIN)!.level).toBe(4);
    expect(s.assess(AREA, t + 61 * MIN)!.level).toBeLessThan(4);
    const late = s.assess(AREA, NOON0 + DAY + 72 * HOUR + MIN)!;
    expect(late.level).toBe(0);
    expect(late.drivers[0]).toMatchObject({ name: 'fwi_missing', stationId: WX });
  });

  it('only smoke heartbeats, no fire weather: a level-0 assessment (so a cleared alarm clears the score)', () => {
    const s = new WildfireScorer(hagenCatalogue());
    smoke(s, 'smoke-eilpe-1', T0, 0);
    expect(s.assess('hagen-eilpe-dahl', T0)).toMatchObject({ level: 0, score: 0, drivers: [] });
  });

  it('snapshot/restore through JSON: the restored scorer assesses and continues like the original; state stays small', () => {
    const days = [MILD, HOT, HOT, MILD, HOT, HOT];
    const readings = forestWeather(WX, NOON0, days);
    const c = hagenCatalogue();
    const a = new WildfireScorer(c);
    const half = Math.floor(readings.length / 2);
    for (const r of readings.slice(0, half)) a.observe(r, c.station(r.stationId)!);
    smoke(a, 'smoke-hohenlimburg-1', readings[half - 1].observedAt, 1);
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = new WildfireScorer(c);
    b.restore(snap);
    const at = readings[half - 1].observedAt;
    expect(b.assess(AREA, at)).toEqual(a.assess(AREA, at));
    for (const r of readings.slice(half)) for (const s of [a, b]) s.observe(r, c.station(r.stationId)!);
    const end = readings[readings.length - 1].observedAt;
    expect(b.assess(AREA, end)).toEqual(a.assess(AREA, end));
    expect(b.snapshot()).toEqual(a.snapshot());
    // Six days of 10-minute readings: a few hundred bytes (codes, today's accumulators, detectors).
    expect(JSON.stringify(a.snapshot()).length).toBeLessThan(1500);
  });

  it('drives the wildfire-danger rule of rules/wildfire.yaml through the RuleEngine (score condition)', () => {
    const catalogue = hagenCatalogue();
    const { rules, errors } = loadRuleText(readFileSync(join(__dirname, '../../../rules/wildfire.yaml'), 'utf8'), 'wildfire.yaml', catalogue);
    expect(errors).toEqual([]);
    const engine = new RuleEngine({ rules, catalogue, scorers: [new WildfireScorer(catalogue)], allowedLatenessMs: 0, status: 'Exercise' });
    const events = [];
    let assessments = 0;
    for (const r of forestWeather(WX, NOON0, [MILD, HOT, HOT, HOT, HOT])) {
      const out = engine.process(r);
      events.push(...out.alertEvents);
      assessments += out.assessments.length;
    }
    // The `for: 1h` of the rule needs event time to move on past the last noon.
    events.push(...engine.advanceTo(NOON0 + 4 * DAY + 2 * HOUR).alertEvents);
    expect(assessments).toBeGreaterThan(0);
    const raised = events.find((e) => e.ruleId === 'wildfire-danger' && e.kind === 'raised');
    expect(raised).toBeDefined();
    expect(raised!.areaId).toBe(AREA);
    expect(raised!.level).toBeGreaterThanOrEqual(3);
    expect(raised!.evidence[0]).toMatchObject({ name: 'fwi', stationId: WX });
  });
});

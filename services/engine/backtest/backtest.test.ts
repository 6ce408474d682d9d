import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOUR, MIN, T0, hagenCatalogue, reading } from '../core/test-support/hagen';
import { floodStream } from '../live/test-support/flood-stream';
import { loadRuleDirectory } from '../rules/loader';
import type { Rule } from '../rules/rule';
import { runBacktest, readRecordedReadings } from './backtest';
import { diffAlertEvents, isEmptyDiff } from './backtest-diff';
import { floodEvent } from './test-support/alert-event';

const catalogue = hagenCatalogue();
const shipped = loadRuleDirectory(join(__dirname, '../../../rules'), catalogue).rules;
const rule = (id: string): Rule => structuredClone(shipped.find((r) => r.id === id)!);

/** The gauge rule with its information level 1 lowered by `cm`. */
function lowerLevel1(cm: number): Rule {
  const r = rule('gauge-information-level');
  const c = r.levels[0].condition;
  if (c.type !== 'metric') throw new Error('expected a metric condition');
  c.offset -= cm;
  return r;
}

describe('runBacktest', () => {
  const readings = floodStream();

  it('a lower threshold gains lead time: earlier first raise per incident, the raise shifted earlier', () => {
    const result = runBacktest({ readings, rules: [rule('gauge-information-level')], compareRules: [lowerLevel1(40)], catalogue, scorers: () => [] });
    const diff = result.diff!;
    expect(isEmptyDiff(diff)).toBe(false);
    const mitte = diff.leadTimes.find((l) => l.incidentKey === 'hagen-mitte:flood')!;
    expect(mitte.leadMs).toBeGreaterThan(0);
    expect(mitte.compareFirstRaisedAt! + mitte.leadMs!).toBe(mitte.baseFirstRaisedAt);
    // Every incident the gauges raise is raised earlier, none later.
    expect(diff.leadTimes.map((l) => l.incidentKey).sort()).toEqual(['hagen-eilpe-dahl:flood', 'hagen-haspe:flood', 'hagen-mitte:flood']);
    for (const l of diff.leadTimes) expect(l.leadMs).toBeGreaterThan(0);
    // The same lead shows as the raise of volme-eckesey moved earlier.
    const raise = diff.shifted.find((s) => s.subject === 'volme-eckesey' && s.kind === 'raised')!;
    expect(raise.shiftMs).toBe(-mitte.leadMs!);
    expect(result.base.summary[0]).toMatchObject({ ruleId: 'gauge-information-level', raises: 3, maxLevel: 3, firstRaisedAt: mitte.baseFirstRaisedAt! - 15 * MIN });
    expect(result.compare!.summary[0].firstRaisedAt).toBeLessThan(result.base.summary[0].firstRaisedAt!);
  });

  it('identical rule sets give identical alerts and an empty diff', () => {
    const result = runBacktest({ readings, rules: shipped, compareRules: structuredClone(shipped), catalogue, scorers: () => [] });
    expect(result.base.alertEvents.length).toBeGreaterThan(20);
    expect(result.compare!.alertEvents.map((e) => e.id)).toEqual(result.base.alertEvents.map((e) => e.id));
    expect(result.diff).toEqual({ gained: [], lost: [], shifted: [], leadTimes: [] });
  });

  it('replays in event-time order whatever the recording order', () => {
    const shuffled = [...readings].reverse();
    const a = runBacktest({ readings, rules: shipped, catalogue, scorers: () => [] });
    const b = runBacktest({ readings: shuffled, rules: shipped, catalogue, scorers: () => [] });
    expect(b.base.alertEvents.map((e) => e.id)).toEqual(a.base.alertEvents.map((e) => e.id));
    expect(a.from).toBe(T0);
  });

  it('steps event time between readings so a silent sensor fires; with stepping off it cannot', () => {
    const stepped = runBacktest({ readings, rules: [rule('silent-sensor')], catalogue, scorers: () => [] });
    const silent = stepped.base.alertEvents.filter((e) => e.subject === 'rain-dahl');
    // rain-dahl (every 5 min) stops after 3 h; 6 missed intervals later it is silent.
    expect(silent.map((e) => e.kind)).toEqual(['raised']);
    expect(silent[0].at).toBeGreaterThanOrEqual(T0 + 3 * HOUR - 5 * MIN + 30 * MIN);
    expect(silent[0].at).toBeLessThanOrEqual(T0 + 3 * HOUR + 30 * MIN + 30_000);
    const unstepped = runBacktest({ readings, rules: [rule('silent-sensor')], catalogue, scorers: () => [], advanceEveryMs: 0 });
    expect(unstepped.base.alertEvents.filter((e) => e.subject === 'rain-dahl')).toEqual([]);
  });

  it('counts readings the engine hands back', () => {
    const late = reading('volme-eckesey', 'water_level', T0 - HOUR, 100);
    const unknown = reading('nowhere', 'water_level', T0, 100);
    // Sorting puts the old reading first, so only lateness within the recording counts: none here.
    const result = runBacktest({ readings: [...readings, late, unknown], rules: shipped, catalogue, scorers: () => [] });
    expect(result.base.rejected).toEqual({ 'unknown-station': 1 });
  });
});

describe('diffAlertEvents', () => {
  const ev = floodEvent;

  it('pairs nearest in time first: an extra early episode is gained, the matching one is unchanged', () => {
    const base = [ev('raised', 1, T0 + 10 * HOUR), ev('cleared', 0, T0 + 12 * HOUR)];
    const compare = [ev('raised', 1, T0 + 8 * HOUR), ev('cleared', 0, T0 + 8.5 * HOUR), ev('raised', 1, T0 + 10 * HOUR), ev('cleared', 0, T0 + 12 * HOUR)];
    const d = diffAlertEvents(base, compare);
    expect(d.gained.map((e) => e.at)).toEqual([T0 + 8 * HOUR, T0 + 8.5 * HOUR]);
    expect(d.lost).toEqual([]);
    expect(d.shifted).toEqual([]);
    expect(d.leadTimes).toEqual([{ incidentKey: 'hagen-mitte:flood', baseFirstRaisedAt: T0 + 10 * HOUR, compareFirstRaisedAt: T0 + 8 * HOUR, leadMs: 2 * HOUR }]);
  });

  it('reports shifts, losses and incidents only one side raises; too far apart is lost plus gained', () => {
    const base = [ev('raised', 2, T0), ev('raised', 1, T0, 'volme-dahl'), ev('escalated', 3, T0 + HOUR)];
    const compare = [ev('raised', 2, T0 + 20 * MIN), ev('escalated', 3, T0 + 30 * HOUR)];
    const d = diffAlertEvents(base, compare);
    expect(d.shifted).toEqual([{ ruleId: 'r', subject: 'volme-eckesey', kind: 'raised', level: 2, baseAt: T0, compareAt: T0 + 20 * MIN, shiftMs: 20 * MIN }]);
    expect(d.lost.map((e) => e.id).sort()).toEqual([`r:volme-dahl:raised:1:${T0}`, `r:volme-eckesey:escalated:3:${T0 + HOUR}`]);
    expect(d.gained.map((e) => e.at)).toEqual([T0 + 30 * HOUR]);
    // First raise of the incident: T0 in base (both gauges), T0+20m in compare: 20 min lead lost.
    expect(d.leadTimes).toEqual([{ incidentKey: 'hagen-mitte:flood', baseFirstRaisedAt: T0, compareFirstRaisedAt: T0 + 20 * MIN, leadMs: -20 * MIN }]);
  });
});

describe('readRecordedReadings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-backtest-'));

  it('reads NDJSON with epoch or ISO times, skips blank lines and comments', async () => {
    const file = join(dir, 'ok.ndjson');
    const a = reading('volme-eckesey', 'water_level', T0, 250);
    writeFileSync(file, `# recorded\n${JSON.stringify(a)}\n\n${JSON.stringify({ stationId: 'rain-mitte', quantity: 'rain', value: 1.5, observedAt: new Date(T0 + MIN).toISOString() })}\n`);
    const list = await readRecordedReadings(file);
    expect(list[0]).toEqual(a);
    expect(list[1]).toMatchObject({ id: `rain-mitte/rain/${T0 + MIN}`, observedAt: T0 + MIN, unit: 'mm', quality: 'good', source: 'replay' });
  });

  it('names the line of a broken record', async () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, `${JSON.stringify(reading('volme-eckesey', 'water_level', T0, 250))}\n{"stationId":"x","quantity":"lava","value":1,"observedAt":1}\n`);
    await expect(readRecordedReadings(file)).rejects.toThrow(/bad\.ndjson:2: unknown quantity "lava"/);
  });
});

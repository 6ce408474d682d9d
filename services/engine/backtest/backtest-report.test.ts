import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOUR, MIN, T0, hagenCatalogue, reading } from '../core/test-support/hagen';
import { floodStream } from '../live/test-support/flood-stream';
import { loadRuleDirectory } from '../rules/loader';
import { alertEpisodes } from './alert-episodes';
import { readRecordedReadings, runBacktest } from './backtest';
import { renderHtmlReport } from './html-report';
import { floodEvent } from './test-support/alert-event';
import { warningLeadTimes } from './warning-lead-times';

const catalogue = hagenCatalogue();
const rules = loadRuleDirectory(join(__dirname, '../../../rules'), catalogue).rules;

const ev = floodEvent;

describe('alertEpisodes', () => {
  it('folds raise, escalation, de-escalation and clear into one episode per firing; an open one stays open', () => {
    const eps = alertEpisodes([
      ev('raised', 1, T0),
      ev('escalated', 3, T0 + HOUR),
      ev('deescalated', 2, T0 + 2 * HOUR),
      ev('cleared', 0, T0 + 3 * HOUR),
      ev('raised', 1, T0 + 5 * HOUR),
      ev('raised', 2, T0 + 30 * MIN, 'volme-dahl'),
    ]);
    expect(eps.map((e) => [e.subject, e.maxLevel, e.raisedAt, e.clearedAt])).toEqual([
      ['volme-eckesey', 3, T0, T0 + 3 * HOUR],
      ['volme-dahl', 2, T0 + 30 * MIN, null],
      ['volme-eckesey', 1, T0 + 5 * HOUR, null],
    ]);
    expect(eps[0].levelReachedAt).toEqual({ 1: T0, 3: T0 + HOUR, 2: T0 + 2 * HOUR });
  });
});

describe('warningLeadTimes', () => {
  const levels = catalogue.station('volme-eckesey')!.warningLevels!;

  it('measures from the first warning of that level or higher to the first reading at the level', () => {
    const readings = [
      reading('volme-eckesey', 'water_level', T0, levels.level1 - 50),
      reading('volme-eckesey', 'water_level', T0 + HOUR, levels.level1 + 1),
      reading('volme-eckesey', 'water_level', T0 + 2 * HOUR, levels.level2),
      // A bad reading above level 3 does not count as reaching it.
      { ...reading('volme-eckesey', 'water_level', T0 + 2 * HOUR + MIN, levels.level3 + 100), quality: 'bad' as const },
    ];
    const events = [ev('raised', 2, T0 + 30 * MIN, 'hagen-mitte', 'rapid-rise'), ev('raised', 1, T0 + HOUR + 15 * MIN)];
    const leads = warningLeadTimes(readings, events, catalogue);
    expect(leads).toEqual([
      { stationId: 'volme-eckesey', level: 1, threshold: levels.level1, reachedAt: T0 + HOUR, warnedAt: T0 + 30 * MIN, ruleId: 'rapid-rise', leadMs: 30 * MIN },
      { stationId: 'volme-eckesey', level: 2, threshold: levels.level2, reachedAt: T0 + 2 * HOUR, warnedAt: T0 + 30 * MIN, ruleId: 'rapid-rise', leadMs: 90 * MIN },
    ]);
  });

  it('a warning only after the level was reached has a negative lead; none at all is null', () => {
    const readings = [reading('volme-eckesey', 'water_level', T0, levels.level2 + 5)];
    expect(warningLeadTimes(readings, [ev('raised', 1, T0 + 15 * MIN)], catalogue).map((l) => [l.level, l.leadMs])).toEqual([
      [1, -15 * MIN],
      [2, null],
    ]);
  });

  it('on the shipped rules and the flood afternoon, every information level the Volme reached has a warning', () => {
    const readings = floodStream();
    const result = runBacktest({ readings, rules, catalogue, scorers: () => [] });
    const leads = warningLeadTimes(readings, result.base.alertEvents, catalogue).filter((l) => l.stationId === 'volme-eckesey');
    expect(leads.map((l) => l.level)).toEqual([1, 2, 3]);
    for (const l of leads) expect(l.warnedAt).not.toBeNull();
  });
});

describe('renderHtmlReport', () => {
  it('draws one timeline per station series with the gauge levels and the alert bands, escaping text', () => {
    const readings = floodStream();
    const result = runBacktest({ readings, rules, compareRules: rules, catalogue, scorers: () => [] });
    const html = renderHtmlReport({ result, readings, catalogue, leadTimes: warningLeadTimes(readings, result.base.alertEvents, catalogue), rulesLabel: 'rules<&>', compareLabel: 'other' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('rules&lt;&amp;&gt;');
    const series = new Set(readings.map((r) => `${r.stationId}/${r.quantity}`));
    expect((html.match(/<svg /g) ?? []).length).toBe(series.size);
    expect(html).toContain(`Stufe 3: ${catalogue.station('volme-eckesey')!.warningLevels!.level3} cm`);
    // Both runs fire, so every alert episode appears as a band in the rules row and the compare row.
    expect((html.match(/<title>gauge-information-level level 3/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/<script/);
  });
});

describe('readRecordedReadings (CSV)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-csv-'));

  it('reads a header row and epoch or ISO times', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(file, `stationId,quantity,value,observedAt,unit\nvolme-eckesey,water_level,250,${T0},cm\n"rain-mitte",rain,1.5,${new Date(T0 + MIN).toISOString()},mm\n`);
    const list = await readRecordedReadings(file);
    expect(list).toEqual([{ ...reading('volme-eckesey', 'water_level', T0, 250), source: 'replay' }, expect.objectContaining({ stationId: 'rain-mitte', value: 1.5, observedAt: T0 + MIN })]);
    expect(list[0]).toMatchObject({ source: 'replay', quality: 'good' });
  });

  it('names a missing column and a short row', async () => {
    const noValue = join(dir, 'a.csv');
    writeFileSync(noValue, 'stationId,quantity,observedAt\nx,rain,1\n');
    await expect(readRecordedReadings(noValue)).rejects.toThrow(/a\.csv:1: the CSV header must name value/);
    const short = join(dir, 'b.csv');
    writeFileSync(short, 'stationId,quantity,value,observedAt\nvolme-eckesey,water_level,250\n');
    await expect(readRecordedReadings(short)).rejects.toThrow(/b\.csv:2: 3 cells, the header has 4/);
    const empty = join(dir, 'c.csv');
    writeFileSync(empty, 'stationId,quantity,value,observedAt\nvolme-eckesey,water_level,,1\n');
    await expect(readRecordedReadings(empty)).rejects.toThrow(/c\.csv:2: value must be a finite number/);
  });
});

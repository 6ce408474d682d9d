import * as path from 'node:path';
import { CatalogueIndex } from '../core/catalogue/catalogue';
import { loadCatalogue } from '../core/catalogue/load-catalogue';
import type { AlertEvent } from '../core/model/alert-event';
import { runBacktest } from '../engine/backtest/backtest';
import { defaultScorers } from '../engine/live/default-scorers';
import { loadRuleDirectory } from '../engine/rules/loader';
import { faultsScenario } from './faults-scenario';
import { floodScenario } from './flood-scenario';

/** The shipped rules/ and catalogue, run as `fruehwarn backtest` runs them. */
const RULES = path.join(__dirname, '..', '..', 'rules');
const catalogue = new CatalogueIndex(loadCatalogue(path.join(RULES, 'catalogue.yaml')));
const { rules, errors } = loadRuleDirectory(RULES, catalogue);
const FROM = Date.parse('2021-07-13T22:00:00Z');

function backtest(readings: ReturnType<typeof floodScenario>['readings']): AlertEvent[] {
  return runBacktest({ readings, rules, catalogue, scorers: defaultScorers(catalogue), allowedLatenessMs: 10 * 60_000, advanceEveryMs: 30_000, status: 'Exercise' }).base.alertEvents;
}

describe('flood scenario through the backtester with the shipped rules', () => {
  const flood = floodScenario({ seed: 7, from: FROM, catalogue });
  const events = backtest(flood.readings);
  const gaugeEvents = (stationId: string) => events.filter((e) => e.ruleId === 'gauge-information-level' && e.subject === stationId);

  it('loads the rules without errors', () => {
    expect(errors).toEqual([]);
  });

  it.each(['volme-eckesey', 'volme-dahl'])('raises a flood alert at %s that rises level by level to 3 and clears afterwards', (stationId) => {
    const mine = gaugeEvents(stationId);
    expect(mine[0].kind).toBe('raised');
    expect(mine[0].hazard).toBe('flood');
    expect(mine[0].areaId).toBe(catalogue.station(stationId)!.areaId);
    // Levels go 1 -> 2 -> 3 on the way up (never skipping), peak at 3.
    const rising = mine.filter((e) => e.kind === 'raised' || e.kind === 'escalated').map((e) => e.level);
    expect(rising).toEqual([1, 2, 3]);
    // ... and come down to a clear, which is the last event and lies after the peak.
    const last = mine[mine.length - 1];
    expect(last.kind).toBe('cleared');
    const peakAt = mine.find((e) => e.level === 3)!.at;
    expect(last.at).toBeGreaterThan(peakAt);
    expect(last.at).toBeLessThan(flood.to);
    // Level 3 is the rule's auto-release level.
    expect(mine.find((e) => e.level === 3)!.autoRelease).toBe(true);
  });

  it('warns on every gauge, warns of heavy rain, and of the fast rise on the Volme/Ennepe before level 1', () => {
    for (const g of ['ennepe-haspe', 'lenne-hohenlimburg', 'ruhr-hengstey']) expect(Math.max(...gaugeEvents(g).map((e) => e.level))).toBe(3);
    expect(events.some((e) => e.ruleId === 'heavy-rain' && e.kind === 'raised')).toBe(true);
    const rapid = events.find((e) => e.ruleId === 'volme-ennepe-rapid-rise' && e.kind === 'raised');
    expect(rapid).toBeDefined();
    expect(rapid!.at).toBeLessThanOrEqual(gaugeEvents('volme-eckesey')[0].at);
  });

  it('raises nothing for sensors (every station reports) and nothing for wildfire', () => {
    expect(events.filter((e) => e.hazard !== 'flood')).toEqual([]);
  });
});

describe('faults scenario through the backtester', () => {
  const events = backtest(faultsScenario({ seed: 5, from: FROM, catalogue }).readings);
  it('reports the silent rain gauge and the silent smoke detector to the duty officers', () => {
    const silent = events.filter((e) => e.hazard === 'sensor' && e.kind === 'raised');
    expect(silent.map((e) => `${e.ruleId}:${e.subject}`).sort()).toEqual(['silent-sensor:rain-haspe', 'silent-smoke-detector:smoke-eilpe-1']);
    expect(silent.every((e) => e.audience === 'officers')).toBe(true);
    // Both come back, so both clear.
    expect(events.filter((e) => e.hazard === 'sensor' && e.kind === 'cleared')).toHaveLength(2);
  });
});

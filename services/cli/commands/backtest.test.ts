import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../core/config/env';
import { floodStream } from '../../engine/live/test-support/flood-stream';
import { backtestCommand } from './backtest';

const RULES = join(__dirname, '../../../rules');

describe('fruehwarn backtest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-cli-backtest-'));
  const readingsFile = join(dir, 'readings.ndjson');
  writeFileSync(readingsFile, floodStream().map((r) => JSON.stringify(r)).join('\n') + '\n');
  const compareDir = mkdtempSync(join(tmpdir(), 'fw-cli-compare-'));
  const gauges = readFileSync(join(RULES, 'flood-gauges.yaml'), 'utf8');
  // Information level 1 lowered by 40 cm.
  writeFileSync(join(compareDir, 'flood-gauges.yaml'), gauges.replace('condition: { op: ">=", threshold: level1 }', 'condition: { op: ">=", threshold: level1, offset: -40 }'));

  const capture = () => {
    let text = '';
    return { out: { write: (t: string) => void (text += t) }, text: () => text };
  };

  it('prints per rule counts and first raise, and the difference with lead times', async () => {
    const c = capture();
    const result = await backtestCommand({ readings: readingsFile, rules: compareDir, compare: compareDir, catalogue: join(RULES, 'catalogue.yaml') }, c.out);
    expect(result.diff!.gained).toEqual([]);
    const c2 = capture();
    await backtestCommand({ readings: readingsFile, rules: RULES, compare: compareDir, catalogue: join(RULES, 'catalogue.yaml') }, c2.out);
    const text = c2.text();
    expect(text).toMatch(/^Backtest of 496 readings from 2024-06-01T00:00:00Z/);
    expect(text).toMatch(/gauge-information-level\s+\d+\s+3\s+3\s+2024-06-01T02:45:00Z/);
    expect(text).toMatch(/Difference \(compare relative to rules\): \d+ gained, \d+ lost, \d+ shifted/);
    // Compare holds only the gauge rules with level 1 lowered: Haspe warns 1h45 earlier.
    expect(text).toMatch(/hagen-haspe:flood\s+\+1h45min  \(rules 2024-06-01T02:00:00Z, compare 2024-06-01T00:15:00Z\)/);
    expect(text).toMatch(/~ 2024-06-01T03:00:00Z -> 2024-06-01T02:00:00Z \(-1h\)  gauge-information-level volme-eckesey raised level 1/);
    expect(c.text()).toContain('No difference');
  });

  it('lists the alert episodes and the lead time per gauge level, and writes the HTML report', async () => {
    const c = capture();
    const html = join(dir, 'report.html');
    const report = await backtestCommand({ readings: readingsFile, rules: RULES, html }, c.out);
    const text = c.text();
    expect(text).toContain('Alerts that would have fired:');
    expect(text).toMatch(/gauge-information-level\s+volme-eckesey\s+3\s+2024-06-01T\S+\s+2024-06-01T\S+/);
    expect(text).toMatch(/volme-eckesey\s+3\s+2024-06-01T\S+\s+2024-06-01T\S+\s+[+-]/);
    expect(report.warningLeadTimes.filter((l) => l.stationId === 'volme-eckesey').map((l) => l.level)).toEqual([1, 2, 3]);
    expect(text).toContain(`HTML report: ${html}`);
    expect(readFileSync(html, 'utf8')).toContain('<h2>Lead time before each information level was reached</h2>');
  });

  it('--json prints the whole result', async () => {
    const c = capture();
    await backtestCommand({ readings: readingsFile, rules: RULES, json: true }, c.out);
    const parsed = JSON.parse(c.text()) as { readings: number; base: { alertEvents: unknown[] }; diff: unknown };
    expect(parsed.readings).toBe(496);
    expect(parsed.base.alertEvents.length).toBeGreaterThan(20);
    expect(parsed.diff).toBeNull();
  });

  it('says what is missing', async () => {
    await expect(backtestCommand({}, capture().out)).rejects.toThrow(ConfigError);
    await expect(backtestCommand({ readings: join(dir, 'nope.ndjson'), rules: RULES }, capture().out)).rejects.toThrow(/cannot read the recorded readings/);
  });
});

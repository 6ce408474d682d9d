import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../core/config/env';
import { backtestCommand } from './backtest';
import { generateCommand } from './generate';

const RULES = join(__dirname, '../../../rules');
const CATALOGUE = join(RULES, 'catalogue.yaml');
const SAMPLE = join(__dirname, '../../../test/fixtures/flood-2021.ndjson');
const quiet = { write: () => undefined };

describe('fruehwarn generate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fw-cli-generate-'));

  it('writes NDJSON that the backtest command reads, and the backtest finds the Volme flood', async () => {
    const file = join(dir, 'flood.ndjson');
    await generateCommand({ scenario: 'flood', seed: '7', from: '2021-07-13T22:00:00Z', out: file, catalogue: CATALOGUE }, quiet);
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(JSON.parse(lines[0])).toMatchObject({ stationId: expect.any(String), quantity: expect.any(String), observedAt: Date.parse('2021-07-13T22:00:00Z') });
    const result = await backtestCommand({ readings: file, rules: RULES, catalogue: CATALOGUE }, quiet);
    expect(result.readings).toBe(lines.length);
    const gauge = result.base.summary.find((s) => s.ruleId === 'gauge-information-level')!;
    expect(gauge.maxLevel).toBe(3);
  });

  it('is deterministic: the same flags write the same bytes', async () => {
    const a = join(dir, 'a.ndjson');
    const b = join(dir, 'b.ndjson');
    await generateCommand({ scenario: 'faults', seed: '3', out: a, catalogue: CATALOGUE }, quiet);
    await generateCommand({ scenario: 'faults', seed: '3', out: b, catalogue: CATALOGUE }, quiet);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
  });

  it('plays `all` back to back and rejects unknown scenarios and bad seeds with a configuration error', async () => {
    const scenarios = await generateCommand({ scenario: 'all', seed: '1', out: join(dir, 'all.ndjson'), catalogue: CATALOGUE }, quiet);
    expect(scenarios.map((s) => s.name)).toEqual(['flood', 'fire', 'faults']);
    expect(scenarios[1].from).toBe(scenarios[0].to);
    await expect(generateCommand({ scenario: 'tsunami' }, quiet)).rejects.toBeInstanceOf(ConfigError);
    await expect(generateCommand({ scenario: 'flood', seed: 'x' }, quiet)).rejects.toBeInstanceOf(ConfigError);
  });

  it('the shipped sample is the flood scenario with seed 7 (regenerate with the command in its first line) and stays small', async () => {
    const sample = readFileSync(SAMPLE, 'utf8');
    const fresh = join(dir, 'sample.ndjson');
    await generateCommand({ scenario: 'flood', seed: '7', from: '2021-07-13T22:00:00Z', out: fresh, catalogue: CATALOGUE }, quiet);
    expect(readFileSync(fresh, 'utf8')).toBe(sample);
    expect(statSync(SAMPLE).size).toBeLessThan(2 * 1024 * 1024);
  });
});

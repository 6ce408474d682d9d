import * as fs from 'node:fs';
import * as path from 'node:path';
import { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadCatalogue } from '../../core/catalogue/load-catalogue';
import { ConfigError } from '../../core/config/env';
import { generateSequence } from '../../scenario/generate-scenario';
import { toNdjson } from '../../scenario/ndjson';
import { SCENARIO_NAMES, type Scenario, type ScenarioName } from '../../scenario/scenario';

export interface GenerateCommandOutput {
  write(text: string): void;
}

/**
 * `fruehwarn generate --scenario flood|fire|faults|all [--seed N] [--from ISO] [--out FILE]
 * [--catalogue FILE]`: writes a seeded scenario as NDJSON readings (stdout without --out), ready
 * for `fruehwarn backtest --readings FILE`. `all` plays flood, fire and faults back to back.
 */
export async function generateCommand(flags: Record<string, string | boolean>, out: GenerateCommandOutput = { write: (t) => void process.stdout.write(t) }): Promise<Scenario[]> {
  const scenarioFlag = typeof flags.scenario === 'string' ? flags.scenario : 'flood';
  const names: ScenarioName[] =
    scenarioFlag === 'all' ? [...SCENARIO_NAMES] : (SCENARIO_NAMES as readonly string[]).includes(scenarioFlag) ? [scenarioFlag as ScenarioName] : [];
  if (names.length === 0) throw new ConfigError(`--scenario is "${scenarioFlag}"; expected one of ${SCENARIO_NAMES.join(', ')} or all.`);
  const seedText = typeof flags.seed === 'string' ? flags.seed : '1';
  if (!/^\d{1,9}$/.test(seedText)) throw new ConfigError(`--seed is "${seedText}"; expected a whole number 0-999999999.`);
  const fromText = typeof flags.from === 'string' ? flags.from : '2021-07-13T22:00:00Z';
  const from = Date.parse(fromText);
  if (!Number.isFinite(from)) throw new ConfigError(`--from is "${fromText}"; expected an ISO 8601 time such as 2021-07-13T22:00:00Z.`);
  const catalogueFile = path.resolve(typeof flags.catalogue === 'string' ? flags.catalogue : (process.env.FRUEHWARN_CATALOGUE ?? './rules/catalogue.yaml'));
  const catalogue = new CatalogueIndex(loadCatalogue(catalogueFile));

  const scenarios = generateSequence(names, { seed: Number(seedText), from, catalogue });
  const readings = scenarios.flatMap((s) => s.readings);
  const header = [
    `fruehwarn generate --scenario ${scenarioFlag} --seed ${seedText} --from ${new Date(from).toISOString()}`,
    ...scenarios.flatMap((s) => [`${s.name}: ${new Date(s.from).toISOString()} to ${new Date(s.to).toISOString()}, ${s.readings.length} readings`, ...s.marks.map((m) => `  ${new Date(m.at).toISOString()} ${m.label}${m.value !== undefined ? ` (${m.value})` : ''}`)]),
  ];
  const text = toNdjson(readings, header);
  if (typeof flags.out === 'string') {
    fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
    fs.writeFileSync(flags.out, text);
    out.write(`wrote ${readings.length} readings (${scenarios.map((s) => s.name).join(', ')}) to ${flags.out}\n`);
  } else out.write(text);
  return scenarios;
}

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hagenCatalogue } from '../core/test-support/hagen';
import { loadRuleDirectory, loadRuleText } from './loader';

const RULES_DIR = join(__dirname, '../../../rules');

const good = `rules:
  - id: gauge-high
    description: test
    hazard: flood
    appliesTo: { selector: { kind: river_gauge, quantity: water_level } }
    window: { size: 30m, aggregate: last }
    level: 1
    condition: { op: ">=", threshold: level1 }
    for: 15m
`;

describe('rule loader', () => {
  it('loads every shipped rule file without errors against the Hagen catalogue', () => {
    const res = loadRuleDirectory(RULES_DIR, hagenCatalogue());
    expect(res.errors).toEqual([]);
    const ids = res.rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['gauge-information-level', 'volme-ennepe-rapid-rise', 'heavy-rain', 'rain-on-saturated-soil', 'wildfire-danger', 'smoke-detected', 'silent-gauge']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('normalises durations, defaults and the single-level form', () => {
    const { rules, errors } = loadRuleText(good, 'x.yaml');
    expect(errors).toEqual([]);
    const r = rules[0];
    expect(r.levels).toHaveLength(1);
    expect(r.levels[0].forMs).toBe(15 * 60_000);
    expect(r.levels[0].condition).toMatchObject({ type: 'metric', quantity: 'water_level', threshold: 'level1', offset: 0, stations: 'any' });
    expect(r.audience).toBe('public');
    expect(r.source).toEqual({ file: 'x.yaml', line: 2 });
  });

  it('names file, line and field of a schema error', () => {
    const bad = good.replace('op: ">="', 'op: "=>"');
    const { rules, errors } = loadRuleText(bad, 'flood.yaml');
    expect(rules).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'flood.yaml', line: 8, field: 'rules[0].condition.op', ruleId: 'gauge-high' });
    expect(errors[0].message).toMatch(/>=/);
  });

  it('reports an unknown field at its line', () => {
    const bad = good.replace('    for: 15m', '    for: 15m\n    forr: 10m');
    const { errors } = loadRuleText(bad, 'f.yaml');
    expect(errors).toEqual([expect.objectContaining({ line: 10, field: 'rules[0].forr', message: 'unknown field "forr"' })]);
  });

  it('reports a bad duration and a missing quantity with their fields', () => {
    const badDuration = good.replace('for: 15m', 'for: 15 minutes');
    expect(loadRuleText(badDuration, 'f.yaml').errors[0]).toMatchObject({ field: 'rules[0].for', line: 9 });
    const noQuantity = good.replace('selector: { kind: river_gauge, quantity: water_level }', 'selector: { kind: river_gauge }');
    expect(loadRuleText(noQuantity, 'f.yaml').errors[0]).toMatchObject({ field: 'rules[0].condition.quantity', line: 8 });
  });

  it('keeps the good rules of a file with one bad rule', () => {
    const two = good + good.replace('rules:\n', '').replace('gauge-high', 'gauge-bad').replace('hazard: flood', 'hazard: tsunami');
    const { rules, errors } = loadRuleText(two, 'f.yaml');
    expect(rules.map((r) => r.id)).toEqual(['gauge-high']);
    expect(errors).toEqual([expect.objectContaining({ ruleId: 'gauge-bad', field: 'rules[1].hazard', line: 12 })]);
  });

  it('reports YAML syntax errors with a line and loads nothing from that file', () => {
    const { rules, errors } = loadRuleText('rules:\n  - id: [unclosed\n', 'broken.yaml');
    expect(rules).toEqual([]);
    expect(errors[0].file).toBe('broken.yaml');
    expect(errors[0].line).toBeGreaterThan(0);
  });

  it('a bad file does not take the rule set down; duplicates and unknown stations are reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'a.yaml'), good);
    writeFileSync(join(dir, 'b.yaml'), 'rules: [ {');
    writeFileSync(join(dir, 'c.yaml'), good); // duplicate id
    writeFileSync(join(dir, 'd.yaml'), good.replace('gauge-high', 'gauge-x').replace('appliesTo: { selector: { kind: river_gauge, quantity: water_level } }', 'appliesTo: { stations: [nope] }').replace('{ op:', '{ quantity: water_level, op:'));
    writeFileSync(join(dir, 'catalogue.yaml'), 'areas: []\nstations: []\n');
    const res = loadRuleDirectory(dir, hagenCatalogue());
    expect(res.rules.map((r) => r.id)).toEqual(['gauge-high']);
    const byFile = Object.fromEntries(res.errors.map((e) => [e.file, e]));
    expect(Object.keys(byFile).sort()).toEqual(['b.yaml', 'c.yaml', 'd.yaml']);
    expect(byFile['c.yaml'].message).toMatch(/duplicate rule id/);
    expect(byFile['d.yaml']).toMatchObject({ field: 'rules[0].appliesTo.stations[0]', line: 5 });
  });

  it('the schema file is valid JSON with the rule definitions', () => {
    const schema = JSON.parse(readFileSync(join(RULES_DIR, 'rules.schema.json'), 'utf8'));
    expect(schema.definitions.rule.required).toEqual(['id', 'description', 'hazard']);
  });
});

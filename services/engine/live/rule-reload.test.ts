import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { hagenCatalogue } from '../core/test-support/hagen';
import { loadRuleText } from '../rules/loader';
import { mergeReload } from './rule-reload';

const catalogue = hagenCatalogue();
const text = readFileSync(join(__dirname, '../../../rules/flood-gauges.yaml'), 'utf8');
const good = loadRuleText(text, 'flood-gauges.yaml', catalogue);

describe('mergeReload', () => {
  it('keeps the last good version of a rule that now fails, takes the others as loaded', () => {
    const broken = loadRuleText(text.replace('for: 15m', 'for: soon'), 'flood-gauges.yaml', catalogue);
    expect(broken.rules.map((r) => r.id)).toEqual(['volme-ennepe-rapid-rise']);
    const { rules, kept } = mergeReload(good.rules, broken);
    expect(kept).toEqual(['gauge-information-level']);
    expect(rules.map((r) => r.id).sort()).toEqual(['gauge-information-level', 'volme-ennepe-rapid-rise']);
  });

  it('keeps every rule of a file that no longer parses; drops rules deleted from a good file', () => {
    const unparsable = loadRuleText('rules: [ {', 'flood-gauges.yaml', catalogue);
    expect(mergeReload(good.rules, unparsable).rules.map((r) => r.id).sort()).toEqual(['gauge-information-level', 'volme-ennepe-rapid-rise']);
    const onlyOne = { rules: good.rules.filter((r) => r.id === 'volme-ennepe-rapid-rise'), errors: [] };
    expect(mergeReload(good.rules, onlyOne).rules.map((r) => r.id)).toEqual(['volme-ennepe-rapid-rise']);
  });
});

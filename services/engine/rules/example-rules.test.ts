import * as path from 'node:path';
import { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadCatalogue } from '../../core/catalogue/load-catalogue';
import { loadRuleDirectory } from './loader';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('the shipped example rules', () => {
  it('load without errors against the shipped catalogue', () => {
    const catalogue = new CatalogueIndex(loadCatalogue(path.join(ROOT, 'rules', 'catalogue.yaml')));
    const result = loadRuleDirectory(path.join(ROOT, 'rules'), catalogue);
    expect(result.errors).toEqual([]);
    expect(result.rules.length).toBeGreaterThanOrEqual(8);
  });
});

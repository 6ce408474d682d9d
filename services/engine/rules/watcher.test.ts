import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from './loader';
import { watchRuleDirectory } from './watcher';

const rule = (id: string) => `rules:
  - id: ${id}
    description: test
    hazard: flood
    appliesTo: { selector: { kind: river_gauge, quantity: water_level } }
    window: { size: 30m, aggregate: last }
    level: 1
    condition: { op: ">=", threshold: level1 }
`;

describe('watchRuleDirectory', () => {
  it('reloads once per burst of writes and reports good rules with errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-watch-'));
    writeFileSync(join(dir, 'a.yaml'), rule('a'));
    const reloads: LoadResult[] = [];
    const w = watchRuleDirectory(dir, (r) => reloads.push(r), { debounceMs: 100 });
    try {
      writeFileSync(join(dir, 'b.yaml'), rule('b'));
      writeFileSync(join(dir, 'c.yaml'), 'rules: [');
      writeFileSync(join(dir, 'b.yaml'), rule('b2'));
      await new Promise((r) => setTimeout(r, 600));
      expect(reloads).toHaveLength(1);
      expect(reloads[0].rules.map((r) => r.id)).toEqual(['a', 'b2']);
      expect(reloads[0].errors.map((e) => e.file)).toEqual(['c.yaml']);
    } finally {
      w.close();
    }
  });
});

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The checkout's root, from source (ts-jest) and from dist/ (benchmarks) alike. */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'schemas'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No checkout root above ${__dirname}`);
  }
}

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { STARTED_MARKER } from './global-setup';

/** Stops Kafka and the registry only if global setup started them (a developer's running services stay). */
export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(STARTED_MARKER)) return;
  fs.rmSync(STARTED_MARKER);
  spawnSync('bash', [path.join(__dirname, 'services.sh'), 'stop'], { stdio: 'inherit' });
}

/**
 * Jest global teardown of the "integration" project: stop what global-setup.ts started in this
 * run, and nothing else (a developer's own services keep running). If another jest run on this
 * checkout is still alive, it inherits the services instead, so a parallel run does not lose its
 * broker halfway through.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LEASE_DIR, leaseFile } from './global-setup';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lease files of other jest runs that are still running; stale ones are removed. */
function otherLiveLeases(): string[] {
  const live: string[] = [];
  for (const name of fs.existsSync(LEASE_DIR) ? fs.readdirSync(LEASE_DIR) : []) {
    const match = /^(\d+)\.lease$/.exec(name);
    if (!match || Number(match[1]) === process.pid) continue;
    if (alive(Number(match[1]))) live.push(path.join(LEASE_DIR, name));
    else fs.rmSync(path.join(LEASE_DIR, name), { force: true });
  }
  return live;
}

export default async function globalTeardown(): Promise<void> {
  const own = leaseFile();
  if (!fs.existsSync(own)) return;
  const started = fs.readFileSync(own, 'utf8').split('\n').filter(Boolean);
  fs.rmSync(own, { force: true });
  if (started.length === 0) return;
  const heir = otherLiveLeases()[0];
  if (heir) {
    fs.appendFileSync(heir, started.map((s) => `${s}\n`).join(''));
    process.stderr.write(`integration: leaving ${started.join(', ')} running for jest process ${path.basename(heir, '.lease')}\n`);
    return;
  }
  spawnSync('bash', [path.join(__dirname, 'services.sh'), 'stop', ...started], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
}

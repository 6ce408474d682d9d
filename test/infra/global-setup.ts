/**
 * Jest global setup of the integration project: reach the real services, starting Kafka and
 * the schema registry (test/infra/services.sh) when nothing answers, and export their
 * addresses for the suites (see integration.ts). What this setup started, teardown stops.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
export const STARTED_MARKER = path.join(ROOT, '.cache', 'services', 'run', 'started-by-jest');

function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function hostPort(value: string, fallbackPort: number): [string, number] {
  const u = value.includes('://') ? new URL(value) : new URL(`tcp://${value.split(',')[0]}`);
  return [u.hostname, Number(u.port || fallbackPort)];
}

export default async function globalSetup(): Promise<void> {
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  process.env.SCHEMA_REGISTRY_URL ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.MQTT_URL ??= 'mqtt://127.0.0.1:1883';
  const targets: Record<string, [string, number]> = {
    kafka: hostPort(process.env.KAFKA_BROKERS, 9092),
    registry: hostPort(process.env.SCHEMA_REGISTRY_URL, 8081),
    redis: hostPort(process.env.REDIS_URL, 6379),
    mqtt: hostPort(process.env.MQTT_URL, 1883),
  };
  const probe = async () => {
    const down: string[] = [];
    for (const [name, [host, port]] of Object.entries(targets)) if (!(await reachable(host, port))) down.push(name);
    return down;
  };
  let down = await probe();
  if (down.length > 0 && process.env.FRUEHWARN_TEST_AUTOSTART !== 'false') {
    process.stderr.write(`\nintegration: starting services (${down.join(', ')} not reachable) with test/infra/services.sh ...\n`);
    const r = spawnSync('bash', [path.join(ROOT, 'test', 'infra', 'services.sh'), 'start'], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 10 * 60_000 });
    if (r.status === 0 && (down.includes('kafka') || down.includes('registry'))) {
      fs.mkdirSync(path.dirname(STARTED_MARKER), { recursive: true });
      fs.writeFileSync(STARTED_MARKER, 'jest\n');
    }
    down = await probe();
  }
  const reasons: Record<string, string> = {};
  for (const name of down) reasons[name] = `nothing answers on ${targets[name][0]}:${targets[name][1]}`;
  process.env.FRUEHWARN_TEST_UNAVAILABLE = down.join(',');
  process.env.FRUEHWARN_TEST_UNAVAILABLE_REASONS = JSON.stringify(reasons);
}

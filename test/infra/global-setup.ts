// Minimal probe; extended by the services setup (see services.sh).
import * as net from 'node:net';

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

export default async function globalSetup(): Promise<void> {
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  process.env.SCHEMA_REGISTRY_URL ??= 'http://127.0.0.1:8081/apis/ccompat/v7';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  process.env.MQTT_URL ??= 'mqtt://127.0.0.1:1883';
  const unavailable: string[] = [];
  const reasons: Record<string, string> = {};
  const checks: [string, number][] = [['kafka', 9092], ['registry', 8081], ['redis', 6379], ['mqtt', 1883]];
  for (const [name, port] of checks) {
    if (!(await reachable('127.0.0.1', port))) {
      unavailable.push(name);
      reasons[name] = `nothing answers on 127.0.0.1:${port}`;
    }
  }
  process.env.FRUEHWARN_TEST_UNAVAILABLE = unavailable.join(',');
  process.env.FRUEHWARN_TEST_UNAVAILABLE_REASONS = JSON.stringify(reasons);
}

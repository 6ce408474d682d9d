/**
 * Jest global setup of the "integration" project: reach the real services, starting them with
 * test/infra/services.sh when Kafka or the schema registry do not answer (unless
 * FRUEHWARN_TEST_AUTOSTART=false), and export their addresses for the suites (integration.ts):
 *   KAFKA_BROKERS, SCHEMA_REGISTRY_URL, REDIS_URL, MQTT_URL (kept when already set),
 *   FRUEHWARN_TEST_UNAVAILABLE (comma list) and FRUEHWARN_TEST_UNAVAILABLE_REASONS (JSON).
 * What this run started is written to a lease file under .cache so that global-teardown.ts
 * stops exactly that, and only once no other jest run on this checkout still uses it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import Redis from 'ioredis';
import type { RealService } from './integration';

const ROOT = path.join(__dirname, '..', '..');
const SERVICES_SH = path.join(ROOT, 'test', 'infra', 'services.sh');
/** One lease file per jest process: `<pid>.lease`, listing the services that run started. */
export const LEASE_DIR = path.join(process.env.SERVICES_DIR ?? path.join(ROOT, '.cache', 'services'), 'run', 'jest');

export function leaseFile(pid = process.pid): string {
  return path.join(LEASE_DIR, `${pid}.lease`);
}

export const DEFAULT_ADDRESSES = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  SCHEMA_REGISTRY_URL: 'http://127.0.0.1:8081/apis/ccompat/v7',
  REDIS_URL: 'redis://127.0.0.1:6379',
  MQTT_URL: 'mqtt://127.0.0.1:1883',
} as const;

type Probe = () => Promise<string | undefined>; // undefined when the service answers, else why not

function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (why: string | undefined) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer on ${host}:${port} within ${timeoutMs} ms`));
    socket.once('connect', () => done(undefined));
    socket.once('error', (err) => done(`${host}:${port}: ${err.message}`));
  });
}

function hostPort(value: string, fallbackPort: number): [string, number] {
  const u = value.includes('://') ? new URL(value) : new URL(`tcp://${value}`);
  return [u.hostname, Number(u.port || fallbackPort)];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

const probeKafka: Probe = async () => {
  const brokers = process.env.KAFKA_BROKERS!.split(',').map((b) => b.trim());
  const tcp = await tcpReachable(...address('kafka'));
  if (tcp) return tcp;
  // An open port comes before the broker serves requests; metadata proves it does.
  const admin = new Kafka({
    clientId: 'fruehwarn-test-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 1 },
  }).admin();
  try {
    await admin.connect();
    const { brokers: found } = await admin.describeCluster();
    return found.length > 0 ? undefined : 'describeCluster returned no brokers';
  } catch (err) {
    return `describeCluster failed: ${message(err)}`;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
};

const probeRegistry: Probe = async () => {
  const url = `${process.env.SCHEMA_REGISTRY_URL!.replace(/\/+$/, '')}/subjects`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    await res.arrayBuffer();
    return res.status === 200 ? undefined : `GET ${url} answered ${res.status}`;
  } catch (err) {
    return `GET ${url} failed: ${message((err as { cause?: unknown }).cause ?? err)}`;
  }
};

const probeRedis: Probe = async () => {
  const redis = new Redis(process.env.REDIS_URL!, {
    lazyConnect: true,
    connectTimeout: 1500,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // reported through the rejected connect/ping instead
  try {
    await redis.connect();
    const pong = await redis.ping();
    return pong === 'PONG' ? undefined : `PING answered ${pong}`;
  } catch (err) {
    return `PING failed: ${message(err)}`;
  } finally {
    redis.disconnect();
  }
};

const probeMqtt: Probe = () => tcpReachable(...address('mqtt'));

const PROBES: Record<RealService, Probe> = { kafka: probeKafka, registry: probeRegistry, redis: probeRedis, mqtt: probeMqtt };

async function probeAll(): Promise<Map<RealService, string>> {
  const names = Object.keys(PROBES) as RealService[];
  const results = await Promise.all(names.map((n) => PROBES[n]()));
  const down = new Map<RealService, string>();
  names.forEach((n, i) => {
    if (results[i] !== undefined) down.set(n, results[i]!);
  });
  return down;
}

const ADDRESS_OF: Record<RealService, keyof typeof DEFAULT_ADDRESSES> = {
  kafka: 'KAFKA_BROKERS',
  registry: 'SCHEMA_REGISTRY_URL',
  redis: 'REDIS_URL',
  mqtt: 'MQTT_URL',
};
const DEFAULT_PORT: Record<RealService, number> = { kafka: 9092, registry: 8081, redis: 6379, mqtt: 1883 };
/** The port variable services.sh reads for each service. */
const PORT_VARIABLE: Record<RealService, string> = { kafka: 'KAFKA_PORT', registry: 'REGISTRY_PORT', redis: 'REDIS_PORT', mqtt: 'MQTT_PORT' };

function address(service: RealService): [string, number] {
  return hostPort(process.env[ADDRESS_OF[service]]!.split(',')[0], DEFAULT_PORT[service]);
}

/** services.sh starts services on this machine only. */
function startable(service: RealService): boolean {
  return ['127.0.0.1', 'localhost'].includes(address(service)[0]);
}

function startServices(): RealService[] {
  const launchedFile = path.join(LEASE_DIR, `${process.pid}.launched`);
  fs.mkdirSync(LEASE_DIR, { recursive: true });
  fs.rmSync(launchedFile, { force: true });
  const t0 = Date.now();
  const run = spawnSync('bash', [SERVICES_SH, 'start'], {
    cwd: ROOT,
    // stdout too goes to stderr: jest's own output stays on stdout.
    stdio: ['ignore', process.stderr, process.stderr],
    env: {
      ...Object.fromEntries((Object.keys(PORT_VARIABLE) as RealService[]).map((s) => [PORT_VARIABLE[s], String(address(s)[1])])),
      ...process.env,
      SERVICES_LAUNCHED_FILE: launchedFile,
    },
    timeout: 10 * 60_000,
  });
  const launched = fs.existsSync(launchedFile)
    ? (fs.readFileSync(launchedFile, 'utf8').split('\n').filter(Boolean) as RealService[])
    : [];
  fs.rmSync(launchedFile, { force: true });
  process.stderr.write(
    `integration: services.sh start ${run.status === 0 ? 'finished' : `failed (${run.error?.message ?? `exit ${run.status}`})`} ` +
      `in ${((Date.now() - t0) / 1000).toFixed(1)} s; launched: ${launched.join(', ') || 'nothing'}\n`,
  );
  return launched;
}

/**
 * The Kafka jars are needed even when a broker already runs (another checkout's, a developer's):
 * the resilience suites start private brokers from them. Fetching is a no-op once cached.
 */
function fetchServiceJars(): void {
  const t0 = Date.now();
  const run = spawnSync('bash', [SERVICES_SH, 'fetch'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], env: process.env, timeout: 10 * 60_000 });
  if (run.status !== 0 || Date.now() - t0 > 1000) {
    process.stderr.write(`integration: services.sh fetch ${run.status === 0 ? 'finished' : `failed (${run.error?.message ?? `exit ${run.status}`})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}

export default async function globalSetup(): Promise<void> {
  for (const [key, value] of Object.entries(DEFAULT_ADDRESSES)) process.env[key] ||= value;
  if (process.env.FRUEHWARN_TEST_AUTOSTART !== 'false') fetchServiceJars();

  let down = await probeAll();
  let launched: RealService[] = [];
  const wanted = (['kafka', 'registry'] as RealService[]).some((s) => down.has(s) && startable(s));
  if (wanted && process.env.FRUEHWARN_TEST_AUTOSTART !== 'false') {
    process.stderr.write(`\nintegration: not reachable: ${[...down.keys()].join(', ')}; starting test/infra/services.sh ...\n`);
    launched = startServices();
    // services.sh waits for readiness; the grace here covers a broker still electing its controller.
    const deadline = Date.now() + 20_000;
    do {
      down = await probeAll();
      if (!down.has('kafka') && !down.has('registry')) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
  } else if (wanted) {
    process.stderr.write('\nintegration: FRUEHWARN_TEST_AUTOSTART=false, not starting services.\n');
  }
  fs.mkdirSync(LEASE_DIR, { recursive: true });
  fs.writeFileSync(leaseFile(), launched.map((s) => `${s}\n`).join(''));

  if (down.size > 0) {
    const lines = [...down].map(([s, why]) => `  ${s}: ${why}`).join('\n');
    process.stderr.write(`integration: unavailable (suites needing them ${process.env.CI === 'true' ? 'fail' : 'are skipped'}):\n${lines}\n`);
  }
  process.env.FRUEHWARN_TEST_UNAVAILABLE = [...down.keys()].join(',');
  process.env.FRUEHWARN_TEST_UNAVAILABLE_REASONS = JSON.stringify(Object.fromEntries(down));
}

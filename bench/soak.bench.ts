/**
 * Soak: the whole pipeline (engine, alerts, notify, feed in one `fruehwarn run` child process
 * on Kafka and Redis, loopback only) fed at a target rate of readings for a given time.
 * Reports the achieved rate, consumer lag of the engine (max and at the end), p99 latency from
 * publishing a reading to the alert event it caused (alert-events.v1) and to the revision
 * (alerts.v1), RSS and heap of the service process over time, and errors.
 *
 * By default a private Kafka broker and redis-server are started (test/resilience/support): the
 * topic names are fixed, and 10,000 readings/s on the shared broker would land in other
 * people's tests. SOAK_KAFKA_BROKERS / SOAK_REDIS_URL use existing ones instead.
 *
 * Readings: a city-scale network of synthetic stations (soak-network.ts, 2,000 by default) in
 * the example districts, each reporting once a minute of event time, with a flood wave every
 * 12 h of event time in another district; event time runs as fast as the rate demands (300 ×
 * at 10,000/s), so rules fire, incidents open, escalate and clear, public alerts are
 * auto-released and notify pushes them to subscriptions on a local push endpoint.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus } from '../services/core/bus/kafka/kafka-bus';
import { defaultTopicSpecs, Topics } from '../services/core/bus/topics';
import { AvroCodec } from '../services/core/codec/avro-codec';
import type { Alert } from '../services/core/model/alert';
import type { AlertEvent } from '../services/core/model/alert-event';
import type { SensorReading } from '../services/core/model/reading';
import { silentLogger } from '../services/core/observability/logger';
import { startPushEndpoint, subscriberKeys, type SubscriberKeys } from '../test/support/push-endpoint';
import { freePort, sleep } from '../test/resilience/support/free-port';
import { PrivateKafka } from '../test/resilience/support/private-kafka';
import { PrivateRedis } from '../test/resilience/support/private-redis';
import { soakNetwork } from './soak-network';

export interface SoakOptions {
  seconds: number;
  targetPerSecond: number;
  subscriptions?: number;
  /** Synthetic stations reporting once a minute of event time (soak-network.ts), default 2,000. */
  stations?: number;
}

export interface SoakResult {
  seconds: number;
  target: number;
  published: number;
  publishedPerSecond: number;
  consumed: number;
  consumedPerSecond: number;
  lagMax: number;
  lagEnd: number;
  /** Time after the load stopped until the engine had consumed everything (null: not within 60 s). */
  drainSeconds: number | null;
  alertEvents: number;
  alerts: number;
  pushes: number;
  p50EventMs: number | null;
  p99EventMs: number | null;
  p99AlertMs: number | null;
  rssStartMb: number;
  rssEndMb: number;
  rssMaxMb: number;
  heapStartMb: number;
  heapEndMb: number;
  errors: number;
  warnings: number;
  publishFailures: number;
  /** The most frequent error and warning messages of the service process, with counts. */
  topMessages: string[];
  brokers: string;
  stations: number;
  /** Longest event-loop stall of the service process seen by its metrics (seconds). */
  eventLoopLagMaxS: number;
  /** Hours of event time the run covered. */
  eventHours: number;
}

const ROOT = path.join(__dirname, '..', '..');

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Metrics of the service process; a busy process may answer late, so this waits up to 30 s. */
async function scrape(url: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

const sum = (m: Map<string, number>, prefix: string) => [...m].filter(([k]) => k.startsWith(prefix)).reduce((n, [, v]) => n + v, 0);

function topMessages(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) {
    const m = /"level":"(error|warn)".*?"msg":"([^"]{0,120})/.exec(l);
    if (m) counts.set(`${m[1]}: ${m[2]}`, (counts.get(`${m[1]}: ${m[2]}`) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([m, n]) => `${n} × ${m}`);
}

export async function benchSoak(options: SoakOptions, log: (s: string) => void = () => undefined): Promise<SoakResult> {
  const ownKafka = process.env.SOAK_KAFKA_BROKERS ? null : await PrivateKafka.start();
  const ownRedis = process.env.SOAK_REDIS_URL ? null : await PrivateRedis.start();
  const brokers = process.env.SOAK_KAFKA_BROKERS ?? ownKafka!.brokers;
  const redisUrl = process.env.SOAK_REDIS_URL ?? ownRedis!.url;
  const bus = new KafkaBus({ brokers: brokers.split(','), clientId: 'soak', logger: silentLogger });
  await bus.createTopics(defaultTopicSpecs());
  const codec = new AvroCodec();

  const keys = new Map<string, SubscriberKeys>();
  const push = await startPushEndpoint({ keysFor: (p) => keys.get(p), sampleEvery: 100 });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0Event = Date.UTC(2025, 6, 1);
  const network = soakNetwork({ stations: options.stations, t0: t0Event });
  const catalogueFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fruehwarn-soak-')), 'catalogue.json');
  fs.writeFileSync(catalogueFile, JSON.stringify(network.catalogue)); // JSON is YAML
  let output = '';
  // SOAK_NODE_FLAGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/soak-profile", profiles the service process.
  const nodeFlags = (process.env.SOAK_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, path.join(ROOT, 'bin', 'fruehwarn.js'), 'run'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      FRUEHWARN_SERVICES: 'engine,alerts,notify,feed',
      FRUEHWARN_BUS: 'kafka',
      KAFKA_BROKERS: brokers,
      FRUEHWARN_STORE: 'redis',
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `soak-${randomBytes(3).toString('hex')}:`,
      FRUEHWARN_DATA_DIR: 'none',
      FRUEHWARN_CATALOGUE: catalogueFile,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
      ENGINE_WATCH_RULES: 'false',
      ALERTS_OFFICER_AUTH: 'header',
      NOTIFY_PUSH_THREADS: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // SOAK_SERVICE_LOG keeps the service process's whole output in a file, for diagnosis.
  const serviceLog = process.env.SOAK_SERVICE_LOG ? fs.createWriteStream(process.env.SOAK_SERVICE_LOG) : null;
  child.stdout!.on('data', (d: Buffer) => ((output += d.toString()), serviceLog?.write(d)));
  child.stderr!.on('data', (d: Buffer) => ((output += d.toString()), serviceLog?.write(d)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  try {
    for (let t = Date.now(); ; await sleep(200)) {
      if (child.exitCode !== null) throw new Error(`services exited:\n${output.slice(-3000)}`);
      if (Date.now() - t > 60_000) throw new Error(`services not ready within 60 s:\n${output.slice(-3000)}`);
      const r = await fetch(`${url}/readyz`).catch(() => null);
      if (r?.status === 200) break;
    }
    for (let i = 0; i < (options.subscriptions ?? 50); i++) {
      const k = subscriberKeys();
      keys.set(`/s${i}`, k);
      await fetch(`${url}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: `${push.url}/s${i}`, keys: { p256dh: k.p256dh, auth: k.auth } }, place: { areaId: 'hagen-mitte' }, language: 'de' }) });
    }

    // Latency: wall time each event time was published, and when its alert event and revision arrived.
    const publishedAt = new Map<number, number>();
    const eventLatency: number[] = [];
    const alertLatency: number[] = [];
    let alertEvents = 0;
    let alerts = 0;
    const watcher = new Kafka({ clientId: 'soak-watch', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).consumer({ groupId: `soak-watch-${randomBytes(4).toString('hex')}`, maxWaitTimeInMs: 50 });
    await watcher.connect();
    await watcher.subscribe({ topics: [Topics.alertEvents, Topics.alerts], fromBeginning: false });
    await watcher.run({
      eachMessage: async ({ topic, message }) => {
        const now = Date.now();
        if (topic === Topics.alertEvents) {
          const e = await codec.decode<AlertEvent>('AlertEvent', message.value!);
          alertEvents++;
          const at = publishedAt.get(e.at);
          if (at !== undefined) eventLatency.push(now - at);
        } else {
          const a = await codec.decode<Alert>('Alert', message.value!);
          alerts++;
          const at = publishedAt.get(a.sent);
          if (at !== undefined) alertLatency.push(now - at);
        }
      },
    });

    const memory: { rss: number; heap: number }[] = [];
    let lagMax = 0;
    let loopLagMaxS = 0;
    const readingsConsumed = async () => sum(await scrape(url), 'fruehwarn_engine_readings_total');
    const lagNow = async () => sum(await scrape(url), 'fruehwarn_bus_consumer_lag{topic="readings.v1"');
    const sampleTimer = setInterval(() => {
      void scrape(url)
        .then((m) => {
          memory.push({ rss: m.get('process_resident_memory_bytes') ?? 0, heap: m.get('nodejs_heap_size_used_bytes') ?? 0 });
          loopLagMaxS = Math.max(loopLagMaxS, m.get('nodejs_eventloop_lag_max_seconds') ?? 0);
          lagMax = Math.max(lagMax, sum(m, 'fruehwarn_bus_consumer_lag{topic="readings.v1"'));
        })
        .catch(() => undefined);
    }, 2000);

    // Load: chunks every 50 ms, sized to the target rate; behind schedule, the next chunk is sent at once.
    const chunkMs = 50;
    const perChunk = Math.max(1, Math.round((options.targetPerSecond * chunkMs) / 1000));
    let published = 0;
    let publishFailures = 0;
    let eventTime = t0Event;
    let queue: SensorReading[] = [];
    const t0 = Date.now();
    const endAt = t0 + options.seconds * 1000;
    let lastReport = t0;
    // Record timestamps are publish time, not event time: event time lies in 2025 and runs 300 ×
    // ahead, and time-based retention would delete records stamped with it at once.
    while (Date.now() < endAt) {
      while (queue.length < perChunk) {
        queue = queue.concat(network.readingsAt(eventTime));
        eventTime += 60_000;
      }
      const chunk = queue.splice(0, perChunk);
      const now = Date.now();
      for (const r of chunk) if (!publishedAt.has(r.observedAt)) publishedAt.set(r.observedAt, now);
      try {
        await bus.publish(Topics.readings, await Promise.all(chunk.map(async (r) => ({ key: r.stationId, value: await codec.encode('SensorReading', r) }))));
        published += chunk.length;
      } catch {
        publishFailures++;
      }
      const due = t0 + (published / options.targetPerSecond) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(`  soak +${Math.round((lastReport - t0) / 1000)} s: published ${published}, engine lag ${await lagNow().catch(() => NaN)}`);
      }
    }
    const seconds = (Date.now() - t0) / 1000;
    const consumedAtEnd = await readingsConsumed();
    const lagEnd = await lagNow();
    lagMax = Math.max(lagMax, lagEnd);
    // Drain: how long until the engine has everything (bounded).
    let drainSeconds: number | null = null;
    for (const d0 = Date.now(); Date.now() - d0 < 60_000; await sleep(500)) {
      if ((await readingsConsumed()) >= published) {
        drainSeconds = (Date.now() - d0) / 1000;
        break;
      }
    }
    clearInterval(sampleTimer);
    await sleep(1000);
    await watcher.disconnect();
    const warmed = memory.slice(Math.min(memory.length - 1, 2));
    eventLatency.sort((a, b) => a - b);
    alertLatency.sort((a, b) => a - b);
    const mb = (b: number) => b / 2 ** 20;
    const lines = output.split('\n');
    return {
      seconds,
      target: options.targetPerSecond,
      published,
      publishedPerSecond: published / seconds,
      consumed: consumedAtEnd,
      consumedPerSecond: consumedAtEnd / seconds,
      lagMax,
      lagEnd,
      drainSeconds,
      alertEvents,
      alerts,
      pushes: push.received,
      p50EventMs: percentile(eventLatency, 50),
      p99EventMs: percentile(eventLatency, 99),
      p99AlertMs: percentile(alertLatency, 99),
      rssStartMb: mb(warmed[0]?.rss ?? 0),
      rssEndMb: mb(memory[memory.length - 1]?.rss ?? 0),
      rssMaxMb: mb(Math.max(0, ...memory.map((m) => m.rss))),
      heapStartMb: mb(warmed[0]?.heap ?? 0),
      heapEndMb: mb(memory[memory.length - 1]?.heap ?? 0),
      errors: lines.filter((l) => l.includes('"level":"error"')).length,
      warnings: lines.filter((l) => l.includes('"level":"warn"')).length,
      publishFailures,
      topMessages: topMessages(lines),
      brokers: ownKafka ? 'private broker' : brokers,
      stations: network.stations,
      eventLoopLagMaxS: loopLagMaxS,
      eventHours: (eventTime - t0Event) / 3600_000,
    };
  } catch (err) {
    if (child.exitCode !== null) log(`service process exited with ${child.exitCode}; its last output:\n${output.slice(-4000)}`);
    throw err;
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    serviceLog?.end();
    await push.close();
    await bus.close();
    await ownKafka?.stop();
    await ownRedis?.stop();
    fs.rmSync(path.dirname(catalogueFile), { recursive: true, force: true });
  }
}

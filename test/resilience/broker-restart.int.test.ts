/**
 * The Kafka broker restarts while readings stream in: the engine and alerts (a child process,
 * `fruehwarn run --service engine,alerts`) lose the broker, report it in /readyz, reconnect on
 * their own and catch up. A private broker (same ports and data across the restart) so the
 * shared one on :9092 keeps serving other people's tests.
 *
 * Afterwards: every reading published is on readings.v1 and consumed by the engine (its
 * checkpoint is at the end offset), the alerts service has applied every alert event, and the
 * distinct alert events are those a backtest of the readings on the topic produces.
 */
import * as path from 'node:path';
import { KafkaBus } from '../../services/core/bus/kafka/kafka-bus';
import { Topics } from '../../services/core/bus/topics';
import { CatalogueIndex } from '../../services/core/catalogue/catalogue';
import { loadCatalogue } from '../../services/core/catalogue/load-catalogue';
import { AvroCodec } from '../../services/core/codec/avro-codec';
import type { AlertEvent } from '../../services/core/model/alert-event';
import type { SensorReading } from '../../services/core/model/reading';
import { runBacktest } from '../../services/engine/backtest/backtest';
import { defaultScorers } from '../../services/engine/live/default-scorers';
import { loadRuleDirectory } from '../../services/engine/rules/loader';
import { eventually } from '../infra/integration';
import { ROOT, runServices, type ServiceProcess } from './support/child-build';
import { plain, repeatedFloods } from './support/flood-replay';
import { freePort, sleep } from './support/free-port';
import { PrivateKafka } from './support/private-kafka';
import { PrivateRedis } from './support/private-redis';
import { PrivateStack } from './support/private-stack';
import { describeResilience } from './support/requirements';
import { readTopic, totalEnd } from './support/topic-reader';

const RULES = path.join(ROOT, 'rules');
const catalogue = new CatalogueIndex(loadCatalogue(path.join(RULES, 'catalogue.yaml')));

describeResilience('Kafka broker restarted under load (private broker, services in a child process)', () => {
  let stack: PrivateStack;
  let kafka: PrivateKafka;
  let redis: PrivateRedis;
  let bus: KafkaBus;
  const codec = new AvroCodec();
  let proc: ServiceProcess | null = null;

  beforeAll(async () => {
    stack = await PrivateStack.start();
    ({ kafka, redis, bus } = stack);
  }, 180_000);

  afterAll(async () => {
    if (proc) proc.child.kill('SIGKILL');
    await stack?.stop();
  }, 60_000);

  const consumedReadings = () => stack.consumedReadings();

  async function ready(port: number): Promise<{ status: number; checks: Record<string, { ok: boolean; detail?: string }> } | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
      return { status: res.status, checks: ((await res.json()) as { checks: Record<string, { ok: boolean; detail?: string }> }).checks };
    } catch {
      return null;
    }
  }

  it('reconnects and catches up without losing a reading or an alert event', async () => {
    const started = Date.now();
    const step = (what: string) => process.stderr.write(`broker restart +${((Date.now() - started) / 1000).toFixed(1)} s: ${what}\n`);
    const readings = repeatedFloods(10);
    const port = await freePort();
    proc = runServices({
      FRUEHWARN_SERVICES: 'engine,alerts',
      FRUEHWARN_BUS: 'kafka',
      KAFKA_BROKERS: kafka.brokers,
      FRUEHWARN_STORE: 'redis',
      REDIS_URL: redis.url,
      HTTP_PORT: String(port),
      ENGINE_TICK_SECONDS: '0',
      ALERTS_TICK_SECONDS: '0',
      ENGINE_WATCH_RULES: 'false',
      ENGINE_CHECKPOINT_EVERY: '100',
    });
    await eventually(async () => (await ready(port))?.status === 200, 30_000, 200);

    // A steady stream, 200 readings every 100 ms, by a publisher that retries a chunk until the broker takes it.
    let published = 0;
    let publishRetries = 0;
    const publisher = (async () => {
      for (let i = 0; i < readings.length; i += 200) {
        const chunk = await Promise.all(readings.slice(i, i + 200).map(async (r: SensorReading) => ({ key: r.stationId, value: await codec.encode('SensorReading', r), timestamp: r.observedAt })));
        for (;;) {
          try {
            await bus.publish(Topics.readings, chunk);
            break;
          } catch {
            publishRetries++;
            await sleep(500);
          }
        }
        published += chunk.length;
        await sleep(100);
      }
    })();

    // A third of the way in, the broker stops (controlled shutdown) and comes back on the same ports and data.
    await eventually(() => published >= readings.length / 3, 20_000, 20);
    const t0 = Date.now();
    step(`stopping the broker at ${published} published`);
    await kafka.halt('SIGTERM');
    step('broker stopped');
    // What /readyz says while the broker is away (a timeout counts as "no answer").
    const seen = new Map<string, number>();
    for (const until = Date.now() + 6000; Date.now() < until; ) {
      const r = await ready(port);
      const what = r ? `${r.status} bus=${r.checks.bus?.ok ? 'ok' : r.checks.bus?.detail}${Object.entries(r.checks).filter(([n, c]) => n !== 'bus' && !c.ok).map(([n, c]) => ` ${n}=${c.detail}`).join('')}` : 'no answer in 2 s';
      seen.set(what, (seen.get(what) ?? 0) + 1);
      await sleep(250);
    }
    step(`readyz while down: ${JSON.stringify([...seen])}`);
    await kafka.resume();
    step('broker back');
    const brokerBackMs = Date.now() - t0;
    await publisher;
    step(`published all (${publishRetries} retries)`);
    // The engine's position (in memory; checkpoints follow every 100 readings and at shutdown).
    const position = async () => ((await (await fetch(`http://127.0.0.1:${port}/api/v1/engine/state`, { signal: AbortSignal.timeout(2000) })).json()) as { partitions: { offset: number }[] }).partitions.reduce((n, p) => n + p.offset, 0);
    try {
      await eventually(async () => (await position()) === (await totalEnd(bus, Topics.readings)), 40_000, 200);
    } catch (err) {
      step(`engine at ${await position().catch((e: Error) => e.message)} of ${await totalEnd(bus, Topics.readings)}; child output:\n${proc.output().split('\n').filter((l) => !l.includes('ECONNREFUSED')).join('\n').slice(-6000)}`);
      throw err;
    }

    // Caught up: the engine's checkpoint at the end of readings.v1, the alerts group at the end of alert-events.v1, ready again.
    const caughtUpMs = Date.now() - t0;
    // End offsets read each time: the engine's in-memory position is ahead of its last publish
    // until that publish completes, so alert events may still arrive just after it caught up.
    await eventually(async () => {
      const ends = await bus.endOffsets(Topics.alertEvents);
      const committed = new Map((await bus.committedOffsets('alerts.events', Topics.alertEvents)).map((o) => [o.partition, o.offset]));
      return ends.every((e) => e.offset === 0 || committed.get(e.partition) === e.offset);
    }, 20_000, 200);
    await eventually(async () => (await ready(port))?.status === 200, 20_000, 200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    proc = null;
    // The shutdown checkpoint holds every reading.
    expect(await consumedReadings()).toBe(await totalEnd(bus, Topics.readings));

    // Every reading is on the topic (a retried chunk may be there twice; none is missing).
    const onTopic = (await readTopic<SensorReading>(kafka.brokers, bus, codec, Topics.readings)).map((r) => plain(r.value));
    expect(new Set(onTopic.map((r) => r.id))).toEqual(new Set(readings.map((r) => r.id)));

    // The alert events are what the same rules make of the readings on the topic.
    const expected = runBacktest({ readings: onTopic, rules: loadRuleDirectory(RULES, catalogue).rules, catalogue, scorers: defaultScorers(catalogue), advanceEveryMs: 0, status: 'Actual' }).base.alertEvents;
    expect(expected.length).toBeGreaterThan(5);
    const events = (await readTopic<AlertEvent>(kafka.brokers, bus, codec, Topics.alertEvents)).map((r) => r.value);
    expect([...new Set(events.map((e) => e.id))].sort()).toEqual(expected.map((e) => e.id).sort());

    process.stderr.write(
      `broker restart: ${readings.length} readings (${onTopic.length} on the topic, ${publishRetries} publish retries), broker back after ${brokerBackMs} ms, ` +
        `engine caught up ${caughtUpMs} ms after the stop, /readyz while down: ${JSON.stringify([...seen])}, ${new Set(events.map((e) => e.id)).size} distinct alert events (${events.length} on the topic)\n`,
    );
  }, 110_000);
});

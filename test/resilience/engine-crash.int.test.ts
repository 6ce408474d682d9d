/**
 * kill -9 of the engine and alerts process in the middle of a replay, then a restart, against a
 * real (private) Kafka broker and a real (private) Redis. The services run as a child process
 * (`fruehwarn run --service engine,alerts`), exactly as deployed.
 *
 * What must hold afterwards (the engine checkpoints state+offsets in one SET, then commits; the
 * alerts service saves book+outbox, then publishes, then commits):
 * - no reading lost: the engine's checkpoint has consumed every readings partition to its end;
 * - no alert event lost: the distinct alert event ids on alert-events.v1 are exactly those a
 *   backtest of the same readings through the same rules produces (replayed events after the
 *   crash may repeat on the topic with the same id; that is the design, and they are counted);
 * - no incident lost: every expected incident is in the alerts service's book and on alerts.v1;
 * - no duplicate message: every CAP identifier (incident, version) is on alerts.v1 exactly once,
 *   versions run 1..n without gaps, and no incident has two public "Alert" messages.
 */
import * as path from 'node:path';
import { KafkaBus } from '../../services/core/bus/kafka/kafka-bus';
import { Topics } from '../../services/core/bus/topics';
import { CatalogueIndex } from '../../services/core/catalogue/catalogue';
import { loadCatalogue } from '../../services/core/catalogue/load-catalogue';
import { AvroCodec } from '../../services/core/codec/avro-codec';
import type { Alert } from '../../services/core/model/alert';
import type { AlertEvent } from '../../services/core/model/alert-event';
import { IncidentBook } from '../../services/alerts/core/incident-book';
import { CapComposer } from '../../services/alerts/templates/cap-composer';
import { runBacktest } from '../../services/engine/backtest/backtest';
import { defaultScorers } from '../../services/engine/live/default-scorers';
import { loadRuleDirectory } from '../../services/engine/rules/loader';
import { eventually } from '../infra/integration';
import { ROOT, runServices, type ServiceProcess } from './support/child-build';
import { freePort, sleep } from './support/free-port';
import { PrivateKafka } from './support/private-kafka';
import { PrivateRedis } from './support/private-redis';
import { repeatedFloods, plain } from './support/flood-replay';
import { PrivateStack } from './support/private-stack';
import { describeResilience } from './support/requirements';
import { readTopic, repeated, totalEnd } from './support/topic-reader';

const RULES = path.join(ROOT, 'rules');
const catalogue = new CatalogueIndex(loadCatalogue(path.join(RULES, 'catalogue.yaml')));

interface EngineCheckpointOffsets {
  offsets: Record<string, number>;
}

describeResilience('engine and alerts killed with SIGKILL mid-replay, then restarted (private Kafka and Redis)', () => {
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

  it('loses no reading, alert event or incident and publishes no message twice', async () => {
    // Ten days of readings, a flood every twelve hours; all on the topic before the engine starts (a replay).
    const readings = repeatedFloods(20);
    for (let i = 0; i < readings.length; i += 2000) {
      await bus.publish(Topics.readings, await Promise.all(readings.slice(i, i + 2000).map(async (r) => ({ key: r.stationId, value: await codec.encode('SensorReading', r), timestamp: r.observedAt }))));
    }
    const total = readings.length;
    expect(await totalEnd(bus, Topics.readings)).toBe(total);

    const port = await freePort();
    const env = {
      FRUEHWARN_SERVICES: 'engine,alerts',
      FRUEHWARN_BUS: 'kafka',
      KAFKA_BROKERS: kafka.brokers,
      FRUEHWARN_STORE: 'redis',
      REDIS_URL: redis.url,
      HTTP_PORT: String(port),
      // Pure event time on both sides, so the result can be compared with a backtest.
      ENGINE_TICK_SECONDS: '0',
      ALERTS_TICK_SECONDS: '0',
      ENGINE_WATCH_RULES: 'false',
      // A checkpoint every 100 readings, however soon after the last: the kill must land mid-replay.
      ENGINE_CHECKPOINT_EVERY: '100',
      ENGINE_CHECKPOINT_MIN_INTERVAL_MS: '0',
      // The incident list is read with an X-Officer header (no console in this process).
      ALERTS_OFFICER_AUTH: 'header',
    };

    // First run: SIGKILL as soon as the engine has checkpointed part of the replay but not all of it.
    const t0 = Date.now();
    proc = runServices(env);
    let killedAt = 0;
    while (killedAt === 0) {
      if (proc.child.exitCode !== null) throw new Error(`services exited early:\n${proc.output()}`);
      if (Date.now() - t0 > 30_000) throw new Error(`no checkpoint within 30 s:\n${proc.output()}`);
      const done = await consumedReadings();
      if (done >= total) throw new Error('the engine finished before it could be killed; make the replay longer');
      if (done > 0) {
        // Then kill as soon as the next batch's alert events are on the topic: its checkpoint is due
        // right after, so the kill most likely lands between publishing and checkpointing (replay path).
        const before = await totalEnd(bus, Topics.alertEvents);
        const deadline = Date.now() + 5000;
        while ((await totalEnd(bus, Topics.alertEvents)) === before && Date.now() < deadline) await sleep(1);
        proc.child.kill('SIGKILL');
        await proc.exited;
        killedAt = await consumedReadings();
      } else await sleep(2);
    }
    await proc.exited;
    const eventsAtKill = await totalEnd(bus, Topics.alertEvents);
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(total);

    // Second run: same environment, same group ids, same store.
    proc = runServices(env);
    await eventually(async () => (await consumedReadings()) === total, 40_000, 100);
    // The alerts service has applied every alert event (its groups committed to the end).
    const ends = await bus.endOffsets(Topics.alertEvents);
    await eventually(async () => {
      const committed = new Map((await bus.committedOffsets('alerts.events', Topics.alertEvents)).map((o) => [o.partition, o.offset]));
      return ends.every((e) => e.offset === 0 || committed.get(e.partition) === e.offset);
    }, 20_000, 100);
    const restartLog = proc.output();
    const incidentsLive = (await (await fetch(`http://127.0.0.1:${port}/api/v1/incidents`, { headers: { 'x-officer': 'resilience-test' } })).json()) as { incidents: { id: string; state: string }[] };
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    proc = null;
    const seconds = (Date.now() - t0) / 1000;

    // No reading lost: the checkpoint holds every readings partition at its end offset.
    const checkpoint = JSON.parse((await stack.redisClient.get('engine:checkpoint'))!) as EngineCheckpointOffsets;
    for (const end of await bus.endOffsets(Topics.readings)) expect(checkpoint.offsets[String(end.partition)]).toBe(end.offset);

    // No alert event lost, none invented: the distinct ids are the backtest's.
    const expected = runBacktest({ readings, rules: loadRuleDirectory(RULES, catalogue).rules, catalogue, scorers: defaultScorers(catalogue), advanceEveryMs: 0, status: 'Actual' }).base.alertEvents;
    expect(expected.length).toBeGreaterThan(5);
    const events = (await readTopic<AlertEvent>(kafka.brokers, bus, codec, Topics.alertEvents)).map((r) => plain(r.value));
    const distinct = new Map(events.map((e) => [e.id, e]));
    expect([...distinct.keys()].sort()).toEqual(expected.map((e) => e.id).sort());
    for (const e of expected) expect(distinct.get(e.id)).toEqual(e);
    const replayedEvents = events.length - distinct.size;

    // No incident lost: the incidents a book builds from the expected events, in the live book and on alerts.v1.
    const book = new IncidentBook({ composer: new CapComposer({ catalogue, sender: 'fruehwarn@hagen.example', senderName: 'Stadt Hagen', web: null }) });
    for (const e of [...expected].sort((a, b) => a.at - b.at)) book.applyEvent(e);
    const expectedIncidents = book.incidents().map((i) => i.id).sort();
    expect(expectedIncidents.length).toBeGreaterThan(0);
    expect(incidentsLive.incidents.map((i) => i.id).sort()).toEqual(expectedIncidents);
    const alerts = (await readTopic<Alert>(kafka.brokers, bus, codec, Topics.alerts)).map((r) => r.value);
    expect([...new Set(alerts.map((a) => a.incidentId))].sort()).toEqual(expectedIncidents);

    // No message twice: identifiers unique, versions 1..n per incident, one public Alert per incident at most.
    expect([...repeated(alerts.map((a) => a.identifier))]).toEqual([]);
    for (const id of expectedIncidents) {
      const versions = alerts.filter((a) => a.incidentId === id).map((a) => a.version).sort((a, b) => a - b);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      expect(alerts.filter((a) => a.incidentId === id && a.scope === 'Public' && a.msgType === 'Alert').length).toBeLessThanOrEqual(1);
    }
    expect(alerts.some((a) => a.scope === 'Public')).toBe(true);

    process.stderr.write(
      `engine crash: ${total} readings, killed after ${killedAt} checkpointed (${eventsAtKill} alert events on the topic), ` +
        `${distinct.size} distinct alert events (${replayedEvents} replayed copies), ${expectedIncidents.length} incidents, ${alerts.length} revisions, ` +
        `outbox already published at restart: ${restartLog.includes('already published before a restart') ? 'yes (skipped)' : 'no'}, ${seconds.toFixed(1)} s\n`,
    );
  }, 90_000);
});

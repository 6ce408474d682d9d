import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedBus } from '../../core/bus/embedded/embedded-bus';
import { defaultTopicSpecs, Topics, type TopicName } from '../../core/bus/topics';
import { EventBus } from '../../core/bus/typed-bus';
import { JsonCodec } from '../../core/codec/json-codec';
import { Router } from '../../core/http/router';
import type { AlertEvent } from '../../core/model/alert-event';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { ManualClock } from '../../core/observability/clock';
import { HealthRegistry } from '../../core/observability/health';
import { silentLogger } from '../../core/observability/logger';
import { createMetrics, type Metrics } from '../../core/observability/metrics';
import { EmbeddedStore } from '../../core/store/embedded/embedded-store';
import { eventually } from '../../../test/infra/integration';
import { MIN, T0, hagenCatalogue, reading } from '../core/test-support/hagen';
import { CHECKPOINT_KEY, type EngineCheckpoint } from './checkpoint';
import { EngineWorker, type EngineWorkerOptions } from './engine-worker';
import { mountEngineRoutes } from './routes';
import { floodStream } from './test-support/flood-stream';

const RULES = join(__dirname, '../../../rules');
const catalogue = hagenCatalogue();
const GROUP = 'fruehwarn-engine';

interface Rig {
  bus: EmbeddedBus;
  events: EventBus;
  store: EmbeddedStore;
  clock: ManualClock;
  metrics: Metrics;
  health: HealthRegistry;
  workers: EngineWorker[];
}

function rig(): Rig {
  const bus = new EmbeddedBus();
  return {
    bus,
    events: new EventBus(bus, new JsonCodec()),
    store: new EmbeddedStore(),
    clock: new ManualClock(T0),
    metrics: createMetrics({ defaultMetrics: false }),
    health: new HealthRegistry(),
    workers: [],
  };
}

async function startWorker(r: Rig, opts: Partial<EngineWorkerOptions> = {}): Promise<EngineWorker> {
  const w = new EngineWorker(
    { events: r.events, store: r.store, logger: silentLogger, clock: r.clock, catalogue, metrics: r.metrics, health: r.health },
    { rulesDir: RULES, tickMs: 0, checkpointEvery: 1, allowedLatenessMs: 0, status: 'Exercise', alignIdleMs: 200, ...opts },
  );
  await w.start();
  r.workers.push(w);
  return w;
}

const publishReadings = (r: Rig, list: SensorReading[]) =>
  r.events.publish<SensorReading>(Topics.readings, list.map((x) => ({ key: x.stationId, value: x, timestamp: x.observedAt })));

/** Every record of a topic (or those after `from`, end offsets taken earlier), partition by partition. */
async function readAll<T>(r: Rig, topic: TopicName, from: Map<number, number> = new Map()): Promise<T[]> {
  const out: T[] = [];
  for (const end of await r.bus.endOffsets(topic)) {
    for (const m of await r.bus.read(topic, end.partition, from.get(end.partition) ?? 0, 100_000)) out.push(await r.events.codec.decode<T>('', m.value));
  }
  return out;
}

const endsOf = async (r: Rig, topic: TopicName) => new Map((await r.bus.endOffsets(topic)).map((o) => [o.partition, o.offset]));

/** Until the group's committed offsets reach the end of every readings partition. */
async function drained(r: Rig): Promise<void> {
  await eventually(async () => {
    const ends = await r.bus.endOffsets(Topics.readings);
    const committed = new Map((await r.bus.committedOffsets(GROUP, Topics.readings)).map((o) => [o.partition, o.offset]));
    return ends.every((e) => e.offset === 0 || committed.get(e.partition) === e.offset);
  });
}

/** Until the worker's state has consumed every readings partition to its end (commits may lag). */
async function consumed(r: Rig, w: EngineWorker): Promise<void> {
  await eventually(async () => {
    const ends = await r.bus.endOffsets(Topics.readings);
    const pos = new Map(w.stateView().partitions.map((p) => [p.partition, p.offset]));
    return ends.every((e) => e.offset === 0 || pos.get(e.partition) === e.offset);
  });
}

const ids = (events: AlertEvent[]) => events.map((e) => e.id).sort();

describe('EngineWorker on the embedded bus and store', () => {
  let rigs: Rig[] = [];
  const newRig = async () => {
    const r = rig();
    await r.bus.createTopics(defaultTopicSpecs());
    rigs.push(r);
    return r;
  };

  afterEach(async () => {
    for (const r of rigs) {
      for (const w of r.workers) await w.stop();
      await r.bus.close();
      await r.store.close();
    }
    rigs = [];
  });

  const stream = floodStream();

  it('turns readings into alert events and assessments keyed for the alerts service, checkpoint and commit agree', async () => {
    const r = await newRig();
    await startWorker(r);
    await publishReadings(r, stream);
    await drained(r);
    const events = await readAll<AlertEvent>(r, Topics.alertEvents);
    const kinds = new Set(events.map((e) => `${e.ruleId}:${e.subject}:${e.kind}:${e.level}`));
    expect(kinds).toContain('gauge-information-level:volme-eckesey:raised:1');
    expect(kinds).toContain('gauge-information-level:volme-eckesey:escalated:3');
    expect(kinds).toContain('volme-ennepe-rapid-rise:volme-ennepe-rapid-rise:raised:2');
    expect(kinds).toContain('heavy-rain:rain-mitte:escalated:4');
    expect(new Set(ids(events)).size).toBe(events.length);
    // Keyed by incident: every event of one incident sits on one partition, in event-time order.
    const byIncident = new Map<string, Set<number>>();
    for (const end of await r.bus.endOffsets(Topics.alertEvents)) {
      for (const m of await r.bus.read(Topics.alertEvents, end.partition, 0, 10_000)) {
        expect(m.key).toBe(((await r.events.codec.decode<AlertEvent>('', m.value)) as AlertEvent).incidentKey);
        byIncident.set(m.key!, (byIncident.get(m.key!) ?? new Set()).add(m.partition));
      }
    }
    for (const parts of byIncident.values()) expect(parts.size).toBe(1);

    const cp = JSON.parse((await r.store.get(CHECKPOINT_KEY))!) as EngineCheckpoint;
    const committed = await r.bus.committedOffsets(GROUP, Topics.readings);
    expect(Object.fromEntries(committed.map((o) => [String(o.partition), o.offset]))).toEqual(cp.offsets);
    expect(Object.values(cp.offsets).reduce((a, b) => a + b, 0)).toBe(stream.length);
    expect(cp.engine.now).toBe(stream[stream.length - 1].observedAt);
    expect(await r.health.readiness()).toMatchObject({ ready: true });
  });

  it('limits checkpoints to one per interval yet writes the last one without further readings', async () => {
    const r = await newRig();
    const saves: number[] = [];
    const set = r.store.set.bind(r.store);
    r.store.set = async (key, value, ...rest) => {
      if (key === CHECKPOINT_KEY) saves.push(Date.now());
      return set(key, value, ...rest);
    };
    await startWorker(r, { checkpointEvery: 1, checkpointMinIntervalMs: 300 });
    // Many small publishes: with a checkpoint per batch there would be one per publish.
    for (let i = 0; i < stream.length; i += 25) {
      await publishReadings(r, stream.slice(i, i + 25));
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The checkpoint reaches the end although nothing comes after the last reading.
    await eventually(async () => {
      const cp = await r.store.get(CHECKPOINT_KEY);
      return cp !== null && Object.values((JSON.parse(cp) as EngineCheckpoint).offsets).reduce((a, b) => a + b, 0) === stream.length;
    }, 10_000);
    for (let i = 1; i < saves.length; i++) expect(saves[i] - saves[i - 1]).toBeGreaterThanOrEqual(290);
    expect(saves.length).toBeLessThan(Math.ceil(stream.length / 25));
  });

  it('a restart mid-stream loses no alert event and emits none twice (same ids as an uninterrupted run)', async () => {
    const straight = await newRig();
    await startWorker(straight);
    await publishReadings(straight, stream);
    await drained(straight);
    const expected = ids(await readAll<AlertEvent>(straight, Topics.alertEvents));

    const r = await newRig();
    // Checkpoints every 37 records: the stop's final checkpoint must cover the rest.
    const first = await startWorker(r, { checkpointEvery: 37 });
    const cut = Math.floor(stream.length * 0.45);
    await publishReadings(r, stream.slice(0, cut));
    await eventually(async () => (await readAll<AlertEvent>(r, Topics.alertEvents)).length > 5);
    await first.stop();
    const second = await startWorker(r, { checkpointEvery: 37 });
    await publishReadings(r, stream.slice(cut));
    await consumed(r, second);
    const got = ids(await readAll<AlertEvent>(r, Topics.alertEvents));
    expect(got).toEqual(expected);
    expect(second.stateView().eventTime).toBe(stream[stream.length - 1].observedAt);
  });

  it('the checkpoint wins over a committed offset that ran ahead of it: replays, and repeats ids only', async () => {
    const r = await newRig();
    const w1 = await startWorker(r);
    const cut = 200;
    await publishReadings(r, stream.slice(0, cut));
    await drained(r);
    const older = (await r.store.get(CHECKPOINT_KEY))!;
    await publishReadings(r, stream.slice(cut, 350));
    await drained(r);
    await w1.stop();
    const before = await readAll<AlertEvent>(r, Topics.alertEvents);
    const mark = await endsOf(r, Topics.alertEvents);

    // The store comes back from an older snapshot; the bus kept its newer commit.
    await r.store.set(CHECKPOINT_KEY, older);
    await startWorker(r);
    await publishReadings(r, stream.slice(350));
    await drained(r);
    const after = await readAll<AlertEvent>(r, Topics.alertEvents);
    const replayed = await readAll<AlertEvent>(r, Topics.alertEvents, mark);
    // What was emitted twice came from the replay of readings 200..350 and carries the same ids.
    const beforeIds = new Set(before.map((e) => e.id));
    const repeats = replayed.filter((e) => beforeIds.has(e.id));
    expect(repeats.length).toBeGreaterThan(0);
    for (const e of repeats) expect(e.at).toBeGreaterThanOrEqual(stream[cut].observedAt);

    const straight = await newRig();
    await startWorker(straight);
    await publishReadings(straight, stream);
    await drained(straight);
    expect([...new Set(ids(after))]).toEqual(ids(await readAll<AlertEvent>(straight, Topics.alertEvents)));
  });

  it('sends a reading behind its station watermark to readings.dead.v1 as too-late and counts it', async () => {
    const r = await newRig();
    await startWorker(r, { allowedLatenessMs: 10 * MIN });
    const late = reading('volme-eckesey', 'water_level', T0 + 5 * MIN, 400);
    await publishReadings(r, [reading('volme-eckesey', 'water_level', T0 + 30 * MIN, 200), reading('volme-eckesey', 'water_level', T0 + 25 * MIN, 201)]);
    await publishReadings(r, [late, reading('nowhere', 'rain', T0, 1)]);
    await drained(r);
    const dead = await readAll<RejectedInput>(r, Topics.deadReadings);
    expect(dead.map((d) => [d.reason, d.stationId, d.source])).toEqual(
      expect.arrayContaining([
        ['too-late', 'volme-eckesey', 'engine'],
        ['unknown-station', 'nowhere', 'engine'],
      ]),
    );
    expect(dead).toHaveLength(2);
    const tooLate = dead.find((d) => d.reason === 'too-late')!;
    expect(JSON.parse(Buffer.from(tooLate.payload).toString('utf8'))).toEqual(late);
    const metric = await r.metrics.registry.getSingleMetric('fruehwarn_engine_late_readings_total')!.get();
    expect(metric.values.find((v) => v.labels.reason === 'too-late')?.value).toBe(1);
  });

  it('lets wall-clock time pass: a station that falls silent fires its silent rule without new readings', async () => {
    const r = await newRig();
    const w = await startWorker(r);
    await publishReadings(r, [reading('rain-mitte', 'rain', T0, 0), reading('rain-haspe', 'rain', T0, 0)]);
    await drained(r);
    r.clock.set(T0 + 20 * MIN);
    await w.tick();
    const silentAt = (list: AlertEvent[]) => list.filter((e) => e.ruleId === 'silent-sensor' && e.subject === 'rain-mitte');
    expect(silentAt(await readAll<AlertEvent>(r, Topics.alertEvents))).toEqual([]);
    // rain gauges report every 5 min; 6 missed intervals = 30 min.
    r.clock.set(T0 + 31 * MIN);
    await w.tick();
    const fired = silentAt(await readAll<AlertEvent>(r, Topics.alertEvents));
    expect(fired.map((e) => [e.kind, e.at])).toEqual([['raised', T0 + 31 * MIN]]);
    // Checkpointed at once: a restart does not raise it again.
    await w.stop();
    const w2 = await startWorker(r);
    await w2.tick();
    expect(silentAt(await readAll<AlertEvent>(r, Topics.alertEvents))).toHaveLength(1);
  });

  it('serves the rules with their load errors and per-station state; reloads rules on change and keeps the last good version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fw-rules-'));
    const gaugeYaml = readFileSync(join(RULES, 'flood-gauges.yaml'), 'utf8');
    writeFileSync(join(dir, 'flood-gauges.yaml'), gaugeYaml);
    const r = await newRig();
    const w = await startWorker(r, { rulesDir: dir, watchRules: true });
    const router = new Router();
    mountEngineRoutes(router, w);
    const server = http.createServer((req, res) => void router.handle(req, res).then((ok) => ok || res.writeHead(404).end()));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await publishReadings(r, [reading('volme-eckesey', 'water_level', T0, 260), reading('rain-mitte', 'rain', T0 + MIN, 1.5)]);
      await drained(r);
      const state = (await (await fetch(`${base}/api/v1/engine/state`)).json()) as ReturnType<EngineWorker['stateView']>;
      expect(state.eventTime).toBe(T0 + MIN);
      expect(state.stations.find((s) => s.stationId === 'volme-eckesey')).toMatchObject({ maxObservedAt: T0, watermark: T0, values: { water_level: { value: 260, observedAt: T0 } } });

      let rules = (await (await fetch(`${base}/api/v1/rules`)).json()) as { rules: { id: string }[]; errors: unknown[] };
      expect(rules.rules.map((x) => x.id).sort()).toEqual(['gauge-information-level', 'volme-ennepe-rapid-rise']);
      expect(rules.errors).toEqual([]);

      // A typo in one rule: reported with file and line, the rule keeps running in its last good version.
      writeFileSync(join(dir, 'flood-gauges.yaml'), gaugeYaml.replace('for: 15m', 'for: soon'));
      rules = await eventually(async () => {
        const body = (await (await fetch(`${base}/api/v1/rules`)).json()) as { rules: { id: string }[]; errors: { file: string; line: number; ruleId: string }[] };
        return body.errors.length > 0 ? body : null;
      });
      const errors = rules.errors as { file: string; line: number; ruleId: string }[];
      expect(errors[0]).toMatchObject({ file: 'flood-gauges.yaml', ruleId: 'gauge-information-level' });
      expect(errors[0].line).toBeGreaterThan(1);
      expect(rules.rules.map((x) => x.id).sort()).toEqual(['gauge-information-level', 'volme-ennepe-rapid-rise']);

      // A new rule file is picked up.
      writeFileSync(join(dir, 'sensors.yaml'), readFileSync(join(RULES, 'sensors.yaml'), 'utf8'));
      await eventually(async () => ((await (await fetch(`${base}/api/v1/rules`)).json()) as { rules: unknown[] }).rules.length > 2);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('merges partitions in event-time order: a backlog read in small batches gives the same alerts as one ordered pass', async () => {
    // The whole afternoon waits on the bus before the engine starts, and comes in batches of 20
    // per partition: without alignment one partition's batches would run hours ahead of another's.
    // A generous idle wait: on a loaded machine a partition's next batch can take longer than the
    // default 200 ms to arrive, and going ahead without it is exactly what this test must not see.
    const r = await newRig();
    await publishReadings(r, stream);
    await startWorker(r, { maxBatchSize: 20, alignIdleMs: 3000 });
    await drained(r);
    const straight = await newRig();
    await startWorker(straight, { alignIdleMs: 3000 });
    await publishReadings(straight, stream);
    await drained(straight);
    expect(ids(await readAll<AlertEvent>(r, Topics.alertEvents))).toEqual(ids(await readAll<AlertEvent>(straight, Topics.alertEvents)));
  });
});

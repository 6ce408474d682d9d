import { createHash } from 'node:crypto';
import mqtt from 'mqtt';
import type { Counter } from 'prom-client';
import { Topics } from '../../core/bus/topics';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { describeWith, env, eventually, uniqueName } from '../../../test/infra/integration';
import { startTestRuntime } from '../../../test/support/runtime-harness';
import { INGEST_READINGS_PATH } from '../http/ingest-routes';
import { ingestService } from '../service';
import { readTopic } from '../testing/topic-reader';
import { generateCorpus, type FuzzCorpus } from './hostile-inputs';

const SEED = 20240601;
const KEY = 'fuzz-key-0123456789abcdef';

function fingerprint(c: FuzzCorpus): string {
  const h = createHash('sha256');
  for (const r of c.http) {
    if (r.kind === 'batch') for (const i of r.items) h.update(i.raw);
    else h.update(r.body);
  }
  for (const m of c.mqtt) h.update(m.topic).update(m.payload);
  return h.digest('hex');
}

describe('fuzz corpus', () => {
  it('is deterministic for a seed and has 10,000 inputs', () => {
    const a = generateCorpus(SEED, 1_717_243_200_000);
    const b = generateCorpus(SEED, 1_717_243_200_000);
    expect(a.total).toBe(10_000);
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(generateCorpus(SEED + 1, 1_717_243_200_000))).not.toBe(fingerprint(a));
  });
});

describeWith(['mqtt'], 'ingest under 10,000 generated malformed, extreme and hostile inputs (HTTP and MQTT)', () => {
  it('never crashes, answers or dead-letters every input, and delivers every good reading', async () => {
    const started = Date.now();
    const corpus = generateCorpus(SEED, Date.now());
    const prefix = uniqueName('fuzz');
    const clientId = uniqueName('ingest-fuzz');
    const h = await startTestRuntime([ingestService], {
      env: {
        INGEST_API_KEYS: `fuzz=${KEY}`,
        INGEST_MQTT_URL: env('MQTT_URL'),
        INGEST_MQTT_CLIENT_ID: clientId,
        INGEST_MQTT_TOPICS: `${prefix}/application/+/device/+/event/up,${prefix}/v3/+/devices/+/up`,
      },
    });
    const publisher = await mqtt.connectAsync(env('MQTT_URL'), { clientId: uniqueName('fuzz-network-server'), clean: true });
    try {
      const counter = h.context.metrics.registry.getSingleMetric('fruehwarn_ingest_readings_total') as Counter;
      const mqttHandled = async () => (await counter.get()).values.filter((v) => String(v.labels.source).startsWith('mqtt:')).reduce((s, v) => s + v.value, 0);

      // MQTT: publish in chunks and let ingest catch up, so the broker's per-client queue never overflows.
      const mqttDone = (async () => {
        let units = 0;
        for (let i = 0; i < corpus.mqtt.length; i += 250) {
          const chunk = corpus.mqtt.slice(i, i + 250);
          await Promise.all(chunk.map((m) => publisher.publishAsync(`${prefix}/${m.topic}`, m.payload, { qos: 1 })));
          units += chunk.reduce((s, m) => s + Math.max(1, m.goodIds.length), 0);
          const target = units;
          await eventually(async () => (await mqttHandled()) >= target, 20_000, 20);
        }
      })();
      mqttDone.catch(() => undefined); // awaited below; do not let an early HTTP failure leave it unhandled

      // HTTP at the same time, one request after the other.
      let httpRejectedItems = 0;
      let httpWholeDeadLettered = 0;
      const goodIds = new Set<string>();
      const statuses = new Map<number, number>();
      for (const req of corpus.http) {
        const headers: Record<string, string> = { 'content-type': req.kind === 'batch' && req.format === 'ndjson' ? 'application/x-ndjson' : 'application/json' };
        const auth = req.kind === 'batch' ? 'valid' : req.auth;
        if (auth === 'valid') headers.authorization = `Bearer ${KEY}`;
        if (auth === 'wrong') headers.authorization = 'Bearer not-the-key-0123456789';
        const body = req.kind === 'batch' ? (req.format === 'json' ? Buffer.concat([Buffer.from('['), ...req.items.flatMap((it, i) => (i === 0 ? [it.raw] : [Buffer.from(','), it.raw])), Buffer.from(']')]) : Buffer.concat(req.items.flatMap((it) => [it.raw, Buffer.from('\n')]))) : req.body;
        const res = await fetch(h.url + INGEST_READINGS_PATH, { method: 'POST', headers, body: new Uint8Array(body) });
        const text = await res.text();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (req.kind === 'whole') {
          if (!req.expectStatus.includes(res.status)) throw new Error(`${req.label}: expected ${req.expectStatus.join('/')}, got ${res.status} ${text.slice(0, 200)}`);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          if (req.deadLettered) httpWholeDeadLettered++;
          continue;
        }
        if (![200, 207, 422].includes(res.status)) throw new Error(`batch answered ${res.status}: ${text.slice(0, 300)}`);
        const answer = JSON.parse(text) as { items: { index: number; status: string; id?: string; problem?: { reason: string } }[] };
        expect(answer.items).toHaveLength(req.items.length);
        req.items.forEach((item, i) => {
          const result = answer.items[i];
          if (item.good) {
            if (result.status !== 'accepted' || result.id !== item.good.id) throw new Error(`good item ${item.raw.toString()} answered ${JSON.stringify(result)}`);
            goodIds.add(item.good.id);
          } else {
            if (result.status !== 'rejected' || typeof result.problem?.reason !== 'string') throw new Error(`hostile item ${item.raw.toString('latin1').slice(0, 200)} answered ${JSON.stringify(result)}`);
            httpRejectedItems++;
          }
        });
      }
      await mqttDone;

      const expectedMqttIds = corpus.mqtt.flatMap((m) => m.goodIds);
      const hostileTopics = corpus.mqtt.filter((m) => m.goodIds.length === 0).map((m) => `mqtt:${prefix}/${m.topic}`);
      const readings = await readTopic<SensorReading>(h.bus, h.context.codec, Topics.readings);
      const dead = await readTopic<RejectedInput>(h.bus, h.context.codec, Topics.deadReadings);

      // Every good reading arrived, keyed by its station, and nothing else did.
      const readingIds = readings.map((r) => r.value.id);
      expect(new Set(readingIds)).toEqual(new Set([...goodIds, ...expectedMqttIds]));
      expect(readingIds).toHaveLength(goodIds.size + expectedMqttIds.length);
      expect(readings.every((r) => r.key === r.value.stationId)).toBe(true);

      // Every refused HTTP item and unreadable authenticated body has its dead letter.
      const httpDead = dead.filter((d) => d.value.source === 'http:fuzz');
      expect(httpDead).toHaveLength(httpRejectedItems + httpWholeDeadLettered);
      // Every hostile MQTT message has exactly one dead letter, named by its topic.
      const mqttDead = dead.filter((d) => d.value.source.startsWith('mqtt:')).map((d) => d.value.source);
      expect(mqttDead.sort()).toEqual([...hostileTopics].sort());
      expect(dead.every((d) => d.value.reason.length > 0 && d.value.detail.length > 0)).toBe(true);

      // Still alive and still taking readings.
      expect((await fetch(h.url + '/healthz')).status).toBe(200);
      const after = await fetch(h.url + INGEST_READINGS_PATH, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}` },
        body: JSON.stringify([{ stationId: 'ruhr-hengstey', quantity: 'water_level', value: 321, unit: 'cm', observedAt: Date.now() }]),
      });
      expect(after.status).toBe(200);

      const seconds = (Date.now() - started) / 1000;
      // eslint-disable-next-line no-console
      console.log(
        `fuzz: ${corpus.total} inputs in ${seconds.toFixed(1)} s; HTTP statuses ${JSON.stringify(Object.fromEntries(statuses))}; ` +
          `${readings.length} readings (${goodIds.size} HTTP, ${expectedMqttIds.length} MQTT), ${dead.length} dead letters (${httpDead.length} HTTP, ${mqttDead.length} MQTT)`,
      );
      expect(seconds).toBeLessThan(60);
    } finally {
      await publisher.endAsync();
      await h.stop();
      const cleanup = await mqtt.connectAsync(env('MQTT_URL'), { clientId, clean: true });
      await cleanup.endAsync();
    }
  }, 90_000);
});

import { EmbeddedBus } from '../../core/bus/embedded/embedded-bus';
import { Topics } from '../../core/bus/topics';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { startTestRuntime } from '../../../test/support/runtime-harness';
import { ingestService } from '../service';
import { GatedBus } from '../testing/gated-bus';
import { readTopic } from '../testing/topic-reader';
import { DEMO_API_KEY } from './api-keys';
import { INGEST_READINGS_PATH } from './ingest-routes';

type Harness = Awaited<ReturnType<typeof startTestRuntime>>;
const KEY = 'stadtwerke-key-0123456789';
const ENV = { INGEST_API_KEYS: `stadtwerke=${KEY},ruhrverband=ruhr-key-0123456789abc`, INGEST_MAX_BATCH: '5', INGEST_MAX_BODY_BYTES: '4096' };

function good(stationId: string, minutesAgo: number, value = 120): Record<string, unknown> {
  return { stationId, quantity: 'water_level', value, unit: 'cm', observedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString() };
}

async function post(h: Harness, body: string | Buffer, headers: Record<string, string> = { authorization: `Bearer ${KEY}` }): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(h.url + INGEST_READINGS_PATH, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}

describe('HTTP batch ingest', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startTestRuntime([ingestService], { env: ENV });
  });
  afterEach(async () => {
    await h.stop();
  });

  const readings = () => readTopic<SensorReading>(h.bus, h.context.codec, Topics.readings);
  const dead = () => readTopic<RejectedInput>(h.bus, h.context.codec, Topics.deadReadings);

  it('refuses requests without a valid key and publishes nothing', async () => {
    const body = JSON.stringify([good('volme-eckesey', 5)]);
    const none = await post(h, body, {});
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await post(h, body, { authorization: 'Bearer wrong-key-0123456789' })).status).toBe(401);
    expect((await post(h, body, { 'x-api-key': DEMO_API_KEY })).status).toBe(401); // not in demo mode
    expect(await readings()).toHaveLength(0);
    expect(await dead()).toHaveLength(0);
  });

  it('accepts the good items of a mixed batch and refuses the bad ones with reasons, each dead-lettered with its raw bytes', async () => {
    const badElement = '{"stationId": "volme-dahl", "value": }';
    const body = `[${JSON.stringify(good('volme-eckesey', 10))}, ${badElement}, ${JSON.stringify({ ...good('volme-dahl', 5), unit: 'furlong' })}, ${JSON.stringify(good('volme-dahl', 5, 150))}]`;
    const res = await post(h, body, { 'x-api-key': KEY });
    expect(res.status).toBe(207);
    expect(res.json).toMatchObject({ source: 'http:stadtwerke', accepted: 2, rejected: 2 });
    expect(res.json.items.map((i: any) => i.status)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
    expect(res.json.items[1].problem).toMatchObject({ status: 422, reason: 'invalid-json', type: expect.stringContaining('invalid-json') });
    expect(res.json.items[2].problem).toMatchObject({ status: 422, reason: 'unknown-unit', field: '/unit' });

    const published = await readings();
    expect(published.map((r) => [r.key, r.value.stationId, r.value.value, r.value.source])).toEqual(
      expect.arrayContaining([
        ['volme-eckesey', 'volme-eckesey', 120, 'http:stadtwerke'],
        ['volme-dahl', 'volme-dahl', 150, 'http:stadtwerke'],
      ]),
    );
    expect(published).toHaveLength(2);
    expect(published.map((r) => r.value.id)).toEqual(expect.arrayContaining(res.json.items.filter((i: any) => i.id).map((i: any) => i.id)));

    const letters = await dead();
    expect(letters).toHaveLength(2);
    const byReason = new Map(letters.map((l) => [l.value.reason, l.value]));
    expect(Buffer.from(byReason.get('invalid-json')!.payload).toString('utf8')).toBe(badElement);
    expect(byReason.get('unknown-unit')).toMatchObject({ source: 'http:stadtwerke', field: '/unit', stationId: 'volme-dahl' });
    expect(letters.every((l) => l.key === 'http:stadtwerke')).toBe(true);
  });

  it('takes NDJSON and refuses a line of invalid UTF-8 alone', async () => {
    const badLine = Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]); // {"\xc3(":1}
    const body = Buffer.concat([Buffer.from(JSON.stringify(good('ruhr-hengstey', 3)) + '\n'), badLine, Buffer.from('\n\n' + JSON.stringify(good('lenne-hohenlimburg', 3)) + '\n')]);
    const res = await post(h, body, { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(207);
    expect(res.json.items.map((i: any) => i.problem?.reason ?? i.status)).toEqual(['accepted', 'invalid-utf8', 'accepted']);
    const letters = await dead();
    expect(letters).toHaveLength(1);
    expect(Buffer.compare(Buffer.from(letters[0].value.payload), badLine)).toBe(0);
  });

  it('answers 422 when every item is refused, 413 for too many items or bytes, 400 (dead-lettered) for a body that is no batch', async () => {
    const allBad = await post(h, JSON.stringify([{ stationId: 'atlantis' }, 42]));
    expect(allBad.status).toBe(422);
    expect(allBad.json.items.map((i: any) => i.problem.reason)).toEqual(['unknown-station', 'not-an-object']);

    const tooMany = await post(h, JSON.stringify(Array.from({ length: 6 }, (_, i) => good('volme-eckesey', i))));
    expect(tooMany.status).toBe(413);
    expect(tooMany.json.type).toContain('batch-too-large');
    const tooBig = await post(h, JSON.stringify([{ pad: 'x'.repeat(5000) }]));
    expect(tooBig.status).toBe(413);

    const notABatch = await post(h, '"just a string"');
    expect(notABatch.status).toBe(400);
    expect(notABatch.headers.get('content-type')).toContain('application/problem+json');
    const letters = await dead();
    expect(letters.map((l) => l.value.reason).sort()).toEqual(['invalid-json', 'not-an-object', 'unknown-station']);
    expect(Buffer.from(letters.find((l) => l.value.reason === 'invalid-json')!.value.payload).toString()).toBe('"just a string"');
  });

  it('counts readings and refusals under the metric names the deploy checks', async () => {
    await post(h, JSON.stringify([good('volme-eckesey', 1), { ...good('volme-eckesey', 2), value: 'high' }]));
    const metrics = await (await fetch(h.url + '/metrics')).text();
    expect(metrics).toContain('fruehwarn_ingest_readings_total{source="http:stadtwerke",outcome="accepted"} 1');
    expect(metrics).toContain('fruehwarn_ingest_readings_total{source="http:stadtwerke",outcome="rejected"} 1');
    expect(metrics).toContain('fruehwarn_ingest_rejected_total{source="http:stadtwerke",reason="wrong-type"} 1');
  });
});

describe('HTTP ingest back-pressure', () => {
  it('answers 503 with Retry-After while the bus is slow instead of buffering, and accepts again afterwards', async () => {
    const bus = new GatedBus(new EmbeddedBus());
    const h = await startTestRuntime([ingestService], { bus, env: { ...ENV, INGEST_PUBLISH_TIMEOUT_MS: '200', INGEST_MAX_IN_FLIGHT: '3' } });
    try {
      bus.hold();
      // Times out waiting for the bus: 503, the publish stays in flight (2 records).
      const slow = await post(h, JSON.stringify([good('volme-eckesey', 1), good('volme-dahl', 1)]));
      expect(slow.status).toBe(503);
      expect(slow.headers.get('retry-after')).toBe('2');
      expect(slow.json).toMatchObject({ status: 503, type: expect.stringContaining('busy') });
      // Over the in-flight bound: refused at once, nothing more handed to the bus.
      const callsBefore = bus.publishCalls;
      const refused = await post(h, JSON.stringify([good('ennepe-haspe', 1), good('ruhr-hengstey', 1)]));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBeTruthy();
      expect(bus.publishCalls).toBe(callsBefore);

      bus.release();
      const again = await post(h, JSON.stringify([good('ennepe-haspe', 1)]));
      expect(again.status).toBe(200);
      const published = await readTopic<SensorReading>(bus, h.context.codec, Topics.readings);
      // The timed-out batch still arrived (ids make a client retry harmless); the refused one did not.
      expect(published.map((r) => r.value.stationId).sort()).toEqual(['ennepe-haspe', 'volme-dahl', 'volme-eckesey']);
      const metrics = await (await fetch(h.url + '/metrics')).text();
      expect(metrics).toMatch(/fruehwarn_ingest_busy_total\{source="http:stadtwerke"\} 2/);
    } finally {
      await h.stop();
    }
  });

  it('allows the documented demo key only in demo mode', async () => {
    const h = await startTestRuntime([ingestService], { env: { FRUEHWARN_DEMO: 'true' } });
    try {
      const res = await post(h, JSON.stringify([good('volme-eckesey', 1)]), { 'x-api-key': DEMO_API_KEY });
      expect(res.status).toBe(200);
      expect(res.json.source).toBe('http:demo');
    } finally {
      await h.stop();
    }
  });
});

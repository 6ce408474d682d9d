import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { EmbeddedBus } from '../../core/bus/embedded/embedded-bus';
import { defaultTopicSpecs, Topics } from '../../core/bus/topics';
import { EventBus } from '../../core/bus/typed-bus';
import { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadCatalogue } from '../../core/catalogue/load-catalogue';
import { AvroCodec } from '../../core/codec/avro-codec';
import type { SensorReading } from '../../core/model/reading';
import type { RejectedInput } from '../../core/model/rejected-input';
import { ManualClock } from '../../core/observability/clock';
import { silentLogger } from '../../core/observability/logger';
import { createMetrics } from '../../core/observability/metrics';
import { EmbeddedStore } from '../../core/store/embedded/embedded-store';
import { intakeMetrics } from '../intake/intake-metrics';
import { ReadingIntake } from '../intake/reading-intake';
import { readTopic } from '../testing/topic-reader';
import { ReadingValidator } from '../validation/reading-validator';
import { PegelonlinePoller, pollDelay } from './pegelonline-poller';

const ROOT = path.join(__dirname, '..', '..', '..');
const UUID = '7c7e1b3a-0000-4a5b-9c1d-5e6f7a8b9c0d';
const RECORDED: { timestamp: string; value: number }[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'w-measurements.json'), 'utf8'));

/** Serves recorded measurements in the API's shape, honouring `start`; can fail on demand. */
class FakePegelonline {
  measurements = RECORDED.slice(0, 8);
  failNext = 0;
  requests: { path: string; start: string | null; at: number }[] = [];
  private server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    this.requests.push({ path: url.pathname, start: url.searchParams.get('start'), at: Date.now() });
    if (this.failNext > 0) {
      this.failNext--;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
      return;
    }
    if (url.pathname !== `/webservices/rest-api/v2/stations/${UUID}/W/measurements.json`) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404,"message":"Station not found"}');
      return;
    }
    const start = Date.parse(url.searchParams.get('start') ?? '');
    const body = this.measurements.filter((m) => !(Date.parse(m.timestamp) < start));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webservices/rest-api/v2`;
  }
  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

describe('PEGELONLINE poller', () => {
  const catalogue = new CatalogueIndex(loadCatalogue(path.join(ROOT, 'rules', 'catalogue.yaml')));
  let api: FakePegelonline;
  let bus: EmbeddedBus;
  let codec: AvroCodec;
  let store: EmbeddedStore;
  let clock: ManualClock;
  let intake: ReadingIntake;

  beforeEach(async () => {
    api = new FakePegelonline();
    await api.start();
    bus = new EmbeddedBus();
    await bus.createTopics(defaultTopicSpecs());
    codec = new AvroCodec();
    store = new EmbeddedStore();
    clock = new ManualClock(Date.parse('2024-03-10T10:50:00+01:00'));
    const validator = new ReadingValidator(catalogue, { maxClockSkewMs: 300_000, maxAgeMs: 7 * 86_400_000 });
    intake = new ReadingIntake(new EventBus(bus, codec), validator, intakeMetrics(createMetrics({ defaultMetrics: false }).registry), clock, { maxInFlight: 1000, publishTimeoutMs: 5000, retryAfterS: 1, maxDeadLetterBytes: 65536 });
  });
  afterEach(async () => {
    await api.close();
    await bus.close();
  });

  const poller = (intervalMs = 1000) => new PegelonlinePoller(intake, store, clock, silentLogger, { baseUrl: api.url, gauges: new Map([[UUID, 'volme-eckesey']]), intervalMs, lookbackMs: 6 * 3_600_000 });
  const readings = async () => (await readTopic<SensorReading>(bus, codec, Topics.readings)).map((r) => r.value);

  it('publishes recorded water levels as readings of the mapped station, then resumes after the last timestamp seen', async () => {
    const p = poller();
    expect(await p.pollOnce(UUID)).toBe(8);
    expect(api.requests[0].start).toBe(new Date(clock.now() - 6 * 3_600_000).toISOString());
    let got = await readings();
    expect(got).toHaveLength(8);
    expect(got[0]).toMatchObject({ stationId: 'volme-eckesey', quantity: 'water_level', value: 254, unit: 'cm', source: 'pegelonline', observedAt: Date.parse('2024-03-10T07:00:00Z'), quality: 'good' });
    expect(await p.lastSeen(UUID)).toBe(Date.parse(RECORDED[7].timestamp));

    api.measurements = RECORDED; // four newer measurements appear
    clock.advance(3_600_000);
    expect(await p.pollOnce(UUID)).toBe(4);
    expect(api.requests[1].start).toBe(new Date(Date.parse(RECORDED[7].timestamp) + 1).toISOString());
    got = await readings();
    expect(got.map((r) => r.value)).toEqual(RECORDED.map((m) => m.value));

    // A new poller (a restart) resumes from the stored position: nothing is fetched twice.
    expect(await poller().pollOnce(UUID)).toBe(0);
    expect(api.requests[2].start).toBe(new Date(Date.parse(RECORDED[11].timestamp) + 1).toISOString());
  });

  it('dead-letters malformed measurements with their raw JSON and keeps the good ones', async () => {
    api.measurements = [RECORDED[0], { timestamp: RECORDED[1].timestamp, value: 'n/a' } as never, { value: 12 } as never, RECORDED[2]];
    await poller().pollOnce(UUID);
    expect((await readings()).map((r) => r.value)).toEqual([254, 255]);
    const dead = (await readTopic<RejectedInput>(bus, codec, Topics.deadReadings)).map((d) => d.value);
    expect(dead.map((d) => [d.reason, d.source, Buffer.from(d.payload).toString()])).toEqual([
      ['wrong-type', `pegelonline:${UUID}`, JSON.stringify({ timestamp: RECORDED[1].timestamp, value: 'n/a' })],
      ['missing-field', `pegelonline:${UUID}`, '{"value":12}'],
    ]);
  });

  it('backs off with doubling waits while the API fails and polls normally again after it recovers', async () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => pollDelay(100, n))).toEqual([100, 200, 400, 800, 1600, 1600, 1600]);
    api.failNext = 3;
    const p = poller(40);
    p.start();
    try {
      const deadline = Date.now() + 5000;
      while (api.requests.length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    } finally {
      await p.stop();
    }
    const at = api.requests.map((r) => r.at);
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    // After failures 1, 2, 3 the waits are 80, 160, 320 ms; after the success 40 ms again.
    expect(gaps[0]).toBeGreaterThanOrEqual(75);
    expect(gaps[1]).toBeGreaterThanOrEqual(155);
    expect(gaps[2]).toBeGreaterThanOrEqual(315);
    expect(gaps[3]).toBeLessThan(200);
    expect(p.failureCount(UUID)).toBe(0);
    expect((await readings()).length).toBe(8);
    // Failed polls did not move the position: the successful one asked from the lookback start.
    expect(new Set(api.requests.slice(0, 4).map((r) => r.start)).size).toBe(1);
  });
});

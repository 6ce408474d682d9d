/**
 * Accepted readings per second through the HTTP batch endpoint into the bus: the real runtime
 * with the ingest service (validation, Avro encoding, publish to readings.v1), batches of
 * `batchSize` JSON readings posted by `concurrency` clients over keep-alive HTTP.
 */
import type { Bus } from '../services/core/bus/bus';
import { loadConfig } from '../services/core/config/config';
import { silentLogger } from '../services/core/observability/logger';
import { createMetrics } from '../services/core/observability/metrics';
import { startRuntime } from '../services/core/runtime/runtime';
import { EmbeddedStore } from '../services/core/store/embedded/embedded-store';
import { INGEST_READINGS_PATH } from '../services/ingest/http/ingest-routes';
import { ingestService } from '../services/ingest/service';

export interface IngestResult {
  bus: string;
  readings: number;
  batchSize: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50BatchMs: number;
  p99BatchMs: number;
}

const GAUGES = ['volme-eckesey', 'volme-dahl', 'ennepe-haspe', 'lenne-hohenlimburg', 'ruhr-hengstey'];
const KEY = 'bench-key-0123456789abcdef';

export async function benchIngest(bus: Bus, readings: number, options: { batchSize?: number; concurrency?: number } = {}): Promise<IngestResult> {
  const batchSize = options.batchSize ?? 500;
  const concurrency = options.concurrency ?? 4;
  const config = loadConfig({ ...process.env, HTTP_PORT: '0', FRUEHWARN_DATA_DIR: 'none', LOG_LEVEL: 'silent', FRUEHWARN_SERVICES: 'ingest', INGEST_API_KEYS: `bench=${KEY}`, INGEST_MAX_BATCH: String(batchSize) });
  const runtime = await startRuntime(config, [ingestService], { bus, store: new EmbeddedStore(), logger: silentLogger, metrics: createMetrics({ defaultMetrics: false }) });
  // Distinct observation times (one per second, going back from now) keep every id unique and inside the accepted age.
  const base = Date.now() - 60_000;
  const bodies: string[] = [];
  for (let i = 0; i < readings; i += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, readings - i) }, (_, j) => {
      const n = i + j;
      return { stationId: GAUGES[n % GAUGES.length], quantity: 'water_level', value: 150 + (n % 40), unit: 'cm', observedAt: base - Math.floor(n / GAUGES.length) * 1000 };
    });
    bodies.push(JSON.stringify(batch));
  }
  const latencies: number[] = [];
  let accepted = 0;
  let next = 0;
  const started = process.hrtime.bigint();
  const client = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      const t0 = process.hrtime.bigint();
      const res = await fetch(runtime.url + INGEST_READINGS_PATH, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body });
      const answer = (await res.json()) as { accepted?: number };
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(answer).slice(0, 200)}`);
      accepted += answer.accepted ?? 0;
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await runtime.stop();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 10) / 10;
  return { bus: bus.kind, readings: accepted, batchSize, concurrency, seconds, perSecond: accepted / seconds, p50BatchMs: pct(0.5), p99BatchMs: pct(0.99) };
}

/**
 * Web push fan-out: one alert to N subscriptions spread over the city, through the notify
 * fan-out (routing by polygon, dedup stage, retry stage, worker-thread encryption) to a local
 * push service that decrypt-checks a sample. Prints subscriptions/s, seconds and memory.
 */
import * as webpush from 'web-push';
import { CatalogueIndex } from '../services/core/catalogue/catalogue';
import { loadCatalogue } from '../services/core/catalogue/load-catalogue';
import { EmbeddedStore } from '../services/core/store/embedded/embedded-store';
import type { Store } from '../services/core/store/store';
import { fanout, type ChannelRoute } from '../services/notify/fanout';
import { dedupStage } from '../services/notify/pipeline/dedup-stage';
import { retryStage } from '../services/notify/pipeline/retry-stage';
import { recipientOf, SubscriptionRegistry } from '../services/notify/subscriptions/subscription-registry';
import { PushWorkerPool } from '../services/notify/webpush/push-worker-pool';
import { pushPayloadFor } from '../services/notify/webpush/push-payload';
import { sampleAlert } from '../services/notify/test-support/sample-alert';
import { subscriberKeys, type SubscriberKeys } from '../test/support/push-endpoint';
import { containsPoint } from '../services/notify/routing/area-geometry';
import type { Area } from '../services/core/catalogue/catalogue';
import { fork } from 'node:child_process';
import * as path from 'node:path';

export interface FanoutResult {
  subscriptions: number;
  delivered: number;
  seconds: number;
  perSecond: number;
  sampledDecrypted: number;
  decryptFailures: number;
  rssMb: number;
  heapMb: number;
  threads: number;
}

/** Deterministic points (LCG) inside the city's districts, so runs are comparable. */
function* points(n: number, areas: Area[], seed = 42): Generator<[number, number]> {
  let s = seed;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let i = 0; i < n; ) {
    const p: [number, number] = [7.36 + next() * 0.26, 51.26 + next() * 0.165];
    if (areas.some((a) => containsPoint(a.geometry, p[0], p[1]))) {
      i++;
      yield p;
    }
  }
}

interface PushServiceReport {
  received: number;
  decrypted: number;
  decryptFailures: number;
  missingVapid: number;
}

/** The push service in its own process, like a remote one: it does not steal the fan-out's event loop. */
async function startPushService(keys: SubscriberKeys[]): Promise<{ url: string; report(): Promise<PushServiceReport>; close(): void }> {
  const child = fork(path.join(__dirname, 'push-service.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ keys: keys.map((k) => ({ privateKey: k.ecdh.getPrivateKey().toString('base64url'), p256dh: k.p256dh, auth: k.auth })) });
  const { url } = await new Promise<{ url: string }>((resolve) => child.once('message', (m) => resolve(m as { url: string })));
  return {
    url,
    report: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as PushServiceReport));
        child.send({ report: true });
      }),
    close: () => child.kill(),
  };
}

export async function benchFanout(options: { subscriptions: number; threads: number; store?: Store }): Promise<FanoutResult> {
  const catalogue = new CatalogueIndex(loadCatalogue(path.join(__dirname, '..', '..', 'rules', 'catalogue.yaml')));
  const store = options.store ?? new EmbeddedStore();
  const registry = new SubscriptionRegistry(store, 'bench-secret');
  // Subscriber key pairs are expensive to make; 500 distinct ones cover 200,000 endpoints.
  const keyPool: SubscriberKeys[] = Array.from({ length: 500 }, () => subscriberKeys());
  const endpoint = await startPushService(keyPool);
  let i = 0;
  for (const [lon, lat] of points(options.subscriptions, [...catalogue.areas.values()])) {
    const k = keyPool[i % keyPool.length];
    await registry.subscribe({ channel: 'webpush', address: `${endpoint.url}/s/${i}`, keys: { p256dh: k.p256dh, auth: k.auth }, place: { lon, lat }, language: i % 5 === 0 ? 'en' : 'de', exercises: false });
    i++;
  }
  const pool = new PushWorkerPool({ vapid: { subject: 'mailto:bench@hagen.example', ...webpush.generateVAPIDKeys() }, threads: options.threads, batchSize: 256 });
  const route: ChannelRoute<string> = {
    channel: 'webpush',
    notifier: pool,
    stages: [dedupStage(store, { leaseMs: 60_000, rememberMs: 3600_000 }), retryStage({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 })],
    render: (a, lang) => pushPayloadFor(a, lang, 'https://warnung.hagen.example'),
  };
  // The whole city: every district.
  const alert = sampleAlert({ identifier: `bench-${Date.now()}`, areaIds: [...catalogue.areas.keys()] });
  const started = process.hrtime.bigint();
  const subs = await registry.findInAreas([...catalogue.areas.values()]);
  const result = await fanout(alert, subs.map(recipientOf), new Map([['webpush', route as ChannelRoute]]), { concurrency: 2048 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mem = process.memoryUsage();
  await pool.close();
  const report = await endpoint.report();
  endpoint.close();
  return {
    subscriptions: options.subscriptions,
    delivered: result.deliveries.filter((d) => d.outcome === 'sent').length,
    seconds,
    perSecond: result.deliveries.length / seconds,
    sampledDecrypted: report.decrypted,
    decryptFailures: report.decryptFailures + report.missingVapid,
    rssMb: mem.rss / 2 ** 20,
    heapMb: mem.heapUsed / 2 ** 20,
    threads: options.threads,
  };
}

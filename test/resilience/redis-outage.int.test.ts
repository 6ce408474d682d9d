/**
 * Redis goes away while notify is delivering: deliveries pause (the store's commands wait in
 * ioredis' offline queue), /readyz answers 503 and names the store as the reason, and when Redis
 * is back every alert reaches every subscriber exactly once: none lost, none pushed twice.
 * A private redis-server (append-only file) is stopped and started; the bus is the embedded one,
 * because the subject here is the store.
 */
import { Topics } from '../../services/core/bus/topics';
import type { Alert } from '../../services/core/model/alert';
import type { Delivery } from '../../services/core/model/delivery';
import { RedisStore } from '../../services/core/store/redis/redis-store';
import { notifyService } from '../../services/notify/service';
import { sampleAlert } from '../../services/notify/test-support/sample-alert';
import { eventually } from '../infra/integration';
import { startPushEndpoint, subscriberKeys, type PushEndpoint, type SubscriberKeys } from '../support/push-endpoint';
import { startTestRuntime } from '../support/runtime-harness';
import { sleep } from './support/free-port';
import { PrivateRedis } from './support/private-redis';
import { describeResilience } from './support/requirements';

type Harness = Awaited<ReturnType<typeof startTestRuntime>>;

interface Readiness {
  status: string;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

describeResilience('notify while Redis stops and starts again (private redis-server)', () => {
  let redis: PrivateRedis;
  let store: RedisStore;
  let h: Harness;
  let push: PushEndpoint;
  const keys = new Map<string, SubscriberKeys>();

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    push = await startPushEndpoint({ keysFor: (p) => keys.get(p) });
    store = new RedisStore({ url: redis.url });
    h = await startTestRuntime([notifyService], { store, env: { NOTIFY_PUSH_THREADS: '1' } });
  }, 60_000);

  afterAll(async () => {
    await h?.stop();
    // A store passed in is the caller's to close (the runtime closes only what it built).
    await store?.close();
    await push?.close();
    await redis?.stop();
  }, 30_000);

  async function deliveries(): Promise<Delivery[]> {
    const out: Delivery[] = [];
    for (const end of await h.bus.endOffsets(Topics.deliveries))
      for (const m of await h.bus.read(Topics.deliveries, end.partition, 0, 100_000)) out.push(await h.context.codec.decode<Delivery>('Delivery', m.value));
    return out;
  }

  async function readiness(): Promise<{ status: number; body: Readiness }> {
    const res = await fetch(`${h.url}/readyz`);
    return { status: res.status, body: (await res.json()) as Readiness };
  }

  const publish = (alert: Alert) => h.context.events.publish<Alert>(Topics.alerts, [{ key: alert.incidentId, value: alert }]);
  const alertNo = (n: number) => sampleAlert({ identifier: `fw.059140000000.outage-${n}.1`, incidentId: `outage-${n}`, areaIds: ['hagen-mitte'] });

  it('pauses without losing or repeating deliveries and says why in /readyz', async () => {
    const names = ['a', 'b', 'c'];
    for (const name of names) {
      const k = subscriberKeys();
      keys.set(`/${name}`, k);
      const res = await fetch(`${h.url}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: `${push.url}/${name}`, keys: { p256dh: k.p256dh, auth: k.auth } }, place: { areaId: 'hagen-mitte' }, language: 'de' }) });
      expect(res.status).toBe(201);
    }
    expect((await readiness()).status).toBe(200);

    // Before the outage: one alert, three pushes.
    await publish(alertNo(1));
    await eventually(async () => (await deliveries()).length === 3, 10_000);
    expect(push.received).toBe(3);

    // Redis stops. Readiness goes red and names the store; alerts arriving now are not delivered yet.
    await redis.halt();
    const down = await eventually(async () => {
      const r = await readiness();
      return r.status === 503 ? r : null;
    }, 10_000);
    expect(down.body.checks.store).toEqual({ ok: false, detail: 'redis store is not connected' });
    expect(down.body.checks.bus.ok).toBe(true);
    await publish(alertNo(2));
    await publish(alertNo(3));
    await sleep(1500);
    expect(push.received).toBe(3);
    expect((await deliveries()).length).toBe(3);
    expect((await readiness()).status).toBe(503);

    // Redis is back (same data): deliveries resume, readiness recovers.
    const downFor = Date.now();
    await redis.resume();
    await eventually(async () => (await deliveries()).length === 9, 20_000);
    const resumedAfterMs = Date.now() - downFor;
    await eventually(async () => (await readiness()).status === 200, 10_000);

    // Exactly once: each (alert, recipient) sent one time, nothing more pushed after a pause.
    await sleep(500);
    const all = await deliveries();
    expect(all.length).toBe(9);
    expect(all.every((d) => d.outcome === 'sent')).toBe(true);
    const pairs = all.map((d) => `${d.alertIdentifier}|${d.recipientRef}`);
    expect(new Set(pairs).size).toBe(9);
    expect(new Set(all.map((d) => d.alertIdentifier))).toEqual(new Set([1, 2, 3].map((n) => alertNo(n).identifier)));
    expect(push.received).toBe(9);
    expect(push.decryptFailures).toBe(0);

    // A redelivery after the outage (same revision again) is still recognised as a duplicate: the dedup keys survived.
    await publish(alertNo(2));
    await eventually(async () => (await deliveries()).length === 12, 10_000);
    const second = (await deliveries()).filter((d) => d.alertIdentifier === alertNo(2).identifier);
    expect(second.map((d) => `${d.outcome}:${d.error ?? ''}`).sort()).toEqual(['sent:', 'sent:', 'sent:', 'skipped:duplicate', 'skipped:duplicate', 'skipped:duplicate']);
    expect(push.received).toBe(9);
    process.stderr.write(`redis outage: deliveries resumed ${resumedAfterMs} ms after Redis started again\n`);
  }, 60_000);
});

import { Topics } from '../core/bus/topics';
import type { Alert } from '../core/model/alert';
import type { Delivery } from '../core/model/delivery';
import { eventually } from '../../test/infra/integration';
import { startPushEndpoint, subscriberKeys, type PushEndpoint, type SubscriberKeys } from '../../test/support/push-endpoint';
import { startTestRuntime } from '../../test/support/runtime-harness';
import { notifyService } from './service';
import { sampleAlert } from './test-support/sample-alert';

type Harness = Awaited<ReturnType<typeof startTestRuntime>>;

async function readDeliveries(h: Harness): Promise<Delivery[]> {
  const out: Delivery[] = [];
  for (const end of await h.bus.endOffsets(Topics.deliveries))
    for (const m of await h.bus.read(Topics.deliveries, end.partition, 0, 100_000)) out.push(await h.context.codec.decode<Delivery>('Delivery', m.value));
  return out;
}

describe('notify service', () => {
  let h: Harness;
  let push: PushEndpoint;
  const keys = new Map<string, SubscriberKeys>();

  beforeEach(async () => {
    push = await startPushEndpoint({ keysFor: (p) => keys.get(p) });
    h = await startTestRuntime([notifyService], { env: { NOTIFY_PUSH_THREADS: '1' } });
  });
  afterEach(async () => {
    await h.stop();
    await push.close();
  });

  async function subscribe(name: string, place: object, extra: object = {}): Promise<string> {
    const k = subscriberKeys();
    keys.set(`/${name}`, k);
    const res = await fetch(`${h.url}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: `${push.url}/${name}`, keys: { p256dh: k.p256dh, auth: k.auth } }, place, language: 'de', ...extra }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  async function publish(alert: Alert): Promise<void> {
    await h.context.events.publish<Alert>(Topics.alerts, [{ key: alert.incidentId, value: alert }]);
  }

  it('pushes a released alert to exactly the subscribers inside the area, once', async () => {
    await subscribe('inside', { lon: 7.47, lat: 51.36 }); // Hagen-Mitte
    await subscribe('outside', { lon: 7.47, lat: 51.40 }); // Hagen-Nord
    await subscribe('area', { areaId: 'hagen-mitte' }, { exercises: true });
    const goneId = await subscribe('expired/gone', { lon: 7.48, lat: 51.37 });

    const alert = sampleAlert({ areaIds: ['hagen-mitte'] });
    await publish(alert);
    await eventually(async () => (await readDeliveries(h)).length === 3, 10_000);
    expect(push.received).toBe(2);
    expect(push.decryptFailures).toBe(0);
    const payloads = push.decrypted.map((d) => JSON.parse(d) as { title: string; level: number; url: string });
    expect(payloads.every((p) => p.title === 'Hochwasser an der Volme in Hagen-Mitte' && p.level === 3)).toBe(true);
    expect(payloads[0].url).toContain('/api31/warnings/');

    const deliveries = await readDeliveries(h);
    expect(deliveries.map((d) => d.outcome).sort()).toEqual(['expired', 'sent', 'sent']);
    // No personal data on the bus: refs only.
    expect(JSON.stringify(deliveries)).not.toContain(push.url);
    // The expired subscription was erased.
    expect((await fetch(`${h.url}/api/v1/subscriptions/${goneId}`)).status).toBe(404);

    // The same revision again (a redelivered or replayed message): nobody is pushed twice.
    await publish(alert);
    await eventually(async () => (await readDeliveries(h)).length === 5, 10_000);
    expect(push.received).toBe(2);
    expect((await readDeliveries(h)).slice(3).map((d) => [d.outcome, d.error])).toEqual([
      ['skipped', 'duplicate'],
      ['skipped', 'duplicate'],
    ]);
  });

  it('sends exercises only to those who opted in, and drafts to nobody', async () => {
    await subscribe('plain', { lon: 7.47, lat: 51.36 });
    await subscribe('optin', { lon: 7.47, lat: 51.365 }, { exercises: true });
    await publish(sampleAlert({ identifier: 'draft-1', scope: 'Restricted', released: false, state: 'pending' }));
    await publish(sampleAlert({ identifier: 'exercise-1', status: 'Exercise' }));
    await eventually(async () => (await readDeliveries(h)).length === 2, 10_000);
    expect(push.received).toBe(1);
    expect(JSON.parse(push.decrypted[0]).title).toMatch(/^\[ÜBUNG\]/);
    const outcomes = (await readDeliveries(h)).map((d) => `${d.alertIdentifier}:${d.outcome}:${d.error ?? ''}`).sort();
    expect(outcomes).toEqual(['exercise-1:sent:', 'exercise-1:skipped:not-opted-in']);
  });

  it('validates subscriptions with problem+json and erases on request', async () => {
    const bad = await fetch(`${h.url}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: 'ftp://x' }, place: { lon: 7.4, lat: 51.3 } }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await bad.json()) as { field: string }).field).toBe('/subscription/endpoint');
    const noArea = await fetch(`${h.url}/api/v1/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subscription: { endpoint: 'https://push.example/x', keys: { p256dh: subscriberKeys().p256dh, auth: 'AAAAAAAAAAAAAAAAAAAAAA' } }, place: { areaId: 'atlantis' } }) });
    expect(noArea.status).toBe(400);

    const id = await subscribe('erase-me', { lon: 7.47, lat: 51.36 });
    expect((await fetch(`${h.url}/api/v1/subscriptions/${id}`)).status).toBe(200);
    expect((await fetch(`${h.url}/api/v1/subscriptions/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${h.url}/api/v1/subscriptions/${id}`)).status).toBe(404);
    expect(await h.store.keys('notify:sub')).toEqual([]);
  });

  it('answers which warnings apply at a place', async () => {
    await publish(sampleAlert({ areaIds: ['hagen-mitte'] }));
    const at = async (lon: number, lat: number) => ((await (await fetch(`${h.url}/api/v1/places/warnings?lon=${lon}&lat=${lat}`)).json()) as { warnings: unknown[] }).warnings.length;
    await eventually(async () => (await at(7.47, 51.36)) === 1, 5000);
    expect(await at(7.47, 51.40)).toBe(0);
    expect((await fetch(`${h.url}/api/v1/places/warnings?lon=abc&lat=1`)).status).toBe(400);
  });
});

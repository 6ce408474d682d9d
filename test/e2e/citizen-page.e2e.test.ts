import { join } from 'node:path';
import { startPushEndpoint, subscriberKeys, type PushEndpoint, type SubscriberKeys } from '../support/push-endpoint';
import { apiSession, gaugeReadings, newPage, publishReadings, SCREENSHOTS, startApp, type App } from './support/console-app';

jest.setTimeout(120_000);

describe("citizens' page in a real browser", () => {
  let app: App;
  let push: PushEndpoint;
  const keys = new Map<string, SubscriberKeys>();

  beforeAll(async () => {
    push = await startPushEndpoint({ keysFor: (p) => keys.get(p) });
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await push?.close();
  });

  it('subscribes a typed place to push warnings, receives the released warning, shows it, and erases the subscription', async () => {
    const subscriber = subscriberKeys();
    keys.set('/citizen-1', subscriber);
    const { context, page, errors } = await newPage(app);
    await context.grantPermissions(['notifications']);
    // Headless Chromium has no connection to a browser push service: the page's subscribe() gets
    // an endpoint on the local push service instead, with real keys, so notify's encrypted push
    // is decrypted there. Everything else (service worker, VAPID key, API) is the page's own path.
    await page.addInitScript(({ endpoint, p256dh, auth }) => {
      const sub = { endpoint, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }), unsubscribe: async () => true };
      PushManager.prototype.subscribe = async function () {
        (window as unknown as { subscribed: boolean }).subscribed = true;
        return sub as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () => sub as unknown as PushSubscription;
    }, { endpoint: `${push.url}/citizen-1`, p256dh: subscriber.p256dh, auth: subscriber.auth });

    await page.goto('/citizen/');
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/citizen/'))?.scope)).toMatch(/\/citizen\/$/);
    const manifest = await (await fetch(`${app.url}/citizen/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ start_url: '/citizen/', display: 'standalone' });

    // Coordinates in Hagen-Mitte, typed.
    await page.getByLabel(/Breite/).fill('51.3600');
    await page.getByLabel(/Länge/).fill('7.4700');
    await page.getByRole('button', { name: 'Ort übernehmen' }).click();
    await page.getByText('Derzeit keine Warnungen für diesen Ort.').waitFor();
    await page.getByRole('button', { name: 'Warnungen abonnieren' }).click();
    await page.getByRole('status').filter({ hasText: 'Abonniert' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { subscribed?: boolean }).subscribed)).toBe(true);
    const saved = JSON.parse((await page.evaluate(() => localStorage.getItem('fruehwarn.subscription')))!) as { id: string };
    const stored = await (await fetch(`${app.url}/api/v1/subscriptions/${saved.id}`)).json();
    expect(stored).toMatchObject({ channel: 'webpush', place: { lon: 7.47, lat: 51.36 }, language: 'de' });

    // A flood incident in Hagen-Mitte, released by an officer over the API.
    await publishReadings(app, gaugeReadings('volme-eckesey', [240, 255, 258, 262, 266, 270, 273], Date.now() - 30 * 60_000));
    const officer = await apiSession(app, 'officer');
    const incident = await waitFor(async () => {
      const { incidents } = (await (await fetch(`${app.url}/api/v1/incidents?state=pending`, { headers: officer.headers })).json()) as { incidents: { id: string; hazard: string }[] };
      return incidents.find((i) => i.hazard === 'flood');
    });
    const release = await fetch(`${app.url}/api/v1/incidents/${incident.id}/commands`, { method: 'POST', headers: officer.headers, body: JSON.stringify({ action: 'release' }) });
    expect(release.status).toBe(202);

    // The push arrives, encrypted for this subscriber, and names the warning.
    const message = await waitFor(async () => push.decrypted.find((m) => m.includes('Hagen-Mitte')));
    expect(JSON.parse(message)).toMatchObject({ hazard: 'flood', msgType: 'Alert', incidentId: incident.id });
    expect(push.decryptFailures).toBe(0);

    // The page shows the current warning for the place.
    await waitFor(async () => {
      await page.getByRole('button', { name: 'Ort übernehmen' }).click();
      return (await page.locator('#warnings article.warning-card').count()) > 0 || null;
    });
    expect(await page.locator('#warnings').textContent()).toMatch(/Hochwasser · Stufe 1/);
    await page.screenshot({ path: join(SCREENSHOTS, 'citizen-page.png'), fullPage: true });

    // Unsubscribe erases the subscription at the server.
    await page.getByRole('button', { name: 'Abbestellen und Daten löschen' }).click();
    await page.getByRole('status').filter({ hasText: 'Daten wurden gelöscht' }).waitFor();
    expect((await fetch(`${app.url}/api/v1/subscriptions/${saved.id}`)).status).toBe(404);
    expect(await page.evaluate(() => localStorage.getItem('fruehwarn.subscription'))).toBeNull();
    expect(errors).toEqual([]);
  });

  it('rate-limits the citizens\' API per client and says when to come back', async () => {
    const statuses = await Promise.all(Array.from({ length: 90 }, () => fetch(`${app.url}/console/api/citizen/areas`).then((r) => ({ status: r.status, retry: r.headers.get('retry-after') }))));
    const limited = statuses.filter((s) => s.status === 429);
    expect(statuses.filter((s) => s.status === 200).length).toBeLessThanOrEqual(61);
    expect(limited.length).toBeGreaterThanOrEqual(29);
    expect(Number(limited[0]!.retry)).toBeGreaterThanOrEqual(1);
  });
});

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

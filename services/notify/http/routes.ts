import { readBody, sendJson } from '../../core/http/body';
import { HttpError, problem } from '../../core/http/problem';
import type { Router } from '../../core/http/router';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { NotifyService } from '../notify-service';
import type { Place, Subscription } from '../subscriptions/subscription-registry';

function bad(detail: string, field: string): HttpError {
  return new HttpError(problem(400, 'invalid-subscription', 'Invalid subscription', detail, { field }));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

/** Validates a subscription request; every refusal names the field. */
export function parseSubscriptionRequest(body: unknown, catalogue: CatalogueIndex, channels: string[]): Omit<Subscription, 'id' | 'ref' | 'createdAt'> {
  if (!isObject(body)) throw bad('The body must be a JSON object.', '');
  const channel = body.channel ?? 'webpush';
  if (typeof channel !== 'string' || !channels.includes(channel)) throw bad(`channel must be one of ${channels.join(', ')}.`, '/channel');
  const language = body.language ?? 'de';
  if (language !== 'de' && language !== 'en') throw bad('language must be "de" or "en".', '/language');
  let place: Place;
  const p = body.place;
  if (isObject(p) && typeof p.areaId === 'string') {
    if (!catalogue.area(p.areaId)) throw bad(`There is no area "${p.areaId}".`, '/place/areaId');
    place = { areaId: p.areaId };
  } else if (isObject(p) && finite(p.lon, -180, 180) && finite(p.lat, -90, 90)) place = { lon: p.lon, lat: p.lat };
  else throw bad('place must be {"lon": number, "lat": number} or {"areaId": string}.', '/place');
  let address: string;
  let keys: Subscription['keys'];
  if (channel === 'webpush') {
    const s = body.subscription;
    if (!isObject(s) || typeof s.endpoint !== 'string' || !/^https?:\/\//.test(s.endpoint) || s.endpoint.length > 2048) throw bad('subscription.endpoint must be the push service URL.', '/subscription/endpoint');
    const k = s.keys;
    if (!isObject(k) || typeof k.p256dh !== 'string' || typeof k.auth !== 'string' || !/^[A-Za-z0-9_-]{80,100}$/.test(k.p256dh) || !/^[A-Za-z0-9_-]{16,24}$/.test(k.auth)) throw bad('subscription.keys.p256dh and .auth must be the browser\'s base64url keys.', '/subscription/keys');
    address = s.endpoint;
    keys = { p256dh: k.p256dh, auth: k.auth };
  } else if (channel === 'sms') {
    if (typeof body.phone !== 'string' || !/^\+[1-9]\d{6,14}$/.test(body.phone)) throw bad('phone must be an E.164 number such as +4923311234567.', '/phone');
    address = body.phone;
  } else {
    if (typeof body.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(body.email) || body.email.length > 254) throw bad('email must be an e-mail address.', '/email');
    address = body.email;
  }
  return { channel: channel as Subscription['channel'], address, keys, place, language, exercises: body.exercises === true };
}

/**
 * Citizens' subscription API. The subscription id is the only credential: it is returned once,
 * kept by the browser, and erases everything with one DELETE.
 */
export function mountNotifyRoutes(router: Router, service: NotifyService, catalogue: CatalogueIndex): void {
  router.get('/api/v1/push/vapid-public-key', (_req, res) => sendJson(res, 200, { publicKey: service.config.vapid.publicKey }));

  router.post('/api/v1/subscriptions', async (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, 16 * 1024)).toString('utf8'));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw bad('The body is not valid JSON.', '');
    }
    const input = parseSubscriptionRequest(body, catalogue, service.channels());
    const sub = await service.registry.subscribe(input);
    sendJson(res, 201, { id: sub.id, channel: sub.channel, place: sub.place, language: sub.language, exercises: sub.exercises }, { location: `/api/v1/subscriptions/${sub.id}` });
  });

  router.get('/api/v1/subscriptions/:id', async (_req, res, params) => {
    const sub = await service.registry.get(params.id);
    if (!sub) throw new HttpError(problem(404, 'unknown-subscription', 'Unknown subscription', 'No subscription has this id (it may have been erased).'));
    sendJson(res, 200, { id: sub.id, channel: sub.channel, place: sub.place, language: sub.language, exercises: sub.exercises, createdAt: new Date(sub.createdAt).toISOString() });
  });

  router.delete('/api/v1/subscriptions/:id', async (_req, res, params) => {
    const erased = await service.registry.erase(params.id);
    if (!erased) throw new HttpError(problem(404, 'unknown-subscription', 'Unknown subscription', 'No subscription has this id (it may have been erased already).'));
    res.writeHead(204);
    res.end();
  });

  router.get('/api/v1/places/warnings', (_req, res, _params, url) => {
    const lon = Number(url.searchParams.get('lon'));
    const lat = Number(url.searchParams.get('lat'));
    if (!url.searchParams.has('lon') || !url.searchParams.has('lat') || !finite(lon, -180, 180) || !finite(lat, -90, 90)) throw new HttpError(problem(400, 'invalid-place', 'Invalid place', 'lon and lat query parameters must be numbers in range.'));
    const warnings = service.warningsAt(lon, lat).map((a) => {
      const de = a.info.find((i) => i.language.startsWith('de')) ?? a.info[0];
      const en = a.info.find((i) => i.language.startsWith('en'));
      return { identifier: a.identifier, incidentId: a.incidentId, hazard: a.hazard, level: a.level, msgType: a.msgType, sent: new Date(a.sent).toISOString(), headline: { de: de?.headline, en: en?.headline }, instruction: { de: de?.instruction, en: en?.instruction }, areas: a.area.map((x) => x.areaDesc) };
    });
    sendJson(res, 200, { lon, lat, warnings }, { 'cache-control': 'no-store' });
  });
}

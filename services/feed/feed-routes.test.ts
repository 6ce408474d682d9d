import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '../core/http/router';
import { ManualClock } from '../core/observability/clock';
import { FeedState } from './feed-state';
import { mountFeedRoutes } from './feed-routes';
import { validateCap } from './cap/validate-cap';
import { sampleAlert, sampleAllClear, sampleCatalogue, SUMMER } from './testing/sample-alerts';

let server: Server;
let base: string;
const clock = new ManualClock(SUMMER + 1000);
const state = new FeedState({ catalogue: sampleCatalogue });
const warning = sampleAlert();
const exercise = sampleAlert({ incidentId: 'ex', overrides: { status: 'Exercise' } });

beforeAll(async () => {
  state.apply(warning);
  state.apply(exercise);
  const router = new Router();
  mountFeedRoutes(router, state, clock, { publicUrl: 'https://warn.hagen.example/' });
  server = createServer((req, res) => {
    void router.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

describe('feed routes', () => {
  it('serves the district dashboard as JSON with caching headers', async () => {
    const res = await get('/api31/dashboard/059140000000.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get('last-modified')).toBe(new Date(SUMMER).toUTCString());
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const body = (await res.json()) as { id: string; payload: { id: string; type: string } }[];
    expect(body.map((i) => i.id)).toEqual([warning.identifier]);
  });

  it('answers 304 to a matching If-None-Match and to If-Modified-Since, 200 after a change', async () => {
    const first = await get('/api31/dashboard/059140000000.json');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    const again = await get('/api31/dashboard/059140000000.json', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect((await get('/api31/dashboard/059140000000.json', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get('/api31/dashboard/059140000000.json', { 'if-none-match': '"other"', 'if-modified-since': lastModified })).status).toBe(200);

    const local = new FeedState({ catalogue: sampleCatalogue });
    local.apply(warning);
    const router = new Router();
    const c = new ManualClock(SUMMER + 1000);
    mountFeedRoutes(router, local, c, { publicUrl: 'http://x' });
    const s = createServer((req, res) => void router.handle(req, res));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const b = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    try {
      const r1 = await fetch(`${b}/api31/dashboard/059140000000.json`);
      const tag = r1.headers.get('etag')!;
      const lm = r1.headers.get('last-modified')!;
      c.set(SUMMER + 2 * 3600_000);
      local.apply(sampleAllClear(warning, SUMMER + 2 * 3600_000));
      const r2 = await fetch(`${b}/api31/dashboard/059140000000.json`, { headers: { 'if-none-match': tag } });
      expect(r2.status).toBe(200);
      expect(r2.headers.get('etag')).not.toBe(tag);
      const r3 = await fetch(`${b}/api31/dashboard/059140000000.json`, { headers: { 'if-modified-since': lm } });
      expect(r3.status).toBe(200);
    } finally {
      await new Promise<void>((r) => s.close(() => r()));
    }
  });

  it('rejects malformed regional keys with 400 problem+json and answers [] for unknown districts', async () => {
    for (const key of ['05914', '05914000000x', '0591400000000']) {
      const res = await get(`/api31/dashboard/${key}.json`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const p = (await res.json()) as { status: number; type: string; title: string; detail: string };
      expect(p.status).toBe(400);
      expect(p.type).toMatch(/bad-ars$/);
      expect(p.detail).toMatch(/12 digits/);
    }
    const empty = await get('/api31/dashboard/091620000000.json');
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual([]);
  });

  it('resolves every listed identifier at /warnings/{id}.json with the hash from the dashboard', async () => {
    const items = (await (await get('/api31/dashboard/059140000000.json')).json()) as { id: string; payload: { hash: string } }[];
    for (const item of items) {
      const res = await get(`/api31/warnings/${encodeURIComponent(item.id)}.json`);
      expect(res.status).toBe(200);
      const text = await res.text();
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(text).digest('hex')).toBe(item.payload.hash);
      expect(JSON.parse(text).identifier).toBe(item.id);
    }
  });

  it('serves GeoJSON with [lon, lat] and CAP XML that validates', async () => {
    const geo = (await (await get(`/api31/warnings/${warning.identifier}.geojson`)).json()) as { type: string; features: { geometry: { coordinates: number[][][] } }[] };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features[0]!.geometry.coordinates[0]![0]).toEqual([7.45, 51.35]);
    const cap = await get(`/cap/${warning.identifier}.xml`);
    expect(cap.status).toBe(200);
    expect(cap.headers.get('content-type')).toMatch(/xml/);
    const v = await validateCap(await cap.text());
    expect(v.errors).toEqual([]);
  });

  it('answers 404 problem+json for unknown identifiers and 400 for malformed ones', async () => {
    for (const path of ['/api31/warnings/fw.nope.1.json', '/api31/warnings/fw.nope.1.geojson', '/cap/fw.nope.1.xml']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const p = (await res.json()) as { status: number; identifier: string };
      expect(p.status).toBe(404);
      expect(p.identifier).toBe('fw.nope.1');
    }
    const bad = await get('/api31/warnings/a%2Cb.json');
    expect(bad.status).toBe(400);
  });

  it('lists only actual warnings on mapData and Atom unless ?status=Exercise is asked for', async () => {
    const map = (await (await get('/api31/fruehwarn/mapData.json')).json()) as { id: string; version: number }[];
    expect(map.map((m) => m.id)).toEqual([warning.identifier]);
    const ex = (await (await get('/api31/fruehwarn/mapData.json?status=Exercise')).json()) as { id: string }[];
    expect(ex.map((m) => m.id)).toEqual([exercise.identifier]);
    expect((await get('/api31/fruehwarn/mapData.json?status=Bogus')).status).toBe(400);
    const atom = await (await get('/cap/feed.atom')).text();
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(atom).toContain(`https://warn.hagen.example/cap/${warning.identifier}.xml`);
    expect(atom).not.toContain(exercise.identifier);
    expect(await (await get('/cap/feed.atom?status=Exercise')).text()).toContain(exercise.identifier);
  });

  it('serves the district RSS at NINA\'s path: actual warnings of the district only, RFC 822 dates, 400 for bad keys', async () => {
    const res = await get('/api31/mowas/rss/059140000000.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers.get('etag')).toBeTruthy();
    const rss = await res.text();
    expect(rss).toContain('<rss version="2.0">');
    expect(rss).toContain(`<guid isPermaLink="false">${warning.identifier}</guid>`);
    expect(rss).toContain(`<link>https://warn.hagen.example/api31/warnings/${encodeURIComponent(warning.identifier)}.json</link>`);
    expect(rss).toContain(`<pubDate>${new Date(warning.sent).toUTCString()}</pubDate>`);
    expect(rss).not.toContain(exercise.identifier);
    expect(await (await get('/api31/mowas/rss/059140000000.rss?status=Exercise')).text()).toContain(exercise.identifier);
    expect(await (await get('/api31/mowas/rss/051110000000.rss')).text()).not.toContain('<item>');
    const bad = await get('/api31/mowas/rss/5914.rss');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
  });

  it('serves the data version and the labels file', async () => {
    const dv = (await (await get('/api31/dynamic/version/dataVersion.json')).json()) as { version: number; hash: string; entries: unknown[] };
    expect(typeof dv.version).toBe('number');
    expect(dv.hash).toMatch(/^[0-9a-f]{64}$/);
    const labels = await get('/api/appdata/gsb/labels/de_labels.json');
    expect(labels.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await labels.json()) as Record<string, string>)['BBK-EVC-038']).toBe('Hochwasser');
  });
});

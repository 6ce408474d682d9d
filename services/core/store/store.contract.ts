import { bboxOf, boxQueryCovering } from '../geo/bbox';
import { haversineMetres } from '../geo/haversine';
import type { GeoMember, Store } from './store';

// Hagen: main station, town hall, Hohenlimburg castle; Dortmund main station as a far-away point.
const HAGEN: GeoMember[] = [
  { member: 'hbf', lon: 7.4606, lat: 51.3627 },
  { member: 'rathaus', lon: 7.4733, lat: 51.3594 },
  { member: 'hohenlimburg', lon: 7.5753, lat: 51.3526 },
  { member: 'dortmund', lon: 7.4593, lat: 51.5178 },
];
const at = (member: string) => HAGEN.find((m) => m.member === member)!;

/**
 * One suite, run unchanged against the embedded store and Redis: both must give the same
 * answers, so services behave alike in the demo and in production.
 */
export function storeContract(name: string, makeStore: () => Promise<Store>, options: { reopen?: (previous: Store) => Promise<Store> } = {}): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      // Leave nothing behind (a shared Redis sees only this run's key prefix).
      const left = await store.keys('');
      if (left.length) await store.del(...left);
      await store.close();
    });

    it('sets, gets and expires values', async () => {
      await store.set('a', '1');
      await store.set('b', '2', { ttlMs: 150 });
      expect(await store.mget(['a', 'b', 'missing'])).toEqual(['1', '2', null]);
      const ttl = await store.ttlMs('b');
      expect(ttl).not.toBeNull();
      expect(ttl!).toBeGreaterThan(0);
      expect(ttl!).toBeLessThanOrEqual(150);
      expect(await store.ttlMs('a')).toBeNull();
      await new Promise((r) => setTimeout(r, 250));
      expect(await store.get('b')).toBeNull();
      expect(await store.del('a', 'b')).toBe(1);
      expect(await store.incrBy('n', 5)).toBe(5);
      expect(await store.incrBy('n', -2)).toBe(3);
    });

    it('grants set-if-absent to exactly one of many concurrent callers', async () => {
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => store.setIfAbsent('lease', String(i), 5000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await store.get('lease')).toBe(String(winner));
    });

    it('keeps hashes', async () => {
      await store.hset('h', { a: '1', b: '2' });
      await store.hset('h', { b: '3' });
      expect(await store.hgetall('h')).toEqual({ a: '1', b: '3' });
      expect(await store.hget('h', 'b')).toBe('3');
      expect(await store.hdel('h', 'a', 'zz')).toBe(1);
      expect(await store.hgetall('h')).toEqual({ b: '3' });
    });

    it('ranges sorted sets by score with limits and reverse order', async () => {
      await store.zadd('z', [
        { member: 'c', score: 3 },
        { member: 'a', score: 1 },
        { member: 'b', score: 2 },
        { member: 'b2', score: 2 },
        { member: 'd', score: 4 },
      ]);
      expect((await store.zrangeByScore('z', 2, 3)).map((m) => m.member)).toEqual(['b', 'b2', 'c']);
      expect((await store.zrangeByScore('z', -Infinity, Infinity, { offset: 1, limit: 2 })).map((m) => m.member)).toEqual(['b', 'b2']);
      expect((await store.zrangeByScore('z', -Infinity, Infinity, { reverse: true, limit: 2 })).map((m) => m.member)).toEqual(['d', 'c']);
      expect(await store.zrangeByScore('z', 1, 2.5, { reverse: true, offset: 1 })).toEqual([
        { member: 'b', score: 2 },
        { member: 'a', score: 1 },
      ]);
      expect(await store.zrangeByScore('z', 5, 9)).toEqual([]);
      expect(await store.zrangeByScore('missing', -Infinity, Infinity)).toEqual([]);
      expect(await store.zremRangeByScore('z', 0, 1)).toBe(1);
      expect(await store.zrem('z', 'c')).toBe(1);
      expect(await store.zcard('z')).toBe(3);
    });

    it('grants set-if-absent again once the holder expired', async () => {
      expect(await store.setIfAbsent('short-lease', 'a', 80)).toBe(true);
      expect(await store.setIfAbsent('short-lease', 'b', 80)).toBe(false);
      await new Promise((r) => setTimeout(r, 150));
      expect(await store.setIfAbsent('short-lease', 'c')).toBe(true);
      expect(await store.get('short-lease')).toBe('c');
    });

    it('answers geo radius queries nearest first, with haversine distances to the metre', async () => {
      await store.geoAdd('g', HAGEN);
      const hbf = at('hbf');
      const near = await store.geoSearch('g', { lon: hbf.lon, lat: hbf.lat, radiusM: 2000 });
      expect(near.map((h) => h.member)).toEqual(['hbf', 'rathaus']);
      const wide = await store.geoSearch('g', { lon: hbf.lon, lat: hbf.lat, radiusM: 10_000 });
      expect(wide.map((h) => h.member)).toEqual(['hbf', 'rathaus', 'hohenlimburg']);
      for (const hit of wide) {
        // Redis keeps 52-bit geohashes (well under a metre off) and uses the same Earth radius.
        const p = at(hit.member);
        expect(Math.abs(hit.distanceM - haversineMetres(hbf.lon, hbf.lat, p.lon, p.lat))).toBeLessThan(1);
        expect(Math.abs(hit.lon - p.lon)).toBeLessThan(1e-5);
        expect(Math.abs(hit.lat - p.lat)).toBeLessThan(1e-5);
      }
      expect(wide[1].distanceM).toBeGreaterThan(900); // town hall, about 0.9 km
      expect(wide[2].distanceM).toBeGreaterThan(7900); // Hohenlimburg, about 8 km
      // Radius edge: Hohenlimburg is in at its own distance + 1 m and out at - 1 m.
      const edge = haversineMetres(hbf.lon, hbf.lat, at('hohenlimburg').lon, at('hohenlimburg').lat);
      expect((await store.geoSearch('g', { lon: hbf.lon, lat: hbf.lat, radiusM: edge + 1 })).map((h) => h.member)).toContain('hohenlimburg');
      expect((await store.geoSearch('g', { lon: hbf.lon, lat: hbf.lat, radiusM: edge - 1 })).map((h) => h.member)).not.toContain('hohenlimburg');
      expect(await store.geoSearch('nothing-here', { lon: hbf.lon, lat: hbf.lat, radiusM: 1000 })).toEqual([]);
    });

    it('answers geo box queries with Redis BYBOX semantics', async () => {
      await store.geoAdd('g', HAGEN);
      // 20 km east-west by 4 km north-south around a point east of the station: Dortmund is 17 km north.
      const box = await store.geoSearch('g', { lon: 7.5, lat: 51.36, widthM: 20_000, heightM: 4_000 });
      expect(box.map((h) => h.member)).toEqual(['rathaus', 'hbf', 'hohenlimburg']);
      for (const hit of box) expect(Math.abs(hit.distanceM - haversineMetres(7.5, 51.36, at(hit.member).lon, at(hit.member).lat))).toBeLessThan(1);
      // Narrower than the town hall's east-west distance from the centre: it drops out.
      const narrow = await store.geoSearch('g', { lon: 7.5, lat: 51.36, widthM: 2 * haversineMetres(7.5, 51.3594, 7.4733, 51.3594) - 2, heightM: 4_000 });
      expect(narrow.map((h) => h.member)).toEqual([]);
      // A box covering a polygon's bounding box finds members on its very corners.
      const corners: GeoMember[] = [
        { member: 'sw', lon: 7.37, lat: 51.3 },
        { member: 'se', lon: 7.6, lat: 51.3 },
        { member: 'nw', lon: 7.37, lat: 51.42 },
        { member: 'ne', lon: 7.6, lat: 51.42 },
      ];
      await store.geoAdd('corners', corners);
      const geometry = { type: 'Polygon' as const, coordinates: [[[7.37, 51.3], [7.6, 51.3], [7.6, 51.42], [7.37, 51.42], [7.37, 51.3]]] };
      const hits = await store.geoSearch('corners', boxQueryCovering(bboxOf(geometry)));
      expect(hits.map((h) => h.member).sort()).toEqual(['ne', 'nw', 'se', 'sw']);
    });

    it('reads back and removes geo members', async () => {
      await store.geoAdd('g', HAGEN);
      const pos = await store.geoPos('g', 'hbf');
      expect(pos!.lon).toBeCloseTo(7.4606, 5);
      expect(pos!.lat).toBeCloseTo(51.3627, 5);
      expect(await store.geoRemove('g', 'hbf', 'unknown')).toBe(1);
      expect(await store.geoPos('g', 'hbf')).toBeNull();
      expect((await store.geoSearch('g', { lon: 7.4606, lat: 51.3627, radiusM: 2000 })).map((h) => h.member)).toEqual(['rathaus']);
    });

    it('lists keys by prefix', async () => {
      await store.set('sub:1', 'x');
      await store.set('sub:2', 'y');
      await store.set('other', 'z');
      await store.set('sub:gone', 'z', { ttlMs: 30 });
      await store.hset('sub:h', { f: 'v' });
      await new Promise((r) => setTimeout(r, 80));
      expect(await store.keys('sub:')).toEqual(['sub:1', 'sub:2', 'sub:h']);
      expect(await store.keys('nothing:')).toEqual([]);
    });

    if (options.reopen) {
      it('keeps its data across a restart', async () => {
        await store.set('persist', 'yes');
        await store.zadd('pz', [{ member: 'm', score: 1 }]);
        await store.geoAdd('pg', [{ member: 'p', lon: 7.46, lat: 51.36 }]);
        const reopened = await options.reopen!(store);
        store = reopened;
        expect(await store.get('persist')).toBe('yes');
        expect(await store.zcard('pz')).toBe(1);
        expect((await store.geoSearch('pg', { lon: 7.46, lat: 51.36, radiusM: 10 })).map((h) => h.member)).toEqual(['p']);
      });
    }
  });
}

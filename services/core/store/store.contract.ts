import type { Store } from './store';

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
      expect(await store.zremRangeByScore('z', 0, 1)).toBe(1);
      expect(await store.zrem('z', 'c')).toBe(1);
      expect(await store.zcard('z')).toBe(3);
    });

    it('answers geo radius and box queries alike, nearest first', async () => {
      // Hagen: main station, town hall, Hohenlimburg castle, Dortmund main station.
      await store.geoAdd('g', [
        { member: 'hbf', lon: 7.4606, lat: 51.3627 },
        { member: 'rathaus', lon: 7.4733, lat: 51.3594 },
        { member: 'hohenlimburg', lon: 7.5753, lat: 51.3526 },
        { member: 'dortmund', lon: 7.4593, lat: 51.5178 },
      ]);
      const near = await store.geoSearch('g', { lon: 7.4606, lat: 51.3627, radiusM: 2000 });
      expect(near.map((h) => h.member)).toEqual(['hbf', 'rathaus']);
      expect(near[1].distanceM).toBeGreaterThan(900);
      expect(near[1].distanceM).toBeLessThan(1000);
      const wide = await store.geoSearch('g', { lon: 7.4606, lat: 51.3627, radiusM: 10_000 });
      expect(wide.map((h) => h.member)).toEqual(['hbf', 'rathaus', 'hohenlimburg']);
      expect(wide[2].distanceM).toBeGreaterThan(7900);
      expect(wide[2].distanceM).toBeLessThan(8100);
      const box = await store.geoSearch('g', { lon: 7.5, lat: 51.36, widthM: 20_000, heightM: 4_000 });
      expect(box.map((h) => h.member).sort()).toEqual(['hbf', 'hohenlimburg', 'rathaus']);
      const pos = await store.geoPos('g', 'hbf');
      expect(pos!.lon).toBeCloseTo(7.4606, 4);
      expect(pos!.lat).toBeCloseTo(51.3627, 4);
      expect(await store.geoRemove('g', 'hbf')).toBe(1);
      expect(await store.geoPos('g', 'hbf')).toBeNull();
    });

    it('lists keys by prefix', async () => {
      await store.set('sub:1', 'x');
      await store.set('sub:2', 'y');
      await store.set('other', 'z');
      expect(await store.keys('sub:')).toEqual(['sub:1', 'sub:2']);
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

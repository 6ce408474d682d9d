import type { ScoredMember, Store } from '../../core/store/store';

/**
 * Just enough of a Store for the alerts service test (get/set/zadd/zrangeByScore), used until
 * the shared EmbeddedStore exists. `failSets` makes the next n writes fail (crash simulation).
 */
export function memoryStore(): Store & { failSets: number } {
  const values = new Map<string, string>();
  const zsets = new Map<string, Map<string, number>>();
  const notUsed = (name: string) => () => Promise.reject(new Error(`memoryStore.${name} is not implemented`));
  const store = {
    kind: 'embedded' as const,
    failSets: 0,
    get: async (key: string) => values.get(key) ?? null,
    set: async (key: string, value: string) => {
      if (store.failSets > 0) {
        store.failSets--;
        throw new Error('simulated store failure');
      }
      values.set(key, value);
    },
    zadd: async (key: string, members: ScoredMember[]) => {
      const z = zsets.get(key) ?? new Map<string, number>();
      for (const m of members) z.set(m.member, m.score);
      zsets.set(key, z);
    },
    zrangeByScore: async (key: string, min: number, max: number) =>
      [...(zsets.get(key) ?? new Map<string, number>()).entries()]
        .filter(([, s]) => s >= min && s <= max)
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .map(([member, score]) => ({ member, score })),
    mget: notUsed('mget'),
    setIfAbsent: notUsed('setIfAbsent'),
    del: notUsed('del'),
    incrBy: notUsed('incrBy'),
    ttlMs: notUsed('ttlMs'),
    keys: notUsed('keys'),
    hset: notUsed('hset'),
    hget: notUsed('hget'),
    hgetall: notUsed('hgetall'),
    hdel: notUsed('hdel'),
    zrem: notUsed('zrem'),
    zremRangeByScore: notUsed('zremRangeByScore'),
    zcard: notUsed('zcard'),
    geoAdd: notUsed('geoAdd'),
    geoRemove: notUsed('geoRemove'),
    geoSearch: notUsed('geoSearch'),
    geoPos: notUsed('geoPos'),
    ping: async () => true,
    isConnected: () => true,
    close: async () => undefined,
  };
  return store as Store & { failSets: number };
}

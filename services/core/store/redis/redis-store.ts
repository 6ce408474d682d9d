import Redis from 'ioredis';
import type { Logger } from '../../observability/logger';
import type { GeoHit, GeoMember, GeoQuery, RangeOptions, ScoredMember, Store } from '../store';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key (tests use a unique prefix per run; installations may share a Redis). */
  keyPrefix?: string;
  logger?: Logger;
}

/**
 * The Store on Redis (ioredis). Auto-pipelining batches concurrent commands into one round trip,
 * which is what makes fan-out dedup of hundreds of thousands of keys affordable. Commands wait
 * in ioredis' offline queue while Redis is away; readiness reports the connection state.
 */
export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly client: Redis;
  private readonly prefix: string;

  constructor(options: RedisStoreOptions) {
    this.prefix = options.keyPrefix ?? '';
    this.client = new Redis(options.url, { enableAutoPipelining: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.client.on('error', (err: Error) => options.logger?.warn('redis error', { err: err.message }));
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return this.client.mget(keys.map((k) => this.k(k)));
  }

  async set(key: string, value: string, options: { ttlMs?: number } = {}): Promise<void> {
    if (options.ttlMs) await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(options.ttlMs)));
    else await this.client.set(this.k(key), value);
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const r = ttlMs ? await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX') : await this.client.set(this.k(key), value, 'NX');
    return r === 'OK';
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.client.del(...keys.map((k) => this.k(k)));
  }

  async incrBy(key: string, amount: number): Promise<number> {
    return this.client.incrby(this.k(key), amount);
  }

  async ttlMs(key: string): Promise<number | null> {
    const t = await this.client.pttl(this.k(key));
    return t < 0 ? null : t;
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    let cursor = '0';
    const pattern = this.k(prefix).replace(/[*?[\]\\]/g, '\\$&') + '*';
    do {
      const [next, batch] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      for (const k of batch) out.push(k.slice(this.prefix.length));
    } while (cursor !== '0');
    return [...new Set(out)].sort();
  }

  async hset(key: string, fields: Record<string, string>): Promise<void> {
    if (Object.keys(fields).length) await this.client.hset(this.k(key), fields);
  }

  async hget(key: string, field: string): Promise<string | null> {
    return this.client.hget(this.k(key), field);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return this.client.hgetall(this.k(key));
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    return fields.length ? this.client.hdel(this.k(key), ...fields) : 0;
  }

  async zadd(key: string, members: ScoredMember[]): Promise<void> {
    if (members.length === 0) return;
    await this.client.zadd(this.k(key), ...members.flatMap((m) => [String(m.score), m.member]));
  }

  async zrangeByScore(key: string, min: number, max: number, options: RangeOptions = {}): Promise<ScoredMember[]> {
    const lo = min === -Infinity ? '-inf' : String(min);
    const hi = max === Infinity ? '+inf' : String(max);
    const limit = options.limit !== undefined || options.offset ? ['LIMIT', String(options.offset ?? 0), String(options.limit ?? -1)] : [];
    // ZREVRANGEBYSCORE (not ZRANGE ... BYSCORE REV) so Redis before 6.2 works too; it orders equal
    // scores by member descending, exactly the reverse of ZRANGEBYSCORE, and applies LIMIT after reversing.
    const raw = (options.reverse
      ? await this.client.call('ZREVRANGEBYSCORE', this.k(key), hi, lo, 'WITHSCORES', ...limit)
      : await this.client.call('ZRANGEBYSCORE', this.k(key), lo, hi, 'WITHSCORES', ...limit)) as string[];
    const members: ScoredMember[] = [];
    for (let i = 0; i < raw.length; i += 2) members.push({ member: raw[i], score: Number(raw[i + 1]) });
    return members;
  }

  async zrem(key: string, ...members: string[]): Promise<number> {
    return members.length ? this.client.zrem(this.k(key), ...members) : 0;
  }

  async zremRangeByScore(key: string, min: number, max: number): Promise<number> {
    return this.client.zremrangebyscore(this.k(key), min === -Infinity ? '-inf' : min, max === Infinity ? '+inf' : max);
  }

  async zcard(key: string): Promise<number> {
    return this.client.zcard(this.k(key));
  }

  async geoAdd(key: string, members: GeoMember[]): Promise<void> {
    for (let i = 0; i < members.length; i += 5000) {
      const chunk = members.slice(i, i + 5000);
      await this.client.geoadd(this.k(key), ...chunk.flatMap((m) => [m.lon, m.lat, m.member]));
    }
  }

  async geoRemove(key: string, ...members: string[]): Promise<number> {
    return members.length ? this.client.zrem(this.k(key), ...members) : 0;
  }

  async geoSearch(key: string, query: GeoQuery): Promise<GeoHit[]> {
    const shape = 'radiusM' in query ? ['BYRADIUS', query.radiusM, 'm'] : ['BYBOX', query.widthM, query.heightM, 'm'];
    const raw = (await this.client.call('GEOSEARCH', this.k(key), 'FROMLONLAT', query.lon, query.lat, ...shape, 'ASC', 'WITHCOORD', 'WITHDIST')) as [string, string, [string, string]][];
    return raw.map(([member, dist, [lon, lat]]) => ({ member, distanceM: Number(dist), lon: Number(lon), lat: Number(lat) }));
  }

  async geoPos(key: string, member: string): Promise<GeoMember | null> {
    const [pos] = await this.client.geopos(this.k(key), member);
    return pos ? { member, lon: Number(pos[0]), lat: Number(pos[1]) } : null;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  isConnected(): boolean {
    return this.client.status === 'ready';
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

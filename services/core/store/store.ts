/**
 * Key/value state shared by the services: idempotency keys, subscriptions with a geo index,
 * engine checkpoints, incident state. Two implementations pass one contract suite
 * (store.contract.ts): EmbeddedStore (in-process, optional snapshot file) and RedisStore (ioredis).
 * Values are strings (JSON by convention); scores are numbers.
 */
export interface ScoredMember {
  member: string;
  score: number;
}

export interface GeoMember {
  member: string;
  lon: number;
  lat: number;
}

export interface GeoHit extends GeoMember {
  distanceM: number;
}

export type GeoQuery =
  | { lon: number; lat: number; radiusM: number }
  | { lon: number; lat: number; widthM: number; heightM: number };

export interface RangeOptions {
  offset?: number;
  limit?: number;
  /** Highest score first. */
  reverse?: boolean;
}

export interface Store {
  readonly kind: 'embedded' | 'redis';

  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, options?: { ttlMs?: number }): Promise<void>;
  /** Atomic: true if the key was absent and is now set (idempotency keys, leases). */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  incrBy(key: string, amount: number): Promise<number>;
  /** Remaining time to live in ms; null if the key has no TTL or does not exist. */
  ttlMs(key: string): Promise<number | null>;
  /** All keys starting with prefix (SCAN, not KEYS). */
  keys(prefix: string): Promise<string[]>;

  hset(key: string, fields: Record<string, string>): Promise<void>;
  hget(key: string, field: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, ...fields: string[]): Promise<number>;

  zadd(key: string, members: ScoredMember[]): Promise<void>;
  /** Members with min <= score <= max, lowest first unless reverse. */
  zrangeByScore(key: string, min: number, max: number, options?: RangeOptions): Promise<ScoredMember[]>;
  zrem(key: string, ...members: string[]): Promise<number>;
  zremRangeByScore(key: string, min: number, max: number): Promise<number>;
  zcard(key: string): Promise<number>;

  geoAdd(key: string, members: GeoMember[]): Promise<void>;
  geoRemove(key: string, ...members: string[]): Promise<number>;
  /** Members inside a radius or box around a point, nearest first (Redis GEOSEARCH semantics). */
  geoSearch(key: string, query: GeoQuery): Promise<GeoHit[]>;
  geoPos(key: string, member: string): Promise<GeoMember | null>;

  ping(): Promise<boolean>;
  isConnected(): boolean;
  close(): Promise<void>;
}

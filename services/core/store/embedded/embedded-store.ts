import * as fs from 'node:fs';
import * as path from 'node:path';
import { haversineMetres } from '../../geo/haversine';
import { systemClock, type Clock } from '../../observability/clock';
import type { GeoHit, GeoMember, GeoQuery, RangeOptions, ScoredMember, Store } from '../store';

type Entry =
  | { type: 'string'; value: string; expiresAt: number | null }
  | { type: 'hash'; value: Map<string, string>; expiresAt: number | null }
  | { type: 'zset'; value: Map<string, number>; expiresAt: number | null }
  | { type: 'geo'; value: Map<string, { lon: number; lat: number }>; expiresAt: number | null };

export interface EmbeddedStoreOptions {
  /** JSON snapshot written periodically and on close, loaded at start; null keeps state in memory only. */
  snapshotFile?: string | null;
  /** How often the snapshot is written when something changed (default 5 s). */
  snapshotIntervalMs?: number;
  /** How often expired keys are swept out (default 10 s); reads never see them either way. */
  sweepIntervalMs?: number;
  clock?: Clock;
}

/**
 * The in-process store: the same operations and answers as the Redis store (store.contract.ts
 * runs against both), for the one-process default and tests. Expiry is lazy (checked on every
 * read) plus a periodic sweep, so keys nobody reads again do not pile up. Operations are
 * synchronous under the hood, so set-if-absent is atomic in a single process. Timers are
 * unref'd: an open store never keeps the process alive.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly data = new Map<string, Entry>();
  private readonly now: () => number;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private readonly sweepTimer: NodeJS.Timeout;
  private closed = false;
  private dirty = false;

  constructor(private readonly options: EmbeddedStoreOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.now = () => clock.now();
    if (options.snapshotFile) {
      this.load(options.snapshotFile);
      this.snapshotTimer = setInterval(() => this.snapshot(), options.snapshotIntervalMs ?? 5000);
      this.snapshotTimer.unref();
    }
    this.sweepTimer = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 10_000);
    this.sweepTimer.unref();
  }

  /** Drops every expired key; returns how many. */
  sweep(): number {
    const now = this.now();
    let n = 0;
    for (const [key, e] of this.data) {
      if (e.expiresAt !== null && e.expiresAt <= now) {
        this.data.delete(key);
        n++;
      }
    }
    if (n) this.touch();
    return n;
  }

  /** Number of keys held, expired ones not yet swept included (for tests and metrics). */
  get size(): number {
    return this.data.size;
  }

  private live(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private typed<T extends Entry['type']>(key: string, type: T, create: boolean): Extract<Entry, { type: T }> | undefined {
    const e = this.live(key);
    if (e) {
      if (e.type !== type) throw new Error(`WRONGTYPE key ${key} holds a ${e.type}, not a ${type}`);
      return e as Extract<Entry, { type: T }>;
    }
    if (!create) return undefined;
    const fresh = { type, value: new Map(), expiresAt: null } as unknown as Extract<Entry, { type: T }>;
    this.data.set(key, fresh);
    return fresh;
  }

  private touch(): void {
    this.dirty = true;
  }

  async get(key: string): Promise<string | null> {
    const e = this.typed(key, 'string', false);
    return e ? e.value : null;
  }

  async mget(keys: string[]): Promise<(string | null)[]> {
    return keys.map((k) => {
      const e = this.live(k);
      return e && e.type === 'string' ? e.value : null;
    });
  }

  async set(key: string, value: string, options: { ttlMs?: number } = {}): Promise<void> {
    this.data.set(key, { type: 'string', value, expiresAt: options.ttlMs ? this.now() + options.ttlMs : null });
    this.touch();
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.data.set(key, { type: 'string', value, expiresAt: ttlMs ? this.now() + ttlMs : null });
    this.touch();
    return true;
  }

  async del(...keys: string[]): Promise<number> {
    let n = 0;
    for (const k of keys) if (this.live(k) && this.data.delete(k)) n++;
    if (n) this.touch();
    return n;
  }

  async incrBy(key: string, amount: number): Promise<number> {
    const e = this.typed(key, 'string', false);
    const current = e ? Number(e.value) : 0;
    if (!Number.isInteger(current)) throw new Error(`ERR value of ${key} is not an integer`);
    const next = current + amount;
    this.data.set(key, { type: 'string', value: String(next), expiresAt: e?.expiresAt ?? null });
    this.touch();
    return next;
  }

  async ttlMs(key: string): Promise<number | null> {
    const e = this.live(key);
    if (!e || e.expiresAt === null) return null;
    return e.expiresAt - this.now();
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for (const k of [...this.data.keys()]) if (k.startsWith(prefix) && this.live(k)) out.push(k);
    return out.sort();
  }

  async hset(key: string, fields: Record<string, string>): Promise<void> {
    const e = this.typed(key, 'hash', true)!;
    for (const [f, v] of Object.entries(fields)) e.value.set(f, v);
    this.touch();
  }

  async hget(key: string, field: string): Promise<string | null> {
    return this.typed(key, 'hash', false)?.value.get(field) ?? null;
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.typed(key, 'hash', false)?.value ?? []);
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    const e = this.typed(key, 'hash', false);
    if (!e) return 0;
    let n = 0;
    for (const f of fields) if (e.value.delete(f)) n++;
    if (e.value.size === 0) this.data.delete(key);
    this.touch();
    return n;
  }

  async zadd(key: string, members: ScoredMember[]): Promise<void> {
    const e = this.typed(key, 'zset', true)!;
    for (const m of members) e.value.set(m.member, m.score);
    this.touch();
  }

  async zrangeByScore(key: string, min: number, max: number, options: RangeOptions = {}): Promise<ScoredMember[]> {
    const e = this.typed(key, 'zset', false);
    if (!e) return [];
    // Redis orders equal scores by member, lexicographically.
    const sorted = [...e.value.entries()]
      .filter(([, s]) => s >= min && s <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([member, score]) => ({ member, score }));
    if (options.reverse) sorted.reverse();
    const offset = options.offset ?? 0;
    return sorted.slice(offset, options.limit !== undefined ? offset + options.limit : undefined);
  }

  async zrem(key: string, ...members: string[]): Promise<number> {
    const e = this.typed(key, 'zset', false);
    if (!e) return 0;
    let n = 0;
    for (const m of members) if (e.value.delete(m)) n++;
    if (e.value.size === 0) this.data.delete(key);
    this.touch();
    return n;
  }

  async zremRangeByScore(key: string, min: number, max: number): Promise<number> {
    const e = this.typed(key, 'zset', false);
    if (!e) return 0;
    let n = 0;
    for (const [m, s] of e.value) if (s >= min && s <= max && e.value.delete(m)) n++;
    if (e.value.size === 0) this.data.delete(key);
    this.touch();
    return n;
  }

  async zcard(key: string): Promise<number> {
    return this.typed(key, 'zset', false)?.value.size ?? 0;
  }

  async geoAdd(key: string, members: GeoMember[]): Promise<void> {
    const e = this.typed(key, 'geo', true)!;
    for (const m of members) {
      if (!(m.lon >= -180 && m.lon <= 180 && m.lat >= -85.05112878 && m.lat <= 85.05112878)) throw new Error(`ERR invalid longitude,latitude pair ${m.lon},${m.lat}`);
      e.value.set(m.member, { lon: m.lon, lat: m.lat });
    }
    this.touch();
  }

  async geoRemove(key: string, ...members: string[]): Promise<number> {
    const e = this.typed(key, 'geo', false);
    if (!e) return 0;
    let n = 0;
    for (const m of members) if (e.value.delete(m)) n++;
    if (e.value.size === 0) this.data.delete(key);
    this.touch();
    return n;
  }

  async geoSearch(key: string, query: GeoQuery): Promise<GeoHit[]> {
    const e = this.typed(key, 'geo', false);
    if (!e) return [];
    const hits: GeoHit[] = [];
    for (const [member, p] of e.value) {
      const distanceM = haversineMetres(query.lon, query.lat, p.lon, p.lat);
      if ('radiusM' in query) {
        if (distanceM <= query.radiusM) hits.push({ member, lon: p.lon, lat: p.lat, distanceM });
      } else {
        // Redis BYBOX: east-west distance measured along the point's latitude, north-south along the meridian.
        const dx = haversineMetres(query.lon, p.lat, p.lon, p.lat);
        const dy = haversineMetres(query.lon, query.lat, query.lon, p.lat);
        if (dx <= query.widthM / 2 && dy <= query.heightM / 2) hits.push({ member, lon: p.lon, lat: p.lat, distanceM });
      }
    }
    return hits.sort((a, b) => a.distanceM - b.distanceM);
  }

  async geoPos(key: string, member: string): Promise<GeoMember | null> {
    const p = this.typed(key, 'geo', false)?.value.get(member);
    return p ? { member, lon: p.lon, lat: p.lat } : null;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  isConnected(): boolean {
    return !this.closed;
  }

  /** Writes the snapshot file (temp file + rename, so a crash never leaves half a file). */
  snapshot(): void {
    const file = this.options.snapshotFile;
    if (!file || !this.dirty) return;
    const entries: unknown[] = [];
    for (const k of [...this.data.keys()]) {
      const e = this.live(k);
      if (!e) continue;
      entries.push([k, e.type, e.type === 'string' ? e.value : [...e.value.entries()], e.expiresAt]);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeFileSync(fd, JSON.stringify({ version: 1, entries }));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    this.dirty = false;
  }

  private load(file: string): void {
    if (!fs.existsSync(file)) return;
    let parsed: { version: number; entries: [string, Entry['type'], unknown, number | null][] };
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof parsed;
    } catch (err) {
      throw new Error(`The store snapshot ${file} cannot be read (${(err as Error).message}); move it aside to start empty.`);
    }
    if (parsed.version !== 1) throw new Error(`The store snapshot ${file} has version ${parsed.version}; this program reads version 1.`);
    const now = this.now();
    for (const [key, type, value, expiresAt] of parsed.entries) {
      if (expiresAt !== null && expiresAt <= now) continue;
      if (type === 'string') this.data.set(key, { type, value: value as string, expiresAt });
      else this.data.set(key, { type, value: new Map(value as [string, never][]), expiresAt } as Entry);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    clearInterval(this.sweepTimer);
    this.snapshot();
    this.closed = true;
  }
}

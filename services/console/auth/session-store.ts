import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../core/store/store';
import type { Role } from './roles';

export interface Session {
  user: string;
  role: Role;
  /** Sent back by the page in X-CSRF-Token on every POST/PUT/DELETE. */
  csrf: string;
  createdAt: number;
  /** Absolute end, whatever the activity (a shift plus margin). */
  expiresAt: number;
  /** Ends earlier when idle; moved forward on use. */
  idleUntil: number;
}

export interface SessionOptions {
  idleMs: number;
  maxMs: number;
  /** Wall clock (session expiry is real time, even when the demo simulates event time). */
  now?: () => number;
  keyPrefix?: string;
}

/**
 * Sessions live in the shared Store (embedded or Redis), so every process of an installation
 * (console, alerts behind the same ingress) can check them. The store key is a hash of the
 * token: a store dump does not hand out valid cookies.
 */
export class SessionStore {
  private readonly now: () => number;
  private readonly prefix: string;

  constructor(
    private readonly store: Store,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.prefix = options.keyPrefix ?? 'console:session:';
  }

  private key(token: string): string {
    return this.prefix + createHash('sha256').update(token).digest('base64url');
  }

  async create(user: string, role: Role): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const session: Session = { user, role, csrf: randomBytes(24).toString('base64url'), createdAt: now, expiresAt: now + this.options.maxMs, idleUntil: Math.min(now + this.options.idleMs, now + this.options.maxMs) };
    await this.save(token, session);
    return { token, session };
  }

  /** The live session of a token, extending its idle time; null when unknown or expired. */
  async get(token: string): Promise<Session | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const raw = await this.store.get(this.key(token));
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    const now = this.now();
    if (now >= session.expiresAt || now >= session.idleUntil) {
      await this.store.del(this.key(token));
      return null;
    }
    // Write back at most once a minute: the board polls, and each poll need not be a store write.
    const idleUntil = Math.min(now + this.options.idleMs, session.expiresAt);
    if (idleUntil - session.idleUntil > 60_000) {
      session.idleUntil = idleUntil;
      await this.save(token, session);
    }
    return session;
  }

  async destroy(token: string): Promise<void> {
    await this.store.del(this.key(token));
  }

  private async save(token: string, session: Session): Promise<void> {
    const ttlMs = Math.max(1, session.idleUntil - this.now());
    await this.store.set(this.key(token), JSON.stringify(session), { ttlMs });
  }
}

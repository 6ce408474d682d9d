import type { IncomingMessage } from 'node:http';
import { createHash } from 'node:crypto';
import { HttpError, problem } from '../../core/http/problem';

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * A token bucket per client, in process memory: the citizens' page and the login form need
 * protection from floods, not exact accounting across replicas (each replica limits alone).
 * Clients are kept as hashes of their address, and the table is bounded.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: RateLimit,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 50_000,
  ) {}

  /** True if the request may go ahead (and takes a token). */
  take(client: string): { ok: boolean; retryAfterS: number } {
    const now = this.now();
    const perMs = this.rate.limit / this.rate.windowMs;
    const b = this.buckets.get(client) ?? { tokens: this.rate.limit, at: now };
    b.tokens = Math.min(this.rate.limit, b.tokens + (now - b.at) * perMs);
    b.at = now;
    this.buckets.delete(client); // re-insert: Map order then is least recently used first
    this.buckets.set(client, b);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, retryAfterS: 0 };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  }

  /** Throws 429 with Retry-After when the client is over its rate. */
  check(req: IncomingMessage, trustProxy: boolean): void {
    const r = this.take(clientKey(req, trustProxy));
    if (!r.ok) throw new HttpError(problem(429, 'rate-limited', 'Too many requests', `Please wait ${r.retryAfterS} s and try again.`), { 'retry-after': String(r.retryAfterS) });
  }
}

/** The client's address (first X-Forwarded-For hop only behind a trusted proxy), hashed. */
export function clientKey(req: IncomingMessage, trustProxy: boolean): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const fwd = req.headers['x-forwarded-for'];
    const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
    if (first) address = first;
  }
  return createHash('sha256').update(address).digest('base64url').slice(0, 22);
}

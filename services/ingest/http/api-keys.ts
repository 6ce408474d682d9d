import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../../core/config/env';

/**
 * API keys per source: `INGEST_API_KEYS=stadtwerke=KEY1,ruhrverband=KEY2`. The key decides the
 * source (`http:<source>`), so a client cannot claim to be someone else. Keys are compared as
 * SHA-256 digests with timingSafeEqual against every entry, so neither the match nor its
 * position leaks through timing.
 */
export const DEMO_SOURCE = 'demo';
export const DEMO_API_KEY = 'fruehwarn-demo-key';

const SOURCE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MIN_KEY_LENGTH = 16;

interface KeyEntry {
  source: string;
  digest: Buffer;
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export class ApiKeys {
  private readonly entries: KeyEntry[];

  constructor(keys: { source: string; key: string }[]) {
    this.entries = keys.map((k) => ({ source: k.source, digest: digest(k.key) }));
  }

  /** Parses `source=key,source=key`; `name` is the variable named in errors. */
  static parse(value: string | null, name: string, options: { demo: boolean }): ApiKeys {
    const keys: { source: string; key: string }[] = [];
    for (const part of (value ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      const source = eq > 0 ? part.slice(0, eq).trim() : '';
      const key = eq > 0 ? part.slice(eq + 1).trim() : '';
      if (!SOURCE.test(source)) throw new ConfigError(`${name} has an entry with source "${source}"; expected source=key with a lower-case source of letters, digits, - or _.`);
      if (key.length < MIN_KEY_LENGTH) throw new ConfigError(`${name} has a key for "${source}" shorter than ${MIN_KEY_LENGTH} characters; use a long random key.`);
      if (keys.some((k) => k.source === source)) throw new ConfigError(`${name} names the source "${source}" twice.`);
      keys.push({ source, key });
    }
    if (options.demo && !keys.some((k) => k.source === DEMO_SOURCE)) keys.push({ source: DEMO_SOURCE, key: DEMO_API_KEY });
    return new ApiKeys(keys);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The source this key belongs to, or null. */
  sourceOf(key: string): string | null {
    const d = digest(key);
    let found: string | null = null;
    for (const e of this.entries) {
      if (timingSafeEqual(d, e.digest) && found === null) found = e.source;
    }
    return found;
  }
}
